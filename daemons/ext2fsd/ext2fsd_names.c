// SPDX-License-Identifier: MIT
/*
 * Names: create, link, symlink, unlink, rmdir and rename, with ramfsd's
 * checks (daemons/ramfsd/ramfs_names.c): types, emptiness, write and
 * search permission on the directories, the sticky bit, and for moving a
 * directory to another parent write permission on it (its ".." changes).
 * Everything is checked before anything changes.
 *
 * On disk, link counts follow ext2's rules, which e2fsck checks: a file
 * has one link per name; a directory has two (its name and its ".") plus
 * one per subdirectory (their ".."). So creating or removing a directory
 * changes its parent's count, and moving one to another parent moves a
 * link from the old parent to the new one and re-points its "..".
 *
 * rename over an existing name re-points that record in place (no moment
 * without the target name); the replaced inode loses the link and, once
 * nothing holds it, is deleted by the library. A new inode that cannot
 * be linked (the directory cannot grow) is dropped with no links, which
 * frees it.
 */
#include "ext2fsd_int.h"

#include <errno.h>
#include <string.h>

#define EXT2FSD_S_ISGID 02000
#define EXT2FSD_S_ISVTX 01000
#define EXT2FSD_IFDIR   0040000
#define EXT2FSD_IFLNK   0120000
#define EXT2FSD_MC      ((1u << EXT2_MTIME) | (1u << EXT2_CTIME))

static bool ext2fsd_name_is_dot(const ext2fsd_lookup_t *lk)
{
	return (lk->len == 1 && lk->name[0] == '.') ||
	       (lk->len == 2 && lk->name[0] == '.' && lk->name[1] == '.');
}

/* Whether cr may add or remove names in dir. */
static long ext2fsd_dir_writable(ext2fsd_t *d, const ext2_inode_t *dir, const ext2fsd_cred_t *cr)
{
	if (dir->d->i_links_count == 0)
		return -ENOENT;
	if (ext2_read_only(d->fs))
		return -EROFS;
	return ext2fsd_access(dir, cr, EXT2FSD_MAY_WRITE | EXT2FSD_MAY_EXEC);
}

/* Whether cr may remove or replace ip's name in dir (the sticky bit). */
static long ext2fsd_sticky_ok(const ext2_inode_t *dir, const ext2_inode_t *ip,
			      const ext2fsd_cred_t *cr)
{
	if (!(ext2_inode_mode(dir) & EXT2FSD_S_ISVTX) || cr->uid == 0 ||
	    cr->uid == ext2_inode_uid(ip) || cr->uid == ext2_inode_uid(dir))
		return 0;
	return -EPERM;
}

/* Link count changes, with ctime; written at once. */
static void ext2fsd_links_add(ext2fsd_t *d, ext2_inode_t *ip, int delta)
{
	ip->d->i_links_count = (uint16_t)(ip->d->i_links_count + delta);
	ext2_inode_touch(d->fs, ip, 1u << EXT2_CTIME);
	ext2_inode_dirty(d->fs, ip);
}

/* The directory's contents changed: mtime, ctime. */
static void ext2fsd_dir_touch(ext2fsd_t *d, ext2_inode_t *dir)
{
	ext2_inode_touch(d->fs, dir, EXT2FSD_MC);
	ext2_inode_dirty(d->fs, dir);
}

static long ext2fsd_node_create(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2fsd_lookup_t *lk,
			   uint16_t mode, const char *target, size_t tlen)
{
	ext2_inode_t *dir = lk->dir, *n;
	bool is_dir = (mode & 0170000) == EXT2FSD_IFDIR;
	uint32_t gid = cr->gid;
	long err;

	if (lk->node)
		return -EEXIST;
	if ((err = ext2fsd_dir_writable(d, dir, cr)) < 0)
		return err;
	if (is_dir && dir->d->i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	if (ext2_inode_mode(dir) & EXT2FSD_S_ISGID) {   /* BSD group semantics */
		gid = ext2_inode_gid(dir);
		if (is_dir)
			mode |= EXT2FSD_S_ISGID;
	}
	if ((err = ext2_inode_new(d->fs, dir, mode, cr->uid, gid, &n)) < 0)
		return err;
	if (is_dir)
		err = ext2_dir_init(d->fs, n, dir->ino);
	else if (target)
		err = ext2_symlink_write(d->fs, n, target, tlen);
	if (!err)
		err = ext2_dir_add(d->fs, dir, lk->name, lk->len, n->ino, mode);
	if (err) {
		ext2_iput(d->fs, n);    /* no links: freed */
		return err;
	}
	n->d->i_links_count = is_dir ? 2 : 1;
	ext2_inode_dirty(d->fs, n);
	if (is_dir)
		dir->d->i_links_count++;
	ext2fsd_dir_touch(d, dir);
	lk->node = n;
	return 0;
}

long ext2fsd_name_create(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2fsd_lookup_t *lk,
			 uint16_t mode)
{
	return ext2fsd_node_create(d, cr, lk, mode, NULL, 0);
}

long ext2fsd_unlink_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *path)
{
	ext2fsd_lookup_t lk;
	long err = ext2fsd_path_walk(d, cr, NULL, path, 0, &lk);

	if (err)
		return err;
	if (!lk.node)
		err = -ENOENT;
	else if (ext2_inode_is_dir(lk.node))
		err = -EISDIR;
	else if ((err = ext2fsd_dir_writable(d, lk.dir, cr)) == 0 &&
		 (err = ext2fsd_sticky_ok(lk.dir, lk.node, cr)) == 0 &&
		 (err = ext2_dir_remove(d->fs, lk.dir, lk.name, lk.len)) == 0) {
		ext2fsd_links_add(d, lk.node, -1);
		ext2fsd_dir_touch(d, lk.dir);
	}
	ext2fsd_lookup_put(d, &lk);
	return err;
}

