// SPDX-License-Identifier: MIT
/*
 * File system calls beyond plain I/O: the ones on a descriptor (fsync,
 * ftruncate, fstatvfs, fchmod, fchown, futimens, getdents, fevent,
 * dupat) and the ones on a name (unlink, rmdir, rename). All are routed
 * to the file's scheme; a scheme without the operation gives EOPNOTSUPP
 * (ESPIPE-like "not this kind of file" answers are the scheme's to give).
 */
#include <syscall.h>

#include <abi/errno.h>
#include <abi/event.h>
#include <abi/proc.h>
#include <arch/layout.h>
#include <fd.h>
#include <mm.h>
#include <proc.h>
#include <string.h>
#include <uaccess.h>

#define URL_MAX SCHEME_URL_MAX

/* The file behind descriptor a0, or NULL (EBADF). */
static file_t *sys_file(const syscall_args_t *a)
{
	return fd_get(proc_current(), (int)a->a[0]);
}

#define SYS_FILE_OP(f, op, ...) \
	((f)->scheme->ops->op ? (f)->scheme->ops->op(__VA_ARGS__) : -EOPNOTSUPP)

long sys_fsync(const syscall_args_t *a)
{
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	long r = (f->open_flags & O_PATH) ? -EBADF : SYS_FILE_OP(f, fsync, f);
	file_put(f);
	return r;
}

long sys_ftruncate(const syscall_args_t *a)
{
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	long r = (int64_t)a->a[1] < 0 ? -EINVAL
		 : (f->flags & O_ACCMODE) == O_RDONLY ? -EBADF
		 : SYS_FILE_OP(f, ftruncate, f, a->a[1]);
	file_put(f);
	return r;
}

long sys_fstatvfs(const syscall_args_t *a)
{
	abi_statvfs_t st;
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	long r = SYS_FILE_OP(f, fstatvfs, f, &st);
	file_put(f);
	return r ? r : copy_to_user(uptr(a->a[1]), &st, sizeof(st));
}

long sys_fchmod(const syscall_args_t *a)
{
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	long r = SYS_FILE_OP(f, fchmod, f, (unsigned)a->a[1] & 07777);
	file_put(f);
	return r;
}

long sys_fchown(const syscall_args_t *a)
{
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	long r = SYS_FILE_OP(f, fchown, f, (unsigned)a->a[1], (unsigned)a->a[2]);
	file_put(f);
	return r;
}

long sys_futimens(const syscall_args_t *a)
{
	abi_timespec_t times[2];
	file_t *f;

	if (copy_from_user(times, uptr(a->a[1]), sizeof(times)))
		return -EFAULT;
	if (!(f = sys_file(a)))
		return -EBADF;
	long r = SYS_FILE_OP(f, futimens, f, times);
	file_put(f);
	return r;
}

long sys_getdents(const syscall_args_t *a)
{
	uint64_t buf = a->a[1], len = a->a[2];
	file_t *f;

	if (buf + len < buf || buf + len > USER_TOP)
		return -EFAULT;
	if (!(f = sys_file(a)))
		return -EBADF;
	long r = SYS_FILE_OP(f, getdents, f, uptr(buf), len);
	file_put(f);
	return r;
}

/* fevent(fd, wanted): the EVENT_* readiness of fd now, within wanted. */
long sys_fevent(const syscall_args_t *a)
{
	file_t *f = sys_file(a);

	if (!f)
		return -EBADF;
	if (a->a[1] & ~(uint64_t)(EVENT_READ | EVENT_WRITE)) {
		file_put(f);
		return -EINVAL;
	}
	long r = file_poll(f) & a->a[1];
	file_put(f);
	return r;
}

/* dupat(fd, path, flags): a new descriptor opened relative to fd. */
long sys_dupat(const syscall_args_t *a)
{
	char path[URL_MAX];
	long len = copy_string_from_user(path, uptr(a->a[1]), sizeof(path));
	int oflags = (int)a->a[2];
	file_t *f, *nf;

	if (len < 0)
		return len;
	if ((oflags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if (!(f = sys_file(a)))
		return -EBADF;
	int err = file_dupat(f, path, oflags, &nf);
	file_put(f);
	if (err)
		return err;
	int fd = fd_install(proc_current(), nf, 0, oflags & O_CLOEXEC);
	if (fd < 0)
		file_put(nf);
	return fd;
}

/* A URL from user memory, resolved to its scheme. */
static scheme_t *sys_resolve(uint64_t uurl, char *url, const char **path, long *err)
{
	long len = copy_string_from_user(url, uptr(uurl), URL_MAX);
	scheme_t *s;

	if (len < 0) {
		*err = len;
		return NULL;
	}
	s = scheme_resolve(url, path);
	*err = s ? 0 : -ENOENT;
	return s;
}

static long sys_by_name(const syscall_args_t *a, bool dir)
{
	char url[URL_MAX];
	const char *path;
	long err;
	scheme_t *s = sys_resolve(a->a[0], url, &path, &err);

	if (!s)
		return err;
	long r = dir ? (s->ops->rmdir ? s->ops->rmdir(s, path) : -EOPNOTSUPP)
		     : (s->ops->unlink ? s->ops->unlink(s, path) : -EOPNOTSUPP);
	scheme_release(s);
	return r;
}

long sys_unlink(const syscall_args_t *a)
{
	return sys_by_name(a, false);
}

long sys_rmdir(const syscall_args_t *a)
{
	return sys_by_name(a, true);
}

/* rename and link: two URLs, which must name the same scheme. */
static long sys_two_urls(const syscall_args_t *a, bool link)
{
	char from[URL_MAX], to[URL_MAX];
	const char *pfrom, *pto;
	long err;
	scheme_t *s = sys_resolve(a->a[0], from, &pfrom, &err);
	scheme_t *t = s ? sys_resolve(a->a[1], to, &pto, &err) : NULL;
	int (*op)(scheme_t *, const char *, const char *) =
		!s ? NULL : link ? s->ops->link : s->ops->rename;

	long r = !s || !t ? err : s != t ? -EXDEV : op ? op(s, pfrom, pto) : -EOPNOTSUPP;
	if (s)
		scheme_release(s);
	if (t)
		scheme_release(t);
	return r;
}

long sys_rename(const syscall_args_t *a)
{
	return sys_two_urls(a, false);
}

long sys_link(const syscall_args_t *a)
{
	return sys_two_urls(a, true);
}

/* symlink(target, url): target is stored as it is, not resolved. */
long sys_symlink(const syscall_args_t *a)
{
	char target[URL_MAX], url[URL_MAX];
	const char *path;
	long err = copy_string_from_user(target, uptr(a->a[0]), URL_MAX);

	if (err < 0)
		return err;
	scheme_t *s = sys_resolve(a->a[1], url, &path, &err);
	if (!s)
		return err;
	long r = s->ops->symlink ? s->ops->symlink(s, target, path) : -EOPNOTSUPP;
	scheme_release(s);
	return r;
}
