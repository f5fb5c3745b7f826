// SPDX-License-Identifier: MIT
/*
 * ext2fsd's internals, shared by its scheme files:
 *
 *   ext2fsd_ops.c    handles, open, read/write/seek, getdents
 *   ext2fsd_path.c   path lookup, symbolic links included
 *   ext2fsd_names.c  create, link, symlink, unlink, rmdir, rename
 *   ext2fsd_attr.c   fstat, fstatvfs, fsync, ftruncate, fchmod, fchown,
 *                    futimens, the time-stamp rules
 *
 * Inodes are the library's (ext2_inode_t), held by references: a lookup
 * returns its directory and node referenced (ext2fsd_lookup_put drops
 * both), a handle holds one on its inode, so an unlinked file lives until
 * its last handle closes (the library deletes it at the last put).
 */
#pragma once

#include "ext2fsd.h"

#include <abi/file.h>

#include <abi/stat.h>

#define EXT2FSD_PATH_MAX 4096
#define EXT2FSD_LINK_MAX 40     /* symbolic links followed in one lookup */

#define EXT2FSD_MAY_READ  4
#define EXT2FSD_MAY_WRITE 2
#define EXT2FSD_MAY_EXEC  1

typedef struct ext2fsd_cred {
	unsigned uid, gid;
} ext2fsd_cred_t;

typedef struct ext2fsd_file {
	ext2_inode_t *ip;
	uint64_t pos;           /* a byte offset; for directories a record's */
	int flags;              /* the O_* flags it was opened with */
} ext2fsd_file_t;

struct ext2fsd {
	ext2_fs_t *fs;
	uint64_t dev;
	ext2fsd_file_t **files; /* handle h is files[h - 1] */
	size_t files_cap, files_low;
	char walk_buf[2][EXT2FSD_PATH_MAX];
	char link_buf[EXT2FSD_PATH_MAX];
};

static inline ext2fsd_cred_t ext2fsd_cred(const scheme_call_t *c)
{
	return (ext2fsd_cred_t){ c->uid, c->gid };
}

/* --- ext2fsd_path.c -------------------------------------------------------- */

#define EXT2FSD_WALK_FOLLOW 0x1 /* follow a symlink in the last component */

typedef struct ext2fsd_lookup {
	ext2_inode_t *dir;      /* holds the last component (referenced) */
	ext2_inode_t *node;     /* what the path names (referenced); NULL if missing */
	char name[EXT2_NAME_LEN + 1];   /* the last component; "" for "/" */
	size_t len;
	bool slash;             /* the path ended in '/' */
} ext2fsd_lookup_t;

/* As ramfs_path_walk: errors -ENOENT, -ENOTDIR, -EACCES, -ELOOP,
 * -ENAMETOOLONG, or the device's; a missing last component is node NULL. */
long ext2fsd_path_walk(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2_inode_t *at,
		       const char *path, unsigned flags, ext2fsd_lookup_t *out);
void ext2fsd_lookup_put(ext2fsd_t *d, ext2fsd_lookup_t *lk);
/* The inode number of dir's "..". */
long ext2fsd_parent(ext2fsd_t *d, ext2_inode_t *dir, uint32_t *ino);
long ext2fsd_access(const ext2_inode_t *ip, const ext2fsd_cred_t *cr, unsigned want);
bool ext2fsd_owner(const ext2_inode_t *ip, const ext2fsd_cred_t *cr);

/* --- ext2fsd_names.c ------------------------------------------------------- */

/* Creates lk's missing last component (mode: type and permissions); on
 * success lk->node is the new inode (referenced). */
long ext2fsd_name_create(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2fsd_lookup_t *lk,
			 uint16_t mode);
long ext2fsd_unlink_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *path);
long ext2fsd_rmdir_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *path);
long ext2fsd_rename_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *from,
			 const char *to);
long ext2fsd_link_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *from,
		       const char *to);
long ext2fsd_symlink_path(ext2fsd_t *d, const ext2fsd_cred_t *cr, const char *target,
			  const char *path);

/* --- ext2fsd_ops.c --------------------------------------------------------- */

ext2fsd_file_t *ext2fsd_file_get(const ext2fsd_t *d, uint64_t h);

/* --- ext2fsd_attr.c -------------------------------------------------------- */

long ext2fsd_op_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out);
long ext2fsd_op_fstatvfs(void *st, scheme_call_t *c, uint64_t h, abi_statvfs_t *out);
long ext2fsd_op_fsync(void *st, scheme_call_t *c, uint64_t h);
long ext2fsd_op_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len);
long ext2fsd_op_fchmod(void *st, scheme_call_t *c, uint64_t h, unsigned mode);
long ext2fsd_op_fchown(void *st, scheme_call_t *c, uint64_t h, unsigned uid, unsigned gid);
long ext2fsd_op_futimens(void *st, scheme_call_t *c, uint64_t h, const void *times);
/* atime to now if older than mtime/ctime or a day (relatime). */
void ext2fsd_accessed(ext2fsd_t *d, ext2_inode_t *ip);
/* mtime and ctime to now; a write by other than root drops set-ID bits. */
void ext2fsd_modified(ext2fsd_t *d, ext2_inode_t *ip, const ext2fsd_cred_t *cr);
