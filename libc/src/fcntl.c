// SPDX-License-Identifier: MIT
/*
 * open, fcntl, fstat, pipe2 and the Tessera calls on descriptors. A path
 * without a scheme ("/etc/motd", "notes.txt") means file:, so open adds
 * the prefix; anything of the form "name:..." before the first '/' is
 * already a URL and goes to the kernel as it is.
 */
#include "libc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <tessera/syscall.h>
#include <tessera/sys.h>
#include <unistd.h>

#define URL_MAX 4096

static int path_has_scheme(const char *path)
{
	for (const char *c = path; *c && *c != '/'; c++)
		if (*c == ':')
			return c != path;
	return 0;
}

int open(const char *path, int flags, ...)
{
	char url[URL_MAX];
	size_t len;

	if (!path) {
		errno = EFAULT;
		return -1;
	}
	if (path_has_scheme(path))
		return (int)__syscall_ret(sys_open((long)path, flags, 0));
	len = strlen(path);
	if (len + sizeof("file:") > sizeof(url)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(url, "file:", 5);
	memcpy(url + 5, path, len + 1);
	return (int)__syscall_ret(sys_open((long)url, flags, 0));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(sys_fcntl(fd, cmd, arg));
}

int fstat(int fd, struct stat *st)
{
	return (int)__syscall_ret(sys_fstat(fd, (long)st));
}

int pipe2(int fds[2], int flags)
{
	return (int)__syscall_ret(sys_pipe((long)fds, flags));
}

long tessera_fpath(int fd, char *buf, size_t size)
{
	return __syscall_ret(sys_fpath(fd, (long)buf, (long)size));
}

int tessera_mkns(const char *const *names, size_t count)
{
	return (int)__syscall_ret(sys_mkns((long)names, (long)count));
}
