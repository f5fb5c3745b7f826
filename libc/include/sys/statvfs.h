// SPDX-License-Identifier: MIT
/*
 * File system information (POSIX <sys/statvfs.h>). The fields are the
 * kernel's abi_statvfs_t (abi/stat.h), which the scheme behind the file
 * fills; libc/src/io/statvfs.c copies them over.
 */
#pragma once

#include <sys/types.h>

typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;

#define ST_RDONLY 1
#define ST_NOSUID 2

struct statvfs {
	unsigned long f_bsize;
	unsigned long f_frsize;
	fsblkcnt_t f_blocks;
	fsblkcnt_t f_bfree;
	fsblkcnt_t f_bavail;
	fsfilcnt_t f_files;
	fsfilcnt_t f_ffree;
	fsfilcnt_t f_favail;
	unsigned long f_fsid;
	unsigned long f_flag;
	unsigned long f_namemax;
};

int statvfs(const char *restrict path, struct statvfs *restrict buf);
int fstatvfs(int fd, struct statvfs *buf);
