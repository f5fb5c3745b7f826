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
#define MB_LEN_MAX 4     /* UTF-8 */
#define CHAR_WIDTH   8
#define SCHAR_WIDTH  8
#define UCHAR_WIDTH  8
#define SHRT_WIDTH   16
#define USHRT_WIDTH  16
#define INT_WIDTH    32
#define UINT_WIDTH   32
#define LONG_WIDTH   64
#define ULONG_WIDTH  64
#define LLONG_WIDTH  64
#define ULLONG_WIDTH 64
#define LONG_BIT     64
#define WORD_BIT     32

/* POSIX limits: what Tessera's kernel and libc actually allow. */
#define PAGE_SIZE      4096
#define PAGESIZE       PAGE_SIZE
#define PATH_MAX       1024     /* a whole URL, "file:" included (the kernel's SCHEME_URL_MAX) */
#define NAME_MAX       255
#define ATEXIT_MAX     32
#define ARG_MAX        131072   /* the kernel's exec argument area */
#define OPEN_MAX       256      /* descriptors per process */
#define NGROUPS_MAX    1
#define LINE_MAX       2048
#define IOV_MAX        1024
#define PIPE_BUF       4096
#define LINK_MAX       65000
#define MAX_CANON      255
#define MAX_INPUT      255
#define SYMLOOP_MAX    40
#define HOST_NAME_MAX  64
#define LOGIN_NAME_MAX 256
#define TTY_NAME_MAX   32
#define TZNAME_MAX     6
#define NL_ARGMAX      9
#define NL_LANGMAX     14
#define NL_MSGMAX      32767
#define NL_SETMAX      255
#define NL_TEXTMAX     2048
#define NZERO          20
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define PTHREAD_STACK_MIN 16384
#define SEM_VALUE_MAX  0x7fffffff
#define SEM_NSEMS_MAX  256
#define RE_DUP_MAX     255
#define CHARCLASS_NAME_MAX 14
#define COLL_WEIGHTS_MAX 2
#define EXPR_NEST_MAX  32
#define BC_BASE_MAX    99
#define BC_DIM_MAX     2048
#define BC_SCALE_MAX   99
#define BC_STRING_MAX  1000
#define _POSIX_ARG_MAX 4096
#define _POSIX_CHILD_MAX 25
#define _POSIX_LINK_MAX 8
#define _POSIX_MAX_CANON 255
#define _POSIX_MAX_INPUT 255
#define _POSIX_NAME_MAX 14
#define _POSIX_NGROUPS_MAX 8
#define _POSIX_OPEN_MAX 20
#define _POSIX_PATH_MAX 256
#define _POSIX_PIPE_BUF 512
#define _POSIX_SSIZE_MAX 32767
#define _POSIX_STREAM_MAX 8
#define _POSIX_TZNAME_MAX 6
#define _POSIX2_LINE_MAX 2048
