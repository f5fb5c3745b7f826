// SPDX-License-Identifier: MIT
/*
 * Queues: one direction of data, with the calls waiting on it.
 *
 * A queue holds either whole messages (a linked list, each message one
 * allocation, bounded by a count and a byte total) or a stream (a ring of
 * IPCD_STREAM_BYTES). Pending calls are kept in two FIFOs, and the design
 * rests on two invariants that keep the code short:
 *
 *   - reads are pending only while the queue is empty, so a write first
 *     serves the oldest pending read, copying straight into its buffer
 *     (the kernel keeps that buffer valid until the answer), and only
 *     then queues;
 *   - writes are pending only while the queue is full, or behind another
 *     pending write (writes keep their order), so every read that frees
 *     room pumps the pending writes in, answering each.
 *
 * The queue answers the calls it completes itself (it knows the server),
 * but it does not know the sockets: its `watchers` let the socket layer
 * find whose readiness to recompute after a change.
 *
 * Either side can go away. Without a reader, the data is dropped and
 * writes fail with dead_err (-EPIPE for a connection, -ECONNREFUSED for a
 * datagram destination); without a writer, reads drain what is queued
 * and then see EOF (0).
 */
#include "queue.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* memcpy that tolerates the NULL buffers of zero-length calls. */
static void ipcd_copy(void *dst, const void *src, size_t n)
{
	if (n)
		memcpy(dst, src, n);
}

static size_t ipcd_min(size_t a, size_t b)
{
	return a < b ? a : b;
}

ipcd_wait_t *ipcd_wait_new(uint64_t tag, void *owner)
{
	ipcd_wait_t *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	ipcd_list_init(&w->link);
	ipcd_list_init(&w->all);
	w->tag = tag;
	w->owner = owner;
	return w;
}

void ipcd_wait_drop(ipcd_wait_t *w)
{
	ipcd_list_remove(&w->link);
	ipcd_list_remove(&w->all);
	free(w);
}

void ipcd_wait_finish(scheme_server_t *srv, ipcd_wait_t *w, long result)
{
	scheme_respond(srv, w->tag, result);
	ipcd_wait_drop(w);
}

static ipcd_wait_t *ipcd_wait_first(const ipcd_link_t *list)
{
	ipcd_link_t *l = ipcd_list_first(list);

	return l ? IPCD_CONTAINER(l, ipcd_wait_t, link) : NULL;
}

ipcd_queue_t *ipcd_queue_create(ipcd_qmode_t mode, int dead_err)
{
	ipcd_queue_t *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	q->mode = mode;
	q->dead_err = dead_err;
	q->refs = 1;
	ipcd_list_init(&q->readers);
	ipcd_list_init(&q->writers);
	ipcd_list_init(&q->watchers);
	return q;
}

void ipcd_queue_get(ipcd_queue_t *q)
{
	q->refs++;
}

static void ipcd_queue_discard(ipcd_queue_t *q)
{
	while (q->head) {
		ipcd_msg_t *m = q->head;

		q->head = m->next;
		free(m);
	}
	q->tail = NULL;
	q->count = q->bytes = q->ring_start = 0;
}

/* Every pending call belongs to a socket holding a reference, so none is left here. */
void ipcd_queue_put(ipcd_queue_t *q)
{
	if (--q->refs)
		return;
	ipcd_queue_discard(q);
	free(q->ring);
	free(q);
}

/* --- messages ------------------------------------------------------------ */

static bool ipcd_queue_msg_fits(const ipcd_queue_t *q, size_t len)
{
	return q->count < IPCD_MSGQ_COUNT && q->bytes + len <= IPCD_MSGQ_BYTES;
}

static long ipcd_queue_msg_push(ipcd_queue_t *q, const void *src, size_t len)
{
	ipcd_msg_t *m = malloc(sizeof(*m) + len);

	if (!m)
		return -ENOMEM;
	m->next = NULL;
	m->len = len;
	ipcd_copy(m->data, src, len);
	if (q->tail)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	q->count++;
	q->bytes += len;
	return (long)len;
}

/* Copies the oldest message (truncated to len) and drops it. */
static long ipcd_queue_msg_pop(ipcd_queue_t *q, void *buf, size_t len)
{
	ipcd_msg_t *m = q->head;
	size_t n = ipcd_min(len, m->len);

	ipcd_copy(buf, m->data, n);
	q->head = m->next;
	if (!q->head)
		q->tail = NULL;
	q->count--;
	q->bytes -= m->len;
	free(m);
	return (long)n;
}

static long ipcd_queue_msg_write(scheme_server_t *srv, ipcd_queue_t *q, const void *src,
				 size_t len)
{
	ipcd_wait_t *r = ipcd_wait_first(&q->readers);

	if (len > IPCD_MSG_MAX)
		return -EMSGSIZE;
	if (q->reader_gone)
		return q->dead_err;
	if (r) {
		size_t n = ipcd_min(len, r->len);

		ipcd_copy(r->buf, src, n);
		ipcd_wait_finish(srv, r, (long)n);
		return (long)len;
	}
	if (!ipcd_list_empty(&q->writers) || !ipcd_queue_msg_fits(q, len))
		return -EAGAIN;
	return ipcd_queue_msg_push(q, src, len);
}

/* --- streams ------------------------------------------------------------- */

/* Appends up to len bytes (as many as fit); how many, or -ENOMEM. */
static long ipcd_queue_ring_put(ipcd_queue_t *q, const unsigned char *src, size_t len)
{
	size_t n = ipcd_min(len, IPCD_STREAM_BYTES - q->bytes);
	size_t at = (q->ring_start + q->bytes) % IPCD_STREAM_BYTES;
	size_t first = ipcd_min(n, IPCD_STREAM_BYTES - at);

	if (!q->ring && !(q->ring = malloc(IPCD_STREAM_BYTES)))
		return -ENOMEM;
	ipcd_copy(q->ring + at, src, first);
	ipcd_copy(q->ring, src + first, n - first);
	q->bytes += n;
	return (long)n;
}

