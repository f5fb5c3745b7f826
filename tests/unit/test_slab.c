// SPDX-License-Identifier: MIT
/*
 * Tests for lib/slab. The page source is aligned_alloc with a page budget,
 * and it records every block it hands out, so the tests can check that the
 * heap returns what it took, with the right order. Blocks are filled with
 * junk so the heap cannot rely on zeroed pages, and ASan catches any write
 * past a block. In quarantine mode the last few freed blocks stay readable,
 * the way freed frames stay mapped in the kernel, so that a double free
 * after the page went back can be checked without a use-after-free.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/slab.h>

#include <stdlib.h>
#include <string.h>

#define SRC_MAX_BLOCKS 4096
#define SRC_QUARANTINE 16 /* freed blocks kept readable, oldest go first */

typedef struct src_block {
	void *addr;
	unsigned order;
	size_t parked; /* 0, or when it was freed in quarantine mode */
} src_block_t;

typedef struct test_src {
	size_t budget; /* pages that may still be handed out */
	size_t held;   /* pages handed out and not returned */
	size_t calls;
	int errors; /* frees of unknown blocks or with the wrong order */
	bool quarantine;
	size_t nparked, frees;
	src_block_t blocks[SRC_MAX_BLOCKS];
	size_t nblocks;
} test_src_t;

static test_src_t src;
static slab_heap_t heap;

static void *src_alloc(void *ctx, unsigned order)
{
	test_src_t *s = ctx;
	size_t bytes = (size_t)SLAB_PAGE_SIZE << order;
	void *p;

	s->calls++;
	if (s->budget < ((size_t)1 << order) || s->nblocks == SRC_MAX_BLOCKS)
		return NULL;
	p = aligned_alloc(bytes, bytes);
	if (!p)
		return NULL;
	memset(p, 0xa5, bytes);
	s->blocks[s->nblocks++] = (src_block_t){ p, order, 0 };
	s->budget -= (size_t)1 << order;
	s->held += (size_t)1 << order;
	return p;
}

static void src_forget(test_src_t *s, size_t i)
{
	free(s->blocks[i].addr);
	s->blocks[i] = s->blocks[--s->nblocks];
}

/* Really frees the block parked longest ago. */
static void src_unpark_oldest(test_src_t *s)
{
	size_t oldest = 0;

	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].parked &&
		    (!s->blocks[oldest].parked ||
		     s->blocks[i].parked < s->blocks[oldest].parked))
			oldest = i;
	src_forget(s, oldest);
	s->nparked--;
}

static void src_free(void *ctx, void *addr, unsigned order)
{
	test_src_t *s = ctx;

	for (size_t i = 0; i < s->nblocks; i++) {
		src_block_t *b = &s->blocks[i];

		if (b->addr != addr || b->parked)
			continue;
		if (b->order != order)
			s->errors++;
		s->budget += (size_t)1 << b->order;
		s->held -= (size_t)1 << b->order;
		if (!s->quarantine) {
			src_forget(s, i);
			return;
		}
		b->parked = ++s->frees;
		if (++s->nparked > SRC_QUARANTINE)
			src_unpark_oldest(s);
		return;
	}
	s->errors++;
}

/* Frees every block still recorded, parked or not. */
static void src_release_all(void)
{
	for (size_t i = 0; i < src.nblocks; i++)
		free(src.blocks[i].addr);
	src.nblocks = 0;
}

static void setup(size_t budget, bool quarantine)
{
	const slab_page_source_t ps = { src_alloc, src_free, &src };

	src_release_all();
	memset(&src, 0, sizeof(src));
	src.budget = budget;
	src.quarantine = quarantine;
	slab_heap_init(&heap, &ps);
}

static slab_stats_t stats(void)
{
	slab_stats_t st;

	slab_heap_stats(&heap, &st);
	return st;
}

