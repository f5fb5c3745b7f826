// SPDX-License-Identifier: MIT
/*
 * Kernel heap (kmalloc/kfree) on slab caches.
 *
 * Small requests are rounded up to one of eight size classes (16..2048
 * bytes) and served from one-page slabs; larger ones get a block of pages
 * of their own. Both kinds of page start with a header, and no object ever
 * starts at a page boundary, so `p & ~4095` always finds the header of the
 * page a pointer came from. That is what lets slab_free take only the
 * pointer and still reject anything that is not a live allocation: the
 * header is sealed with its own address and its heap, and a per-slab
 * bitmap says exactly which objects are live.
 *
 * Pages come from a caller-supplied source (the buddy allocator in the
 * kernel, aligned_alloc in tests). Empty slabs go back to it, except one
 * kept per class to damp alloc/free ping-pong.
 *
 * Not thread-safe: the kernel wraps every call in its own lock.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define SLAB_PAGE_SIZE 4096
#define SLAB_MAX_ORDER 12 /* largest block asked of the page source */
#define SLAB_NCLASSES 8   /* 16, 32, ..., 2048 */
#define SLAB_MIN_SIZE 16
#define SLAB_MAX_SMALL 2048
#define SLAB_HDR_SIZE 64 /* header at the start of every page or block */

/* Largest request: an order-12 block minus its header. */
#define SLAB_MAX_SIZE \
	(((size_t)SLAB_PAGE_SIZE << SLAB_MAX_ORDER) - SLAB_HDR_SIZE)

typedef struct slab_page_source {
	/* 4096 << order bytes aligned to their size, or NULL */
	void *(*alloc)(void *ctx, unsigned order);
	void (*free)(void *ctx, void *addr, unsigned order);
	void *ctx;
} slab_page_source_t;

struct slab;

typedef struct slab_cache {
	uint32_t size;        /* object size, a power of two */
	uint32_t nobjs;       /* objects per slab */
	struct slab *partial; /* slabs with free and live objects */
	struct slab *empty;   /* at most one cached empty slab */
	size_t slabs;         /* pages held, the cached empty one included */
	size_t live;          /* live objects */
} slab_cache_t;

typedef struct slab_heap {
	slab_page_source_t src;
	slab_cache_t caches[SLAB_NCLASSES];
	size_t large_pages;   /* pages held by large blocks */
	size_t large_live;    /* live large blocks */
	size_t large_bytes;   /* their usable bytes */
} slab_heap_t;

typedef struct slab_stats {
	size_t bytes_in_use; /* usable size of every live allocation */
	size_t pages_held;   /* pages taken from the source, not returned */
	size_t live_objects;
} slab_stats_t;

void slab_heap_init(slab_heap_t *h, const slab_page_source_t *src);

/*
 * Returns at least size bytes aligned to min(class size, 64) for small
 * requests and to 64 for large ones, or NULL when the page source is
 * exhausted or size > SLAB_MAX_SIZE. Size 0 gives a minimal object.
 */
void *slab_alloc(slab_heap_t *h, size_t size);

/*
 * Frees p. Returns 0 (also for NULL), or -EINVAL and changes nothing if p
 * is not a live allocation from h: double free, interior or misaligned
 * pointer, or a page without a valid header. Reads the header of p's
 * page, so p must at least point into mapped memory.
 */
int slab_free(slab_heap_t *h, void *p);

/* Bytes usable at p (>= the size asked for), 0 if p is not live in h. */
size_t slab_usable_size(slab_heap_t *h, const void *p);

void slab_heap_stats(const slab_heap_t *h, slab_stats_t *out);
