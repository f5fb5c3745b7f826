// SPDX-License-Identifier: MIT
/*
 * Tests for lib/buddy: accounting of add and reserve, alignment of every
 * order, exhaustion and full recovery, rejection of bad frees without any
 * state change, coalescing, fragmentation, unaligned bases with holes,
 * alloc_below, and a seeded random run against a shadow model. Every
 * test runs buddy_check after its operations. The metadata is static so
 * that a failing CHECK, which returns early, leaks nothing.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/buddy.h>

#include <string.h>

#define MAX_FRAMES 16384

static buddy_t b;
static buddy_frame_t meta[MAX_FRAMES];
static buddy_frame_t saved_meta[MAX_FRAMES];
static buddy_t saved;

static void setup(uint64_t base, uint64_t npages)
{
	buddy_init(&b, base, npages, meta);
}

static void snapshot(void)
{
	saved = b;
	memcpy(saved_meta, meta, sizeof(meta));
}

static bool unchanged(void)
{
	return memcmp(&saved, &b, sizeof(b)) == 0 &&
	       memcmp(saved_meta, meta, sizeof(meta)) == 0;
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

TEST(buddy_meta_bytes_is_one_entry_per_frame)
{
	CHECK_EQ(buddy_meta_bytes(0), 0);
	CHECK_EQ(buddy_meta_bytes(1000), 1000 * sizeof(buddy_frame_t));
	CHECK(sizeof(buddy_frame_t) <= 12);
}

TEST(buddy_init_starts_with_every_frame_reserved)
{
	uint64_t pfn;

	setup(0, 4096);
	CHECK_EQ(buddy_free_pages(&b), 0);
	CHECK_EQ(buddy_total_pages(&b), 0);
	CHECK_EQ(buddy_largest_free_order(&b), -1);
	CHECK_EQ(buddy_alloc(&b, 0, &pfn), -ENOMEM);
	CHECK_EQ(buddy_free(&b, 0, 0), -EINVAL);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_add_range_makes_frames_free_and_counts_them)
{
	setup(0, 8192);
	buddy_add_range(&b, 0, 8192);
	CHECK_EQ(buddy_free_pages(&b), 8192);
	CHECK_EQ(buddy_total_pages(&b), 8192);
	CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_add_range_ignores_frames_already_usable)
{
	uint64_t pfn;

	setup(0, 1024);
	buddy_add_range(&b, 0, 600);
	buddy_add_range(&b, 500, 200);
	CHECK_EQ(buddy_total_pages(&b), 700);
	CHECK_EQ(buddy_alloc(&b, 3, &pfn), 0);
	buddy_add_range(&b, 0, 1024);
	CHECK_EQ(buddy_total_pages(&b), 1024);
	CHECK_EQ(buddy_free_pages(&b), 1024 - 8);
	CHECK_EQ(buddy_check(&b), 0);
	CHECK_EQ(buddy_free(&b, pfn, 3), 0);
	CHECK_EQ(buddy_largest_free_order(&b), 10);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_add_range_is_clipped_to_the_managed_range)
{
	setup(100, 300);
	buddy_add_range(&b, 0, 1000);
	CHECK_EQ(buddy_total_pages(&b), 300);
	buddy_add_range(&b, 50, UINT64_MAX);
	buddy_add_range(&b, 400, 10);
	buddy_add_range(&b, 0, 100);
	CHECK_EQ(buddy_total_pages(&b), 300);
	CHECK_EQ(buddy_free_pages(&b), 300);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_add_range_builds_maximal_aligned_blocks_and_coalesces)
{
	setup(0, 64);
	buddy_add_range(&b, 3, 14); /* 3 | 4..7 | 8..15 | 16 */
	CHECK_EQ(buddy_largest_free_order(&b), 3);
	CHECK_EQ(buddy_check(&b), 0);
	buddy_add_range(&b, 0, 3);
	CHECK_EQ(buddy_largest_free_order(&b), 4);
	buddy_add_range(&b, 17, 15);
	CHECK_EQ(buddy_largest_free_order(&b), 5);
	buddy_add_range(&b, 32, 32);
	CHECK_EQ(buddy_largest_free_order(&b), 6);
	CHECK_EQ(buddy_free_pages(&b), 64);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_alloc_returns_aligned_blocks_of_every_order)
{
	uint64_t pfns[BUDDY_MAX_ORDER + 1];

	setup(0, 16384);
	buddy_add_range(&b, 0, 16384);
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++) {
		uint64_t before = buddy_free_pages(&b);

		CHECK_EQ(buddy_alloc(&b, k, &pfns[k]), 0);
		CHECK_EQ(pfns[k] % (1ull << k), 0);
		CHECK(pfns[k] + (1ull << k) <= 16384);
		CHECK_EQ(buddy_free_pages(&b), before - (1ull << k));
		CHECK_EQ(buddy_check(&b), 0);
	}
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++) {
		CHECK_EQ(buddy_free(&b, pfns[k], k), 0);
		CHECK_EQ(buddy_check(&b), 0);
	}
	CHECK_EQ(buddy_free_pages(&b), 16384);
	CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
}

