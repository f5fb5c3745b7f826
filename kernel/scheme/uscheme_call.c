// SPDX-License-Identifier: MIT
/*
 * Userspace schemes, the caller's side: every operation on a file of a
 * daemon's scheme becomes one request (uscheme.h), and the calling thread
 * waits for its answer.
 *
 * Buffers: up to SCHEME_COPY_MAX bytes are copied — into a kernel buffer
 * now, into the daemon's copy slot when it reads the request, and back
 * the same way for data coming out. Larger buffers are not copied at all:
 * the caller's whole pages are pinned and mapped into the daemon for the
 * life of the request; only a partial first or last page is replaced by
 * a fresh page (copied in, and out again after the answer), so the
 * daemon never sees caller memory outside the buffer.
 *
 * A signal ends the wait: a request still queued is simply withdrawn; one
 * the daemon holds is orphaned and the daemon gets a CANCEL for its tag.
 */
#include "uscheme.h"

#include <abi/errno.h>
#include <abi/event.h>
#include <abi/proc.h>
#include <mm.h>
#include <proc.h>
#include <shm.h>
#include <string.h>

ureq_t *ureq_alloc(uint16_t opcode, uint64_t handle)
{
	ureq_t *r = kzalloc(sizeof(*r));
	process_t *p = proc_current();

	if (!r)
		return NULL;
	r->msg.opcode = opcode;
	r->msg.handle = handle;
	r->msg.pid = p ? p->pid : 0;
	r->msg.uid = p ? p->uid : 0;
	r->msg.gid = p ? p->gid : 0;
	/* Read without proc_tree_lock: each is one aligned int, and a
	 * caller changing its own group races only with itself. */
	r->msg.pgid = p ? __atomic_load_n(&p->pgid, __ATOMIC_RELAXED) : 0;
	r->msg.sid = p ? __atomic_load_n(&p->sid, __ATOMIC_RELAXED) : 0;
	r->slot = -1;
	r->done = (waitq_t)WAITQ_INIT;
	return r;
}

void ureq_free(ureq_t *r)
{
	if (r->copy_owned)
		kfree(r->copy);
	if (r->pinned)
		shm_put(r->pinned);
	kfree(r->file);         /* only still here if it never got a handle */
	kfree(r);
}

void ureq_release_daemon_side(uscheme_t *us, ureq_t *r)
{
	if (r->slot >= 0) {
		uint64_t flags = spin_lock_irqsave(&us->lock);
		us->slots_free |= 1ull << r->slot;
		spin_unlock_irqrestore(&us->lock, flags);
		r->slot = -1;
		waitq_wake(&us->daemon_waiters, 1);     /* a request may fit now */
	}
	if (r->map_len) {
		as_unmap(us->as, r->map_addr, r->map_addr + r->map_len);
		r->map_len = 0;
	}
}

/* --- buffers ------------------------------------------------------------ */

/* One partial page of a mapped buffer: a fresh page holding [from, to). */
static int ureq_pin_partial(ureq_t *r, uint64_t index, uint64_t page, uint64_t from,
			    uint64_t to)
{
	uint64_t *frame = &r->pinned->frames[index];

	if (frame_alloc(frame))
		return -ENOMEM;
	if (r->dir == UBUF_IN &&
	    copy_from_user((uint8_t *)phys_to_virt(*frame) + (from - page), uptr(from), to - from))
		return -EFAULT;
	return 0;
}

static int ureq_pin(ureq_t *r, uint64_t start, size_t len)
{
	uint64_t first = start & ~(uint64_t)(PAGE_SIZE - 1), end = start + len;
	uint64_t npages = (end - first + PAGE_SIZE - 1) / PAGE_SIZE;
	address_space_t *as = proc_current()->as;

	r->pinned = shm_create(npages);
	if (!r->pinned)
		return -ENOMEM;
	r->page_offset = start - first;
	for (uint64_t i = 0; i < npages; i++) {
		uint64_t page = first + i * PAGE_SIZE;
		uint64_t from = page < start ? start : page;
		uint64_t to = page + PAGE_SIZE > end ? end : page + PAGE_SIZE;
		int err = from != page || to != page + PAGE_SIZE
				  ? ureq_pin_partial(r, i, page, from, to)
				  : as_pin_page(as, page, r->dir == UBUF_OUT, &r->pinned->frames[i]);
		if (err)
			return err;
	}
	return 0;
}

