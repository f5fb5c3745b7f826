// SPDX-License-Identifier: MIT
/*
 * Memory mappings: the kernel's mmap returns the address or -errno, which
 * becomes MAP_FAILED ((void *)-1) and errno here.
 */
#include "libc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
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

/* [addr, addr + length) must be page-aligned to be a valid range. */
static int mman_check(const void *addr, size_t length)
{
	if ((uintptr_t)addr & (PAGE_SIZE - 1) || length > SIZE_MAX - PAGE_SIZE) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int msync(void *addr, size_t length, int flags)
{
	if ((flags & MS_ASYNC) && (flags & MS_SYNC)) {
		errno = EINVAL;
		return -1;
	}
	return mman_check(addr, length);
}

int madvise(void *addr, size_t length, int advice)
{
	if (advice < MADV_NORMAL || (advice > MADV_DONTNEED && advice != MADV_FREE)) {
		errno = EINVAL;
		return -1;
	}
	return mman_check(addr, length);
}

int posix_madvise(void *addr, size_t length, int advice)
{
	if (advice < POSIX_MADV_NORMAL || advice > POSIX_MADV_DONTNEED)
		return EINVAL;
	return mman_check(addr, length) < 0 ? EINVAL : 0;
}

/* Nothing is ever paged out: locked is the only state memory has. */
int mlock(const void *addr, size_t length)
{
	(void)addr;
	(void)length;
	return 0;
}

int munlock(const void *addr, size_t length)
{
	(void)addr;
	(void)length;
	return 0;
}

int mlockall(int flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE))) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int munlockall(void)
{
	return 0;
}

/* "/name" → "shm:name": one leading slash, no others (POSIX leaves the rest open). */
static const char *mman_shm_url(const char *name, char *url, size_t size)
{
	if (*name == '/')
		name++;
	size_t len = strlen(name);
	if (!len || strchr(name, '/')) {
		errno = EINVAL;
		return NULL;
	}
	if (len + sizeof("shm:") > size) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	memcpy(url, "shm:", 4);
	memcpy(url + 4, name, len + 1);
	return url;
}

int shm_open(const char *name, int flags, mode_t mode)
{
	char buf[NAME_MAX + 8];
	const char *url = mman_shm_url(name, buf, sizeof(buf));

	return url ? open(url, flags | O_CLOEXEC, mode) : -1;
}

int shm_unlink(const char *name)
{
	char buf[NAME_MAX + 8];
	const char *url = mman_shm_url(name, buf, sizeof(buf));

	return url ? unlink(url) : -1;
}
