// SPDX-License-Identifier: MIT
/*
 * File control (POSIX <fcntl.h>): open flags and fcntl commands, whose
 * values are the kernel's (abi/fcntl.h, Linux's numbers), and the *at
 * calls. A path without a scheme is a `file:` path; a relative one is
 * taken from the working directory, or from dirfd's directory in the *at
 * calls (AT_FDCWD: the working directory).
 */
#pragma once

#include <abi/fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

#define O_EXEC   O_PATH
#define O_SEARCH O_PATH
#define O_TTY_INIT 0
#define O_NDELAY O_NONBLOCK
#define FASYNC   020000

#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_EACCESS          0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	pid_t l_pid;
};

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
int posix_fadvise(int fd, off_t offset, off_t len, int advice);
int posix_fallocate(int fd, off_t offset, off_t len);
