// SPDX-License-Identifier: MIT
/*
 * ramfsd's internals, shared by its logic files:
 *
 *   ramfs_node.c   nodes, their lifetime, permissions and status
 *   ramfs_dir.c    directory entries: a name hash and a cookie order
 *   ramfs_data.c   file data: a radix tree of pages, holes unallocated
 *   ramfs_path.c   path lookup, symlinks included
 *   ramfs_names.c  creating, linking, unlinking and renaming names
 *   ramfs_ops.c    the scheme operations on handles
 *   ramfs_seed.c   filling the tree from the initfs
 *
 * A node's lifetime: nlink counts the names (for a directory, 2 plus
 * its subdirectories while it is linked, 0 after rmdir); opens counts
 * the handles. ramfs_node_put frees it once both are 0.
 */
#pragma once

#include "ramfs.h"

#include <abi/stat.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAMFS_COOKIE_DOT    0   /* "." */
#define RAMFS_COOKIE_DOTDOT 1   /* ".." */
#define RAMFS_COOKIE_FIRST  2   /* the first real entry's */
#define RAMFS_COOKIE_END    INT64_MAX /* a reader that has seen everything */

#define RAMFS_MAY_READ  4
#define RAMFS_MAY_WRITE 2
#define RAMFS_MAY_EXEC  1

typedef struct ramfs_node ramfs_node_t;
typedef struct ramfs_dirent ramfs_dirent_t;

typedef struct ramfs_cred {
	unsigned uid, gid;
} ramfs_cred_t;

/* File data: pages < 512^height under root (a page itself at height 0). */
typedef struct ramfs_data {
	void *root;
	unsigned height;
	uint64_t size;
	uint64_t pages;         /* allocated, for st_blocks */
} ramfs_data_t;

typedef struct ramfs_slot {
	uint64_t cookie;
	ramfs_dirent_t *ent;    /* NULL once removed (until compacted) */
} ramfs_slot_t;

/* A directory: its entries in cookie (creation) order. */
typedef struct ramfs_dir {
	ramfs_node_t *parent;   /* ".."; the root's is itself */
	ramfs_slot_t *slots;
	size_t nslots, cap, live;
	uint64_t next_cookie;
} ramfs_dir_t;

struct ramfs_node {
	uint64_t ino;
	uint32_t mode, nlink;
	uint32_t uid, gid;
	int64_t atime, mtime, ctime;    /* ns since the epoch */
	unsigned opens;
	ramfs_node_t *prev, *next;      /* every node, for ramfs_destroy */
	union {
		ramfs_data_t data;      /* S_IFREG */
		ramfs_dir_t dir;        /* S_IFDIR */
		struct {
			char *target;
			size_t len;
		} link;                 /* S_IFLNK */
	};
};

struct ramfs_dirent {
	ramfs_node_t *dir;      /* the directory holding the name */
	ramfs_node_t *node;
	uint64_t cookie;
	ramfs_dirent_t *hnext;  /* the name hash's chain */
	uint32_t hash;
	uint16_t len;
	char name[];
};

/* An open handle: the node and this opening's offset (a cookie for dirs). */
typedef struct ramfs_file {
	ramfs_node_t *node;
	uint64_t pos;
	int flags;              /* the O_* flags it was opened with */
} ramfs_file_t;

struct ramfs {
	ramfs_config_t cfg;
	ramfs_node_t *root;
	ramfs_node_t *all;      /* every node (prev/next) */
	uint64_t next_ino, nodes, pages;
	ramfs_dirent_t **hash;  /* (directory, name) -> entry */
	size_t hash_cap, hash_count;
	ramfs_file_t **files;   /* handle h is files[h - 1] */
	size_t files_cap, files_low; /* files_low: no free slot below it */
	char walk_buf[2][RAMFS_PATH_MAX]; /* path rewriting by symlinks */
};

static inline bool ramfs_is_dir(const ramfs_node_t *n)
{
	return (n->mode & ABI_S_IFMT) == ABI_S_IFDIR;
}

static inline bool ramfs_is_reg(const ramfs_node_t *n)
{
	return (n->mode & ABI_S_IFMT) == ABI_S_IFREG;
}

static inline bool ramfs_is_link(const ramfs_node_t *n)
{
	return (n->mode & ABI_S_IFMT) == RAMFS_S_IFLNK;
}

static inline ramfs_cred_t ramfs_cred(const scheme_call_t *c)
{
	return (ramfs_cred_t){ c->uid, c->gid };
}

/* --- ramfs_node.c -------------------------------------------------------- */

/* A new node of `mode` owned by cr (no name yet: nlink 0); -ENOSPC/-ENOMEM. */
long ramfs_node_new(ramfs_t *fs, uint32_t mode, const ramfs_cred_t *cr, ramfs_node_t **out);
/* Frees n if no name and no handle refers to it any more. */
void ramfs_node_put(ramfs_t *fs, ramfs_node_t *n);
/* 0 if cr may access n for `want` (RAMFS_MAY_*), else -EACCES. */
long ramfs_node_access(const ramfs_node_t *n, const ramfs_cred_t *cr, unsigned want);
bool ramfs_node_owner(const ramfs_node_t *n, const ramfs_cred_t *cr);
void ramfs_node_stat(const ramfs_t *fs, const ramfs_node_t *n, abi_stat_t *st);
int64_t ramfs_now(const ramfs_t *fs);
/* mtime and ctime to now (the node's contents changed). */
void ramfs_node_touch(ramfs_t *fs, ramfs_node_t *n);

