// SPDX-License-Identifier: MIT
/*
 * Kernel heap on slab caches.
 *
 * Every page the heap hands objects out of begins with a 64-byte header:
 * a small slab keeps its objects after it, a large block keeps its one
 * object after it. Objects therefore never start at a page boundary and
 * `p & ~4095` finds the header for any pointer the heap returned. The
 * header is trusted only if its magic names its kind and its seal equals
 * its own address mixed with the heap's: a stale copy of a header, a page
 * of another heap or random data fails the test.
 *
 * Which objects of a slab are live is kept in a bitmap in the header, not
 * in free lists threaded through the objects: that makes double free
 * detection exact and O(1), and leaves freed objects untouched. Slabs with
 * room are on their class's partial list; full slabs are on no list (a
 * free finds them through the pointer); an empty slab is cached, or given
 * back if one is cached already. Headers of pages given back are wiped so
 * a late double free sees no magic.
 */
#include <lib/slab.h>

#include <abi/errno.h>
#include <stdbool.h>

#define SLAB_MAGIC_SMALL 0x534c4142u /* "SLAB" */
#define SLAB_MAGIC_LARGE 0x4c415247u /* "LARG" */
#define SLAB_SEAL_KEY ((uintptr_t)0x5ea1ed5ea1ed5ea1ull)
#define SLAB_BITMAP_WORDS 4

typedef struct slab {
	uint32_t magic;    /* SLAB_MAGIC_SMALL or SLAB_MAGIC_LARGE */
	uint8_t cls;       /* size class of a small slab */
	uint8_t order;     /* block order of a large block */
	uint16_t inuse;    /* live objects */
	uintptr_t seal;    /* slab_seal(heap, this header) */
	struct slab *next; /* partial list links */
	struct slab *prev;
	uint64_t bitmap[SLAB_BITMAP_WORDS]; /* bit i: object i is live */
} slab_t;

_Static_assert(sizeof(slab_t) == SLAB_HDR_SIZE, "slab header layout");
_Static_assert((SLAB_PAGE_SIZE - SLAB_HDR_SIZE) / SLAB_MIN_SIZE <=
		       SLAB_BITMAP_WORDS * 64,
	       "bitmap covers the smallest class");

static uintptr_t slab_seal(const slab_heap_t *h, const slab_t *s)
{
	return (uintptr_t)s ^ (uintptr_t)h ^ SLAB_SEAL_KEY;
}

static void slab_list_push(slab_t **head, slab_t *s)
{
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
}

