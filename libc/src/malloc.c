// SPDX-License-Identifier: MIT
/*
 * malloc on mmap: size classes in spans, per-thread caches, a mapping per
 * large block.
 *
 * Every block starts with a 16-byte header (state magic, class, and the
 * way back to its span or its mapping size), so pointers are 16-byte
 * aligned, free() finds everything from the pointer alone, and a double
 * free or a foreign pointer is caught by the magic word (the program is
 * aborted with a message on fd 2).
 *
 * Small requests (up to 32 KiB) are rounded up to one of 40 classes: 16
 * to 128 bytes in steps of 16, then four classes per power of two, so no
 * more than 25% is wasted. Blocks of a class are cut from spans, mmap'd
 * runs of at least 64 KiB that count their blocks in use; a span that
 * becomes empty is unmapped unless it is its class's only spare, so freed
 * memory goes back to the kernel.
 *
 * Scalability: each thread keeps a small cache of free blocks per class
 * (thread-local, no lock, no atomic) and exchanges them with the class's
 * central lists in batches under that class's own lock. The common
 * malloc/free pair therefore touches no shared cache line; threads only
 * meet on a class lock once per batch, and two classes never contend.
 * The locks spin briefly and then yield, which is enough for locks held
 * for a batch of list operations.
 *
 * Larger requests map header + size rounded to pages; free() unmaps them
 * at once. realloc grows such a block in place when the pages after it
 * are free (mmap with the end as a hint) and shrinks it by unmapping its
 * tail. Alignments above 16 put an "aligned" header in front of the
 * aligned address that leads back to the real block.
 *
 * Fork: __libc_malloc_atfork takes every class lock before the fork and
 * releases them (parent) or resets them (child) after. A thread's cache
 * goes back to the central lists when it calls __libc_malloc_thread_exit;
 * the caches of threads that do not (or that a fork left behind) are
 * bounded, so at worst that memory stays unused.
 */
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void __libc_malloc_atfork(int phase);
void __libc_malloc_thread_exit(void);
size_t malloc_usable_size(void *p);
void *memalign(size_t align, size_t n);
void *valloc(size_t n);
void *pvalloc(size_t n);

#define MALLOC_PAGE        4096u
#define MALLOC_CLASSES     40
#define MALLOC_SMALL_MAX   32768u
#define MALLOC_SPAN_MIN    (64u * 1024)
#define MALLOC_CLASS_LARGE 0xffffu

#define MAGIC_USED    0x6d616c6cu     /* "mall" */
#define MAGIC_FREE    0x66726565u     /* "free" */
#define MAGIC_ALIGNED 0x616c676eu     /* "algn": leads back to a block */
#define MAGIC_SPAN    0x7370616eu     /* "span" */

/*
 * aux: for a small block, its offset from the start of its span; for a
 * large one, the size of its mapping; for an aligned header, the distance
 * back to the real block's pointer.
 */
typedef struct block_header {
	uint32_t magic;
	uint32_t class_index;
	uint64_t aux;
} block_header_t;

_Static_assert(sizeof(block_header_t) == 16, "keeps blocks 16-byte aligned");

/* A free block's first word links it into a cache or span free list. */
typedef struct free_block {
	block_header_t header;
	struct free_block *next;
} free_block_t;

/* Guarded by its class's lock. */
typedef struct span {
	uint32_t magic;
	uint32_t class_index;
	uint32_t used;                  /* blocks handed out (caches count as out) */
	uint32_t capacity;              /* blocks the span holds */
	free_block_t *free_list;        /* returned blocks */
	char *bump, *end;               /* never-used blocks: [bump, end) */
	size_t map_size;
	struct span *prev, *next;       /* in the class's list while not full */
} span_t;

_Static_assert(sizeof(span_t) % 16 == 0, "blocks after the span header stay aligned");

typedef struct malloc_class {
	volatile int lock;
	uint32_t empty_spans;           /* lock: spans in the list with used == 0 */
	span_t *partial;                /* lock: spans with free blocks */
} malloc_class_t;

typedef struct malloc_tcache {
	free_block_t *head[MALLOC_CLASSES];
	uint16_t count[MALLOC_CLASSES];
} malloc_tcache_t;