TEST(buddy_alloc_rejects_order_above_max)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, BUDDY_MAX_ORDER + 1, &pfn), -EINVAL);
	CHECK_EQ(buddy_alloc_below(&b, BUDDY_MAX_ORDER + 1, 9999, &pfn),
		 -EINVAL);
	CHECK_EQ(buddy_free(&b, 0, BUDDY_MAX_ORDER + 1), -EINVAL);
	CHECK_EQ(buddy_free_pages(&b), 4096);
}

/* Allocates order-k blocks until -ENOMEM, then frees them all. */
static bool exhaust_and_recover(unsigned k)
{
	static uint64_t got[MAX_FRAMES];
	uint64_t n = 0, pfn;

	while (buddy_alloc(&b, k, &pfn) == 0)
		got[n++] = pfn;
	if (n << k != buddy_total_pages(&b) || buddy_free_pages(&b) != 0 ||
	    buddy_largest_free_order(&b) != -1 || buddy_check(&b))
		return false;
	while (n)
		if (buddy_free(&b, got[--n], k) || buddy_check(&b))
			return false;
	return buddy_free_pages(&b) == buddy_total_pages(&b);
}

TEST(buddy_exhaustion_then_free_all_restores_every_page)
{
	setup(0, 8192);
	buddy_add_range(&b, 0, 8192);
	for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k += 3) {
		CHECK(exhaust_and_recover(k));
		CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
	}
}

