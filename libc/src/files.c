// SPDX-License-Identifier: MIT
/*
 * Calls on a file by name that the kernel only offers on descriptors:
 * stat, chmod, chown, utimensat, truncate, access, readlink, mkdir, and
 * the working directory. Each opens the name for what it needs — O_PATH
 * for metadata (no read permission needed), O_SYMLINK to act on a
 * symbolic link itself rather than its target — calls the descriptor
 * version and closes. link and symlink have system calls of their own.
 *
 * access() decides from the mode bits and the caller's ids, as the file
 * system daemon would (root may read and write anything, and execute what
 * has an execute bit or is a directory); only the file's existence and
 * the search permission on the way are checked by the daemon itself.
 */
#include "libc.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tessera/syscall.h>
#include <unistd.h>

/* Opens dirfd/path for metadata; AT_SYMLINK_NOFOLLOW means the link. */
static int files_open_meta(int dirfd, const char *path, int at_flags)
{
	int flags = O_PATH | O_CLOEXEC | ((at_flags & AT_SYMLINK_NOFOLLOW) ? O_SYMLINK : 0);

	if ((at_flags & AT_EMPTY_PATH) && path && !*path)
		return dup(dirfd);
	return openat(dirfd, path, flags);
}

/* Closes fd keeping errno, then returns r. */
static int files_close_ret(int fd, int r)
{
	int saved = errno;

	close(fd);
	errno = saved;
	return r;
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	int fd = files_open_meta(dirfd, path, flags);

	return fd < 0 ? -1 : files_close_ret(fd, fstat(fd, st));
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	int fd = files_open_meta(dirfd, path, flags);

	return fd < 0 ? -1 : files_close_ret(fd, fchmod(fd, mode));
}

int chmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, 0);
}

int lchmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	int fd = files_open_meta(dirfd, path, flags);

	return fd < 0 ? -1 : files_close_ret(fd, fchown(fd, uid, gid));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int futimens(int fd, const struct timespec times[2])
{
	struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };

	return (int)__syscall_ret(sys_futimens(fd, (long)(times ? times : now)));
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	int fd = files_open_meta(dirfd, path, flags);

	return fd < 0 ? -1 : files_close_ret(fd, futimens(fd, times));
}

int truncate(const char *path, off_t length)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	return fd < 0 ? -1 : files_close_ret(fd, ftruncate(fd, length));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	int fd = openat(dirfd, path, O_CREAT | O_EXCL | O_DIRECTORY | O_RDONLY | O_CLOEXEC, mode);

	return fd < 0 ? -1 : files_close_ret(fd, 0);
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

/* FIFOs and device nodes need support the file systems do not have yet. */
int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	struct stat st;

	(void)mode;
	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	errno = ENOTSUP;
	return -1;
}

int mkfifo(const char *path, mode_t mode)
{
	return mkfifoat(AT_FDCWD, path, mode);
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	(void)dev;
	if (S_ISFIFO(mode))
		return mkfifoat(dirfd, path, mode);
	if (S_ISREG(mode) || !(mode & S_IFMT)) {
		int fd = openat(dirfd, path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode & 07777);
		return fd < 0 ? -1 : files_close_ret(fd, 0);
	}
	errno = getuid() == 0 ? ENOTSUP : EPERM;
	return -1;
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return mknodat(AT_FDCWD, path, mode, dev);
}

mode_t umask(mode_t mask)
{
	return (mode_t)sys_umask(mask & 0777);
}

static bool files_may(const struct stat *st, int mode)
{
	uid_t uid = getuid();
	unsigned bits;

	if (uid == 0) {
		if (!(mode & X_OK))
			return true;
		return S_ISDIR(st->st_mode) || (st->st_mode & 0111);
	}
	if (st->st_uid == uid)
		bits = (st->st_mode >> 6) & 7;
	else if (st->st_gid == getgid())
		bits = (st->st_mode >> 3) & 7;
	else
		bits = st->st_mode & 7;
	return (bits & (unsigned)mode) == (unsigned)mode;
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	struct stat st;

	if (mode & ~(R_OK | W_OK | X_OK)) {
		errno = EINVAL;
		return -1;
	}
	if (fstatat(dirfd, path, &st, flags & AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!files_may(&st, mode)) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	struct stat st;
	int fd = openat(dirfd, path, O_RDONLY | O_SYMLINK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		return files_close_ret(fd, -1);
	if (!S_ISLNK(st.st_mode)) {
		errno = EINVAL;
		return files_close_ret(fd, -1);
	}
	ssize_t n = read(fd, buf, size);
	return files_close_ret(fd, (int)n);
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	char b1[LIBC_URL_MAX], b2[LIBC_URL_MAX];
	const char *u1 = __libc_url_at(fromfd, from, b1, sizeof(b1));
	const char *u2 = u1 ? __libc_url_at(tofd, to, b2, sizeof(b2)) : NULL;

	if (flags & ~AT_SYMLINK_FOLLOW) {
		errno = EINVAL;
		return -1;
	}
	return u2 ? (int)__syscall_ret(sys_link((long)u1, (long)u2)) : -1;
}

int link(const char *from, const char *to)
{
	return linkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	char buf[LIBC_URL_MAX];
	const char *url = __libc_url_at(dirfd, path, buf, sizeof(buf));

	if (!target) {
		errno = EFAULT;
		return -1;
	}
	if (!*target) {
		errno = ENOENT;
		return -1;
	}
	return url ? (int)__syscall_ret(sys_symlink((long)target, (long)url)) : -1;
}

int symlink(const char *target, const char *path)
{
	return symlinkat(target, AT_FDCWD, path);
}

/* Makes url (an open directory's) the working directory. */
static int files_chdir_url(int fd, const char *url)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (!files_may(&st, X_OK)) {
		errno = EACCES;
		return -1;
	}
	return (int)__syscall_ret(sys_chdir((long)url));
}

int chdir(const char *path)
{
	char buf[LIBC_URL_MAX];
	const char *url = __libc_url(path, buf, sizeof(buf));
	int fd = url ? open(url, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;

	if (fd < 0)
		return -1;
	/* The directory is kept without the trailing '/' ("file:/" keeps it). */
	if (url != buf && strlen(url) < sizeof(buf))
		url = strcpy(buf, url);
	size_t len = strlen(buf);
	if (url == buf && len > 1 && buf[len - 1] == '/' && buf[len - 2] != ':')
		buf[len - 1] = '\0';
	return files_close_ret(fd, files_chdir_url(fd, url));
}

int fchdir(int fd)
{
	char url[LIBC_URL_MAX];
	long r = sys_fpath(fd, (long)url, sizeof(url));

	if (r < 0)
		return (int)__syscall_ret(r);
	return files_chdir_url(fd, url);
}

/* "file:/x" is "/x" to programs; other schemes keep their URL. */
char *getcwd(char *buf, size_t size)
{
	char url[LIBC_URL_MAX];
	long r = sys_getcwd((long)url, sizeof(url));

	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	const char *shown = strncmp(url, "file:", 5) == 0 ? url + 5 : url;
	size_t len = strlen(shown);
	if (buf && size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (!buf && size == 0)
		size = len + 1;         /* glibc's extension: as big as needed */
	if (len + 1 > size) {
		errno = ERANGE;
		return NULL;
	}
	if (!buf && !(buf = malloc(size)))
		return NULL;
	memcpy(buf, shown, len + 1);
	return buf;
}
