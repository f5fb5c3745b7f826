// SPDX-License-Identifier: MIT
/*
 * File status as fstat reports it, and the file type bits of its mode.
 * Kept apart from abi/fcntl.h so daemon logic that also builds on the
 * host can use it next to the host's own <fcntl.h>.
 */
#pragma once

#include <stdint.h>

#define ABI_S_IFMT   0170000
#define ABI_S_IFIFO  0010000
#define ABI_S_IFCHR  0020000
#define ABI_S_IFDIR  0040000
#define ABI_S_IFREG  0100000
#define ABI_S_IFLNK  0120000
#define ABI_S_IFBLK  0060000
#define ABI_S_IFSOCK 0140000

typedef struct abi_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink;
	uint32_t uid, gid;
	uint64_t rdev;
	int64_t size;
	int64_t blksize, blocks;
	int64_t atime_ns, mtime_ns, ctime_ns;
} abi_stat_t;

typedef struct abi_statvfs {
	uint64_t bsize, frsize;
	uint64_t blocks, bfree, bavail;
	uint64_t files, ffree, favail;
	uint64_t fsid, flag, namemax;
} abi_statvfs_t;

/*
 * getdents fills the buffer with these records, each padded to 8 bytes;
 * reclen is the whole record's size, name ends with a NUL.
 */
typedef struct abi_dirent {
	uint64_t ino;
	uint16_t reclen;
	uint8_t type;           /* ABI_DT_* */
	char name[];
} abi_dirent_t;

#define ABI_DT_UNKNOWN 0
#define ABI_DT_FIFO    1
#define ABI_DT_CHR     2
#define ABI_DT_BLK     6
#define ABI_DT_DIR     4
#define ABI_DT_REG     8
#define ABI_DT_LNK     10
#define ABI_DT_SOCK    12