static bool stats_equal(slab_stats_t a, slab_stats_t b)
{
	return a.bytes_in_use == b.bytes_in_use &&
	       a.pages_held == b.pages_held && a.live_objects == b.live_objects;
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

TEST(slab_alloc_serves_every_size_class_aligned)
{
	static const size_t sizes[] = { 1, 15, 16, 17, 32, 33, 64, 65, 100,
					128, 129, 256, 300, 512, 513, 1000,
					1024, 1025, 2047, 2048 };

	setup(64, false);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		void *p = slab_alloc(&heap, sizes[i]);
		size_t use = slab_usable_size(&heap, p);
		size_t align = use < 64 ? use : 64;

		CHECK(p != NULL);
		CHECK(use >= sizes[i] && use < 2 * sizes[i] + 16);
		CHECK_EQ((use & (use - 1)), 0);
		CHECK_EQ((uintptr_t)p % align, 0);
		CHECK((uintptr_t)p % SLAB_PAGE_SIZE != 0);
		memset(p, 0x5a, use);
		CHECK_EQ(slab_free(&heap, p), 0);
	}
	CHECK_EQ(src.errors, 0);
}

TEST(slab_alloc_of_size_zero_gives_a_minimal_object)
{
	void *a, *b;

	setup(4, false);
	a = slab_alloc(&heap, 0);
	b = slab_alloc(&heap, 0);
	CHECK(a && b && a != b);
	CHECK_EQ(slab_usable_size(&heap, a), 16);
	memset(a, 1, 16);
	memset(b, 2, 16);
	CHECK_EQ(((unsigned char *)a)[15], 1);
	CHECK_EQ(slab_free(&heap, a), 0);
	CHECK_EQ(slab_free(&heap, b), 0);
}

TEST(slab_alloc_of_large_sizes_uses_page_blocks)
{
	static const size_t sizes[] = { 2049, 4000, 4032, 4033, 8000, 100000,
					1u << 20 };

	setup(1024, false);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t held = stats().pages_held;
		void *p = slab_alloc(&heap, sizes[i]);
		size_t use = slab_usable_size(&heap, p);
		size_t pages = stats().pages_held - held;

		CHECK(p != NULL);
		CHECK_EQ((uintptr_t)p % 64, 0);
		CHECK((uintptr_t)p % SLAB_PAGE_SIZE != 0);
		CHECK(use >= sizes[i]);
		CHECK_EQ(use, pages * SLAB_PAGE_SIZE - SLAB_HDR_SIZE);
		CHECK(pages == 1 || pages / 2 * SLAB_PAGE_SIZE < sizes[i] + 64);
		memset(p, 0x3c, use);
		CHECK_EQ(slab_free(&heap, p), 0);
		CHECK_EQ(stats().pages_held, held);
	}
	CHECK_EQ(src.held, 0);
	CHECK_EQ(src.errors, 0);
}

TEST(slab_alloc_rejects_absurd_sizes_without_asking_for_pages)
{
	void *p;

	setup(4096, false);
	CHECK(slab_alloc(&heap, SLAB_MAX_SIZE + 1) == NULL);
	CHECK(slab_alloc(&heap, (size_t)SLAB_PAGE_SIZE << 12) == NULL);
	CHECK(slab_alloc(&heap, SIZE_MAX) == NULL);
	CHECK_EQ(src.calls, 0);
	p = slab_alloc(&heap, SLAB_MAX_SIZE);
	CHECK(p != NULL);
	CHECK_EQ(src.held, 4096);
	memset(p, 0, SLAB_MAX_SIZE);
	CHECK_EQ(slab_free(&heap, p), 0);
	CHECK_EQ(src.held, 0);
}

