// SPDX-License-Identifier: MIT
/*
 * Memory mappings: the kernel's mmap returns the address or -errno, which
 * becomes MAP_FAILED ((void *)-1) and errno here.
 */
#include "libc.h"

#include <sys/mman.h>
#include <tessera/syscall.h>

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	return (void *)__syscall_ret(sys_mmap((long)addr, (long)length, prot, flags, fd,
					      offset));
}

int munmap(void *addr, size_t length)
{
	return (int)__syscall_ret(sys_munmap((long)addr, (long)length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)__syscall_ret(sys_mprotect((long)addr, (long)length, prot));
}