TEST(buddy_free_of_free_block_is_rejected)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, 2, &pfn), 0);
	CHECK_EQ(buddy_free(&b, pfn, 2), 0);
	snapshot();
	CHECK_EQ(buddy_free(&b, pfn, 2), -EINVAL);
	CHECK(unchanged());
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_free_with_wrong_order_is_rejected)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, 3, &pfn), 0);
	snapshot();
	CHECK_EQ(buddy_free(&b, pfn, 2), -EINVAL);
	CHECK_EQ(buddy_free(&b, pfn, 4), -EINVAL);
	CHECK(unchanged());
	CHECK_EQ(buddy_free(&b, pfn, 3), 0);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_free_of_interior_frame_is_rejected)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, 4, &pfn), 0);
	snapshot();
	CHECK_EQ(buddy_free(&b, pfn + 1, 0), -EINVAL);
	CHECK_EQ(buddy_free(&b, pfn + 8, 3), -EINVAL);
	CHECK_EQ(buddy_free(&b, pfn + 15, 0), -EINVAL);
	CHECK(unchanged());
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_free_of_out_of_range_or_reserved_frame_is_rejected)
{
	setup(4096, 4096);
	buddy_add_range(&b, 4096, 2048);
	snapshot();
	CHECK_EQ(buddy_free(&b, 0, 0), -EINVAL);
	CHECK_EQ(buddy_free(&b, 4095, 0), -EINVAL);
	CHECK_EQ(buddy_free(&b, 8192, 0), -EINVAL);
	CHECK_EQ(buddy_free(&b, UINT64_MAX, 0), -EINVAL);
	CHECK_EQ(buddy_free(&b, 6144, 0), -EINVAL); /* reserved */
	CHECK_EQ(buddy_free(&b, 4096, 11), -EINVAL); /* free, not allocated */
	CHECK(unchanged());
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_free_coalesces_buddies_into_larger_block)
{
	uint64_t p0, p1;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, 0, &p0), 0);
	CHECK_EQ(buddy_alloc(&b, 0, &p1), 0);
	CHECK_EQ(p0 ^ 1, p1); /* buddies */
	CHECK_EQ(buddy_largest_free_order(&b), 11);
	CHECK_EQ(buddy_free(&b, p0, 0), 0);
	CHECK_EQ(buddy_largest_free_order(&b), 11);
	CHECK_EQ(buddy_check(&b), 0);
	CHECK_EQ(buddy_free(&b, p1, 0), 0);
	CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_split_alloc_makes_pages_freed_one_by_one)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_alloc(&b, 3, &pfn), 0);
	CHECK_EQ(buddy_split_alloc(&b, pfn + 1, 3), -EINVAL);   /* not a head */
	CHECK_EQ(buddy_split_alloc(&b, pfn, 2), -EINVAL);       /* wrong order */
	CHECK_EQ(buddy_split_alloc(&b, pfn, 3), 0);
	CHECK_EQ(buddy_check(&b), 0);
	CHECK_EQ(buddy_free(&b, pfn, 3), -EINVAL);              /* no longer one block */
	for (uint64_t i = 0; i < 8; i++) {
		CHECK_EQ(buddy_free_pages(&b), 4096 - 8 + i);
		CHECK_EQ(buddy_free(&b, pfn + (i * 5) % 8, 0), 0);  /* any order of release */
		CHECK_EQ(buddy_check(&b), 0);
	}
	CHECK_EQ(buddy_free_pages(&b), 4096);
	CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
}

