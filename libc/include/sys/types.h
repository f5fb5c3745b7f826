// SPDX-License-Identifier: MIT
/* The POSIX scalar types, sized for x86_64 and for the kernel's ABI. */
#pragma once

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
