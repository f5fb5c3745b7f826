// SPDX-License-Identifier: MIT
/*
 * Nodes: making and freeing them, the file system as a whole, permission
 * checks and status.
 *
 * Every node is on one list (fs->all) from creation to its free, so that
 * ramfs_destroy can free everything without walking the tree, and nodes
 * that only handles keep alive are not leaked. A node is freed by
 * ramfs_node_put once it has neither a name (nlink) nor a handle (opens);
 * callers drop either count and then call it.
 *
 * Permissions are the POSIX classes: the owner's bits if the caller owns
 * the node, else the group's if the caller's gid is the node's (the
 * request carries no supplementary groups), else the others'. Root may
 * read and write anything, and search any directory; it may execute a
 * file only if some execute bit is set.
 */
#include "ramfs_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int64_t ramfs_now(const ramfs_t *fs)
{
	return fs->cfg.now ? fs->cfg.now() : 0;
}

void ramfs_node_touch(ramfs_t *fs, ramfs_node_t *n)
{
	n->mtime = n->ctime = ramfs_now(fs);
}

long ramfs_node_new(ramfs_t *fs, uint32_t mode, const ramfs_cred_t *cr, ramfs_node_t **out)
{
	ramfs_node_t *n;

	if (fs->nodes >= fs->cfg.max_nodes)
		return -ENOSPC;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->ino = fs->next_ino++;
	n->mode = mode;
	n->uid = cr->uid;
	n->gid = cr->gid;
	n->atime = n->mtime = n->ctime = ramfs_now(fs);
	if (ramfs_is_dir(n))
		n->dir.next_cookie = RAMFS_COOKIE_FIRST;
	n->next = fs->all;
	if (fs->all)
		fs->all->prev = n;
	fs->all = n;
	fs->nodes++;
	*out = n;
	return 0;
}

/* Frees what the node holds and the node (whatever its counts). */
static void ramfs_node_free(ramfs_t *fs, ramfs_node_t *n)
{
	if (ramfs_is_reg(n))
		ramfs_data_truncate(fs, &n->data, 0);
	else if (ramfs_is_dir(n))
		ramfs_dir_free(n);
	else if (ramfs_is_link(n))
		free(n->link.target);
	if (n->prev)
		n->prev->next = n->next;
	else
		fs->all = n->next;
	if (n->next)
		n->next->prev = n->prev;
	fs->nodes--;
	free(n);
}

void ramfs_node_put(ramfs_t *fs, ramfs_node_t *n)
{
	if (n && n->nlink == 0 && n->opens == 0 && n != fs->root)
		ramfs_node_free(fs, n);
}

bool ramfs_node_owner(const ramfs_node_t *n, const ramfs_cred_t *cr)
{
	return cr->uid == 0 || cr->uid == n->uid;
}

long ramfs_node_access(const ramfs_node_t *n, const ramfs_cred_t *cr, unsigned want)
{
	unsigned bits;

	if (cr->uid == 0) {
		if (!(want & RAMFS_MAY_EXEC) || ramfs_is_dir(n) || (n->mode & 0111))
			return 0;
		return -EACCES;
	}
	if (cr->uid == n->uid)
		bits = (n->mode >> 6) & 7;
	else if (cr->gid == n->gid)
		bits = (n->mode >> 3) & 7;
	else
		bits = n->mode & 7;
	return (bits & want) == want ? 0 : -EACCES;
}

void ramfs_node_stat(const ramfs_t *fs, const ramfs_node_t *n, abi_stat_t *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = fs->cfg.dev;
	st->ino = n->ino;
	st->mode = n->mode;
	st->nlink = n->nlink;
	st->uid = n->uid;
	st->gid = n->gid;
	st->blksize = RAMFS_PAGE;
	st->atime_ns = n->atime;
	st->mtime_ns = n->mtime;
	st->ctime_ns = n->ctime;
	if (ramfs_is_reg(n)) {
		st->size = (int64_t)n->data.size;
		st->blocks = (int64_t)(n->data.pages * (RAMFS_PAGE / 512));
	} else if (ramfs_is_link(n)) {
		st->size = (int64_t)n->link.len;
	} else if (ramfs_is_dir(n)) {
		/* Like tmpfs: a nominal size that grows with the entries. */
		st->size = (int64_t)((n->dir.live + 2) * 32);
	}
}

uint64_t ramfs_pages_used(const ramfs_t *fs)
{
	return fs->pages;
}

ramfs_t *ramfs_create(const ramfs_config_t *cfg)
{
	ramfs_t *fs = calloc(1, sizeof(*fs));
	ramfs_cred_t root = { 0, 0 };

	if (!fs)
		return NULL;
	fs->cfg = *cfg;
	fs->next_ino = 1;
	if (ramfs_dir_init(fs) < 0 ||
	    ramfs_node_new(fs, ABI_S_IFDIR | 0755, &root, &fs->root) < 0) {
		ramfs_dir_fini(fs);
		free(fs);
		return NULL;
	}
	fs->root->nlink = 2;
	fs->root->dir.parent = fs->root;
	return fs;
}

void ramfs_destroy(ramfs_t *fs)
{
	ramfs_files_fini(fs);
	ramfs_dir_fini(fs);     /* every entry: nodes no longer have names */
	while (fs->all)
		ramfs_node_free(fs, fs->all);
	free(fs);
}
