// SPDX-License-Identifier: MIT
/*
 * Filling a new tree: the initfs's entries, then the directories every
 * system expects.
 *
 * The initfs lists every directory before what it holds (names sort byte
 * by byte, and a parent's name is a prefix of its children's), so walking
 * the entries in order creates each parent before its children. Entries
 * are created as root and then given the archive's owner, mode and mtime;
 * file contents are copied, since the initfs image is only read once and
 * then dropped (so its pages are not kept twice).
 */
#include "ramfs_int.h"

#include <lib/initfs.h>

#include <errno.h>
#include <string.h>

static long ramfs_seed_data(ramfs_t *fs, ramfs_node_t *n, const initfs_entry_t *e)
{
	long r = e->size ? ramfs_data_write(fs, &n->data, 0, e->data, (size_t)e->size) : 0;

	if (r < 0)
		return r;
	return (uint64_t)r == e->size ? 0 : -ENOSPC;
}

static long ramfs_seed_link(ramfs_t *fs, const ramfs_cred_t *root, const char *path,
			    const initfs_entry_t *e)
{
	char target[INITFS_SYMLINK_MAX + 1];

	memcpy(target, e->data, (size_t)e->size);   /* initfs_open bounded it */
	target[e->size] = '\0';
	return ramfs_symlink_path(fs, root, target, path);
}

/* The node for path, created with e's type if missing (an existing
 * directory is reused: seeding over a tree that has one is fine). */
static long ramfs_seed_node(ramfs_t *fs, const char *path, const initfs_entry_t *e,
			    ramfs_node_t **out)
{
	ramfs_cred_t root = { 0, 0 };
	uint32_t type = e->mode & INITFS_S_IFMT;
	ramfs_lookup_t lk;
	long err;

	if ((err = ramfs_path_walk(fs, &root, NULL, path, 0, &lk)) < 0)
		return err;
	if (lk.node) {
		*out = lk.node;
		return ramfs_is_dir(lk.node) && type == INITFS_S_IFDIR ? 0 : -EEXIST;
	}
	if (type != INITFS_S_IFLNK)
		return ramfs_name_create(fs, &root, &lk,
					 type == INITFS_S_IFDIR ? ABI_S_IFDIR : ABI_S_IFREG, out);
	if ((err = ramfs_seed_link(fs, &root, path, e)) < 0 ||
	    (err = ramfs_path_walk(fs, &root, NULL, path, 0, &lk)) < 0)
		return err;
	*out = lk.node;
	return 0;
}

static long ramfs_seed_entry(ramfs_t *fs, const initfs_entry_t *e)
{
	char path[INITFS_PATH_MAX + 2];
	ramfs_node_t *n;
	long err;

	path[0] = '/';
	memcpy(path + 1, e->name, e->name_len + 1);
	if ((err = ramfs_seed_node(fs, path, e, &n)) < 0)
		return err;
	if ((e->mode & INITFS_S_IFMT) == INITFS_S_IFREG && (err = ramfs_seed_data(fs, n, e)) < 0)
		return err;
	n->mode = (n->mode & ABI_S_IFMT) | (e->mode & 07777);
	n->uid = e->uid;
	n->gid = e->gid;
	n->atime = n->mtime = (int64_t)e->mtime * 1000000000LL;
	return 0;
}

int ramfs_seed_initfs(ramfs_t *fs, const void *image, size_t size)
{
	initfs_t ifs;
	initfs_entry_t e;

	if (initfs_open(&ifs, image, size))
		return -EINVAL;
	for (uint32_t i = 0; i < ifs.count; i++) {
		long err;
		initfs_entry_at(&ifs, i, &e);
		if ((err = ramfs_seed_entry(fs, &e)) < 0)
			return (int)err;
	}
	return 0;
}

int ramfs_seed_defaults(ramfs_t *fs)
{
	static const struct {
		const char *path;
		uint32_t mode;
	} dirs[] = { { "/tmp", 01777 }, { "/home", 0755 }, { "/root", 0700 } };
	ramfs_cred_t root = { 0, 0 };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		ramfs_lookup_t lk;
		ramfs_node_t *n;
		long err = ramfs_path_walk(fs, &root, NULL, dirs[i].path, 0, &lk);
		if (!err && !lk.node)
			err = ramfs_name_create(fs, &root, &lk, ABI_S_IFDIR | dirs[i].mode, &n);
		if (err < 0)
			return (int)err;
	}
	return 0;
}