/* After the answer: the bytes of partial pages go back to the caller. */
static int ureq_unpin_out(ureq_t *r, uint64_t start, size_t n)
{
	uint64_t first = start & ~(uint64_t)(PAGE_SIZE - 1), end = start + n;
	uint64_t last = r->pinned->npages - 1;
	uint64_t idx[2] = { 0, last };

	for (int k = 0; k < (last ? 2 : 1); k++) {
		uint64_t page = first + idx[k] * PAGE_SIZE;
		uint64_t from = page < start ? start : page;
		uint64_t to = page + PAGE_SIZE > end ? end : page + PAGE_SIZE;
		bool partial = page < start || page + PAGE_SIZE > start + r->len;
		if (!partial || from >= to)
			continue;
		if (copy_to_user(uptr(from), (uint8_t *)phys_to_virt(r->pinned->frames[idx[k]]) +
						     (from - page), to - from))
			return -EFAULT;
	}
	return 0;
}

typedef struct ucall {
	uint16_t opcode;
	uint64_t handle;
	uint64_t arg[2];
	int dir;                        /* UBUF_* */
	uptr_t ubuf;                    /* a user buffer ... */
	void *kbuf;                     /* ... or a kernel one (small) */
	size_t len;
	bool opens;                     /* OPEN, DUP: makes a ufile */
} ucall_t;

static int ureq_set_buffer(ureq_t *r, const ucall_t *c)
{
	r->dir = c->dir;
	r->len = c->len;
	if (c->dir == UBUF_NONE) {
		r->msg.len = c->len;    /* MMAP: the length, with no buffer */
		return 0;
	}
	if (!c->kbuf && c->len > SCHEME_COPY_MAX)
		return ureq_pin(r, c->ubuf.addr, c->len);
	/* Even a kernel buffer gets its own copy: an orphaned request outlives
	 * its caller's stack. */
	r->copy = kzalloc(c->len ? c->len : 1);
	if (!r->copy)
		return -ENOMEM;
	r->copy_owned = true;
	if (c->dir == UBUF_IN && c->kbuf)
		memcpy(r->copy, c->kbuf, c->len);
	else if (c->dir == UBUF_IN && copy_from_user(r->copy, c->ubuf, c->len))
		return -EFAULT;
	return 0;
}

/* --- waiting -------------------------------------------------------------- */

static bool ureq_finished(void *arg)
{
	ureq_t *r = arg;

	return r->state == UREQ_DONE || signal_pending_unblocked();
}

static int ureq_give_up(uscheme_t *us, ureq_t *r)
{
	uint64_t flags = spin_lock_irqsave(&us->lock);
	int state = r->state;
	/* Once orphaned, r may be freed by its completer: keep what CANCEL needs. */
	uint64_t tag = r->msg.tag, handle = r->msg.handle;

	if (state == UREQ_QUEUED)
		uscheme_dequeue_locked(us, r);
	if (state == UREQ_INFLIGHT)
		r->orphaned = true;
	spin_unlock_irqrestore(&us->lock, flags);
	if (state == UREQ_QUEUED)
		ureq_free(r);
	if (state == UREQ_INFLIGHT)
		uscheme_submit_async(us, SCHEME_OP_CANCEL, handle, tag);
	return state;
}

/* Waits for r; false if the caller gave up (r is then no longer ours). */
static bool ureq_wait(uscheme_t *us, ureq_t *r)
{
	waitq_wait(&r->done, ureq_finished, r, 0);
	return ureq_give_up(us, r) == UREQ_DONE;
}

static long uscheme_call(uscheme_t *us, const ucall_t *c, ufile_t **file_out)
{
	ureq_t *r = ureq_alloc(c->opcode, c->handle);

	if (!r)
		return -ENOMEM;
	r->msg.arg[0] = c->arg[0];
	r->msg.arg[1] = c->arg[1];
	r->priority = thread_current()->priority;
	int err = ureq_set_buffer(r, c);
	if (!err && c->opens && !(r->file = kzalloc(sizeof(ufile_t))))
		err = -ENOMEM;
	if (!err)
		err = uscheme_submit(us, r);
	if (err) {
		ureq_free(r);
		return err;
	}
	if (!ureq_wait(us, r))
		return -EINTR;
	long result = r->result;
	if (result >= 0 && c->dir == UBUF_OUT) {
		/* Records (a kernel buffer) whole, data as many bytes as read. */
		size_t n = c->kbuf ? c->len : (size_t)result < c->len ? (size_t)result : c->len;
		if (c->kbuf)
			memcpy(c->kbuf, r->copy, n);
		else if (r->copy)
			err = copy_to_user(c->ubuf, r->copy, n);
		else
			err = ureq_unpin_out(r, c->ubuf.addr, n);
		result = err ? err : result;
	}
	if (result >= 0 && c->opens) {
		r->file->us = us;
		uscheme_get(us);
		*file_out = r->file;
		r->file = NULL;
	}
	ureq_free(r);
	return result;
}

/* --- the caller's file operations ---------------------------------------------- */

