// SPDX-License-Identifier: MIT
/*
 * Userspace schemes, the daemon's side (see uscheme.h for the model and
 * abi/scheme.h for the protocol). Opening ":NAME" (root only) registers
 * NAME and gives the daemon its scheme descriptor. Reading it hands out
 * queued requests in a batch: each request's buffer is put into the
 * daemon first — small ones copied into one of the daemon's copy slots,
 * large ones mapped (the caller's own pages) — and the reading thread
 * runs at its caller's priority (the highest of the batch's callers),
 * above or below its own, until it comes back for more (priority
 * inheritance, as in QNX). Writing it takes answers in a batch
 * and wakes each caller, the first with a direct hand-off, so a caller
 * runs next on this CPU as soon as the daemon blocks again.
 *
 * When the descriptor goes (the daemon exited, was killed, or closed it)
 * every queued and in-flight request fails with EIO, the name is freed
 * for a new instance, and the kernel says so in its log.
 */
#include "uscheme.h"

#include <abi/errno.h>
#include <abi/event.h>
#include <lib/fmt.h>
#include <log.h>
#include <mm.h>
#include <proc.h>
#include <shm.h>
#include <string.h>

void uscheme_get(uscheme_t *us)
{
	__atomic_fetch_add(&us->refs, 1, __ATOMIC_ACQ_REL);
}

void uscheme_put(uscheme_t *us)
{
	if (__atomic_sub_fetch(&us->refs, 1, __ATOMIC_ACQ_REL))
		return;
	as_put(us->as);
	kfree(us);
}

/* --- the queue ------------------------------------------------------------ */

static void uscheme_enqueue_locked(uscheme_t *us, ureq_t *r)
{
	ureq_t **pp = &us->queue;

	if (!r->copy)
		us->queued_plain++;

	while (*pp && (*pp)->priority >= r->priority)
		pp = &(*pp)->next;
	r->next = *pp;
	*pp = r;
}

static bool uscheme_unlink(ureq_t **list, ureq_t *r)
{
	for (ureq_t **pp = list; *pp; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			r->next = NULL;
			return true;
		}
	}
	return false;
}

void uscheme_dequeue_locked(uscheme_t *us, ureq_t *r)
{
	if (uscheme_unlink(&us->queue, r) && !r->copy)
		us->queued_plain--;
}

/* Tells a waiting daemon thread, or (a daemon polling) the event queues. */
static void uscheme_kick(uscheme_t *us)
{
	if (!waitq_wake_handoff(&us->daemon_waiters))
		event_notify();
}

int uscheme_submit(uscheme_t *us, ureq_t *r)
{
	uint64_t flags = spin_lock_irqsave(&us->lock);

	if (us->dead) {
		spin_unlock_irqrestore(&us->lock, flags);
		return -EIO;
	}
	r->msg.tag = ++us->next_tag;
	r->state = UREQ_QUEUED;
	uscheme_enqueue_locked(us, r);
	spin_unlock_irqrestore(&us->lock, flags);
	uscheme_kick(us);
	return 0;
}

void uscheme_submit_async(uscheme_t *us, uint16_t opcode, uint64_t handle, uint64_t arg0)
{
	ureq_t *r = ureq_alloc(opcode, handle);

	if (!r)
		return;         /* the daemon misses a close: it leaks a handle */
	r->msg.arg[0] = arg0;
	r->orphaned = true;
	r->priority = thread_current()->priority;
	if (uscheme_submit(us, r))
		ureq_free(r);
}

static bool uscheme_has_work(void *arg)
{
	uscheme_t *us = arg;

	/* Plain fields only: the queue's requests may be freed meanwhile. */
	return us->dead || signal_pending_unblocked() || us->queued_plain ||
	       (us->queue && us->slots_free);
}

/* --- handing requests out ---------------------------------------------------- */

/*
 * Takes up to max deliverable requests off the queue (lock held). With
 * every copy slot taken, requests that need none (CLOSE, CANCEL, mapped
 * buffers) still pass. async[i] says batch[i] was a fire-and-forget
 * request (nobody waits; it is not on the in-flight list).
 */
static unsigned uscheme_take_locked(uscheme_t *us, ureq_t **batch, bool *async, unsigned max)
{
	unsigned n = 0;

	for (ureq_t **pp = &us->queue; n < max && *pp;) {
		ureq_t *r = *pp;
		if (r->copy && !us->slots_free) {
			pp = &r->next;
			continue;
		}
		if (r->copy) {
			r->slot = __builtin_ctzll(us->slots_free);
			us->slots_free &= ~(1ull << r->slot);
		} else {
			us->queued_plain--;
		}
		*pp = r->next;
		r->next = NULL;
		r->state = UREQ_INFLIGHT;
		async[n] = r->orphaned;
		if (!async[n]) {
			r->next = us->inflight;
			us->inflight = r;
		}
		batch[n++] = r;
	}
	return n;
}

