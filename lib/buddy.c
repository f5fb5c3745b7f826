// SPDX-License-Identifier: MIT
/*
 * Binary buddy allocator of physical page frames.
 *
 * Only the first frame of a block (its head) carries the block's order and
 * whether it is free or allocated; every other frame of the block is a
 * tail. That makes merging and splitting O(1) per level: merging turns the
 * higher buddy's head into a tail, splitting turns the middle tail into a
 * head. Reserved frames belong to no block. The one invariant the code
 * keeps besides the layout is that two free buddies of the same order are
 * always merged; buddy_check verifies it, which makes missing coalescing
 * visible in tests.
 *
 * Free lists are doubly linked through frame indices so that a buddy can
 * be unlinked from the middle of its list when it is merged. Lists are
 * LIFO, so the allocator is deterministic for a given call sequence.
 */
#include <lib/buddy.h>

#include <abi/errno.h>
#include <stdbool.h>

static uint64_t buddy_end(const buddy_t *b)
{
	return b->base_pfn + b->npages;
}

static bool buddy_has(const buddy_t *b, uint64_t pfn)
{
	return pfn >= b->base_pfn && pfn < buddy_end(b);
}

static buddy_frame_t *buddy_at(const buddy_t *b, uint64_t pfn)
{
	return &b->frames[pfn - b->base_pfn];
}

static bool buddy_is_head(const buddy_frame_t *f)
{
	return f->state == BUDDY_FREE_HEAD || f->state == BUDDY_ALLOC_HEAD;
}

/* Clips [pfn, pfn + count) to the managed range; false if empty. */
static bool buddy_clip(const buddy_t *b, uint64_t pfn, uint64_t count,
		       uint64_t *start, uint64_t *end)
{
	uint64_t e = count > UINT64_MAX - pfn ? UINT64_MAX : pfn + count;

	*start = pfn > b->base_pfn ? pfn : b->base_pfn;
	*end = e < buddy_end(b) ? e : buddy_end(b);
	return *start < *end;
}

static void buddy_list_push(buddy_t *b, uint64_t pfn, unsigned order)
{
	buddy_frame_t *f = buddy_at(b, pfn);
	uint32_t idx = (uint32_t)(pfn - b->base_pfn);

	f->state = BUDDY_FREE_HEAD;
	f->order = (uint8_t)order;
	f->prev = BUDDY_NIL;
	f->next = b->free_head[order];
	if (f->next != BUDDY_NIL)
		b->frames[f->next].prev = idx;
	b->free_head[order] = idx;
}

static void buddy_list_remove(buddy_t *b, uint64_t pfn)
{
	buddy_frame_t *f = buddy_at(b, pfn);

	if (f->prev != BUDDY_NIL)
		b->frames[f->prev].next = f->next;
	else
		b->free_head[f->order] = f->next;
	if (f->next != BUDDY_NIL)
		b->frames[f->next].prev = f->prev;
	f->next = f->prev = BUDDY_NIL;
}

/*
 * Puts the block at pfn (head not on any list, other frames tails) on the
 * free lists, first merging it with its free buddies as far as they go.
 */
static void buddy_block_release(buddy_t *b, uint64_t pfn, unsigned order)
{
	while (order < BUDDY_MAX_ORDER) {
		uint64_t mate = pfn ^ (1ull << order);
		buddy_frame_t *m;

		if (!buddy_has(b, mate))
			break;
		m = buddy_at(b, mate);
		if (m->state != BUDDY_FREE_HEAD || m->order != order)
			break;
		buddy_list_remove(b, mate);
		buddy_at(b, pfn > mate ? pfn : mate)->state = BUDDY_TAIL;
		pfn = pfn < mate ? pfn : mate;
		order++;
	}
	buddy_list_push(b, pfn, order);
}

/* Halves the block at pfn (off the lists) down to order, freeing the tops. */
static void buddy_block_split(buddy_t *b, uint64_t pfn, unsigned from,
			      unsigned order)
{
	while (from > order) {
		from--;
		buddy_list_push(b, pfn + (1ull << from), from);
	}
	buddy_at(b, pfn)->order = (uint8_t)order;
}

/* Allocates 2^order frames at pfn from the free block there of order from. */
static void buddy_block_take(buddy_t *b, uint64_t pfn, unsigned from,
			     unsigned order)
{
	buddy_list_remove(b, pfn);
	buddy_block_split(b, pfn, from, order);
	buddy_at(b, pfn)->state = BUDDY_ALLOC_HEAD;
	b->free_pages -= 1ull << order;
}

/*
 * The head of the block holding pfn: pfn itself for heads and reserved
 * frames. A tail's head is the nearest aligned-down head whose block is
 * big enough to reach it.
 */
