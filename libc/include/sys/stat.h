// SPDX-License-Identifier: MIT
/* File status: struct stat has the kernel's abi_stat_t layout. */
#pragma once

#include <abi/fcntl.h>
#include <sys/types.h>

#define S_IFMT   ABI_S_IFMT
#define S_IFIFO  ABI_S_IFIFO
#define S_IFCHR  ABI_S_IFCHR
#define S_IFDIR  ABI_S_IFDIR
#define S_IFREG  ABI_S_IFREG
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)

struct stat {
	uint64_t st_dev, st_ino;
	mode_t st_mode;
	uint32_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	uint64_t st_rdev;
	off_t st_size;
	int64_t st_blksize, st_blocks;
	int64_t st_atime_ns, st_mtime_ns, st_ctime_ns;
};
_Static_assert(sizeof(struct stat) == sizeof(abi_stat_t), "struct stat is abi_stat_t");

int fstat(int fd, struct stat *st);

int fchmod(int fd, mode_t mode);