/* Puts r's buffer into the daemon (which is the caller of this). */
static int uscheme_place_buffer(uscheme_t *us, ureq_t *r)
{
	if (r->copy) {
		uint64_t at = us->slot_base + (uint64_t)r->slot * SCHEME_COPY_MAX;
		bool exact = r->msg.opcode == SCHEME_OP_READ || r->msg.opcode == SCHEME_OP_GETDENTS;
		/* In: the bytes. Out: records are cleared first (r->copy is
		 * zeroed), so no earlier request's bytes come back in fields the
		 * daemon leaves alone. */
		if ((r->dir != UBUF_OUT || !exact) && copy_to_user(uptr(at), r->copy, r->len))
			return -EFAULT;
		r->msg.buf = at;
		r->msg.len = r->len;
	} else if (r->pinned) {
		unsigned prot = VMA_READ | (r->dir == UBUF_OUT ? VMA_WRITE : 0);
		uint64_t len = r->pinned->npages * PAGE_SIZE;
		int err = as_map_object(us->as, r->pinned, 0, len, prot, true, &r->map_addr);
		if (err)
			return err;
		r->map_len = len;
		r->msg.buf = r->map_addr + r->page_offset;
		r->msg.len = r->len;
		r->msg.flags |= SCHEME_REQ_MAPPED;
	}
	return 0;
}

/* A request the daemon will not see after all (its buffer failed). */
static void uscheme_fail_delivery(uscheme_t *us, ureq_t *r, int err)
{
	ureq_release_daemon_side(us, r);
	uint64_t flags = spin_lock_irqsave(&us->lock);
	uscheme_unlink(&us->inflight, r);
	uscheme_complete_locked(us, r, err, 0, false);
	spin_unlock_irqrestore(&us->lock, flags);
}

static unsigned uscheme_wait_batch(uscheme_t *us, file_t *f, ureq_t **batch, bool *async,
				   unsigned max, long *err)
{
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&us->lock);
		unsigned n = uscheme_take_locked(us, batch, async, max);
		spin_unlock_irqrestore(&us->lock, flags);
		if (n)
			return n;
		if (f->flags & O_NONBLOCK) {
			*err = -EAGAIN;
			return 0;
		}
		waitq_wait(&us->daemon_waiters, uscheme_has_work, us, 0);
		if (signal_pending_unblocked()) {
			*err = -EINTR;
			return 0;
		}
	}
}

#define USCHEME_BATCH_MAX 32

static long uscheme_provider_read(file_t *f, uptr_t buf, size_t len)
{
	uscheme_t *us = f->handle;
	thread_t *t = thread_current();
	ureq_t *batch[USCHEME_BATCH_MAX];
	bool async[USCHEME_BATCH_MAX];
	unsigned max = len / sizeof(abi_scheme_request_t), out = 0;
	long err = 0;

	if (t->proc->as != us->as)
		return -EBADF;          /* only the registering process serves */
	if (!max)
		return -EINVAL;
	if (t->priority != t->base_priority)
		sched_set_priority(t, t->base_priority);
	unsigned n = uscheme_wait_batch(us, f, batch, async,
					max < USCHEME_BATCH_MAX ? max : USCHEME_BATCH_MAX, &err);
	int inherit = -1;
	for (unsigned i = 0; i < n; i++) {
		ureq_t *r = batch[i];
		int placed = uscheme_place_buffer(us, r);
		if (!placed && copy_to_user(uptr_add(buf, out * sizeof(r->msg)), &r->msg,
					    sizeof(r->msg)))
			placed = -EFAULT;
		if (!placed) {
			out++;
			if (!async[i] && r->priority > inherit)
				inherit = r->priority;
		}
		/* A caller that gave up meanwhile left r in flight: it stays for
		 * its answer (or the daemon's death) to finish. */
		if (async[i]) {                 /* CLOSE, CANCEL: fire and forget */
			ureq_release_daemon_side(us, r);
			ureq_free(r);
		} else if (placed) {
			uscheme_fail_delivery(us, r, placed == -EFAULT ? -EIO : placed);
		}
	}
	/* The caller's priority, higher or lower than the daemon's own. */
	if (inherit >= 0 && inherit != t->priority)
		sched_set_priority(t, inherit);
	return out ? (long)(out * sizeof(abi_scheme_request_t)) : (n ? -EFAULT : err);
}

