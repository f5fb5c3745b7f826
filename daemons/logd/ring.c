// SPDX-License-Identifier: MIT
/*
 * The ring of forwarded lines. Everything logd forwards is one stream of
 * bytes; a byte's stream offset never changes, and the ring holds the
 * stream between head and tail (at most LOG_RING_SIZE bytes, byte `o` at
 * data[o % LOG_RING_SIZE]). Readers keep their own offsets, so any number
 * of them read at their own pace without the ring knowing about them.
 *
 * Room is made a whole line at a time: head always sits at the start of
 * a line, so a reader that fell behind resumes at the oldest line kept,
 * never in the middle of one. Finding the end of the oldest line costs a
 * look at each byte dropped, once.
 */
#include "ring.h"

#include <string.h>

#define LOG_RING_MASK (LOG_RING_SIZE - 1)

_Static_assert((LOG_RING_SIZE & LOG_RING_MASK) == 0, "the ring's size is a power of two");

void log_ring_init(log_ring_t *r)
{
	r->head = r->tail = 0;
}

/* Drops the oldest line. */
static void log_ring_drop_line(log_ring_t *r)
{
	while (r->head < r->tail && r->data[r->head++ & LOG_RING_MASK] != '\n')
		;
}

void log_ring_put(log_ring_t *r, const char *line, size_t len)
{
	if (len > LOG_RING_SIZE)        /* lines are far shorter; never keep half of one */
		return;
	while (r->tail - r->head + len > LOG_RING_SIZE)
		log_ring_drop_line(r);
	size_t at = r->tail & LOG_RING_MASK;
	size_t first = len < LOG_RING_SIZE - at ? len : LOG_RING_SIZE - at;
	memcpy(r->data + at, line, first);
	memcpy(r->data, line + first, len - first);
	r->tail += len;
}

size_t log_ring_read(const log_ring_t *r, uint64_t *off, void *buf, size_t len)
{
	if (*off < r->head)
		*off = r->head;
	if (*off > r->tail)             /* not one of ours: treat as the end */
		*off = r->tail;
	if (len > r->tail - *off)
		len = (size_t)(r->tail - *off);
	if (!len)
		return 0;
	size_t at = *off & LOG_RING_MASK;
	size_t first = len < LOG_RING_SIZE - at ? len : LOG_RING_SIZE - at;
	memcpy(buf, r->data + at, first);
	memcpy((char *)buf + first, r->data, len - first);
	*off += len;
	return len;
}
