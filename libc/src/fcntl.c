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

/* ":name" (registering a scheme) counts as a URL too. */
static int path_has_scheme(const char *path)
{
	if (path[0] == ':')
		return 1;
	for (const char *c = path; *c && *c != '/'; c++)
		if (*c == ':')
			return c != path;
	return 0;
}

const char *__libc_url(const char *path, char *url, size_t size)
{
	size_t len;

	if (!path) {
		errno = EFAULT;
		return NULL;
	}
	if (path_has_scheme(path))
		return path;
	len = strlen(path);
	if (len + sizeof("file:") > size) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	memcpy(url, "file:", 5);
	memcpy(url + 5, path, len + 1);
	return url;
}

int open(const char *path, int flags, ...)
{
	char buf[URL_MAX];
	const char *url = __libc_url(path, buf, sizeof(buf));

	return url ? (int)__syscall_ret(sys_open((long)url, flags, 0)) : -1;
}

int unlink(const char *path)
{
	char buf[URL_MAX];
	const char *url = __libc_url(path, buf, sizeof(buf));

	return url ? (int)__syscall_ret(sys_unlink((long)url)) : -1;
}

int rmdir(const char *path)
{
	char buf[URL_MAX];
	const char *url = __libc_url(path, buf, sizeof(buf));

	return url ? (int)__syscall_ret(sys_rmdir((long)url)) : -1;
}

int rename(const char *from, const char *to)
{
	char b1[URL_MAX], b2[URL_MAX];
	const char *u1 = __libc_url(from, b1, sizeof(b1)), *u2 = u1 ? __libc_url(to, b2, sizeof(b2)) : NULL;

	return u2 ? (int)__syscall_ret(sys_rename((long)u1, (long)u2)) : -1;
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

int tessera_dupat(int fd, const char *path, int flags)
{
	return (int)__syscall_ret(sys_dupat(fd, (long)path, flags));
}

int tessera_fevent(int fd, unsigned wanted)
{
	return (int)__syscall_ret(sys_fevent(fd, wanted));
}

long tessera_getdents(int fd, void *buf, size_t size)
{
	return __syscall_ret(sys_getdents(fd, (long)buf, (long)size));
}

int fchmod(int fd, mode_t mode)
{
	return (int)__syscall_ret(sys_fchmod(fd, mode));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(sys_fchown(fd, uid, gid));
}
