// SPDX-License-Identifier: MIT
/*
 * Descriptor system calls: argument checks and descriptor bookkeeping
 * here, the I/O itself in the file's scheme. Paths are URLs
 * ("scheme:path"); libc turns a plain path into a file: URL.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <arch/layout.h>
#include <fd.h>
#include <proc.h>
#include <string.h>
#include <uaccess.h>

#define RW_MAX 0x7ffff000ul

long sys_open(const syscall_args_t *a)
{
	char url[SCHEME_URL_MAX];
	long len = copy_string_from_user(url, uptr(a->a[0]), sizeof(url));
	int oflags = (int)a->a[1];
	file_t *f;

	if (len < 0)
		return len;
	if ((oflags & O_ACCMODE) == O_ACCMODE ||
	    ((oflags & O_PATH) && (oflags & O_ACCMODE) != O_RDONLY))
		return -EINVAL;
	unsigned mode = (unsigned)a->a[2] & 07777 & ~proc_current()->umask;
	int err = file_open_mode(url, oflags, mode, &f);
	if (err)
		return err;
	int fd = fd_install(proc_current(), f, 0, oflags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_close(const syscall_args_t *a)
{
	return fd_close(proc_current(), (int)a->a[0]);
}

/* Common to read and write: the file, and a user range that is all valid. */
static file_t *sys_rw_file(const syscall_args_t *a, long *err)
{
	uint64_t buf = a->a[1], len = a->a[2];

	if (buf + len < buf || buf + len > USER_TOP) {
		*err = -EFAULT;
		return NULL;
	}
	file_t *f = fd_get(proc_current(), (int)a->a[0]);
	*err = f ? 0 : -EBADF;
	return f;
}

long sys_read(const syscall_args_t *a)
{
	long err;
	file_t *f = sys_rw_file(a, &err);

	if (!f)
		return err;
	long r = file_read(f, uptr(a->a[1]), a->a[2] < RW_MAX ? a->a[2] : RW_MAX);
	file_put(f);
	return r;
}

long sys_write(const syscall_args_t *a)
{
	long err;
	file_t *f = sys_rw_file(a, &err);

	if (!f)
		return err;
	long r = file_write(f, uptr(a->a[1]), a->a[2] < RW_MAX ? a->a[2] : RW_MAX);
	file_put(f);
	return r;
}

long sys_lseek(const syscall_args_t *a)
{
	file_t *f = fd_get(proc_current(), (int)a->a[0]);

	if (!f)
		return -EBADF;
	int64_t r = file_seek(f, (int64_t)a->a[1], (int)a->a[2]);
	file_put(f);
	return r;
}

long sys_dup(const syscall_args_t *a)
{
	process_t *p = proc_current();
	file_t *f = fd_get(p, (int)a->a[0]);

	if (!f)
		return -EBADF;
	int fd = fd_install(p, f, 0, false);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_dup2(const syscall_args_t *a)
{
	return fd_dup2(proc_current(), (int)a->a[0], (int)a->a[1], false);
}

static long sys_fcntl_dupfd(process_t *p, int fd, long min, bool cloexec)
{
	if (min < 0 || min >= FD_MAX)
		return -EINVAL;
	file_t *f = fd_get(p, fd);
	if (!f)
		return -EBADF;
	int nfd = fd_install(p, f, (int)min, cloexec);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

long sys_fcntl(const syscall_args_t *a)
{
	process_t *p = proc_current();
	int fd = (int)a->a[0];
	file_t *f;
	long r;

	switch (a->a[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return sys_fcntl_dupfd(p, fd, (long)a->a[2], a->a[1] == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_get_cloexec(p, fd) == 1 ? FD_CLOEXEC : fd_get_cloexec(p, fd);
	case F_SETFD:
		return fd_set_cloexec(p, fd, a->a[2] & FD_CLOEXEC);
	case F_GETFL:
	case F_SETFL:
		if (!(f = fd_get(p, fd)))
			return -EBADF;
		uint64_t flags = spin_lock_irqsave(&f->lock);
		if (a->a[1] == F_SETFL)
			f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) |
				   ((int)a->a[2] & (O_APPEND | O_NONBLOCK));
		r = f->flags;
		spin_unlock_irqrestore(&f->lock, flags);
		file_put(f);
		return a->a[1] == F_SETFL ? 0 : r;
	default:
		return -EINVAL;
	}
}

long sys_fstat(const syscall_args_t *a)
{
	abi_stat_t st;
	file_t *f = fd_get(proc_current(), (int)a->a[0]);

	if (!f)
		return -EBADF;
	int err = file_stat(f, &st);
	file_put(f);
	return err ? err : copy_to_user(uptr(a->a[1]), &st, sizeof(st));
}

/* fpath(fd, buf, size): the URL the file was opened with; its length. */
long sys_fpath(const syscall_args_t *a)
{
	file_t *f = fd_get(proc_current(), (int)a->a[0]);

	if (!f)
		return -EBADF;
	size_t len = strnlen(f->path, sizeof(f->path));
	long r = len + 1 > a->a[2] ? -ERANGE
				    : copy_to_user(uptr(a->a[1]), f->path, len + 1);
	file_put(f);
	return r ? r : (long)len;
}

long sys_pipe(const syscall_args_t *a)
{
	process_t *p = proc_current();
	int oflags = (int)a->a[1];
	file_t *ends[2];
	int fds[2];

	if (oflags & ~(O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	int err = pipe_create(oflags, ends);
	if (err)
		return err;
	fds[0] = fd_install(p, ends[0], 0, oflags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(p, ends[1], 0, oflags & O_CLOEXEC);
	if (fds[1] < 0 || copy_to_user(uptr(a->a[0]), fds, sizeof(fds))) {
		err = fds[1] < 0 ? -EMFILE : -EFAULT;
		/* Undo by file, not number: another thread may have closed or
		 * reused the slot (then the reference went with it). */
		for (int i = 0; i < 2; i++) {
			if (fds[i] < 0)
				file_put(ends[i]);
			else
				fd_close_if(p, fds[i], ends[i]);
		}
		return err;
	}
	return 0;
}

/*
 * mkns(names, count): narrow the caller's namespace to the listed schemes
 * (an array of count string pointers). Names it cannot see already are
 * ignored: a namespace only ever shrinks.
 */
long sys_mkns(const syscall_args_t *a)
{
	process_t *p = proc_current();
	uint64_t mask = 0;

	if (a->a[1] > 64)
		return -EINVAL;
	for (uint64_t i = 0; i < a->a[1]; i++) {
		uint64_t uname;
		char name[SCHEME_NAME_MAX];
		if (copy_from_user(&uname, uptr(a->a[0] + i * 8), 8))
			return -EFAULT;
		long len = copy_string_from_user(name, uptr(uname), sizeof(name));
		if (len < 0)
			return len == -ENAMETOOLONG ? -EINVAL : len;
		int id = scheme_id(name);
		if (id >= 0)
			mask |= 1ull << id;
	}
	__atomic_fetch_and(&p->ns_mask, mask, __ATOMIC_ACQ_REL);
	return 0;
}