static long ipcd_queue_ring_get(ipcd_queue_t *q, unsigned char *buf, size_t len)
{
	size_t n = ipcd_min(len, q->bytes);
	size_t first = ipcd_min(n, IPCD_STREAM_BYTES - q->ring_start);

	ipcd_copy(buf, q->ring + q->ring_start, first);
	ipcd_copy(buf + first, q->ring, n - first);
	q->ring_start = (q->ring_start + n) % IPCD_STREAM_BYTES;
	q->bytes -= n;
	return (long)n;
}

/* Hands bytes to pending reads, oldest first; how many went. */
static size_t ipcd_queue_stream_hand(scheme_server_t *srv, ipcd_queue_t *q,
				     const unsigned char *src, size_t len)
{
	size_t done = 0;
	ipcd_wait_t *r;

	while (done < len && (r = ipcd_wait_first(&q->readers))) {
		size_t n = ipcd_min(len - done, r->len);

		ipcd_copy(r->buf, src + done, n);
		ipcd_wait_finish(srv, r, (long)n);
		done += n;
	}
	return done;
}

static long ipcd_queue_stream_write(scheme_server_t *srv, ipcd_queue_t *q, const void *src,
				    size_t len)
{
	size_t done;
	long put;

	if (q->reader_gone)
		return q->dead_err;
	if (len == 0)
		return 0;
	/* Pending writes mean a full ring, so this one cannot overtake them. */
	done = ipcd_queue_stream_hand(srv, q, src, len);
	if (done == len)
		return (long)done;
	put = ipcd_queue_ring_put(q, (const unsigned char *)src + done, len - done);
	if (put < 0)
		return done ? (long)done : put;
	done += (size_t)put;
	return done ? (long)done : -EAGAIN;
}

/* --- both ---------------------------------------------------------------- */

long ipcd_queue_write(scheme_server_t *srv, ipcd_queue_t *q, const void *src, size_t len)
{
	if (q->mode == IPCD_QUEUE_MSG)
		return ipcd_queue_msg_write(srv, q, src, len);
	return ipcd_queue_stream_write(srv, q, src, len);
}

long ipcd_queue_read(scheme_server_t *srv, ipcd_queue_t *q, void *buf, size_t len)
{
	long n;

	if (q->mode == IPCD_QUEUE_MSG ? q->count > 0 : q->bytes > 0) {
		if (q->mode == IPCD_QUEUE_MSG)
			n = ipcd_queue_msg_pop(q, buf, len);
		else
			n = ipcd_queue_ring_get(q, buf, len);
		ipcd_queue_pump(srv, q);
		return n;
	}
	/* A zero-length stream read has nothing to wait for. */
	if (q->writer_gone || (q->mode == IPCD_QUEUE_STREAM && len == 0))
		return 0;
	return -EAGAIN;
}

void ipcd_queue_park_reader(ipcd_queue_t *q, ipcd_wait_t *w)
{
	w->queue = q;
	ipcd_list_push(&q->readers, &w->link);
}

void ipcd_queue_park_writer(ipcd_queue_t *q, ipcd_wait_t *w)
{
	w->queue = q;
	ipcd_list_push(&q->writers, &w->link);
}

/* Takes a pending write's bytes if they fit now: the count, or -EAGAIN. */
static long ipcd_queue_take(ipcd_queue_t *q, const ipcd_wait_t *w)
{
	if (q->mode == IPCD_QUEUE_MSG)
		return ipcd_queue_msg_fits(q, w->len) ? ipcd_queue_msg_push(q, w->src, w->len)
						      : -EAGAIN;
	if (q->bytes == IPCD_STREAM_BYTES)
		return -EAGAIN;
	return ipcd_queue_ring_put(q, w->src, w->len);
}

void ipcd_queue_pump(scheme_server_t *srv, ipcd_queue_t *q)
{
	ipcd_wait_t *w;
	long n;

	while ((w = ipcd_wait_first(&q->writers)) && (n = ipcd_queue_take(q, w)) != -EAGAIN)
		ipcd_wait_finish(srv, w, n);
}

void ipcd_queue_close_reader(scheme_server_t *srv, ipcd_queue_t *q)
{
	ipcd_wait_t *w;

	q->reader_gone = true;
	ipcd_queue_discard(q);
	while ((w = ipcd_wait_first(&q->writers)))
		ipcd_wait_finish(srv, w, q->dead_err);
}

void ipcd_queue_close_writer(scheme_server_t *srv, ipcd_queue_t *q)
{
	ipcd_wait_t *r;

	q->writer_gone = true;
	while ((r = ipcd_wait_first(&q->readers)))
		ipcd_wait_finish(srv, r, 0);
}

bool ipcd_queue_readable(const ipcd_queue_t *q)
{
	return q->count > 0 || q->bytes > 0 || q->writer_gone;
}

/*
 * Writable means a write will not block: for messages, one of the largest
 * size fits (a looser test could report WRITE for a queue that then
 * refuses a big message, and a level-triggered poller would spin). While
 * writes are pending the queue is full by this measure, so they need no
 * test of their own.
 */
bool ipcd_queue_writable(const ipcd_queue_t *q)
{
	if (q->reader_gone)
		return true;
	if (q->mode == IPCD_QUEUE_MSG)
		return ipcd_queue_msg_fits(q, IPCD_MSG_MAX);
	return q->bytes < IPCD_STREAM_BYTES;
}
