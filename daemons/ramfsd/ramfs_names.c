// SPDX-License-Identifier: MIT
/*
 * Names: create, link, symlink, unlink, rmdir and rename.
 *
 * Each operation looks its paths up, checks everything (types, emptiness,
 * permissions, the sticky bit) and only then changes the tree, so a
 * failed call leaves it as it was. The one allocation a change may need
 * (a new directory entry) is made before anything is removed: rename
 * over an existing name re-points that entry at the moved node rather
 * than removing and re-adding it, which is what makes the replacement
 * atomic — there is no moment at which the target name is missing — and
 * lets it not fail once checked.
 *
 * Writing a directory (adding or removing names) needs write and search
 * permission on it. In a sticky directory (mode 01000, like /tmp) a name
 * may be removed or replaced only by the owner of the file, the owner of
 * the directory, or root. Moving a directory to another parent also
 * needs write permission on the directory itself, since its ".." changes.
 */
#include "ramfs_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define RAMFS_S_ISGID 02000
#define RAMFS_S_ISVTX 01000
#define RAMFS_NLINK_MAX 65000

static bool ramfs_name_is_dot(const ramfs_lookup_t *lk)
{
	return (lk->len == 1 && lk->name[0] == '.') ||
	       (lk->len == 2 && lk->name[0] == '.' && lk->name[1] == '.');
}

/* Whether cr may add or remove names in dir. */
static long ramfs_dir_writable(const ramfs_node_t *dir, const ramfs_cred_t *cr)
{
	if (dir->nlink == 0)
		return -ENOENT; /* removed: nothing may be created in it */
	return ramfs_node_access(dir, cr, RAMFS_MAY_WRITE | RAMFS_MAY_EXEC);
}

/* Whether cr may remove or replace node's name in dir (the sticky bit). */
static long ramfs_sticky_ok(const ramfs_node_t *dir, const ramfs_node_t *node,
			    const ramfs_cred_t *cr)
{
	if (!(dir->mode & RAMFS_S_ISVTX) || cr->uid == 0 || cr->uid == node->uid ||
	    cr->uid == dir->uid)
		return 0;
	return -EPERM;
}

long ramfs_name_create(ramfs_t *fs, const ramfs_cred_t *cr, ramfs_lookup_t *lk, uint32_t mode,
		       ramfs_node_t **out)
{
	ramfs_node_t *dir = lk->dir, *n;
	long err;

	if (lk->node)
		return -EEXIST;
	if ((err = ramfs_dir_writable(dir, cr)) < 0)
		return err;
	if ((mode & ABI_S_IFMT) == ABI_S_IFDIR && dir->nlink >= RAMFS_NLINK_MAX)
		return -EMLINK;
	if ((err = ramfs_node_new(fs, mode, cr, &n)) < 0)
		return err;
	if (dir->mode & RAMFS_S_ISGID) {        /* BSD group semantics */
		n->gid = dir->gid;
		if (ramfs_is_dir(n))
			n->mode |= RAMFS_S_ISGID;
	}
	if ((err = ramfs_dir_add(fs, dir, lk->name, lk->len, n)) < 0) {
		ramfs_node_put(fs, n);
		return err;
	}
	if (ramfs_is_dir(n)) {
		n->nlink = 2;
		n->dir.parent = dir;
		dir->nlink++;
	} else {
		n->nlink = 1;
	}
	ramfs_node_touch(fs, dir);
	lk->node = n;
	*out = n;
	return 0;
}

/* Drops one name of node (its entry is already gone). */
static void ramfs_name_drop(ramfs_t *fs, ramfs_node_t *dir, ramfs_node_t *node)
{
	if (ramfs_is_dir(node)) {
		node->nlink = 0;
		node->dir.parent = node;        /* dir may be freed before node */
		dir->nlink--;
	} else {
		node->nlink--;
	}
	node->ctime = ramfs_now(fs);
	ramfs_node_touch(fs, dir);
	ramfs_node_put(fs, node);
}

long ramfs_unlink_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *path)
{
	ramfs_lookup_t lk;
	long err = ramfs_path_walk(fs, cr, NULL, path, 0, &lk);

	if (err)
		return err;
	if (!lk.node)
		return -ENOENT;
	if (ramfs_is_dir(lk.node))
		return -EISDIR;
	if ((err = ramfs_dir_writable(lk.dir, cr)) < 0 ||
	    (err = ramfs_sticky_ok(lk.dir, lk.node, cr)) < 0)
		return err;
	ramfs_dir_remove(fs, lk.ent);
	ramfs_name_drop(fs, lk.dir, lk.node);
	return 0;
}

long ramfs_rmdir_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *path)
{
	ramfs_lookup_t lk;
	long err = ramfs_path_walk(fs, cr, NULL, path, 0, &lk);

	if (err)
		return err;
	if (!lk.node)
		return -ENOENT;
	if (!ramfs_is_dir(lk.node))
		return -ENOTDIR;
	if (ramfs_name_is_dot(&lk))
		return lk.len == 1 ? -EINVAL : -ENOTEMPTY;
	if (lk.len == 0 || lk.node == fs->root)
		return -EBUSY;
	if (lk.node->dir.live)
		return -ENOTEMPTY;
	if ((err = ramfs_dir_writable(lk.dir, cr)) < 0 ||
	    (err = ramfs_sticky_ok(lk.dir, lk.node, cr)) < 0)
		return err;
	ramfs_dir_remove(fs, lk.ent);
	ramfs_name_drop(fs, lk.dir, lk.node);
	return 0;
}

