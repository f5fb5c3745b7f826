// SPDX-License-Identifier: MIT
/*
 * Descriptor calls: thin wrappers over the resource system calls. The
 * kernel routes each to the scheme that owns the descriptor; libc adds
 * nothing but the errno convention.
 */
#include "libc.h"

#include <tessera/syscall.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(sys_read(fd, (long)buf, (long)count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(sys_write(fd, (long)buf, (long)count));
}

int close(int fd)
{
	return (int)__syscall_ret(sys_close(fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(sys_lseek(fd, offset, whence));
}

int dup(int fd)
{
	return (int)__syscall_ret(sys_dup(fd));
}

int dup2(int fd, int newfd)
{
	return (int)__syscall_ret(sys_dup2(fd, newfd));
}

int pipe(int fds[2])
{
	return (int)__syscall_ret(sys_pipe((long)fds, 0));
}

int fsync(int fd)
{
	return (int)__syscall_ret(sys_fsync(fd));
}

int ftruncate(int fd, off_t length)
{
	return (int)__syscall_ret(sys_ftruncate(fd, length));
}