static uscheme_t *uf_scheme(file_t *f)
{
	return ((ufile_t *)f->handle)->us;
}

static uint64_t uf_handle(file_t *f)
{
	return ((ufile_t *)f->handle)->handle;
}

static int ucall_opening(uscheme_t *us, ucall_t *c, const char *path, file_t *nf)
{
	ufile_t *uf = NULL;

	c->dir = UBUF_IN;
	c->kbuf = (void *)path;
	c->len = strlen(path) + 1;
	c->opens = true;
	long r = uscheme_call(us, c, &uf);
	if (r < 0)
		return (int)r;
	nf->handle = uf;
	return 0;
}

static int uscheme_client_open(scheme_t *s, const char *path, file_t *f)
{
	ucall_t c = { .opcode = SCHEME_OP_OPEN,
		      .arg = { (uint64_t)f->open_flags, f->create_mode } };

	return ucall_opening(s->priv, &c, path, f);
}

static int uscheme_client_dupat(file_t *f, const char *path, file_t *nf)
{
	ucall_t c = { .opcode = SCHEME_OP_DUP, .handle = uf_handle(f),
		      .arg = { (uint64_t)nf->open_flags, (uint64_t)f->flags } };

	return ucall_opening(uf_scheme(f), &c, path, nf);
}

static void uscheme_client_close(file_t *f)
{
	ufile_t *uf = f->handle;
	uscheme_t *us = uf->us;
	uint64_t flags = spin_lock_irqsave(&us->lock);

	for (ufile_t **pp = &us->files; *pp; pp = &(*pp)->next)
		if (*pp == uf) {
			*pp = uf->next;
			break;
		}
	spin_unlock_irqrestore(&us->lock, flags);
	uscheme_submit_async(us, SCHEME_OP_CLOSE, uf->handle, 0);
	kfree(uf);
	uscheme_put(us);
}

static long uscheme_client_rw(file_t *f, uint16_t op, int dir, uptr_t buf, size_t len)
{
	ucall_t c = { .opcode = op, .handle = uf_handle(f), .dir = dir, .ubuf = buf,
		      .len = len < USCHEME_MAP_MAX ? len : USCHEME_MAP_MAX,
		      .arg = { 0, (uint64_t)f->flags } };

	return uscheme_call(uf_scheme(f), &c, NULL);
}

static long uscheme_client_read(file_t *f, uptr_t buf, size_t len)
{
	return uscheme_client_rw(f, SCHEME_OP_READ, UBUF_OUT, buf, len);
}

/* Like a pipe or a socket: writing to a peer that is gone raises SIGPIPE. */
static long uscheme_client_write(file_t *f, uptr_t buf, size_t len)
{
	long r = uscheme_client_rw(f, SCHEME_OP_WRITE, UBUF_IN, buf, len);

	if (r == -EPIPE)
		signal_send_thread(thread_current(), SIGPIPE);
	return r;
}

static long uscheme_client_getdents(file_t *f, uptr_t buf, size_t len)
{
	return uscheme_client_rw(f, SCHEME_OP_GETDENTS, UBUF_OUT, buf, len);
}

/* A call with scalar arguments and perhaps a kernel buffer. */
static long uscheme_client_simple(file_t *f, uint16_t op, uint64_t a0, uint64_t a1,
				  int dir, void *kbuf, size_t len)
{
	ucall_t c = { .opcode = op, .handle = uf_handle(f), .arg = { a0, a1 },
		      .dir = dir, .kbuf = kbuf, .len = len };

	return uscheme_call(uf_scheme(f), &c, NULL);
}

static int64_t uscheme_client_seek(file_t *f, int64_t offset, int whence)
{
	return uscheme_client_simple(f, SCHEME_OP_SEEK, (uint64_t)offset, (uint64_t)whence,
				     UBUF_NONE, NULL, 0);
}

static int uscheme_client_fstat(file_t *f, abi_stat_t *st)
{
	long r = uscheme_client_simple(f, SCHEME_OP_FSTAT, 0, 0, UBUF_OUT, st, sizeof(*st));

	return r < 0 ? (int)r : 0;
}

static int uscheme_client_fstatvfs(file_t *f, abi_statvfs_t *st)
{
	long r = uscheme_client_simple(f, SCHEME_OP_FSTATVFS, 0, 0, UBUF_OUT, st, sizeof(*st));

	return r < 0 ? (int)r : 0;
}

static int uscheme_client_fsync(file_t *f)
{
	return (int)uscheme_client_simple(f, SCHEME_OP_FSYNC, 0, 0, UBUF_NONE, NULL, 0);
}

static int uscheme_client_ftruncate(file_t *f, uint64_t len)
{
	return (int)uscheme_client_simple(f, SCHEME_OP_FTRUNCATE, len, 0, UBUF_NONE, NULL, 0);
}

