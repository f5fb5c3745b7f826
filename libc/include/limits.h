// SPDX-License-Identifier: MIT
/*
 * Limits of the integer types (LP64) and the few POSIX limits libc
 * enforces. GCC's own <limits.h> wants to chain to a hosted libc's, so
 * Tessera has its own.
 */
#pragma once

#define CHAR_BIT   8
#define SCHAR_MIN  (-128)
#define SCHAR_MAX  127
#define UCHAR_MAX  255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN   0
#define CHAR_MAX   UCHAR_MAX
#else
#define CHAR_MIN   SCHAR_MIN
#define CHAR_MAX   SCHAR_MAX
#endif
#define SHRT_MIN   (-1 - SHRT_MAX)
#define SHRT_MAX   0x7fff
#define USHRT_MAX  0xffff
#define INT_MIN    (-1 - INT_MAX)
#define INT_MAX    0x7fffffff
#define UINT_MAX   0xffffffffU
#define LONG_MIN   (-1L - LONG_MAX)
#define LONG_MAX   0x7fffffffffffffffL
#define ULONG_MAX  0xffffffffffffffffUL
#define LLONG_MIN  (-1LL - LLONG_MAX)
#define LLONG_MAX  0x7fffffffffffffffLL
#define ULLONG_MAX 0xffffffffffffffffULL
#define SSIZE_MAX  LONG_MAX
#define MB_LEN_MAX 1

#define PAGE_SIZE  4096
#define PAGESIZE   PAGE_SIZE
#define PATH_MAX   4096
#define ATEXIT_MAX 32
