// SPDX-License-Identifier: MIT
/*
 * errno and the E* error numbers.
 *
 * The numbers are abi/errno.h's (Linux's values). POSIX needs them as
 * macros (`#ifdef EINTR`, `#if EAGAIN == EWOULDBLOCK`) while abi/errno.h
 * defines an enum, so the build turns ERRNO_LIST into <bits/errno.h>
 * (one `#define` per entry, see user/user.mk): still one list. Because the
 * enum's names are these macros, a file that includes <errno.h> must not
 * also include <abi/errno.h>.
 *
 * errno is per thread: a thread-local int reached through
 * __errno_location(), as in glibc and musl, so threads created with
 * tessera_thread_create (and later pthreads) each see their own.
 */
#pragma once

#include <bits/errno.h>

#define EWOULDBLOCK EAGAIN
#define ENOTSUP     EOPNOTSUPP
#define EDEADLOCK   EDEADLK

int *__errno_location(void) __attribute__((const));
#define errno (*__errno_location())

#ifdef _GNU_SOURCE
/* The program's argv[0] and its last component (libc/src/misc/progname.c). */
extern char *program_invocation_name, *program_invocation_short_name;
#endif
