// SPDX-License-Identifier: MIT
/*
 * open and the calls on names that map straight to a system call
 * (unlink, rmdir, rename and their *at forms), fcntl, fstat (the kernel's
 * abi_stat_t becomes POSIX's struct stat), pipe2 and the Tessera calls on
 * descriptors. Paths become URLs in path.c.
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

static mode_t fcntl_mode_arg(int flags, va_list ap)
{
	/* Only O_CREAT (and mkdir's O_CREAT | O_DIRECTORY) pass a mode. */
	return (flags & O_CREAT) ? (mode_t)va_arg(ap, unsigned) : 0;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	char buf[LIBC_URL_MAX];
	const char *url = __libc_url_at(dirfd, path, buf, sizeof(buf));
	va_list ap;

	va_start(ap, flags);
	mode_t mode = fcntl_mode_arg(flags, ap);
	va_end(ap);
	return url ? (int)__syscall_ret(sys_open((long)url, flags, mode)) : -1;
}

int open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	mode_t mode = fcntl_mode_arg(flags, ap);
	va_end(ap);
	return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	char buf[LIBC_URL_MAX];
	const char *url = __libc_url_at(dirfd, path, buf, sizeof(buf));

	if (!url)
		return -1;
	if (flags & ~AT_REMOVEDIR) {
		errno = EINVAL;
		return -1;
	}
	long r = (flags & AT_REMOVEDIR) ? sys_rmdir((long)url) : sys_unlink((long)url);
	return (int)__syscall_ret(r);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	char b1[LIBC_URL_MAX], b2[LIBC_URL_MAX];
	const char *u1 = __libc_url_at(fromfd, from, b1, sizeof(b1));
	const char *u2 = u1 ? __libc_url_at(tofd, to, b2, sizeof(b2)) : NULL;

	return u2 ? (int)__syscall_ret(sys_rename((long)u1, (long)u2)) : -1;
}

int rename(const char *from, const char *to)
{
	return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

/*
 * Record locks: there is no lock manager yet, so F_GETLK reports every
 * range unlocked and F_SETLK/F_SETLKW succeed without locking anything
 * (a single-writer assumption documented in docs/libc.md).
 */
static int fcntl_lock(int fd, int cmd, struct flock *fl)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	if (!fl || fl->l_type < F_RDLCK || fl->l_type > F_UNLCK) {
		errno = EINVAL;
		return -1;
	}
	if (cmd == F_GETLK)
		fl->l_type = F_UNLCK;
	return 0;
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW)
		return fcntl_lock(fd, cmd, (struct flock *)arg);
	if (cmd == F_GETOWN)
		return 0;
	if (cmd == F_SETOWN) {
		errno = EINVAL;
		return -1;
	}
	return (int)__syscall_ret(sys_fcntl(fd, cmd, arg));
}

static void fcntl_time(struct timespec *ts, int64_t ns)
{
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += 1000000000;
		ts->tv_sec--;
	}
}

int fstat(int fd, struct stat *st)
{
	abi_stat_t k = { 0 };
	long r = sys_fstat(fd, (long)&k);

	if (r < 0)
		return (int)__syscall_ret(r);
	*st = (struct stat){
		.st_dev = k.dev, .st_ino = k.ino, .st_mode = k.mode, .st_nlink = k.nlink,
		.st_uid = k.uid, .st_gid = k.gid, .st_rdev = k.rdev, .st_size = k.size,
		.st_blksize = k.blksize ? k.blksize : 4096, .st_blocks = k.blocks,
	};
	fcntl_time(&st->st_atim, k.atime_ns);
	fcntl_time(&st->st_mtim, k.mtime_ns);
	fcntl_time(&st->st_ctim, k.ctime_ns);
	return 0;
}

int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
	struct stat st;

	(void)offset;
	if (fstat(fd, &st) < 0)
		return errno;
	if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		return EINVAL;
	return S_ISFIFO(st.st_mode) ? ESPIPE : 0;
}

int posix_fallocate(int fd, off_t offset, off_t len)
{
	struct stat st;
	off_t end;

	if (offset < 0 || len <= 0)
		return EINVAL;
	if (__builtin_add_overflow(offset, len, &end))
		return EFBIG;
	if (fstat(fd, &st) < 0)
		return errno;
	if (!S_ISREG(st.st_mode))
		return S_ISFIFO(st.st_mode) ? ESPIPE : ENODEV;
	if (st.st_size >= end)
		return 0;
	return ftruncate(fd, end) < 0 ? errno : 0;
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
