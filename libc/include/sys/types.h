// SPDX-License-Identifier: MIT
/* The POSIX scalar types, sized for x86_64 and for the kernel's ABI. */
#pragma once

#include <bits/pthreadtypes.h>
#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t mode_t;
typedef int64_t ssize_t;
typedef int64_t off_t;
typedef int64_t time_t;
typedef int clockid_t;
typedef uint32_t useconds_t;
typedef int64_t suseconds_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint64_t nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;
typedef uint32_t id_t;
typedef int key_t;
typedef long clock_t;
typedef void *timer_t;
/* BSD and System V names some ported programs still use. */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef int64_t loff_t;