static long ext2fsd_rmdir_check(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2fsd_lookup_t *lk)
{
	long err;

	if (!lk->node)
		return -ENOENT;
	if (!ext2_inode_is_dir(lk->node))
		return -ENOTDIR;
	if (ext2fsd_name_is_dot(lk))
		return lk->len == 1 ? -EINVAL : -ENOTEMPTY;
	if (lk->len == 0 || lk->node->ino == EXT2_ROOT_INO)
		return -EBUSY;
	if ((err = ext2_dir_is_empty(d->fs, lk->node)) <= 0)
		return err < 0 ? err : -ENOTEMPTY;
	if ((err = ext2fsd_dir_writable(d, lk->dir, cr)) < 0)
		return err;
	return ext2fsd_sticky_ok(lk->dir, lk->node, cr);
}

long ext2fsd_rmdir_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *path)
{
	ext2fsd_lookup_t lk;
	long err = ext2fsd_path_walk(d, cr, NULL, path, 0, &lk);

	if (err)
		return err;
	if ((err = ext2fsd_rmdir_check(d, cr, &lk)) == 0 &&
	    (err = ext2_dir_remove(d->fs, lk.dir, lk.name, lk.len)) == 0) {
		lk.node->d->i_links_count = 0;
		ext2fsd_links_add(d, lk.node, 0);
		lk.dir->d->i_links_count--;
		ext2fsd_dir_touch(d, lk.dir);
	}
	ext2fsd_lookup_put(d, &lk);
	return err;
}

/* Whether dir is node or inside it (following ".." up to the root). */
static long ext2fsd_is_within(ext2fsd_t *d, ext2_inode_t *dir, const ext2_inode_t *node)
{
	uint32_t ino = dir->ino;
	long err;

	for (unsigned depth = 0; depth < 65536; depth++) {
		ext2_inode_t *ip;
		if (ino == node->ino)
			return 1;
		if (ino == EXT2_ROOT_INO)
			return 0;
		if ((err = ext2_iget(d->fs, ino, &ip)))
			return err;
		err = ext2fsd_parent(d, ip, &ino);
		ext2_iput(d->fs, ip);
		if (err)
			return err;
	}
	return -ELOOP;  /* a cycle of ".." records: a corrupt file system */
}