static uint64_t buddy_block_find(const buddy_t *b, uint64_t pfn)
{
	if (buddy_at(b, pfn)->state != BUDDY_TAIL)
		return pfn;
	for (unsigned k = 1; k <= BUDDY_MAX_ORDER; k++) {
		uint64_t h = pfn & ~((1ull << k) - 1);
		const buddy_frame_t *f;

		if (h < b->base_pfn)
			break;
		f = buddy_at(b, h);
		if (buddy_is_head(f) && f->order >= k)
			return h;
	}
	return pfn; /* only if the array is corrupt; callers step over it */
}

size_t buddy_meta_bytes(uint64_t npages)
{
	if (npages > BUDDY_MAX_PAGES)
		npages = BUDDY_MAX_PAGES;
	return (size_t)npages * sizeof(buddy_frame_t);
}

void buddy_init(buddy_t *b, uint64_t base_pfn, uint64_t npages, void *meta)
{
	if (npages > BUDDY_MAX_PAGES)
		npages = BUDDY_MAX_PAGES;
	if (base_pfn > UINT64_MAX - npages)
		npages = UINT64_MAX - base_pfn;
	b->base_pfn = base_pfn;
	b->npages = npages;
	b->frames = meta;
	b->free_pages = b->total_pages = 0;
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++)
		b->free_head[k] = BUDDY_NIL;
	for (uint64_t i = 0; i < npages; i++)
		b->frames[i] = (buddy_frame_t){ BUDDY_NIL, BUDDY_NIL, 0,
						BUDDY_RESERVED };
}

/* Frees the reserved run [pfn, end) as maximal aligned blocks. */
static void buddy_run_add(buddy_t *b, uint64_t pfn, uint64_t end)
{
	while (pfn < end) {
		unsigned k = 0;

		while (k < BUDDY_MAX_ORDER && (pfn & ((2ull << k) - 1)) == 0 &&
		       end - pfn >= (2ull << k))
			k++;
		for (uint64_t i = 1; i < (1ull << k); i++)
			buddy_at(b, pfn + i)->state = BUDDY_TAIL;
		b->free_pages += 1ull << k;
		b->total_pages += 1ull << k;
		buddy_block_release(b, pfn, k);
		pfn += 1ull << k;
	}
}

void buddy_add_range(buddy_t *b, uint64_t pfn, uint64_t count)
{
	uint64_t pos, end;

	if (!buddy_clip(b, pfn, count, &pos, &end))
		return;
	while (pos < end) {
		uint64_t h = buddy_block_find(b, pos), run = pos;
		const buddy_frame_t *f = buddy_at(b, h);

		if (buddy_is_head(f)) {
			pos = h + (1ull << f->order);
			continue;
		}
		if (f->state != BUDDY_RESERVED) {
			pos++;
			continue;
		}
		while (run < end && buddy_at(b, run)->state == BUDDY_RESERVED)
			run++;
		buddy_run_add(b, pos, run);
		pos = run;
	}
}

/* Takes the free block at pfn (fully inside the range) out of use. */
static void buddy_block_reserve(buddy_t *b, uint64_t pfn, unsigned order)
{
	buddy_list_remove(b, pfn);
	for (uint64_t i = 0; i < (1ull << order); i++) {
		buddy_frame_t *f = buddy_at(b, pfn + i);

		f->state = BUDDY_RESERVED;
		f->order = 0;
	}
	b->free_pages -= 1ull << order;
	b->total_pages -= 1ull << order;
}

void buddy_reserve_range(buddy_t *b, uint64_t pfn, uint64_t count)
{
	uint64_t pos, end;

	if (!buddy_clip(b, pfn, count, &pos, &end))
		return;
	while (pos < end) {
		uint64_t h = buddy_block_find(b, pos);
		const buddy_frame_t *f = buddy_at(b, h);
		uint64_t n = 1ull << f->order;

		if (f->state == BUDDY_FREE_HEAD && h >= pos && end - h >= n) {
			buddy_block_reserve(b, h, f->order);
			pos = h + n;
		} else if (f->state == BUDDY_FREE_HEAD) {
			buddy_list_remove(b, h);
			buddy_block_split(b, h, f->order, f->order - 1u);
			buddy_list_push(b, h, f->order);
		} else if (f->state == BUDDY_ALLOC_HEAD) {
			pos = h + n;
		} else {
			pos++;
		}
	}
}

int buddy_alloc(buddy_t *b, unsigned order, uint64_t *pfn_out)
{
	if (order > BUDDY_MAX_ORDER)
		return -EINVAL;
	for (unsigned k = order; k <= BUDDY_MAX_ORDER; k++) {
		uint64_t pfn;

		if (b->free_head[k] == BUDDY_NIL)
			continue;
		pfn = b->base_pfn + b->free_head[k];
		buddy_block_take(b, pfn, k, order);
		*pfn_out = pfn;
		return 0;
	}
	return -ENOMEM;
}

