// SPDX-License-Identifier: MIT
/*
 * pipe: — one-way byte streams, made by pipe(). A 64 KiB ring with a
 * read end and a write end; each end is a file, and the pipe lives until
 * both are closed. Data moves through a small bounce buffer on the
 * kernel stack, so no user page is touched with the pipe lock held.
 * Reads return what is there (blocking only when empty), 0 at end of
 * file; writes of at most PIPE_BUF bytes are atomic; a write with no
 * reader left raises SIGPIPE and fails with EPIPE.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/event.h>
#include <abi/signal.h>
#include <mm.h>
#include <proc.h>
#include <sched.h>
#include <string.h>

#define PIPE_SIZE 65536
#define PIPE_BUF  4096
#define PIPE_CHUNK PIPE_BUF       /* one chunk: small writes stay atomic */

typedef struct pipe {
	spinlock_t lock;
	/* Guarded by lock: */
	uint8_t *data;
	size_t head, count;
	int readers, writers;
	waitq_t readable, writable;
	/* One per end: the pipe is freed after the second close has
	 * finished waking the other side, never while it still might. */
	volatile int refs;
	uint64_t reads;                 /* bumped by every read that takes data */
} pipe_t;

static bool pipe_has_data_or_eof(void *arg)
{
	pipe_t *p = arg;

	return p->count > 0 || p->writers == 0 || signal_pending_unblocked();
}

typedef struct pipe_room {
	pipe_t *p;
	size_t need;
} pipe_room_t;

static bool pipe_has_room(void *arg)
{
	pipe_room_t *r = arg;

	return PIPE_SIZE - r->p->count >= r->need || r->p->readers == 0 ||
	       signal_pending_unblocked();
}

static bool file_nonblocking(file_t *f)
{
	return __atomic_load_n(&f->flags, __ATOMIC_RELAXED) & O_NONBLOCK;
}

/* Copies up to max bytes from the front of the ring; returns how many. */
static size_t pipe_peek_locked(pipe_t *p, uint8_t *out, size_t max)
{
	size_t n = p->count < max ? p->count : max;

	for (size_t i = 0; i < n; i++)
		out[i] = p->data[(p->head + i) % PIPE_SIZE];
	return n;
}

/*
 * Removes n bytes peeked when the read count was `seen`, unless another
 * reader took data meanwhile (then the peek is stale: false, try again).
 * Bytes leave the pipe only once they reached the reader's buffer, so a
 * read that fails with EFAULT loses nothing.
 */
static bool pipe_consume(pipe_t *p, size_t n, uint64_t seen)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);
	bool fresh = p->reads == seen;

	if (fresh) {
		p->head = (p->head + n) % PIPE_SIZE;
		p->count -= n;
		p->reads++;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return fresh;
}

static long pipe_read(file_t *f, uptr_t buf, size_t len)
{
	pipe_t *p = f->handle;
	uint8_t chunk[PIPE_CHUNK];

	if (!len)
		return 0;
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&p->lock);
		size_t n = pipe_peek_locked(p, chunk, len < PIPE_CHUNK ? len : PIPE_CHUNK);
		uint64_t seen = p->reads;
		bool eof = !n && p->writers == 0;
		spin_unlock_irqrestore(&p->lock, flags);
		if (n) {
			if (copy_to_user(buf, chunk, n))
				return -EFAULT;
			if (!pipe_consume(p, n, seen))
				continue;
			waitq_wake(&p->writable, -1);
			event_notify();
			return (long)n;
		}
		if (eof)
			return 0;
		if (file_nonblocking(f))
			return -EAGAIN;
		waitq_wait(&p->readable, pipe_has_data_or_eof, p, 0);
		if (signal_pending_unblocked())
			return -EINTR;
	}
}

/* Puts n bytes in if they fit (all or nothing); -EPIPE without readers. */
static long pipe_put(pipe_t *p, const uint8_t *in, size_t n)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);
	long r;

	if (p->readers == 0) {
		r = -EPIPE;
	} else if (PIPE_SIZE - p->count < n) {
		r = 0;
	} else {
		for (size_t i = 0; i < n; i++)
			p->data[(p->head + p->count + i) % PIPE_SIZE] = in[i];
		p->count += n;
		r = (long)n;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return r;
}