TEST(buddy_freeing_every_other_page_leaves_only_order_zero_blocks)
{
	static uint64_t got[256];
	uint64_t pfn;

	setup(0, 256);
	buddy_add_range(&b, 0, 256);
	for (int i = 0; i < 256; i++)
		CHECK_EQ(buddy_alloc(&b, 0, &got[i]), 0);
	CHECK_EQ(buddy_alloc(&b, 0, &pfn), -ENOMEM);
	for (int i = 0; i < 256; i++)
		if (got[i] % 2 == 0)
			CHECK_EQ(buddy_free(&b, got[i], 0), 0);
	CHECK_EQ(buddy_free_pages(&b), 128);
	CHECK_EQ(buddy_largest_free_order(&b), 0);
	CHECK_EQ(buddy_alloc(&b, 1, &pfn), -ENOMEM);
	CHECK_EQ(buddy_check(&b), 0);
	for (int i = 0; i < 256; i++)
		if (got[i] % 2 == 1)
			CHECK_EQ(buddy_free(&b, got[i], 0), 0);
	CHECK_EQ(buddy_free_pages(&b), 256);
	CHECK_EQ(buddy_largest_free_order(&b), 8);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_unaligned_base_with_holes_aligns_to_absolute_pfns)
{
	uint64_t pfn;
	unsigned n = 0;

	setup(1001, 5000); /* frames 1001..6000 */
	buddy_add_range(&b, 1001, 1999); /* 1001..2999 */
	buddy_add_range(&b, 3500, 2501); /* 3500..6000 */
	CHECK_EQ(buddy_total_pages(&b), 1999 + 2501);
	CHECK_EQ(buddy_check(&b), 0);
	for (unsigned k = BUDDY_MAX_ORDER + 1; k-- > 0;) {
		while (buddy_alloc(&b, k, &pfn) == 0) {
			CHECK_EQ(pfn % (1ull << k), 0);
			CHECK(pfn >= 1001 && pfn + (1ull << k) <= 6001);
			CHECK(pfn + (1ull << k) <= 3000 || pfn >= 3500);
			n += 1u << k;
		}
	}
	CHECK_EQ(n, 1999 + 2501);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_reserve_range_splits_free_blocks_and_removes_frames)
{
	uint64_t pfn;

	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	buddy_reserve_range(&b, 100, 5);
	CHECK_EQ(buddy_total_pages(&b), 4091);
	CHECK_EQ(buddy_free_pages(&b), 4091);
	CHECK_EQ(buddy_largest_free_order(&b), 11);
	CHECK_EQ(buddy_check(&b), 0);
	while (buddy_alloc(&b, 0, &pfn) == 0)
		CHECK(pfn < 100 || pfn >= 105);
	CHECK_EQ(buddy_free_pages(&b), 0);
	CHECK_EQ(buddy_free(&b, 102, 0), -EINVAL);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_reserve_range_leaves_allocated_frames_alone)
{
	uint64_t pfn;

	setup(0, 64);
	buddy_add_range(&b, 0, 64);
	CHECK_EQ(buddy_alloc(&b, 2, &pfn), 0);
	buddy_reserve_range(&b, 0, 64);
	CHECK_EQ(buddy_total_pages(&b), 4);
	CHECK_EQ(buddy_free_pages(&b), 0);
	CHECK_EQ(buddy_check(&b), 0);
	CHECK_EQ(buddy_free(&b, pfn, 2), 0);
	CHECK_EQ(buddy_free_pages(&b), 4);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_reserve_then_add_back_coalesces_fully)
{
	setup(0, 4096);
	buddy_add_range(&b, 0, 4096);
	buddy_reserve_range(&b, 1, 1);
	buddy_reserve_range(&b, 2000, 300);
	buddy_reserve_range(&b, 4095, 100);
	CHECK_EQ(buddy_total_pages(&b), 4096 - 302);
	CHECK_EQ(buddy_check(&b), 0);
	buddy_reserve_range(&b, 2000, 300); /* already reserved: no-op */
	CHECK_EQ(buddy_total_pages(&b), 4096 - 302);
	buddy_add_range(&b, 0, 4096);
	CHECK_EQ(buddy_free_pages(&b), 4096);
	CHECK_EQ(buddy_largest_free_order(&b), BUDDY_MAX_ORDER);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_alloc_below_keeps_the_whole_block_under_the_limit)
{
	uint64_t pfn;
	unsigned n = 0;

	setup(0, 8192);
	buddy_add_range(&b, 0, 8192);
	CHECK_EQ(buddy_alloc_below(&b, 12, 4095, &pfn), -ENOMEM);
	CHECK_EQ(buddy_alloc_below(&b, 0, 0, &pfn), -ENOMEM);
	CHECK_EQ(buddy_alloc_below(&b, 12, 4096, &pfn), 0);
	CHECK_EQ(pfn, 0);
	CHECK_EQ(buddy_free(&b, pfn, 12), 0);
	while (buddy_alloc_below(&b, 1, 17, &pfn) == 0) {
		CHECK(pfn + 2 <= 17);
		CHECK_EQ(pfn % 2, 0);
		n++;
	}
	CHECK_EQ(n, 8);
	CHECK_EQ(buddy_alloc_below(&b, 0, 16, &pfn), -ENOMEM);
	CHECK_EQ(buddy_alloc_below(&b, 0, 17, &pfn), 0);
	CHECK_EQ(pfn, 16);
	CHECK_EQ(buddy_free_pages(&b), 8192 - 17);
	CHECK_EQ(buddy_check(&b), 0);
}

TEST(buddy_check_detects_corrupted_metadata)
{
	uint64_t pfn;

	setup(0, 64);
	buddy_add_range(&b, 0, 64);
	CHECK_EQ(buddy_alloc(&b, 0, &pfn), 0);
	CHECK_EQ(buddy_check(&b), 0);
	snapshot();
	b.free_pages++;
	CHECK_EQ(buddy_check(&b), -EINVAL);
	b = saved;
	meta[pfn ^ 1].state = BUDDY_ALLOC_HEAD; /* free block now allocated */
	CHECK_EQ(buddy_check(&b), -EINVAL);
	memcpy(meta, saved_meta, sizeof(meta));
	meta[33].state = BUDDY_FREE_HEAD; /* tail claims to be a head */
	CHECK_EQ(buddy_check(&b), -EINVAL);
	memcpy(meta, saved_meta, sizeof(meta));
	meta[b.free_head[5]].next = b.free_head[5]; /* cycle */
	CHECK_EQ(buddy_check(&b), -EINVAL);
	memcpy(meta, saved_meta, sizeof(meta));
	CHECK_EQ(buddy_check(&b), 0);
}

