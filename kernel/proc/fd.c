// SPDX-License-Identifier: MIT
/*
 * Descriptor tables. Files are released outside the table lock: closing
 * a file may call into its scheme (a pipe wakes its other end), which
 * must not happen under a spinlock that other threads of the process
 * spin on.
 */
#include <fd.h>

#include <abi/errno.h>
#include <proc.h>

int fd_install(process_t *p, file_t *f, int min, bool cloexec)
{
	fd_table_t *t = &p->fds;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	int fd = -EMFILE;

	for (int i = min < 0 ? 0 : min; i < FD_MAX && fd < 0; i++)
		if (!t->files[i]) {
			t->files[i] = f;
			t->cloexec[i] = cloexec;
			fd = i;
		}
	spin_unlock_irqrestore(&t->lock, flags);
	return fd;
}

file_t *fd_get(process_t *p, int fd)
{
	fd_table_t *t = &p->fds;
	file_t *f = NULL;

	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	f = t->files[fd];
	if (f)
		file_get(f);
	spin_unlock_irqrestore(&t->lock, flags);
	return f;
}

int fd_close(process_t *p, int fd)
{
	fd_table_t *t = &p->fds;
	file_t *f = NULL;

	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	f = t->files[fd];
	t->files[fd] = NULL;
	spin_unlock_irqrestore(&t->lock, flags);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

int fd_close_if(process_t *p, int fd, file_t *expected)
{
	fd_table_t *t = &p->fds;
	bool match;

	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	match = t->files[fd] == expected;
	if (match)
		t->files[fd] = NULL;
	spin_unlock_irqrestore(&t->lock, flags);
	if (!match)
		return -EBADF;
	file_put(expected);
	return 0;
}

int fd_dup2(process_t *p, int oldfd, int newfd, bool cloexec)
{
	fd_table_t *t = &p->fds;
	file_t *old = NULL;

	if (oldfd < 0 || oldfd >= FD_MAX || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	file_t *f = t->files[oldfd];
	if (f && oldfd != newfd) {
		file_get(f);
		old = t->files[newfd];
		t->files[newfd] = f;
		t->cloexec[newfd] = cloexec;
	}
	spin_unlock_irqrestore(&t->lock, flags);
	if (old)
		file_put(old);
	return f ? newfd : -EBADF;
}

int fd_get_cloexec(process_t *p, int fd)
{
	fd_table_t *t = &p->fds;

	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	int r = t->files[fd] ? t->cloexec[fd] : -EBADF;
	spin_unlock_irqrestore(&t->lock, flags);
	return r;
}

int fd_set_cloexec(process_t *p, int fd, bool on)
{
	fd_table_t *t = &p->fds;

	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&t->lock);
	int r = t->files[fd] ? 0 : -EBADF;
	if (!r)
		t->cloexec[fd] = on;
	spin_unlock_irqrestore(&t->lock, flags);
	return r;
}

void fd_table_copy(process_t *from, process_t *to)
{
	uint64_t flags = spin_lock_irqsave(&from->fds.lock);

	for (int i = 0; i < FD_MAX; i++) {
		to->fds.files[i] = from->fds.files[i];
		to->fds.cloexec[i] = from->fds.cloexec[i];
		if (to->fds.files[i])
			file_get(to->fds.files[i]);
	}
	spin_unlock_irqrestore(&from->fds.lock, flags);
}

/* Takes the files matching `only_cloexec` (or all) out, then releases them. */
static void fd_close_matching(process_t *p, bool only_cloexec)
{
	file_t *doomed[FD_MAX];
	int n = 0;
	uint64_t flags = spin_lock_irqsave(&p->fds.lock);

	for (int i = 0; i < FD_MAX; i++) {
		if (!p->fds.files[i] || (only_cloexec && !p->fds.cloexec[i]))
			continue;
		doomed[n++] = p->fds.files[i];
		p->fds.files[i] = NULL;
	}
	spin_unlock_irqrestore(&p->fds.lock, flags);
	for (int i = 0; i < n; i++)
		file_put(doomed[i]);
}

void fd_close_on_exec(process_t *p)
{
	fd_close_matching(p, true);
}

void fd_close_all(process_t *p)
{
	fd_close_matching(p, false);
}