static malloc_class_t malloc_classes[MALLOC_CLASSES];
static __thread malloc_tcache_t malloc_tcache;

/* --- classes -------------------------------------------------------------- */

static unsigned class_of(size_t n)
{
	if (n <= 128)
		return n <= 16 ? 0 : (unsigned)((n + 15) / 16 - 1);
	unsigned k = 63u - (unsigned)__builtin_clzl(n - 1);   /* 2^k < n <= 2^(k+1) */
	unsigned q = (unsigned)((n - 1) >> (k - 2)) & 3;
	return 8 + (k - 7) * 4 + q;
}

static size_t class_size(unsigned c)
{
	if (c < 8)
		return 16 * (size_t)(c + 1);
	unsigned k = 7 + (c - 8) / 4, q = (c - 8) % 4;
	return (size_t)(5 + q) << (k - 2);
}

/* A thread caches at most this many blocks of a class: about 32 KiB's worth. */
static unsigned class_cache_limit(unsigned c)
{
	size_t n = 32768 / class_size(c);

	return n < 2 ? 2 : n > 128 ? 128 : (unsigned)n;
}

/* --- failure -------------------------------------------------------------- */

__attribute__((noreturn)) static void malloc_die(const char *what)
{
	static const char prefix[] = "malloc: ";

	(void)!write(2, prefix, sizeof(prefix) - 1);
	(void)!write(2, what, strlen(what));
	(void)!write(2, "\n", 1);
	abort();
}

/* --- locks ---------------------------------------------------------------- */