static void slab_list_remove(slab_t **head, slab_t *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

void slab_heap_init(slab_heap_t *h, const slab_page_source_t *src)
{
	h->src = *src;
	for (unsigned i = 0; i < SLAB_NCLASSES; i++) {
		slab_cache_t *c = &h->caches[i];
		uint32_t size = SLAB_MIN_SIZE << i;

		*c = (slab_cache_t){
			.size = size,
			.nobjs = (SLAB_PAGE_SIZE - SLAB_HDR_SIZE) / size,
		};
	}
	h->large_pages = h->large_live = h->large_bytes = 0;
}

/* Asks the source for a block and writes a sealed header at its start. */
static slab_t *slab_page_get(slab_heap_t *h, unsigned order, uint32_t magic)
{
	slab_t *s = h->src.alloc(h->src.ctx, order);

	if (!s)
		return NULL;
	if ((uintptr_t)s & (SLAB_PAGE_SIZE - 1)) {
		h->src.free(h->src.ctx, s, order); /* broken source */
		return NULL;
	}
	*s = (slab_t){ .magic = magic, .order = (uint8_t)order };
	s->seal = slab_seal(h, s);
	return s;
}

static void slab_page_put(slab_heap_t *h, slab_t *s)
{
	unsigned order = s->order;

	s->magic = 0;
	s->seal = 0;
	h->src.free(h->src.ctx, s, order);
}

/* The sealed header of the page p lies in, or NULL. */
static slab_t *slab_page_of(const slab_heap_t *h, const void *p)
{
	uintptr_t page = (uintptr_t)p & ~(uintptr_t)(SLAB_PAGE_SIZE - 1);
	slab_t *s = (slab_t *)page;

	if (page == 0 || page == (uintptr_t)p)
		return NULL; /* no object starts at a page boundary */
	if (s->magic != SLAB_MAGIC_SMALL && s->magic != SLAB_MAGIC_LARGE)
		return NULL;
	return s->seal == slab_seal(h, s) ? s : NULL;
}

static bool slab_bit_test(const slab_t *s, unsigned i)
{
	return s->bitmap[i / 64] >> (i % 64) & 1;
}

/* Index of the live small object p in s, or -1. */
static int slab_object_index(const slab_heap_t *h, const slab_t *s,
			     const void *p)
{
	const slab_cache_t *c;
	uintptr_t off;

	if (s->magic != SLAB_MAGIC_SMALL || s->cls >= SLAB_NCLASSES)
		return -1;
	c = &h->caches[s->cls];
	off = (uintptr_t)p - (uintptr_t)s;
	if (off < SLAB_HDR_SIZE || (off - SLAB_HDR_SIZE) % c->size)
		return -1;
	off = (off - SLAB_HDR_SIZE) / c->size;
	if (off >= c->nobjs || !slab_bit_test(s, (unsigned)off))
		return -1;
	return (int)off;
}

static bool slab_is_large_object(const slab_t *s, const void *p)
{
	return s->magic == SLAB_MAGIC_LARGE && s->order <= SLAB_MAX_ORDER &&
	       (const char *)p == (const char *)s + SLAB_HDR_SIZE;
}

static size_t slab_large_usable(unsigned order)
{
	return ((size_t)SLAB_PAGE_SIZE << order) - SLAB_HDR_SIZE;
}

/* A slab of class cls with room: the cached empty one or a new page. */
static slab_t *slab_fresh(slab_heap_t *h, unsigned cls)
{
	slab_cache_t *c = &h->caches[cls];
	slab_t *s = c->empty;

	if (s) {
		c->empty = NULL;
		return s;
	}
	s = slab_page_get(h, 0, SLAB_MAGIC_SMALL);
	if (!s)
		return NULL;
	s->cls = (uint8_t)cls;
	c->slabs++;
	return s;
}

/* Marks the lowest free object of s live; s has one (inuse < nobjs). */
static unsigned slab_bitmap_take(slab_t *s)
{
	unsigned w = 0, bit;

	while (s->bitmap[w] == UINT64_MAX)
		w++;
	bit = (unsigned)__builtin_ctzll(~s->bitmap[w]);
	s->bitmap[w] |= 1ull << bit;
	return w * 64 + bit;
}

static void *slab_small_alloc(slab_heap_t *h, unsigned cls)
{
	slab_cache_t *c = &h->caches[cls];
	slab_t *s = c->partial;
	unsigned i;

	if (!s) {
		s = slab_fresh(h, cls);
		if (!s)
			return NULL;
		slab_list_push(&c->partial, s);
	}
	i = slab_bitmap_take(s);
	s->inuse++;
	c->live++;
	if (s->inuse == c->nobjs)
		slab_list_remove(&c->partial, s);
	return (char *)s + SLAB_HDR_SIZE + (size_t)i * c->size;
}

static void *slab_large_alloc(slab_heap_t *h, size_t size)
{
	unsigned order = 0;
	slab_t *s;

	while (slab_large_usable(order) < size)
		order++;
	s = slab_page_get(h, order, SLAB_MAGIC_LARGE);
	if (!s)
		return NULL;
	s->inuse = 1;
	h->large_pages += (size_t)1 << order;
	h->large_live++;
	h->large_bytes += slab_large_usable(order);
	return (char *)s + SLAB_HDR_SIZE;
}

void *slab_alloc(slab_heap_t *h, size_t size)
{
	unsigned cls = 0;

	if (size > SLAB_MAX_SIZE)
		return NULL;
	if (size > SLAB_MAX_SMALL)
		return slab_large_alloc(h, size);
	while (((size_t)SLAB_MIN_SIZE << cls) < size)
		cls++;
	return slab_small_alloc(h, cls);
}

static void slab_small_free(slab_heap_t *h, slab_t *s, unsigned i)
{
	slab_cache_t *c = &h->caches[s->cls];
	bool was_full = s->inuse == c->nobjs;

	s->bitmap[i / 64] &= ~(1ull << (i % 64));
	s->inuse--;
	c->live--;
	if (s->inuse > 0) {
		if (was_full)
			slab_list_push(&c->partial, s);
		return;
	}
	if (!was_full)
		slab_list_remove(&c->partial, s);
	if (!c->empty) {
		c->empty = s;
		return;
	}
	c->slabs--;
	slab_page_put(h, s);
}

static void slab_large_free(slab_heap_t *h, slab_t *s)
{
	h->large_pages -= (size_t)1 << s->order;
	h->large_live--;
	h->large_bytes -= slab_large_usable(s->order);
	slab_page_put(h, s);
}

int slab_free(slab_heap_t *h, void *p)
{
	slab_t *s;
	int i;

	if (!p)
		return 0;
	s = slab_page_of(h, p);
	if (!s)
		return -EINVAL;
	if (slab_is_large_object(s, p)) {
		slab_large_free(h, s);
		return 0;
	}
	i = slab_object_index(h, s, p);
	if (i < 0)
		return -EINVAL;
	slab_small_free(h, s, (unsigned)i);
	return 0;
}

size_t slab_usable_size(slab_heap_t *h, const void *p)
{
	const slab_t *s = p ? slab_page_of(h, p) : NULL;

	if (!s)
		return 0;
	if (slab_is_large_object(s, p))
		return slab_large_usable(s->order);
	if (slab_object_index(h, s, p) < 0)
		return 0;
	return h->caches[s->cls].size;
}

void slab_heap_stats(const slab_heap_t *h, slab_stats_t *out)
{
	*out = (slab_stats_t){
		.bytes_in_use = h->large_bytes,
		.pages_held = h->large_pages,
		.live_objects = h->large_live,
	};
	for (unsigned i = 0; i < SLAB_NCLASSES; i++) {
		const slab_cache_t *c = &h->caches[i];

		out->bytes_in_use += c->live * c->size;
		out->pages_held += c->slabs;
		out->live_objects += c->live;
	}
}