/* Whether dir is node or inside it (following ".." up to the root). */
static bool ramfs_is_within(const ramfs_t *fs, const ramfs_node_t *dir, const ramfs_node_t *node)
{
	for (;; dir = dir->dir.parent) {
		if (dir == node)
			return true;
		if (dir == fs->root)
			return false;
	}
}

/* The checks of rename on two looked-up names; 0 when it may go ahead. */
static long ramfs_rename_check(ramfs_t *fs, const ramfs_cred_t *cr, const ramfs_lookup_t *src,
			       const ramfs_lookup_t *dst)
{
	ramfs_node_t *n = src->node, *old = dst->node;
	long err;

	if (!n)
		return -ENOENT;
	if (ramfs_name_is_dot(src) || ramfs_name_is_dot(dst))
		return -EINVAL;
	if (src->len == 0 || n == fs->root || dst->len == 0 || old == fs->root)
		return -EBUSY;
	if (ramfs_is_dir(n) && ramfs_is_within(fs, dst->dir, n))
		return -EINVAL; /* into itself: checked first, as Linux does */
	if (!ramfs_is_dir(n) && dst->slash)
		return -ENOTDIR;
	if (ramfs_is_dir(n) && old && !ramfs_is_dir(old))
		return -ENOTDIR;
	if (!ramfs_is_dir(n) && old && ramfs_is_dir(old))
		return -EISDIR;
	if (old && ramfs_is_dir(old) && old->dir.live)
		return -ENOTEMPTY;
	if ((err = ramfs_dir_writable(src->dir, cr)) < 0 ||
	    (err = ramfs_dir_writable(dst->dir, cr)) < 0 ||
	    (err = ramfs_sticky_ok(src->dir, n, cr)) < 0 ||
	    (old && (err = ramfs_sticky_ok(dst->dir, old, cr)) < 0))
		return err;
	if (ramfs_is_dir(n) && src->dir != dst->dir)
		return ramfs_node_access(n, cr, RAMFS_MAY_WRITE);
	return 0;
}

long ramfs_rename_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *from, const char *to)
{
	ramfs_lookup_t src, dst;
	ramfs_node_t *n, *old;
	long err;

	if ((err = ramfs_path_walk(fs, cr, NULL, from, 0, &src)) < 0 ||
	    (err = ramfs_path_walk(fs, cr, NULL, to, 0, &dst)) < 0)
		return err;
	if (src.node && src.node == dst.node && src.len && dst.len &&
	    !ramfs_name_is_dot(&src) && !ramfs_name_is_dot(&dst))
		return 0;       /* the same file: POSIX says do nothing */
	if ((err = ramfs_rename_check(fs, cr, &src, &dst)) < 0)
		return err;
	n = src.node;
	old = dst.node;
	if (old)
		dst.ent->node = n;      /* the atomic replacement */
	else if ((err = ramfs_dir_add(fs, dst.dir, dst.name, dst.len, n)) < 0)
		return err;
	ramfs_dir_remove(fs, src.ent);
	if (ramfs_is_dir(n) && src.dir != dst.dir) {
		src.dir->nlink--;
		dst.dir->nlink++;
		n->dir.parent = dst.dir;
	}
	n->ctime = ramfs_now(fs);
	ramfs_node_touch(fs, src.dir);
	ramfs_node_touch(fs, dst.dir);
	if (old)
		ramfs_name_drop(fs, dst.dir, old);
	return 0;
}

long ramfs_link_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *from, const char *to)
{
	ramfs_lookup_t src, dst;
	long err;

	if ((err = ramfs_path_walk(fs, cr, NULL, from, 0, &src)) < 0 ||
	    (err = ramfs_path_walk(fs, cr, NULL, to, 0, &dst)) < 0)
		return err;
	if (!src.node)
		return -ENOENT;
	if (ramfs_is_dir(src.node))
		return -EPERM;
	if (dst.node)
		return -EEXIST;
	if (dst.slash)
		return -ENOENT;
	if (src.node->nlink >= RAMFS_NLINK_MAX)
		return -EMLINK;
	if ((err = ramfs_dir_writable(dst.dir, cr)) < 0)
		return err;
	if ((err = ramfs_dir_add(fs, dst.dir, dst.name, dst.len, src.node)) < 0)
		return err;
	src.node->nlink++;
	src.node->ctime = ramfs_now(fs);
	ramfs_node_touch(fs, dst.dir);
	return 0;
}

long ramfs_symlink_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *target,
			const char *path)
{
	size_t tlen = strnlen(target, RAMFS_PATH_MAX);
	ramfs_lookup_t lk;
	ramfs_node_t *n;
	char *copy;
	long err;

	if (tlen == 0)
		return -ENOENT;
	if (tlen == RAMFS_PATH_MAX)
		return -ENAMETOOLONG;
	if ((err = ramfs_path_walk(fs, cr, NULL, path, 0, &lk)) < 0)
		return err;
	if (lk.node)
		return -EEXIST;
	if (lk.slash)
		return -ENOENT;
	if (!(copy = malloc(tlen + 1)))
		return -ENOMEM;
	memcpy(copy, target, tlen + 1);
	if ((err = ramfs_name_create(fs, cr, &lk, RAMFS_S_IFLNK | 0777, &n)) < 0) {
		free(copy);
		return err;
	}
	n->link.target = copy;
	n->link.len = tlen;
	return 0;
}