static void malloc_lock(volatile int *l)
{
	for (;;) {
		if (!__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
			return;
		for (int i = 0; __atomic_load_n(l, __ATOMIC_RELAXED); i++) {
			if (i < 64)
				__builtin_ia32_pause();
			else
				sched_yield();
		}
	}
}

static void malloc_unlock(volatile int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

/* --- spans (class lock held) ---------------------------------------------- */

static size_t span_stride(unsigned c)
{
	return sizeof(block_header_t) + class_size(c);
}

static void span_unlink_locked(malloc_class_t *k, span_t *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		k->partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->prev = s->next = NULL;
}

static void span_link_locked(malloc_class_t *k, span_t *s)
{
	s->prev = NULL;
	s->next = k->partial;
	if (k->partial)
		k->partial->prev = s;
	k->partial = s;
}

static span_t *span_create_locked(malloc_class_t *k, unsigned c)
{
	size_t stride = span_stride(c);
	size_t size = sizeof(span_t) + 8 * stride;

	if (size < MALLOC_SPAN_MIN)
		size = MALLOC_SPAN_MIN;
	size = (size + MALLOC_PAGE - 1) & ~(size_t)(MALLOC_PAGE - 1);
	span_t *s = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return NULL;
	s->magic = MAGIC_SPAN;
	s->class_index = c;
	s->used = 0;
	s->capacity = (uint32_t)((size - sizeof(span_t)) / stride);
	s->free_list = NULL;
	s->bump = (char *)(s + 1);
	s->end = s->bump + (size_t)s->capacity * stride;
	s->map_size = size;
	span_link_locked(k, s);
	k->empty_spans++;
	return s;
}

/* One block from the class's spans, mapping a new span when all are full. */
static free_block_t *span_take_locked(malloc_class_t *k, unsigned c)
{
	span_t *s = k->partial;
	free_block_t *b;

	if (!s && !(s = span_create_locked(k, c)))
		return NULL;
	if (s->used == 0)
		k->empty_spans--;
	if (s->free_list) {
		b = s->free_list;
		s->free_list = b->next;
	} else {
		b = (free_block_t *)s->bump;
		s->bump += span_stride(c);
		b->header.class_index = c;
		b->header.aux = (uint64_t)((char *)b - (char *)s);
	}
	if (++s->used == s->capacity)
		span_unlink_locked(k, s);
	return b;
}

/* Returns b to its span; an empty span is unmapped unless it is the only spare. */
static void span_give_locked(malloc_class_t *k, free_block_t *b)
{
	span_t *s = (span_t *)((char *)b - b->header.aux);

	if (s->magic != MAGIC_SPAN)
		malloc_die("corrupted block header");
	if (s->used-- == s->capacity)
		span_link_locked(k, s);
	b->next = s->free_list;
	s->free_list = b;
	if (s->used)
		return;
	if (k->empty_spans == 0) {
		k->empty_spans++;
		return;
	}
	span_unlink_locked(k, s);
	s->magic = 0;
	munmap(s, s->map_size);
}

/* --- thread caches -------------------------------------------------------- */

/* Moves up to half the cache limit from the central lists into the cache. */
static free_block_t *tcache_refill(malloc_tcache_t *t, unsigned c)
{
	malloc_class_t *k = &malloc_classes[c];
	unsigned want = class_cache_limit(c) / 2;
	free_block_t *first;

	malloc_lock(&k->lock);
	first = span_take_locked(k, c);
	/* Only the first block may map a new span: the rest come from spare ones. */
	for (unsigned i = 1; first && i < want && k->partial; i++) {
		free_block_t *b = span_take_locked(k, c);
		if (!b)
			break;
		b->header.magic = MAGIC_FREE;
		b->next = t->head[c];
		t->head[c] = b;
		t->count[c]++;
	}
	malloc_unlock(&k->lock);
	return first;
}

/* Returns `n` blocks of class c from the cache to the central lists. */
static void tcache_flush(malloc_tcache_t *t, unsigned c, unsigned n)
{
	malloc_class_t *k = &malloc_classes[c];

	malloc_lock(&k->lock);
	while (n-- && t->head[c]) {
		free_block_t *b = t->head[c];
		t->head[c] = b->next;
		t->count[c]--;
		span_give_locked(k, b);
	}
	malloc_unlock(&k->lock);
}

void __libc_malloc_thread_exit(void)
{
	malloc_tcache_t *t = &malloc_tcache;

	for (unsigned c = 0; c < MALLOC_CLASSES; c++)
		if (t->head[c])
			tcache_flush(t, c, UINT32_MAX);
}

void __libc_malloc_atfork(int phase)
{
	for (unsigned c = 0; c < MALLOC_CLASSES; c++) {
		if (phase == 0)
			malloc_lock(&malloc_classes[c].lock);
		else if (phase == 1)
			malloc_unlock(&malloc_classes[c].lock);
		else
			malloc_classes[c].lock = 0;
	}
}

/* --- small and large blocks ----------------------------------------------- */

static void *malloc_small(size_t n)
{
	unsigned c = class_of(n);
	malloc_tcache_t *t = &malloc_tcache;
	free_block_t *b = t->head[c];

	if (b) {
		t->head[c] = b->next;
		t->count[c]--;
	} else if (!(b = tcache_refill(t, c))) {
		errno = ENOMEM;
		return NULL;
	}
	b->header.magic = MAGIC_USED;
	return &b->header + 1;
}

static void free_small(block_header_t *h)
{
	malloc_tcache_t *t = &malloc_tcache;
	unsigned c = h->class_index;
	free_block_t *b = (free_block_t *)h;

	if (c >= MALLOC_CLASSES)
		malloc_die("free(): corrupted block header");
	h->magic = MAGIC_FREE;
	b->next = t->head[c];
	t->head[c] = b;
	if (++t->count[c] > class_cache_limit(c))
		tcache_flush(t, c, class_cache_limit(c) / 2);
}

static size_t large_map_size(size_t n)
{
	if (n > SIZE_MAX - sizeof(block_header_t) - MALLOC_PAGE)
		return 0;
	return (n + sizeof(block_header_t) + MALLOC_PAGE - 1) & ~(size_t)(MALLOC_PAGE - 1);
}

static void *malloc_large(size_t n)
{
	size_t size = large_map_size(n);
	block_header_t *h;

	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	h = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED) {
		errno = ENOMEM;
		return NULL;
	}
	h->magic = MAGIC_USED;
	h->class_index = MALLOC_CLASS_LARGE;
	h->aux = size;
	return h + 1;
}

/* The header of a block in use, or the program ends. */
static block_header_t *header_of(void *p, const char *caller)
{
	block_header_t *h = (block_header_t *)p - 1;

	if ((uintptr_t)p & 15)
		malloc_die(caller);
	if (h->magic == MAGIC_USED || h->magic == MAGIC_ALIGNED)
		return h;
	malloc_die(h->magic == MAGIC_FREE ? "double free or use of a freed block"
					  : caller);
}

/* --- the public interface ------------------------------------------------- */

void *malloc(size_t n)
{
	return n <= MALLOC_SMALL_MAX ? malloc_small(n) : malloc_large(n);
}

void free(void *p)
{
	block_header_t *h;

	if (!p)
		return;
	h = header_of(p, "free(): invalid pointer");
	if (h->magic == MAGIC_ALIGNED) {
		h->magic = MAGIC_FREE;
		free((char *)p - h->aux);
	} else if (h->class_index == MALLOC_CLASS_LARGE) {
		h->magic = MAGIC_FREE;
		munmap(h, h->aux);
	} else {
		free_small(h);
	}
}

size_t malloc_usable_size(void *p)
{
	block_header_t *h;

	if (!p)
		return 0;
	h = header_of(p, "malloc_usable_size(): invalid pointer");
	if (h->magic == MAGIC_ALIGNED)
		return malloc_usable_size((char *)p - h->aux) - h->aux;
	if (h->class_index == MALLOC_CLASS_LARGE)
		return h->aux - sizeof(*h);
	return class_size(h->class_index);
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	if (total > MALLOC_SMALL_MAX)
		return malloc_large(total);     /* fresh anonymous pages are zero */
	p = malloc_small(total);
	if (p)
		memset(p, 0, total);
	return p;
}

/* Grows or shrinks a large block where it is; false if it cannot. */
static bool realloc_large_in_place(block_header_t *h, size_t n)
{
	size_t size = large_map_size(n);
	char *end = (char *)h + h->aux;

	if (!size)
		return false;
	if (size <= h->aux) {
		if (size < h->aux)
			munmap((char *)h + size, h->aux - size);
		h->aux = size;
		return true;
	}
	void *more = mmap(end, size - h->aux, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (more == MAP_FAILED)
		return false;
	if (more != end) {
		munmap(more, size - h->aux);
		return false;
	}
	h->aux = size;
	return true;
}

void *realloc(void *p, size_t n)
{
	block_header_t *h;
	size_t have;
	void *q;

	if (!p)
		return malloc(n);
	h = header_of(p, "realloc(): invalid pointer");
	have = malloc_usable_size(p);
	if (h->magic != MAGIC_ALIGNED) {
		if (h->class_index == MALLOC_CLASS_LARGE) {
			if (n > MALLOC_SMALL_MAX && realloc_large_in_place(h, n))
				return p;
		} else if (n <= have && (n >= have / 4 || have <= 64)) {
			return p;       /* still a good fit: keep it */
		}
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, n < have ? n : have);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, total);
}

/* --- aligned allocation --------------------------------------------------- */

static void *malloc_aligned(size_t align, size_t n)
{
	size_t total;
	char *p, *q;

	if (align <= 16)
		return malloc(n);
	if (__builtin_add_overflow(n, align + sizeof(block_header_t), &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (!p)
		return NULL;
	if (((uintptr_t)p & (align - 1)) == 0)
		return p;
	q = (char *)(((uintptr_t)p + sizeof(block_header_t) + align - 1) & ~(uintptr_t)(align - 1));
	block_header_t *h = (block_header_t *)q - 1;
	h->magic = MAGIC_ALIGNED;
	h->class_index = 0;
	h->aux = (uint64_t)(q - p);
	return q;
}

int posix_memalign(void **out, size_t align, size_t n)
{
	int saved = errno;
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = malloc_aligned(align, n);
	if (!p) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (align == 0 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return malloc_aligned(align, n);
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}

void *valloc(size_t n)
{
	return malloc_aligned(MALLOC_PAGE, n);
}

void *pvalloc(size_t n)
{
	size_t rounded = (n + MALLOC_PAGE - 1) & ~(size_t)(MALLOC_PAGE - 1);

	if (rounded < n) {
		errno = ENOMEM;
		return NULL;
	}
	return malloc_aligned(MALLOC_PAGE, rounded ? rounded : MALLOC_PAGE);
}