TEST(slab_objects_of_one_class_do_not_overlap)
{
	static unsigned char *objs[1000];

	setup(16, false);
	for (int i = 0; i < 1000; i++) {
		objs[i] = slab_alloc(&heap, 16);
		CHECK(objs[i] != NULL);
		memset(objs[i], i & 0xff, 16);
	}
	CHECK_EQ(stats().pages_held, (1000 + 251) / 252);
	for (int i = 0; i < 1000; i++) {
		for (int j = 0; j < 16; j++)
			CHECK_EQ(objs[i][j], i & 0xff);
		CHECK_EQ(slab_free(&heap, objs[i]), 0);
	}
	CHECK_EQ(stats().live_objects, 0);
}

TEST(slab_exhausted_page_source_gives_null_then_recovers)
{
	static void *objs[4 * 63];
	int n = 0;
	void *big;

	setup(4, false);
	while (n < 4 * 63 && (objs[n] = slab_alloc(&heap, 64)) != NULL)
		n++;
	CHECK_EQ(n, 4 * 63);
	CHECK(slab_alloc(&heap, 64) == NULL);
	CHECK(slab_alloc(&heap, 16) == NULL);
	CHECK(slab_alloc(&heap, 5000) == NULL);
	CHECK_EQ(stats().live_objects, 4 * 63);
	CHECK_EQ(slab_free(&heap, objs[--n]), 0);
	objs[n] = slab_alloc(&heap, 64);
	CHECK(objs[n++] != NULL);
	while (n > 0)
		CHECK_EQ(slab_free(&heap, objs[--n]), 0);
	CHECK_EQ(stats().pages_held, 1); /* one cached empty slab */
	big = slab_alloc(&heap, 3 * SLAB_PAGE_SIZE);
	CHECK(big == NULL); /* needs 4 pages, 3 left */
	big = slab_alloc(&heap, 2 * SLAB_PAGE_SIZE - SLAB_HDR_SIZE);
	CHECK(big != NULL); /* exactly 2 pages */
	CHECK_EQ(slab_free(&heap, big), 0);
	CHECK_EQ(src.errors, 0);
}

TEST(slab_free_of_null_is_accepted)
{
	setup(1, false);
	CHECK_EQ(slab_free(&heap, NULL), 0);
	CHECK_EQ(slab_usable_size(&heap, NULL), 0);
}

TEST(slab_double_free_is_rejected_without_state_change)
{
	void *a, *b, *c;
	slab_stats_t before;

	setup(8, false);
	a = slab_alloc(&heap, 100);
	b = slab_alloc(&heap, 100);
	CHECK(a && b);
	CHECK_EQ(slab_free(&heap, a), 0);
	before = stats();
	CHECK_EQ(slab_free(&heap, a), -EINVAL);
	CHECK_EQ(slab_usable_size(&heap, a), 0);
	CHECK(stats_equal(stats(), before));
	CHECK_EQ(slab_free(&heap, b), 0); /* slab now cached empty */
	before = stats();
	CHECK_EQ(slab_free(&heap, b), -EINVAL);
	CHECK(stats_equal(stats(), before));
	c = slab_alloc(&heap, 100);
	CHECK(c == a || c == b);
	CHECK_EQ(slab_free(&heap, c), 0);
	CHECK_EQ(src.errors, 0);
}

TEST(slab_double_free_after_page_went_back_is_rejected)
{
	void *a, *b, *big;
	slab_stats_t before;

	setup(64, true);
	a = slab_alloc(&heap, 2048); /* one object per slab */
	b = slab_alloc(&heap, 2048);
	big = slab_alloc(&heap, 20000);
	CHECK(a && b && big);
	CHECK_EQ(slab_free(&heap, a), 0); /* cached */
	CHECK_EQ(slab_free(&heap, b), 0); /* given back */
	CHECK_EQ(slab_free(&heap, big), 0);
	CHECK_EQ(src.held, 1);
	before = stats();
	CHECK_EQ(slab_free(&heap, b), -EINVAL);
	CHECK_EQ(slab_free(&heap, big), -EINVAL);
	CHECK_EQ(slab_usable_size(&heap, big), 0);
	CHECK(stats_equal(stats(), before));
	CHECK_EQ(src.errors, 0);
}