int buddy_alloc_below(buddy_t *b, unsigned order, uint64_t limit_pfn,
		      uint64_t *pfn_out)
{
	if (order > BUDDY_MAX_ORDER)
		return -EINVAL;
	for (unsigned k = order; k <= BUDDY_MAX_ORDER; k++) {
		for (uint32_t i = b->free_head[k]; i != BUDDY_NIL;
		     i = b->frames[i].next) {
			uint64_t pfn = b->base_pfn + i;

			/* the block's first 2^order frames are the candidate */
			if (pfn >= limit_pfn || limit_pfn - pfn < (1ull << order))
				continue;
			buddy_block_take(b, pfn, k, order);
			*pfn_out = pfn;
			return 0;
		}
	}
	return -ENOMEM;
}

int buddy_free(buddy_t *b, uint64_t pfn, unsigned order)
{
	const buddy_frame_t *f;

	if (order > BUDDY_MAX_ORDER || !buddy_has(b, pfn))
		return -EINVAL;
	f = buddy_at(b, pfn);
	if (f->state != BUDDY_ALLOC_HEAD || f->order != order)
		return -EINVAL;
	b->free_pages += 1ull << order;
	buddy_block_release(b, pfn, order);
	return 0;
}

int buddy_split_alloc(buddy_t *b, uint64_t pfn, unsigned order)
{
	buddy_frame_t *f;

	if (order > BUDDY_MAX_ORDER || !buddy_has(b, pfn))
		return -EINVAL;
	f = buddy_at(b, pfn);
	if (f->state != BUDDY_ALLOC_HEAD || f->order != order)
		return -EINVAL;
	for (uint64_t i = 0; i < (1ull << order); i++) {
		f = buddy_at(b, pfn + i);
		f->state = BUDDY_ALLOC_HEAD;
		f->order = 0;
	}
	return 0;
}

uint64_t buddy_free_pages(const buddy_t *b)
{
	return b->free_pages;
}

uint64_t buddy_total_pages(const buddy_t *b)
{
	return b->total_pages;
}

int buddy_largest_free_order(const buddy_t *b)
{
	for (int k = BUDDY_MAX_ORDER; k >= 0; k--)
		if (b->free_head[k] != BUDDY_NIL)
			return k;
	return -1;
}

/* Checks the block whose head is at index i; adds to the counters. */
static int buddy_check_block(const buddy_t *b, uint64_t i, uint64_t *usable,
			     uint64_t *free, uint64_t *nfree)
{
	const buddy_frame_t *f = &b->frames[i];
	uint64_t pfn = b->base_pfn + i, n;

	if (f->order > BUDDY_MAX_ORDER)
		return -EINVAL;
	n = 1ull << f->order;
	if ((pfn & (n - 1)) || b->npages - i < n)
		return -EINVAL;
	for (uint64_t j = 1; j < n; j++)
		if (b->frames[i + j].state != BUDDY_TAIL)
			return -EINVAL;
	*usable += n;
	if (f->state != BUDDY_FREE_HEAD)
		return 0;
	*free += n;
	nfree[f->order]++;
	if (f->order < BUDDY_MAX_ORDER && buddy_has(b, pfn ^ n)) {
		const buddy_frame_t *m = buddy_at(b, pfn ^ n);

		if (m->state == BUDDY_FREE_HEAD && m->order == f->order)
			return -EINVAL; /* unmerged buddies */
	}
	return 0;
}

/* Walks free list k: every entry a free head of order k, links mirrored. */
static int buddy_check_list(const buddy_t *b, unsigned k, uint64_t want)
{
	uint32_t prev = BUDDY_NIL;
	uint64_t seen = 0;

	for (uint32_t i = b->free_head[k]; i != BUDDY_NIL;
	     i = b->frames[i].next) {
		const buddy_frame_t *f;

		if (i >= b->npages || ++seen > want)
			return -EINVAL; /* wild link, cycle or stray entry */
		f = &b->frames[i];
		if (f->state != BUDDY_FREE_HEAD || f->order != k ||
		    f->prev != prev)
			return -EINVAL;
		prev = i;
	}
	return seen == want ? 0 : -EINVAL;
}

int buddy_check(const buddy_t *b)
{
	uint64_t usable = 0, free = 0, nfree[BUDDY_MAX_ORDER + 1] = { 0 };

	for (uint64_t i = 0; i < b->npages;) {
		const buddy_frame_t *f = &b->frames[i];

		if (f->state == BUDDY_RESERVED) {
			i++;
			continue;
		}
		if (!buddy_is_head(f) ||
		    buddy_check_block(b, i, &usable, &free, nfree))
			return -EINVAL;
		i += 1ull << f->order;
	}
	if (usable != b->total_pages || free != b->free_pages)
		return -EINVAL;
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++)
		if (buddy_check_list(b, k, nfree[k]))
			return -EINVAL;
	return 0;
}
