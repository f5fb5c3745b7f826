// SPDX-License-Identifier: MIT
/*
 * ramfsd: an in-memory POSIX file system serving the scheme `file:`.
 *
 * The tree is nodes (regular files, directories, symbolic links) joined
 * by directory entries; a node lives while a name or an open handle
 * refers to it, so an unlinked file keeps working until its last close.
 * File data is kept in 4 KiB pages allocated on first write (holes cost
 * nothing), directories list their entries in creation order so that a
 * reader's position survives other entries coming and going, and every
 * name operation checks the caller's uid/gid (root bypasses) the way a
 * POSIX kernel would. main.c wires this to the kernel and seeds the tree
 * from the initfs; everything declared here is pure logic, tested on the
 * host (tests/unit/test_ramfsd.c).
 *
 * Conventions on top of the scheme protocol (abi/scheme.h, abi/fcntl.h):
 *
 *   - OPEN's arg1 (scheme_call_t.mode) is the creation mode for O_CREAT,
 *     the client's umask already applied.
 *   - mkdir is OPEN with O_CREAT | O_EXCL | O_DIRECTORY (and the mode); the
 *     handle it returns is the new directory.
 *   - O_SYMLINK opens a symbolic link in the last component itself
 *     (anything else opens as usual): READ returns its target (readlink),
 *     FSTAT describes the link (lstat). O_PATH | O_NOFOLLOW does the same,
 *     as on Linux.
 *   - O_PATH handles need no read or write permission and allow FSTAT,
 *     FSTATVFS, FCHMOD, FCHOWN, futimens and GETDENTS (the last only with
 *     read permission on the directory at the time), not READ or WRITE.
 *   - LINK ("old\0new\0") and SYMLINK ("target\0path\0") are name
 *     operations like RENAME. FUTIMENS sets
 *     times (UTIME_NOW, UTIME_OMIT).
 *   - A directory handle's offset is a cookie (telldir/seekdir).
 */
#pragma once

#include <abi/file.h>
#include <libscheme/libscheme.h>

#include <stddef.h>
#include <stdint.h>

/* Flags and types the daemon needs beyond abi/ (abi/file.h, shared with
 * ext2fsd). */
#define RAMFS_O_NOFOLLOW ABI_O_NOFOLLOW
#define RAMFS_O_PATH     ABI_O_PATH
#define RAMFS_O_SYMLINK  ABI_O_SYMLINK
#define RAMFS_S_IFLNK    ABI_S_IFLNK
#define RAMFS_SEEK_DATA  ABI_SEEK_DATA
#define RAMFS_SEEK_HOLE  ABI_SEEK_HOLE
#define RAMFS_UTIME_NOW  ABI_UTIME_NOW
#define RAMFS_UTIME_OMIT ABI_UTIME_OMIT

#define RAMFS_PAGE     4096u
#define RAMFS_NAME_MAX 255
#define RAMFS_PATH_MAX 4096     /* bytes in a path, with its NUL */
#define RAMFS_LINK_MAX 40       /* symbolic links followed in one lookup */

typedef abi_file_timespec_t ramfs_timespec_t;

typedef struct ramfs ramfs_t;

typedef struct ramfs_config {
	uint64_t max_pages;     /* file data pages the fs may hold */
	uint64_t max_nodes;     /* files, directories and links */
	uint64_t dev;           /* st_dev and f_fsid */
	int64_t (*now)(void);   /* the realtime clock, in ns */
	void *(*page_alloc)(void);      /* RAMFS_PAGE bytes, or NULL */
	void (*page_free)(void *page);
} ramfs_config_t;

/* An empty file system (just "/", mode 0755, owned by root); NULL without memory. */
ramfs_t *ramfs_create(const ramfs_config_t *cfg);
/* Frees every node, page and handle. */
void ramfs_destroy(ramfs_t *fs);

extern const scheme_ops_t ramfs_ops;

/* What FUTIMENS would call: times[0] atime, times[1] mtime (UTIME_NOW/OMIT). */
long ramfs_futimens(void *st, scheme_call_t *c, uint64_t h, const ramfs_timespec_t times[2]);

/* Data pages in use (for tests and fstatvfs). */
uint64_t ramfs_pages_used(const ramfs_t *fs);

/*
 * Copies an initfs image (lib/initfs.h) into the tree: every directory,
 * file and symlink with its mode, owner and mtime. 0, -EINVAL for an
 * image initfs_open refuses, or -ENOMEM/-ENOSPC (the tree keeps what was
 * copied).
 */
int ramfs_seed_initfs(ramfs_t *fs, const void *image, size_t size);
/* Creates /tmp (01777), /home (0755) and /root (0700) where missing. */
int ramfs_seed_defaults(ramfs_t *fs);
