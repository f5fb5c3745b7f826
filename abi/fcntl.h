// SPDX-License-Identifier: MIT
/*
 * Descriptor ABI: open flags, fcntl commands, lseek origins and the stat
 * record. Values are Linux's, so ported code needs no translation.
 */
#pragma once

#include <abi/stat.h>

#include <stdint.h>

#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DIRECTORY 00200000  /* with O_CREAT: make a directory (mkdir) */
#define O_NOFOLLOW  00400000  /* a symbolic link as the last component: ELOOP */
#define O_CLOEXEC   02000000
#define O_PATH      010000000 /* only for fstat, fchmod, fchown, futimens,
			       * fpath, getdents: no read permission needed */
#define O_SYMLINK   040000000 /* Tessera: open a symbolic link itself; read
			       * gives its target (readlink), fstat the link */
#define O_SYNC      04010000
#define O_DSYNC     00010000
#define O_RSYNC     O_SYNC
#define O_NOATIME   01000000
#define O_LARGEFILE 0

#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_GETLK         5
#define F_SETLK         6
#define F_SETLKW        7
#define F_SETOWN        8
#define F_GETOWN        9
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