/* --- taking answers ------------------------------------------------------------ */

static ureq_t *uscheme_find_inflight(uscheme_t *us, uint64_t tag)
{
	uint64_t flags = spin_lock_irqsave(&us->lock);
	ureq_t *r = us->inflight;

	while (r && r->msg.tag != tag)
		r = r->next;
	if (r)
		uscheme_unlink(&us->inflight, r);
	spin_unlock_irqrestore(&us->lock, flags);
	return r;
}

static void uscheme_event(uscheme_t *us, uint64_t handle, unsigned events)
{
	uint64_t flags = spin_lock_irqsave(&us->lock);

	for (ufile_t *uf = us->files; uf; uf = uf->next)
		if (uf->handle == handle)
			uf->ready = events & (EVENT_READ | EVENT_WRITE);
	spin_unlock_irqrestore(&us->lock, flags);
	event_notify();
}

/* Brings the daemon's answer bytes back into the kernel copy. */
static void uscheme_collect(uscheme_t *us, ureq_t *r, int64_t *result)
{
	bool exact = r->msg.opcode == SCHEME_OP_READ || r->msg.opcode == SCHEME_OP_GETDENTS;

	if (r->copy && r->dir == UBUF_OUT && *result >= 0) {
		/* Data calls bring back what they say they filled; FSTAT and
		 * the like their whole record (the slot was cleared for them). */
		size_t n = exact ? ((uint64_t)*result < r->len ? (size_t)*result : r->len) : r->len;
		uint64_t at = us->slot_base + (uint64_t)r->slot * SCHEME_COPY_MAX;
		if (copy_from_user(r->copy, uptr(at), n))
			*result = -EIO;
	}
	if (*result > (int64_t)r->len &&
	    (r->dir == UBUF_OUT || r->msg.opcode == SCHEME_OP_WRITE))
		*result = -EIO;         /* more than the buffer holds: a daemon bug */
	ureq_release_daemon_side(us, r);
}

static long uscheme_provider_write(file_t *f, uptr_t buf, size_t len)
{
	uscheme_t *us = f->handle;
	size_t max = len / sizeof(abi_scheme_response_t), i;
	bool handoff = true;

	if (thread_current()->proc->as != us->as)
		return -EBADF;
	if (!max)
		return -EINVAL;
	for (i = 0; i < max; i++) {
		abi_scheme_response_t resp;
		if (copy_from_user(&resp, uptr_add(buf, i * sizeof(resp)), sizeof(resp)))
			break;
		if (resp.kind == SCHEME_RESP_EVENT) {
			uscheme_event(us, resp.handle, resp.events);
			continue;
		}
		ureq_t *r = resp.kind == SCHEME_RESP_DONE ? uscheme_find_inflight(us, resp.tag) : NULL;
		if (!r)
			continue;       /* answered already, or cancelled: ignore */
		int64_t result = resp.result < -4095 ? -EIO : resp.result;
		uscheme_collect(us, r, &result);
		uint64_t flags = spin_lock_irqsave(&us->lock);
		uscheme_complete_locked(us, r, result, resp.events, handoff);
		spin_unlock_irqrestore(&us->lock, flags);
		handoff = false;
	}
	return i ? (long)(i * sizeof(abi_scheme_response_t)) : -EFAULT;
}

static unsigned uscheme_provider_poll(file_t *f)
{
	uscheme_t *us = f->handle;

	bool work = us->queued_plain || (us->queue && us->slots_free);

	return (work ? EVENT_READ : 0) | EVENT_WRITE;
}

/* --- completion ------------------------------------------------------------------- */

static void uscheme_link_file_locked(uscheme_t *us, ureq_t *r, int64_t result,
				     uint32_t events)
{
	r->file->handle = (uint64_t)result;
	r->file->ready = events & (EVENT_READ | EVENT_WRITE);
	r->file->next = us->files;
	us->files = r->file;
}

void uscheme_complete_locked(uscheme_t *us, ureq_t *r, int64_t result, uint32_t events,
			     bool handoff)
{
	bool opened = r->file && result >= 0;

	r->result = result;
	r->events = events;
	if (r->orphaned) {
		/* The caller left: a handle it opened meanwhile is closed. */
		if (opened && !us->dead) {
			ureq_t *c = ureq_alloc(SCHEME_OP_CLOSE, (uint64_t)result);
			if (c) {
				c->orphaned = true;
				c->msg.tag = ++us->next_tag;
				uscheme_enqueue_locked(us, c);
				waitq_wake(&us->daemon_waiters, 1);
			}
		}
		ureq_free(r);
		return;
	}
	if (opened)
		uscheme_link_file_locked(us, r, result, events);
	r->state = UREQ_DONE;
	if (handoff)
		waitq_wake_handoff(&r->done);
	else
		waitq_wake(&r->done, -1);
}