TEST(slab_interior_and_misaligned_pointers_are_rejected)
{
	char *p, *q, *big;
	slab_stats_t before;

	setup(16, false);
	p = slab_alloc(&heap, 64);
	q = slab_alloc(&heap, 64);
	big = slab_alloc(&heap, 3 * SLAB_PAGE_SIZE);
	CHECK(p && q && big);
	memset(big, 0, slab_usable_size(&heap, big));
	before = stats();
	CHECK_EQ(slab_free(&heap, p + 1), -EINVAL);
	CHECK_EQ(slab_free(&heap, p + 16), -EINVAL);
	CHECK_EQ(slab_free(&heap, p + 63), -EINVAL);
	CHECK_EQ(slab_free(&heap, q + 64), -EINVAL); /* never allocated */
	CHECK_EQ(slab_free(&heap, (void *)((uintptr_t)p & ~4095ul)), -EINVAL);
	CHECK_EQ(slab_free(&heap, (void *)(((uintptr_t)p & ~4095ul) + 8)),
		 -EINVAL); /* inside the header */
	CHECK_EQ(slab_free(&heap, big + 16), -EINVAL);
	CHECK_EQ(slab_free(&heap, big + 5000), -EINVAL);
	CHECK_EQ(slab_free(&heap, big - 64 + SLAB_PAGE_SIZE), -EINVAL);
	CHECK_EQ(slab_usable_size(&heap, p + 16), 0);
	CHECK_EQ(slab_usable_size(&heap, big + 5000), 0);
	CHECK(stats_equal(stats(), before));
	CHECK_EQ(slab_free(&heap, p), 0);
	CHECK_EQ(slab_free(&heap, q), 0);
	CHECK_EQ(slab_free(&heap, big), 0);
}

TEST(slab_foreign_pointers_are_rejected)
{
	unsigned char *buf = aligned_alloc(SLAB_PAGE_SIZE, 2 * SLAB_PAGE_SIZE);
	slab_heap_t other;
	const slab_page_source_t ps = { src_alloc, src_free, &src };
	void *p, *mine;

	CHECK(buf != NULL);
	memset(buf, 0, 2 * SLAB_PAGE_SIZE);
	setup(16, false);
	slab_heap_init(&other, &ps);
	p = slab_alloc(&other, 32);
	mine = slab_alloc(&heap, 32);
	CHECK(p && mine);
	/* a copy of a real header is not sealed for its new address */
	memcpy(buf, (void *)((uintptr_t)mine & ~4095ul), SLAB_HDR_SIZE);
	CHECK_EQ(slab_free(&heap, buf + 64), -EINVAL);
	CHECK_EQ(slab_free(&heap, buf + SLAB_PAGE_SIZE + 128), -EINVAL);
	CHECK_EQ(slab_free(&heap, (void *)16), -EINVAL);
	CHECK_EQ(slab_free(&heap, p), -EINVAL); /* belongs to the other heap */
	CHECK_EQ(slab_usable_size(&heap, p), 0);
	CHECK_EQ(slab_free(&other, mine), -EINVAL);
	CHECK_EQ(slab_free(&other, p), 0);
	CHECK_EQ(slab_free(&heap, mine), 0);
	free(buf);
}

TEST(slab_freeing_everything_returns_pages_to_the_source)
{
	static void *objs[2000];
	int n = 0;
	slab_stats_t st;

	setup(4096, false);
	for (int i = 0; i < 2000; i++) {
		size_t size = (size_t)16 << (i % 9); /* 16 .. 4096 */

		objs[n] = slab_alloc(&heap, size);
		CHECK(objs[n++] != NULL);
	}
	st = stats();
	CHECK_EQ(st.live_objects, 2000);
	CHECK_EQ(st.pages_held, src.held);
	while (n > 0)
		CHECK_EQ(slab_free(&heap, objs[--n]), 0);
	st = stats();
	CHECK_EQ(st.live_objects, 0);
	CHECK_EQ(st.bytes_in_use, 0);
	CHECK(st.pages_held <= SLAB_NCLASSES); /* cached empty slabs only */
	CHECK_EQ(st.pages_held, src.held);
	CHECK_EQ(src.errors, 0);
}

