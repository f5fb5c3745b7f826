// SPDX-License-Identifier: MIT
/*
 * logd's memory: the last LOG_RING_SIZE bytes of forwarded lines, read
 * from per-reader offsets. ring.c explains it.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define LOG_RING_SIZE (64 * 1024)       /* a power of two */

typedef struct log_ring {
	char data[LOG_RING_SIZE];
	uint64_t head;  /* stream offset of the oldest byte kept */
	uint64_t tail;  /* stream offset just past the newest byte */
} log_ring_t;

void log_ring_init(log_ring_t *r);

/* Appends one whole line (ending in '\n', at most LOG_RING_SIZE bytes),
 * dropping the oldest whole lines to make room. */
void log_ring_put(log_ring_t *r, const char *line, size_t len);

/*
 * Copies up to len bytes from stream offset *off on into buf and moves
 * *off past them; 0 when *off is at the end. An offset whose bytes were
 * dropped first moves to the oldest line kept.
 */
size_t log_ring_read(const log_ring_t *r, uint64_t *off, void *buf, size_t len);