static int uscheme_client_fchmod(file_t *f, unsigned mode)
{
	return (int)uscheme_client_simple(f, SCHEME_OP_FCHMOD, mode, 0, UBUF_NONE, NULL, 0);
}

static int uscheme_client_fchown(file_t *f, unsigned uid, unsigned gid)
{
	return (int)uscheme_client_simple(f, SCHEME_OP_FCHOWN, uid, gid, UBUF_NONE, NULL, 0);
}

static int uscheme_client_futimens(file_t *f, const void *times)
{
	return (int)uscheme_client_simple(f, SCHEME_OP_FUTIMENS, 0, 0, UBUF_IN, (void *)times,
					  2 * sizeof(abi_timespec_t));
}

static unsigned uscheme_client_poll(file_t *f)
{
	return ((ufile_t *)f->handle)->ready;
}

/* The daemon names a MAP_SHARED area of its own; the caller gets its pages. */
static int uscheme_client_mmap(file_t *f, uint64_t offset, uint64_t len, unsigned prot,
			       mmap_source_t *out)
{
	ucall_t c = { .opcode = SCHEME_OP_MMAP, .handle = uf_handle(f), .arg = { offset, prot } };
	uscheme_t *us = uf_scheme(f);

	c.len = len;    /* the mapping's length; no buffer goes along */
	long addr = uscheme_call(us, &c, NULL);
	if (addr < 0)
		return (int)addr;
	if (addr & (PAGE_SIZE - 1))
		return -EIO;
	out->phys = 0;
	return as_object_at(us->as, (uint64_t)addr, &out->obj, &out->first_page) ? -EIO : 0;
}

static int uscheme_client_by_name(scheme_t *s, uint16_t op, const char *buf, size_t len)
{
	ucall_t c = { .opcode = op, .dir = UBUF_IN, .kbuf = (void *)buf, .len = len };

	return (int)uscheme_call(s->priv, &c, NULL);
}

static int uscheme_client_unlink(scheme_t *s, const char *path)
{
	return uscheme_client_by_name(s, SCHEME_OP_UNLINK, path, strlen(path) + 1);
}

static int uscheme_client_rmdir(scheme_t *s, const char *path)
{
	return uscheme_client_by_name(s, SCHEME_OP_RMDIR, path, strlen(path) + 1);
}

/* RENAME, LINK and SYMLINK: two strings, "first\0second\0". */
static int uscheme_client_two_names(scheme_t *s, uint16_t op, const char *first,
				    const char *second)
{
	size_t a = strlen(first) + 1, b = strlen(second) + 1;
	char *both = kmalloc(a + b);

	if (!both)
		return -ENOMEM;
	memcpy(both, first, a);
	memcpy(both + a, second, b);
	int err = a + b > SCHEME_COPY_MAX ? -ENAMETOOLONG
					  : uscheme_client_by_name(s, op, both, a + b);
	kfree(both);
	return err;
}

static int uscheme_client_rename(scheme_t *s, const char *from, const char *to)
{
	return uscheme_client_two_names(s, SCHEME_OP_RENAME, from, to);
}

static int uscheme_client_link(scheme_t *s, const char *from, const char *to)
{
	return uscheme_client_two_names(s, SCHEME_OP_LINK, from, to);
}

static int uscheme_client_symlink(scheme_t *s, const char *target, const char *path)
{
	return uscheme_client_two_names(s, SCHEME_OP_SYMLINK, target, path);
}

static void uscheme_client_hold(scheme_t *s, bool get)
{
	if (get)
		uscheme_get(s->priv);
	else
		uscheme_put(s->priv);
}

const scheme_ops_t uscheme_client_ops = {
	.hold = uscheme_client_hold,
	.open = uscheme_client_open,
	.close = uscheme_client_close,
	.read = uscheme_client_read,
	.write = uscheme_client_write,
	.seek = uscheme_client_seek,
	.fstat = uscheme_client_fstat,
	.poll = uscheme_client_poll,
	.dupat = uscheme_client_dupat,
	.fstatvfs = uscheme_client_fstatvfs,
	.fsync = uscheme_client_fsync,
	.ftruncate = uscheme_client_ftruncate,
	.fchmod = uscheme_client_fchmod,
	.fchown = uscheme_client_fchown,
	.futimens = uscheme_client_futimens,
	.getdents = uscheme_client_getdents,
	.mmap = uscheme_client_mmap,
	.unlink = uscheme_client_unlink,
	.rmdir = uscheme_client_rmdir,
	.rename = uscheme_client_rename,
	.link = uscheme_client_link,
	.symlink = uscheme_client_symlink,
};