TEST(slab_stats_count_usable_bytes_and_pages)
{
	void *a, *b, *c;
	slab_stats_t st;

	setup(64, false);
	a = slab_alloc(&heap, 10);   /* 16 */
	b = slab_alloc(&heap, 1000); /* 1024 */
	c = slab_alloc(&heap, 5000); /* 2 pages */
	CHECK(a && b && c);
	st = stats();
	CHECK_EQ(st.live_objects, 3);
	CHECK_EQ(st.bytes_in_use, 16 + 1024 + 2 * SLAB_PAGE_SIZE - 64);
	CHECK_EQ(st.pages_held, 4);
	CHECK_EQ(slab_free(&heap, c), 0);
	CHECK_EQ(stats().pages_held, 2);
	CHECK_EQ(slab_free(&heap, a), 0);
	CHECK_EQ(slab_free(&heap, b), 0);
	CHECK_EQ(stats().live_objects, 0);
}

#define STRESS_LIVE 512

typedef struct live_obj {
	unsigned char *p;
	size_t use;
	unsigned char tag;
} live_obj_t;

static live_obj_t live[STRESS_LIVE];

static bool obj_intact(const live_obj_t *o)
{
	for (size_t i = 0; i < o->use; i++)
		if (o->p[i] != (unsigned char)(o->tag + i * 7))
			return false;
	return true;
}

static size_t stress_size(uint64_t r)
{
	if ((r & 15) == 0)
		return 2049 + (r >> 8) % 30000;
	return (r >> 8) % (1u << ((r >> 4) % 12));
}

TEST(slab_random_alloc_free_keeps_object_contents)
{
	uint64_t seed = 0x2545f4914f6cdd1dull;
	size_t bytes = 0;
	int nlive = 0;

	setup(150, true); /* tight: some allocations fail */
	for (int op = 0; op < 20000; op++) {
		uint64_t r = xorshift(&seed);

		if (nlive < STRESS_LIVE && (r >> 40) % 8 < 5) {
			size_t size = stress_size(r);
			live_obj_t *o = &live[nlive];

			o->p = slab_alloc(&heap, size);
			if (!o->p)
				continue; /* budget exhausted */
			o->use = slab_usable_size(&heap, o->p);
			o->tag = (unsigned char)(r >> 32);
			CHECK(o->use >= size);
			for (size_t i = 0; i < o->use; i++)
				o->p[i] = (unsigned char)(o->tag + i * 7);
			bytes += o->use;
			nlive++;
		} else if (nlive > 0) {
			int i = (int)((r >> 16) % (uint64_t)nlive);

			CHECK(obj_intact(&live[i]));
			CHECK_EQ(slab_free(&heap, live[i].p), 0);
			CHECK_EQ(slab_free(&heap, live[i].p), -EINVAL);
			bytes -= live[i].use;
			live[i] = live[--nlive];
		}
		CHECK_EQ(stats().live_objects, nlive);
		CHECK_EQ(stats().bytes_in_use, bytes);
		CHECK_EQ(stats().pages_held, src.held);
	}
	while (nlive > 0) {
		nlive--;
		CHECK(obj_intact(&live[nlive]));
		CHECK_EQ(slab_free(&heap, live[nlive].p), 0);
	}
	CHECK_EQ(stats().bytes_in_use, 0);
	CHECK(stats().pages_held <= SLAB_NCLASSES);
	CHECK_EQ(src.errors, 0);
}

TEST(slab_teardown_releases_test_pages)
{
	setup(0, false); /* frees blocks the previous tests left parked */
	CHECK_EQ(src.nblocks, 0);
}
