// SPDX-License-Identifier: MIT
/*
 * disk requests: calls, chunks, slots, the queue, completion and cancel
 * (the model is in disk_int.h).
 *
 * disk_pump() moves chunks from the head of the FIFO queue into free
 * slots. A FLUSH chunk is a barrier: it waits at the head until no write
 * is on the device, and while it is on the device nothing else starts.
 * Writes copy the caller's bytes into the slot's bounce buffer at the
 * moment they are submitted (the call is live then: a cancel removes its
 * queued chunks); reads copy out of the bounce buffer on completion only
 * when the call was not cancelled. So the device only ever sees the
 * driver's DMA memory, and a caller's buffer is touched only during its
 * call. A cancelled call is still answered (EINTR) once its chunks on
 * the device are done: the kernel drops that answer, and it is what lets
 * the kernel free the orphaned request it kept.
 */
#include "disk_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void disk_call_finish(disk_t *d, disk_call_t *c)
{
	disk_call_t **pp = &d->calls;

	while (*pp && *pp != c)
		pp = &(*pp)->next;
	if (*pp)
		*pp = c->next;
	long result = c->cancelled ? -EINTR : c->error ? c->error : (long)c->len;
	if (c->done) {
		if (!c->cancelled)
			c->done(d, c, result);
	} else {
		/* A cancelled call is answered too: the kernel ignores the answer
		 * but only then frees what it kept for the orphaned request. */
		scheme_respond(&d->server, c->tag, result);
	}
	free(c);
}

/* A chunk is over (done, failed, or dropped by a cancel). */
static void disk_chunk_finish(disk_t *d, disk_chunk_t *k, int status)
{
	disk_call_t *c = k->call;

	if (status < 0 && !c->error)
		c->error = status;
	free(k);
	if (--c->outstanding == 0)
		disk_call_finish(d, c);
}

static void disk_queue_push(disk_t *d, disk_chunk_t *k)
{
	k->next = NULL;
	if (d->queue_tail)
		d->queue_tail->next = k;
	else
		d->queue_head = k;
	d->queue_tail = k;
}

static disk_chunk_t *disk_queue_pop(disk_t *d)
{
	disk_chunk_t *k = d->queue_head;

	d->queue_head = k->next;
	if (!d->queue_head)
		d->queue_tail = NULL;
	return k;
}

static disk_req_t *disk_slot_free(disk_t *d)
{
	for (unsigned i = 0; i < d->drv.max_inflight; i++)
		if (!d->slot[i].chunk)
			return &d->slot[i];
	return NULL;
}

static void disk_slot_account(disk_t *d, disk_op_t op, int delta)
{
	d->inflight += (unsigned)delta;
	if (op == DISK_OP_WRITE)
		d->writes_inflight += (unsigned)delta;
	if (op == DISK_OP_FLUSH)
		d->flush_inflight = delta > 0;
}

/* Puts k on the device in slot r. */
static void disk_chunk_submit(disk_t *d, disk_req_t *r, disk_chunk_t *k)
{
	r->op = k->op;
	r->lba = k->lba;
	r->count = k->count;
	r->chunk = k;
	if (k->op == DISK_OP_WRITE)
		memcpy(r->buf, k->call->buf + k->byte_off, (size_t)k->count * d->drv.sector_size);
	disk_slot_account(d, k->op, 1);
	d->submitted++;
	if (d->inflight > d->max_seen_inflight)
		d->max_seen_inflight = d->inflight;
	int err = d->drv.submit(d->drv.ctx, r);
	if (err < 0) {
		disk_slot_account(d, k->op, -1);
		r->chunk = NULL;
		disk_chunk_finish(d, k, err);
	}
}

void disk_pump(disk_t *d)
{
	while (d->queue_head && !d->flush_inflight) {
		if (d->queue_head->op == DISK_OP_FLUSH) {
			if (d->inflight)
				return;         /* the barrier waits for everything before it */
			if (!d->drv.can_flush) {
				disk_chunk_finish(d, disk_queue_pop(d), 0);
				continue;
			}
		}
		disk_req_t *r = disk_slot_free(d);
		if (!r)
			return;
		disk_chunk_submit(d, r, disk_queue_pop(d));
	}
}

