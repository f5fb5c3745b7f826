// SPDX-License-Identifier: MIT
/*
 * ext2fsd: the `file:` scheme served from an ext2 file system (ext2.h is
 * the on-disk library; this is the POSIX layer over it). The semantics
 * are ramfsd's (daemons/ramfsd/ramfs.h lists the conventions, abi/file.h the values: O_SYMLINK
 * and O_PATH|O_NOFOLLOW open a link itself and READ gives its target,
 * mkdir is OPEN with O_CREAT|O_EXCL|O_DIRECTORY, O_APPEND comes with each
 * WRITE, a directory handle's offset is a cookie), so programs cannot tell
 * which daemon serves them — but for what ext2 stores differently:
 *
 *   - times have nanoseconds where the inode is large enough (mke2fs's
 *     256-byte inodes), whole seconds in 128-byte inodes;
 *   - a directory's size is its blocks' size, its getdents cookie a byte
 *     offset into it, and "." and ".." are real records;
 *   - names are at most 255 bytes, links per file 65000, a symbolic
 *     link's target shorter than a block;
 *   - fsync writes the whole file system back and flushes the device.
 *
 * Everything here is pure logic over the library, tested on the host
 * through scheme_dispatch() on mke2fs images (tests/unit/test_ext2fsd.c).
 */
#pragma once

#include "ext2.h"

#include <libscheme/libscheme.h>

typedef struct ext2fsd ext2fsd_t;

/* The scheme state over a mounted file system (which it does not own). */
ext2fsd_t *ext2fsd_create(ext2_fs_t *fs, uint64_t dev);
/* Closes every handle (dropping the inodes: unlinked files are freed). */
void ext2fsd_destroy(ext2fsd_t *d);

extern const scheme_ops_t ext2fsd_ops;
