// SPDX-License-Identifier: MIT
/*
 * Binary buddy allocator of physical page frames.
 *
 * The allocator never reads or writes the frames it hands out: they may not
 * even be mapped yet. All bookkeeping lives in a caller-supplied metadata
 * array with one small entry per frame, and the free lists are linked by
 * 32-bit frame indices inside that array, so one managed range covers up
 * to 2^32 - 1 frames (16 TiB) with 12 bytes of metadata per 4 KiB frame.
 *
 * Blocks are naturally aligned to absolute pfn 0 (a block of order k starts
 * at a multiple of 2^k), whatever the base of the managed range, so that a
 * block's buddy is always `pfn ^ (1 << k)`. Frames start reserved; the
 * kernel adds its memory map with buddy_add_range and then takes the kernel
 * image and boot modules back out with buddy_reserve_range.
 *
 * Not thread-safe: the kernel wraps every call in its own lock.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define BUDDY_MAX_ORDER 12 /* blocks of 1..4096 frames */
#define BUDDY_NIL UINT32_MAX /* end of a free list */
#define BUDDY_MAX_PAGES ((uint64_t)UINT32_MAX) /* indices 0..2^32-2 */

typedef enum buddy_state {
	BUDDY_RESERVED = 0, /* not usable (hole, kernel image, ...) */
	BUDDY_FREE_HEAD,    /* first frame of a free block, on a free list */
	BUDDY_ALLOC_HEAD,   /* first frame of an allocated block */
	BUDDY_TAIL,         /* any other frame of a free or allocated block */
} buddy_state_t;

typedef struct buddy_frame {
	uint32_t next, prev; /* free-list links (frame indices), heads only */
	uint8_t order;       /* block order, heads only */
	uint8_t state;       /* buddy_state_t */
} buddy_frame_t;

typedef struct buddy {
	uint64_t base_pfn, npages;
	buddy_frame_t *frames; /* frames[i] describes pfn base_pfn + i */
	uint32_t free_head[BUDDY_MAX_ORDER + 1];
	uint64_t free_pages, total_pages; /* total = usable (free + allocated) */
} buddy_t;

/* Bytes of metadata buddy_init needs for npages frames (alignment 4). */
size_t buddy_meta_bytes(uint64_t npages);

/*
 * Manages frames [base_pfn, base_pfn + npages) with meta as the frame
 * array; npages is clipped to BUDDY_MAX_PAGES. Every frame starts reserved.
 */
void buddy_init(buddy_t *b, uint64_t base_pfn, uint64_t npages, void *meta);

/*
 * Makes reserved frames in [pfn, pfn + count) free and usable, clipped to
 * the managed range; frames already usable are left alone.
 */
void buddy_add_range(buddy_t *b, uint64_t pfn, uint64_t count);

/*
 * Takes the free frames of [pfn, pfn + count) out of use, splitting free
 * blocks that straddle the range. Allocated frames are left alone.
 */
void buddy_reserve_range(buddy_t *b, uint64_t pfn, uint64_t count);

/*
 * Allocates 2^order frames aligned to 2^order and stores the first pfn.
 * Returns 0, -EINVAL if order > BUDDY_MAX_ORDER, -ENOMEM if no block fits.
 */
int buddy_alloc(buddy_t *b, unsigned order, uint64_t *pfn_out);

/*
 * As buddy_alloc, but the whole block lies below limit_pfn (DMA, the SMP
 * trampoline). Scans the free lists, so slower. Same errors.
 */
int buddy_alloc_below(buddy_t *b, unsigned order, uint64_t limit_pfn,
		      uint64_t *pfn_out);

/*
 * Frees the block of 2^order frames at pfn. Returns 0, or -EINVAL (and
 * changes nothing) unless pfn starts a currently allocated block of exactly
 * that order: catches double free, wrong order, interior, out-of-range and
 * reserved frames.
 */
int buddy_free(buddy_t *b, uint64_t pfn, unsigned order);
/*
 * Turns the allocated block of 2^order frames at pfn into 2^order
 * allocated single frames, each then freed on its own with order 0
 * (physically contiguous memory that is released page by page, like
 * DMA buffers mapped through shared-memory objects). -EINVAL if pfn is
 * not the head of an allocated block of that order.
 */
int buddy_split_alloc(buddy_t *b, uint64_t pfn, unsigned order);

uint64_t buddy_free_pages(const buddy_t *b);
uint64_t buddy_total_pages(const buddy_t *b);

/* Order of the largest free block, -1 if nothing is free. */
int buddy_largest_free_order(const buddy_t *b);

/*
 * Verifies every invariant: block layout in the frame array, free-list
 * links, counters, and that no two free buddies were left unmerged.
 * Returns 0 if consistent, -EINVAL otherwise.
 */
int buddy_check(const buddy_t *b);