void disk_complete(disk_t *d, disk_req_t *r, int status)
{
	if (r < d->slot || r >= d->slot + d->drv.max_inflight || !r->chunk)
		return;                 /* not ours, or completed twice: ignore */
	disk_chunk_t *k = r->chunk;
	disk_call_t *c = k->call;

	r->chunk = NULL;
	disk_slot_account(d, k->op, -1);
	d->completed++;
	if (k->op == DISK_OP_READ && status == 0 && !c->cancelled)
		memcpy(c->buf + k->byte_off, r->buf, (size_t)k->count * d->drv.sector_size);
	disk_chunk_finish(d, k, status > 0 ? -EIO : status);
}

static int disk_call_split(disk_t *d, disk_call_t *c, uint64_t lba, uint64_t sectors)
{
	size_t off = 0;

	do {
		disk_chunk_t *k = calloc(1, sizeof(*k));
		if (!k)
			return -ENOMEM;
		uint64_t n = sectors < d->drv.max_sectors ? sectors : d->drv.max_sectors;
		k->call = c;
		k->op = c->op;
		k->lba = lba;
		k->count = (uint32_t)n;
		k->byte_off = off;
		disk_queue_push(d, k);
		c->outstanding++;
		lba += n;
		sectors -= n;
		off += (size_t)n * d->drv.sector_size;
	} while (sectors);
	return 0;
}

/* Takes a call's queued chunks out of the queue; how many. */
static unsigned disk_queue_remove_call(disk_t *d, disk_call_t *c)
{
	disk_chunk_t **pp = &d->queue_head, *prev = NULL;
	unsigned n = 0;

	while (*pp) {
		disk_chunk_t *k = *pp;
		if (k->call == c) {
			*pp = k->next;
			free(k);
			n++;
			continue;
		}
		prev = k;
		pp = &k->next;
	}
	d->queue_tail = prev;
	return n;
}

long disk_io_start(disk_t *d, uint64_t tag, disk_op_t op, uint64_t lba, uint64_t sectors,
		   void *buf, disk_call_done_fn *done, void *done_ctx)
{
	if (op != DISK_OP_FLUSH && sectors == 0)
		return 0;
	disk_call_t *c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->tag = tag;
	c->op = op;
	c->buf = buf;
	c->len = op == DISK_OP_FLUSH ? 0 : (size_t)(sectors * d->drv.sector_size);
	c->done = done;
	c->done_ctx = done_ctx;
	int err = disk_call_split(d, c, lba, op == DISK_OP_FLUSH ? 0 : sectors);
	if (err) {
		disk_queue_remove_call(d, c);
		free(c);
		return err;
	}
	c->next = d->calls;
	d->calls = c;
	disk_pump(d);
	return SCHEME_PENDING;
}

void disk_io_cancel(disk_t *d, uint64_t tag)
{
	for (disk_call_t *c = d->calls; c; c = c->next) {
		if (c->tag != tag || c->cancelled || c->done)
			continue;
		c->cancelled = true;
		c->buf = NULL;
		c->outstanding -= disk_queue_remove_call(d, c);
		if (c->outstanding == 0)
			disk_call_finish(d, c);
		disk_pump(d);           /* a removed flush may have blocked the queue */
		return;
	}
}

void disk_io_drop_all(disk_t *d)
{
	while (d->queue_head)
		free(disk_queue_pop(d));
	for (unsigned i = 0; i < DISK_SLOTS_MAX; i++) {
		free(d->slot[i].chunk);
		d->slot[i].chunk = NULL;
	}
	while (d->calls) {
		disk_call_t *c = d->calls;
		d->calls = c->next;
		free(c);
	}
	d->inflight = d->writes_inflight = 0;
	d->flush_inflight = false;
}