#define STRESS_FRAMES 3000
#define STRESS_LIVE 256

typedef struct live_block {
	uint64_t pfn;
	unsigned order;
} live_block_t;

static int owner[STRESS_FRAMES]; /* 1 live, 0 free, -1 unusable */
static live_block_t live[STRESS_LIVE];

/* Records a new block in the shadow model; false on overlap or bad frame. */
static bool shadow_take(uint64_t base, uint64_t pfn, unsigned k)
{
	if (pfn % (1ull << k) || pfn < base)
		return false;
	for (uint64_t i = 0; i < (1ull << k); i++) {
		uint64_t f = pfn - base + i;

		/* owner -1 marks the hole and the reserved frames */
		if (f >= STRESS_FRAMES || owner[f] != 0)
			return false;
		owner[f] = 1;
	}
	return true;
}

static void shadow_drop(uint64_t base, uint64_t pfn, unsigned k)
{
	for (uint64_t i = 0; i < (1ull << k); i++)
		owner[pfn - base + i] = 0;
}

TEST(buddy_random_alloc_free_matches_shadow_model)
{
	const uint64_t base = 77;
	uint64_t seed = 0x9e3779b97f4a7c15ull, in_use = 0, total;
	int nlive = 0, largest;

	setup(base, STRESS_FRAMES);
	memset(owner, 0, sizeof(owner));
	buddy_add_range(&b, base, 1200);
	buddy_add_range(&b, base + 1400, STRESS_FRAMES - 1400);
	buddy_reserve_range(&b, base + 2000, 123);
	for (int i = 1200; i < 1400; i++)
		owner[i] = -1;
	for (int i = 2000; i < 2123; i++)
		owner[i] = -1;
	total = buddy_total_pages(&b);
	largest = buddy_largest_free_order(&b);
	CHECK_EQ(total, STRESS_FRAMES - 200 - 123);
	for (int op = 0; op < 6000; op++) {
		uint64_t r = xorshift(&seed), pfn;
		unsigned k = (unsigned)(r >> 8) % 7;

		if (nlive < STRESS_LIVE && (r & 3) != 0) {
			bool below = (r >> 4) % 5 == 0;
			uint64_t limit = base + (r >> 20) % STRESS_FRAMES;
			int rc = below ? buddy_alloc_below(&b, k, limit, &pfn)
				       : buddy_alloc(&b, k, &pfn);

			if (rc == 0) {
				CHECK(!below || pfn + (1ull << k) <= limit);
				CHECK(shadow_take(base, pfn, k));
				live[nlive++] = (live_block_t){ pfn, k };
				in_use += 1ull << k;
			} else {
				CHECK_EQ(rc, -ENOMEM);
			}
		} else if (nlive > 0) {
			int i = (int)((r >> 12) % (uint64_t)nlive);
			live_block_t l = live[i];

			if (l.order > 0)
				CHECK_EQ(buddy_free(&b, l.pfn, l.order - 1), -EINVAL);
			CHECK_EQ(buddy_free(&b, l.pfn, l.order), 0);
			CHECK_EQ(buddy_free(&b, l.pfn, l.order), -EINVAL);
			shadow_drop(base, l.pfn, l.order);
			live[i] = live[--nlive];
			in_use -= 1ull << l.order;
		}
		CHECK_EQ(buddy_free_pages(&b), total - in_use);
		CHECK_EQ(buddy_check(&b), 0);
	}
	while (nlive > 0) {
		nlive--;
		CHECK_EQ(buddy_free(&b, live[nlive].pfn, live[nlive].order), 0);
	}
	CHECK_EQ(buddy_free_pages(&b), total);
	CHECK_EQ(buddy_largest_free_order(&b), largest);
	CHECK_EQ(buddy_check(&b), 0);
}
