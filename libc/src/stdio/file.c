// SPDX-License-Identifier: MIT
/*
 * The standard streams, the list of open streams, closing and flushing.
 *
 * Every open stream is on one doubly-linked list, so fflush(NULL) and
 * exit() can reach them all; the three standard streams are static and
 * on it from the start. A stream is allocated with its struct only: the
 * buffer comes at the first read or write (buffer.c), so a setvbuf that
 * brings its own buffer costs nothing.
 *
 * fork: the pthread fork wrapper calls __stdio_atfork. Before the fork it
 * takes the list lock, so no stream is being opened or closed; in the
 * child every stream lock held by another thread (which does not exist
 * there) is reset, while the forking thread keeps its own (flockfile
 * across fork stays balanced). Output a parent flushed before fork is
 * therefore never written twice; output still buffered is the child's
 * copy too, as on every Unix.
 */
#include "../libc.h"
#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t stdio_fd_read(FILE *f, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(f->fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

ssize_t stdio_fd_write(FILE *f, const void *buf, size_t n)
{
	ssize_t r;

	do
		r = write(f->fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

off_t stdio_fd_seek(FILE *f, off_t offset, int whence)
{
	return lseek(f->fd, offset, whence);
}

int stdio_fd_close(FILE *f)
{
	return close(f->fd);
}

const stdio_ops_t stdio_fd_ops = {
	.read = stdio_fd_read,
	.write = stdio_fd_write,
	.seek = stdio_fd_seek,
	.close = stdio_fd_close,
};

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static FILE stdin_file, stdout_file, stderr_file;

static FILE stdin_file = {
	.buf = stdin_buf, .size = BUFSIZ, .mode = _IOFBF, .fd = 0,
	.flags = STDIO_CAN_READ | STDIO_STATIC, .ops = &stdio_fd_ops,
	.next = &stdout_file,
};
static FILE stdout_file = {
	.buf = stdout_buf, .size = BUFSIZ, .mode = _IOLBF, .fd = 1,
	.flags = STDIO_CAN_WRITE | STDIO_STATIC | STDIO_TTY_CHECK,
	.ops = &stdio_fd_ops, .prev = &stdin_file, .next = &stderr_file,
};
static FILE stderr_file = {
	.buf = &stderr_file.tiny, .size = 1, .mode = _IONBF, .fd = 2,
	.flags = STDIO_CAN_WRITE | STDIO_STATIC, .ops = &stdio_fd_ops,
	.prev = &stdout_file,
};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

/* The list lock guards the list links and list_head. */
static stdio_lock_t list_lock;
static FILE *list_head = &stdin_file;

void stdio_list_lock(void)
{
	stdio_lock_take(&list_lock);
}

void stdio_list_unlock(void)
{
	stdio_lock_drop(&list_lock);
}

FILE *stdio_list_first_locked(void)
{
	return list_head;
}

void stdio_list_add(FILE *f)
{
	stdio_list_lock();
	f->prev = NULL;
	f->next = list_head;
	if (list_head)
		list_head->prev = f;
	list_head = f;
	stdio_list_unlock();
}

FILE *stdio_file_new(int fd, unsigned flags, const stdio_ops_t *ops, void *cookie)
{
	FILE *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = flags;
	f->mode = _IOFBF;
	f->ops = ops;
	f->cookie = cookie;
	stdio_list_add(f);
	return f;
}

static void stdio_list_remove_locked(FILE *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else if (list_head == f)
		list_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	f->prev = f->next = NULL;
}

void stdio_file_free(FILE *f)
{
	stdio_list_lock();
	stdio_list_remove_locked(f);
	stdio_list_unlock();
	if (f->flags & STDIO_OWN_BUF) {
		free(f->buf);
		f->buf = NULL;
		f->size = 0;
	}
	if (!(f->flags & STDIO_STATIC)) {
		free(f);
		return;
	}
	/*
	 * A closed standard stream keeps its static buffer: any later use
	 * fails instead of crashing, and freopen can bring it back.
	 */
	f->flags = STDIO_STATIC | STDIO_CLOSED | STDIO_ERROR;
	f->rpos = f->rend = f->wpos = f->wend = NULL;
	f->io = STDIO_IO_IDLE;
	f->fd = -1;
}

int fclose(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = stdio_flush_locked(f);
	if (!(f->flags & STDIO_CLOSED) && f->ops->close && f->ops->close(f) < 0)
		r = EOF;
	/* The stream is gone whatever happened; nobody may wait on it. */
	f->lock.count = 1;
	STDIO_UNLOCK(f);
	stdio_file_free(f);
	return r;
}

/*
 * Flushes every stream with output waiting; EOF if any failed. Streams
 * that are not writing are not even locked: a thread blocked in fgetc on
 * stdin holds stdin's lock. At exit (wait == 0) a stream another thread
 * holds is skipped rather than waited for, so exit cannot hang on it.
 */
static int stdio_flush_all(int wait)
{
	int r = 0;

	stdio_list_lock();
	for (FILE *f = list_head; f; f = f->next) {
		if (f->io != STDIO_IO_WRITE)
			continue;
		if (!wait && stdio_lock_try(&f->lock) < 0)
			continue;
		if (wait)
			STDIO_LOCK(f);
		if (f->io == STDIO_IO_WRITE && stdio_flush_locked(f) == EOF)
			r = EOF;
		STDIO_UNLOCK(f);
	}
	stdio_list_unlock();
	return r;
}

int fflush(FILE *f)
{
	int r;

	if (!f)
		return stdio_flush_all(1);
	STDIO_LOCK(f);
	r = stdio_flush_locked(f);
	STDIO_UNLOCK(f);
	return r;
}

int fflush_unlocked(FILE *f)
{
	return f ? stdio_flush_locked(f) : stdio_flush_all(1);
}

void __stdio_flush_all(void)
{
	stdio_flush_all(0);
}

/* Resets a lock another thread held when the process forked. */
static void stdio_lock_reset_foreign(stdio_lock_t *l, void *self)
{
	if (l->owner != self) {
		l->owner = NULL;
		l->count = 0;
		l->state = 0;
	}
}

void __stdio_atfork(int phase)
{
	void *self;

	if (phase == 0) {
		stdio_list_lock();
		return;
	}
	if (phase == 2) {
		__asm__("mov %%fs:0, %0" : "=r"(self));
		for (FILE *f = list_head; f; f = f->next)
			stdio_lock_reset_foreign(&f->lock, self);
	}
	stdio_list_unlock();
}