/* --- registration and death ------------------------------------------------------ */

static void uscheme_fail_all(uscheme_t *us)
{
	uint64_t flags = spin_lock_irqsave(&us->lock);
	ureq_t *list[2] = { us->queue, us->inflight };

	us->dead = true;
	us->queue = us->inflight = NULL;
	us->queued_plain = 0;
	spin_unlock_irqrestore(&us->lock, flags);
	for (int l = 0; l < 2; l++) {
		while (list[l]) {
			ureq_t *r = list[l];
			list[l] = r->next;
			r->next = NULL;
			ureq_release_daemon_side(us, r);
			flags = spin_lock_irqsave(&us->lock);
			uscheme_complete_locked(us, r, -EIO, 0, false);
			spin_unlock_irqrestore(&us->lock, flags);
		}
	}
}

static void uscheme_provider_close(file_t *f)
{
	uscheme_t *us = f->handle;
	process_t *p = proc_current();

	scheme_remove(&us->scheme);
	uscheme_fail_all(us);
	if (p && p->pid == us->pid && !p->exiting)
		klog("[kernel] scheme '%s' closed by its provider %d", us->scheme.name, us->pid);
	else
		klog("[kernel] scheme '%s' provider %d died", us->scheme.name, us->pid);
	as_unmap(us->as, us->slot_base, us->slot_base + USCHEME_SLOTS * SCHEME_COPY_MAX);
	uscheme_put(us);
}

static int uscheme_provider_fstat(file_t *f, abi_stat_t *st)
{
	(void)f;
	st->mode = ABI_S_IFCHR | 0600;
	return 0;
}

static const scheme_ops_t uscheme_provider_ops = {
	.close = uscheme_provider_close,
	.read = uscheme_provider_read,
	.write = uscheme_provider_write,
	.fstat = uscheme_provider_fstat,
	.poll = uscheme_provider_poll,
};

/* The scheme object that stands for providers' descriptors themselves. */
static scheme_t uscheme_provider_scheme = {
	.name = "",
	.ops = &uscheme_provider_ops,
	.id = -1,
};

static uscheme_t *uscheme_create(const char *name, process_t *p)
{
	uscheme_t *us = kzalloc(sizeof(*us));

	if (!us)
		return NULL;
	fmt_snprintf(us->scheme.name, sizeof(us->scheme.name), "%s", name);
	us->scheme.ops = &uscheme_client_ops;
	us->scheme.priv = us;
	us->refs = 1;
	us->pid = p->pid;
	us->slots_free = ~0ull;
	us->daemon_waiters = (waitq_t)WAITQ_INIT;
	if (as_mmap(p->as, 0, USCHEME_SLOTS * SCHEME_COPY_MAX, VMA_READ | VMA_WRITE, false,
		    &us->slot_base)) {
		kfree(us);
		return NULL;
	}
	__atomic_fetch_add(&p->as->refs, 1, __ATOMIC_ACQ_REL);
	us->as = p->as;
	return us;
}

int uscheme_register_open(const char *name, int flags, file_t **out)
{
	process_t *p = proc_current();

	if (!p || p->uid != 0)
		return -EPERM;
	if ((flags & O_ACCMODE) != O_RDWR)
		return -EINVAL;
	if (strnlen(name, SCHEME_NAME_MAX) >= SCHEME_NAME_MAX)
		return -ENAMETOOLONG;
	uscheme_t *us = uscheme_create(name, p);
	if (!us)
		return -ENOMEM;
	file_t *f = kzalloc(sizeof(*f));
	int id = f ? scheme_add(&us->scheme) : -ENOMEM;
	if (id < 0) {
		kfree(f);
		as_unmap(us->as, us->slot_base, us->slot_base + USCHEME_SLOTS * SCHEME_COPY_MAX);
		uscheme_put(us);
		return id;
	}
	f->refs = 1;
	f->scheme = &uscheme_provider_scheme;
	f->handle = us;
	f->flags = flags & (O_ACCMODE | O_NONBLOCK);
	fmt_snprintf(f->path, sizeof(f->path), ":%s", name);
	*out = f;
	return 0;
}