static long pipe_write(file_t *f, uptr_t buf, size_t len)
{
	pipe_t *p = f->handle;
	uint8_t chunk[PIPE_CHUNK];
	size_t done = 0;
	bool atomic = len <= PIPE_BUF;

	while (done < len) {
		size_t n = len - done < PIPE_CHUNK ? len - done : PIPE_CHUNK;
		if (copy_from_user(chunk, uptr_add(buf, done), n))
			return done ? (long)done : -EFAULT;
		/* A small write goes in whole: wait for room for all of it. */
		pipe_room_t room = { p, atomic ? len - done : n };
		long put = room.need <= PIPE_SIZE - p->count ? pipe_put(p, chunk, n) : 0;
		if (put == -EPIPE) {
			signal_send_thread(thread_current(), SIGPIPE);
			return done ? (long)done : -EPIPE;
		}
		if (put > 0) {
			done += (size_t)put;
			waitq_wake(&p->readable, -1);
			event_notify();
			continue;
		}
		if (file_nonblocking(f))
			return done ? (long)done : -EAGAIN;
		waitq_wait(&p->writable, pipe_has_room, &room, 0);
		if (signal_pending_unblocked())
			return done ? (long)done : -EINTR;
	}
	return (long)done;
}

static void pipe_close(file_t *f)
{
	pipe_t *p = f->handle;
	uint64_t flags = spin_lock_irqsave(&p->lock);

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	spin_unlock_irqrestore(&p->lock, flags);
	waitq_wake(&p->readable, -1);
	waitq_wake(&p->writable, -1);
	event_notify();
	if (__atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		kfree(p->data);
		kfree(p);
	}
}

static int pipe_fstat(file_t *f, abi_stat_t *st)
{
	pipe_t *p = f->handle;

	st->mode = ABI_S_IFIFO | 0600;
	st->nlink = 1;
	st->size = (int64_t)p->count;
	st->blksize = PIPE_BUF;
	return 0;
}

static unsigned pipe_poll(file_t *f)
{
	pipe_t *p = f->handle;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	unsigned ready;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		ready = (p->count > 0 || p->writers == 0) ? EVENT_READ : 0;
	else
		ready = (p->count < PIPE_SIZE || p->readers == 0) ? EVENT_WRITE : 0;
	spin_unlock_irqrestore(&p->lock, flags);
	return ready;
}

static int pipe_open(scheme_t *s, const char *path, file_t *f)
{
	(void)s;
	(void)path;
	(void)f;
	return -ENOENT;         /* named pipes do not exist yet; use pipe() */
}

static const scheme_ops_t pipe_ops = {
	.open = pipe_open,
	.close = pipe_close,
	.read = pipe_read,
	.write = pipe_write,
	.fstat = pipe_fstat,
	.poll = pipe_poll,
};

static scheme_t *pipe_scheme;

void scheme_pipe_init(void)
{
	if (scheme_register("pipe", &pipe_ops, NULL) >= 0)
		pipe_scheme = scheme_lookup("pipe");
}

static file_t *pipe_end(pipe_t *p, int accmode, int flags)
{
	file_t *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->scheme = pipe_scheme;
	f->handle = p;
	f->flags = accmode | (flags & O_NONBLOCK);
	memcpy(f->path, "pipe:", 6);
	return f;
}

int pipe_create(int flags, file_t *ends[2])
{
	pipe_t *p = kzalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	p->data = kmalloc(PIPE_SIZE);
	p->readable = (waitq_t)WAITQ_INIT;
	p->writable = (waitq_t)WAITQ_INIT;
	p->readers = p->writers = 1;
	p->refs = 2;
	ends[0] = p->data ? pipe_end(p, O_RDONLY, flags) : NULL;
	ends[1] = ends[0] ? pipe_end(p, O_WRONLY, flags) : NULL;
	if (ends[1])
		return 0;
	kfree(ends[0]);
	kfree(p->data);
	kfree(p);
	return -ENOMEM;
}
