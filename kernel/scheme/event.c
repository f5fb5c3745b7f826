// SPDX-License-Identifier: MIT
/*
 * event: — readiness queues (abi/event.h). A queue is a list of
 * subscriptions by descriptor number; reading looks each descriptor up in
 * the reader's table (a descriptor closed since is skipped, and keeps
 * nothing open), asks the file for its readiness (the scheme's poll) and
 * returns the ready ones. When none is ready it sleeps until some file's
 * readiness may have changed. That signal is global for now — event_notify bumps a
 * counter and wakes every queue's reader — which is simple and cannot
 * miss a change, at the cost of waking readers that then find nothing.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/event.h>
#include <fd.h>
#include <mm.h>
#include <proc.h>
#include <sched.h>

#define EVENT_SUBS_MAX 256

typedef struct event_sub {
	uint64_t id;
	unsigned flags;
	uint64_t data;
} event_sub_t;

typedef struct event_queue {
	spinlock_t lock;
	event_sub_t subs[EVENT_SUBS_MAX];       /* guarded by lock */
	unsigned count;
} event_queue_t;

static waitq_t event_waiters = WAITQ_INIT;
static volatile uint64_t event_generation;

void event_notify(void)
{
	__atomic_fetch_add(&event_generation, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&event_waiters.head, __ATOMIC_ACQUIRE))
		waitq_wake(&event_waiters, -1);
}

static int event_open(scheme_t *s, const char *path, file_t *f)
{
	(void)s;
	if (*path)
		return -ENOENT;
	f->handle = kzalloc(sizeof(event_queue_t));
	return f->handle ? 0 : -ENOMEM;
}

static void event_close(file_t *f)
{
	kfree(f->handle);
}

/* Subscribes, changes or (flags 0) removes one descriptor. */
static int event_subscribe(event_queue_t *q, const abi_event_t *ev)
{
	if (ev->reserved || (ev->flags & ~(EVENT_READ | EVENT_WRITE)))
		return -EINVAL;
	if (ev->flags) {
		file_t *file = fd_get(proc_current(), (int)ev->id);
		if (!file)
			return -EBADF;
		file_put(file);
	}
	int err = 0;
	uint64_t flags = spin_lock_irqsave(&q->lock);
	unsigned i = 0;
	while (i < q->count && q->subs[i].id != ev->id)
		i++;
	if (!ev->flags) {
		if (i == q->count)
			err = -ENOENT;
		else
			q->subs[i] = q->subs[--q->count];
	} else if (i == q->count && q->count == EVENT_SUBS_MAX) {
		err = -ENOSPC;
	} else {
		if (i == q->count)
			q->count++;
		q->subs[i] = (event_sub_t){ ev->id, ev->flags, ev->data };
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return err;
}

static long event_write(file_t *f, uptr_t buf, size_t len)
{
	abi_event_t ev;
	size_t done = 0;

	if (len % sizeof(ev))
		return -EINVAL;
	for (; done < len; done += sizeof(ev)) {
		if (copy_from_user(&ev, uptr_add(buf, done), sizeof(ev)))
			return done ? (long)done : -EFAULT;
		int err = event_subscribe(f->handle, &ev);
		if (err)
			return done ? (long)done : err;
	}
	return (long)done;
}

/* Fills out[] with the ready subscriptions: how many, or -ENOMEM. */
static long event_collect(event_queue_t *q, abi_event_t *out, unsigned max)
{
	event_sub_t *subs = kmalloc(sizeof(event_sub_t) * EVENT_SUBS_MAX);
	unsigned n, ready = 0;

	if (!subs)
		return -ENOMEM;
	/* A snapshot: poll may take the files' own locks. */
	uint64_t flags = spin_lock_irqsave(&q->lock);
	n = q->count;
	for (unsigned i = 0; i < n; i++)
		subs[i] = q->subs[i];
	spin_unlock_irqrestore(&q->lock, flags);
	for (unsigned i = 0; i < n && ready < max; i++) {
		file_t *file = fd_get(proc_current(), (int)subs[i].id);
		if (!file)
			continue;
		unsigned got = file_poll(file) & subs[i].flags;
		file_put(file);
		if (got)
			out[ready++] = (abi_event_t){ subs[i].id, got, 0, subs[i].data };
	}
	kfree(subs);
	return ready;
}

typedef struct event_wait {
	uint64_t seen;
} event_wait_t;

static bool event_changed(void *arg)
{
	return __atomic_load_n(&event_generation, __ATOMIC_ACQUIRE) !=
	       ((event_wait_t *)arg)->seen || signal_pending_unblocked();
}

static long event_read(file_t *f, uptr_t buf, size_t len)
{
	abi_event_t *ready = kmalloc(sizeof(abi_event_t) * EVENT_SUBS_MAX);
	unsigned max = (unsigned)(len / sizeof(abi_event_t));
	long r;

	if (!ready)
		return -ENOMEM;
	if (max > EVENT_SUBS_MAX)
		max = EVENT_SUBS_MAX;
	for (;;) {
		event_wait_t w = { __atomic_load_n(&event_generation, __ATOMIC_ACQUIRE) };
		long n = max ? event_collect(f->handle, ready, max) : 0;
		if (n < 0) {
			r = n;
			break;
		}
		if (n || !max) {
			r = copy_to_user(buf, ready, (size_t)n * sizeof(abi_event_t))
				    ? -EFAULT : n * (long)sizeof(abi_event_t);
			break;
		}
		if (f->flags & O_NONBLOCK) {
			r = -EAGAIN;
			break;
		}
		waitq_wait(&event_waiters, event_changed, &w, 0);
		if (signal_pending_unblocked()) {
			r = -EINTR;
			break;
		}
	}
	kfree(ready);
	return r;
}

static const scheme_ops_t event_ops = {
	.open = event_open,
	.close = event_close,
	.read = event_read,
	.write = event_write,
};

void scheme_event_init(void)
{
	scheme_register("event", &event_ops, NULL);
}
