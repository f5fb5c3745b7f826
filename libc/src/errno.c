// SPDX-License-Identifier: MIT
/*
 * errno lives in thread-local storage, so each thread has its own from
 * its first instruction (its TLS block is a copy of the TLS image). The
 * wrappers all end in __syscall_ret, the one place a raw -errno result
 * turns into errno and -1.
 */
#include "libc.h"

#include <errno.h>

static __thread int libc_errno;

int *__errno_location(void)
{
	return &libc_errno;
}

long __syscall_ret(long ret)
{
	if ((unsigned long)ret > -4096UL) {
		libc_errno = (int)-ret;
		return -1;
	}
	return ret;
}