/* --- ramfs_dir.c --------------------------------------------------------- */

long ramfs_dir_init(ramfs_t *fs);
void ramfs_dir_fini(ramfs_t *fs);
ramfs_dirent_t *ramfs_dir_lookup(const ramfs_t *fs, const ramfs_node_t *dir, const char *name,
				 size_t len);
/* Adds name -> node in dir (no checks, no counts); -ENOMEM. */
long ramfs_dir_add(ramfs_t *fs, ramfs_node_t *dir, const char *name, size_t len,
		   ramfs_node_t *node);
/* Removes the entry (no counts) and frees it. */
void ramfs_dir_remove(ramfs_t *fs, ramfs_dirent_t *e);
/* The first live entry whose cookie is >= cookie, or NULL. */
ramfs_dirent_t *ramfs_dir_from(const ramfs_node_t *dir, uint64_t cookie);
/* Frees the entry table of an empty directory. */
void ramfs_dir_free(ramfs_node_t *dir);

/* --- ramfs_data.c -------------------------------------------------------- */

long ramfs_data_read(ramfs_t *fs, ramfs_data_t *d, uint64_t off, void *buf, size_t len);
long ramfs_data_write(ramfs_t *fs, ramfs_data_t *d, uint64_t off, const void *buf, size_t len);
/* Sets the size; pages wholly past it are freed, a partial one zeroed. */
long ramfs_data_truncate(ramfs_t *fs, ramfs_data_t *d, uint64_t size);
/* SEEK_DATA / SEEK_HOLE from off: the offset, or -ENXIO. */
long ramfs_data_seek(const ramfs_data_t *d, uint64_t off, int whence);

/* --- ramfs_path.c -------------------------------------------------------- */

#define RAMFS_WALK_FOLLOW 0x1   /* follow a symlink in the last component */

typedef struct ramfs_lookup {
	ramfs_node_t *dir;      /* the directory holding the last component */
	ramfs_node_t *node;     /* what the path names; NULL if it does not exist */
	ramfs_dirent_t *ent;    /* node's entry in dir (NULL for "/", ".", "..") */
	char name[RAMFS_NAME_MAX + 1];  /* the last component; "" for "/" */
	size_t len;
	bool slash;             /* the path ended in '/': it must be a directory */
} ramfs_lookup_t;

/*
 * Resolves path (from the root, or from `at` for a relative path when
 * at is not NULL). Fails with -ENOENT (a missing directory on the way,
 * or an empty path), -ENOTDIR, -EACCES (no search permission), -ELOOP,
 * -ENAMETOOLONG; a missing last component is not an error (node NULL).
 */
long ramfs_path_walk(ramfs_t *fs, const ramfs_cred_t *cr, ramfs_node_t *at, const char *path,
		     unsigned flags, ramfs_lookup_t *out);

/* --- ramfs_names.c ------------------------------------------------------- */

/*
 * Creates `name` in dir (which cr may write and search) with mode's type
 * and permission bits; -EEXIST, -ENOENT (dir was removed), -EACCES,
 * -ENOSPC, -ENOMEM, -EMLINK.
 */
long ramfs_name_create(ramfs_t *fs, const ramfs_cred_t *cr, ramfs_lookup_t *lk, uint32_t mode,
		       ramfs_node_t **out);
long ramfs_unlink_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *path);
long ramfs_rmdir_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *path);
long ramfs_rename_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *from, const char *to);
long ramfs_link_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *from, const char *to);
long ramfs_symlink_path(ramfs_t *fs, const ramfs_cred_t *cr, const char *target,
			const char *path);

/* --- ramfs_ops.c --------------------------------------------------------- */

ramfs_file_t *ramfs_file_get(const ramfs_t *fs, uint64_t h);
void ramfs_files_fini(ramfs_t *fs);
/* Opens path (relative to at if not NULL) like OPEN; the new handle. */
long ramfs_open_at(ramfs_t *fs, scheme_call_t *c, ramfs_node_t *at, const char *path,
		   int flags, unsigned mode);

/* --- ramfs_attr.c: status and attributes of open handles ---------------- */

long ramfs_op_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out);
long ramfs_op_fstatvfs(void *st, scheme_call_t *c, uint64_t h, abi_statvfs_t *out);
long ramfs_op_fsync(void *st, scheme_call_t *c, uint64_t h);
long ramfs_op_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len);
long ramfs_op_fchmod(void *st, scheme_call_t *c, uint64_t h, unsigned mode);
long ramfs_op_fchown(void *st, scheme_call_t *c, uint64_t h, unsigned uid, unsigned gid);
/* atime to now if it is older than mtime or a day (relatime). */
void ramfs_node_accessed(ramfs_t *fs, ramfs_node_t *n);
/* A write by someone other than root drops set-user-ID and set-group-ID. */
void ramfs_node_written(ramfs_t *fs, ramfs_node_t *n, const ramfs_cred_t *cr);