static long ext2fsd_rename_check(ext2fsd_t *d, const ext2fsd_cred_t *cr,
				 const ext2fsd_lookup_t *src, const ext2fsd_lookup_t *dst)
{
	ext2_inode_t *n = src->node, *old = dst->node;
	long err;

	if (!n)
		return -ENOENT;
	if (ext2fsd_name_is_dot(src) || ext2fsd_name_is_dot(dst))
		return -EINVAL;
	if (src->len == 0 || n->ino == EXT2_ROOT_INO || dst->len == 0 ||
	    (old && old->ino == EXT2_ROOT_INO))
		return -EBUSY;
	if (ext2_inode_is_dir(n) && (err = ext2fsd_is_within(d, dst->dir, n)) != 0)
		return err < 0 ? err : -EINVAL;
	if (!ext2_inode_is_dir(n) && dst->slash)
		return -ENOTDIR;
	if (ext2_inode_is_dir(n) && old && !ext2_inode_is_dir(old))
		return -ENOTDIR;
	if (!ext2_inode_is_dir(n) && old && ext2_inode_is_dir(old))
		return -EISDIR;
	if (old && ext2_inode_is_dir(old) && (err = ext2_dir_is_empty(d->fs, old)) <= 0)
		return err < 0 ? err : -ENOTEMPTY;
	if ((err = ext2fsd_dir_writable(d, src->dir, cr)) < 0 ||
	    (err = ext2fsd_dir_writable(d, dst->dir, cr)) < 0 ||
	    (err = ext2fsd_sticky_ok(src->dir, n, cr)) < 0 ||
	    (old && (err = ext2fsd_sticky_ok(dst->dir, old, cr)) < 0))
		return err;
	if (!ext2_inode_is_dir(n) || src->dir == dst->dir)
		return 0;
	if (!old && dst->dir->d->i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	return ext2fsd_access(n, cr, EXT2FSD_MAY_WRITE);
}

static long ext2fsd_rename_do(ext2fsd_t *d, ext2fsd_lookup_t *src, ext2fsd_lookup_t *dst)
{
	ext2_inode_t *n = src->node, *old = dst->node;
	uint16_t mode = ext2_inode_mode(n);
	long err;

	if (old)
		err = ext2_dir_retarget(d->fs, dst->dir, dst->name, dst->len, n->ino, mode);
	else
		err = ext2_dir_add(d->fs, dst->dir, dst->name, dst->len, n->ino, mode);
	if (err || (err = ext2_dir_remove(d->fs, src->dir, src->name, src->len)))
		return err;
	if (ext2_inode_is_dir(n) && src->dir != dst->dir) {
		if ((err = ext2_dir_retarget(d->fs, n, "..", 2, dst->dir->ino, EXT2FSD_IFDIR)))
			return err;
		src->dir->d->i_links_count--;
		dst->dir->d->i_links_count++;
	}
	if (old) {
		if (ext2_inode_is_dir(old)) {
			old->d->i_links_count = 0;
			dst->dir->d->i_links_count--;
			ext2fsd_links_add(d, old, 0);
		} else {
			ext2fsd_links_add(d, old, -1);
		}
	}
	ext2fsd_links_add(d, n, 0);     /* ctime */
	ext2fsd_dir_touch(d, src->dir);
	ext2fsd_dir_touch(d, dst->dir);
	return 0;
}

long ext2fsd_rename_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *from,
			 const char *to)
{
	ext2fsd_lookup_t src, dst;
	long err;

	if ((err = ext2fsd_path_walk(d, cr, NULL, from, 0, &src)) < 0)
		return err;
	if ((err = ext2fsd_path_walk(d, cr, NULL, to, 0, &dst)) < 0) {
		ext2fsd_lookup_put(d, &src);
		return err;
	}
	if (src.node && src.node == dst.node && src.len && dst.len &&
	    !ext2fsd_name_is_dot(&src) && !ext2fsd_name_is_dot(&dst))
		err = 0;        /* the same file: POSIX says do nothing */
	else if ((err = ext2fsd_rename_check(d, cr, &src, &dst)) == 0)
		err = ext2fsd_rename_do(d, &src, &dst);
	ext2fsd_lookup_put(d, &dst);
	ext2fsd_lookup_put(d, &src);
	return err;
}

static long ext2fsd_link_check(ext2fsd_t *d, const ext2fsd_cred_t *cr,
			       const ext2fsd_lookup_t *src, const ext2fsd_lookup_t *dst)
{
	if (!src->node)
		return -ENOENT;
	if (ext2_inode_is_dir(src->node))
		return -EPERM;
	if (dst->node)
		return -EEXIST;
	if (dst->slash)
		return -ENOENT;
	if (src->node->d->i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	return ext2fsd_dir_writable(d, dst->dir, cr);
}

long ext2fsd_link_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *from,
		       const char *to)
{
	ext2fsd_lookup_t src, dst;
	long err;

	if ((err = ext2fsd_path_walk(d, cr, NULL, from, 0, &src)) < 0)
		return err;
	if ((err = ext2fsd_path_walk(d, cr, NULL, to, 0, &dst)) < 0) {
		ext2fsd_lookup_put(d, &src);
		return err;
	}
	if ((err = ext2fsd_link_check(d, cr, &src, &dst)) == 0 &&
	    (err = ext2_dir_add(d->fs, dst.dir, dst.name, dst.len, src.node->ino,
				ext2_inode_mode(src.node))) == 0) {
		ext2fsd_links_add(d, src.node, 1);
		ext2fsd_dir_touch(d, dst.dir);
	}
	ext2fsd_lookup_put(d, &dst);
	ext2fsd_lookup_put(d, &src);
	return err;
}

long ext2fsd_symlink_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *target,
			  const char *path)
{
	size_t tlen = strnlen(target, EXT2FSD_PATH_MAX);
	ext2fsd_lookup_t lk;
	long err;

	if (tlen == 0)
		return -ENOENT;
	if (tlen == EXT2FSD_PATH_MAX)
		return -ENAMETOOLONG;
	if ((err = ext2fsd_path_walk(d, cr, NULL, path, 0, &lk)) < 0)
		return err;
	if (lk.node)
		err = -EEXIST;
	else if (lk.slash)
		err = -ENOENT;
	else
		err = ext2fsd_node_create(d, cr, &lk, EXT2FSD_IFLNK | 0777, target, tlen);
	ext2fsd_lookup_put(d, &lk);
	return err;
}
