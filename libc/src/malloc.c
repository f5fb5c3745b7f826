// SPDX-License-Identifier: MIT
/*
 * malloc on mmap: size classes for small blocks, a mapping per large one.
 *
 * Every block starts with a 16-byte header (its class or mapping size and
 * a magic word), so pointers are 16-byte aligned and free() finds the
 * class from the pointer. Small requests (up to 2 KiB) are rounded up to
 * a power of two from 16 bytes; blocks of a class are cut from 64 KiB
 * arenas, and freed ones go on that class's free list for reuse (arenas
 * are never returned to the kernel). Larger requests map header + size
 * rounded to pages, and free() unmaps them.
 *
 * One spin lock (yielding while it waits) makes it thread safe; a fork
 * while another thread holds it would leave the child's copy locked
 * (pthread_atfork will handle that). The magic words catch double frees
 * and foreign pointers: both abort.
 */
#include "libc.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MALLOC_MIN_SHIFT  4                     /* 16 bytes */
#define MALLOC_CLASSES    8                     /* 16 .. 2048 bytes */
#define MALLOC_SMALL_MAX  (1u << (MALLOC_MIN_SHIFT + MALLOC_CLASSES - 1))
#define MALLOC_ARENA_SIZE (64 * 1024)
#define MALLOC_LARGE      0xffu

#define MAGIC_USED 0x6d616c6cu                  /* "mall" */
#define MAGIC_FREE 0x66726565u                  /* "free" */

typedef struct block_header {
	uint64_t size;          /* usable bytes: class size, or mapping size - header */
	uint32_t class_index;   /* 0..MALLOC_CLASSES-1, or MALLOC_LARGE */
	uint32_t magic;
} block_header_t;

typedef struct free_block {
	block_header_t header;
	struct free_block *next;
} free_block_t;

_Static_assert(sizeof(block_header_t) == 16, "keeps blocks 16-byte aligned");

static free_block_t *free_lists[MALLOC_CLASSES];
static char *arena_next, *arena_end;
static volatile int malloc_lock;

static void lock(void)
{
	while (__atomic_exchange_n(&malloc_lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void unlock(void)
{
	__atomic_store_n(&malloc_lock, 0, __ATOMIC_RELEASE);
}

static unsigned size_class(size_t n)
{
	unsigned c = 0;

	while (((size_t)1 << (MALLOC_MIN_SHIFT + c)) < n)
		c++;
	return c;
}

/* Cuts a block of `total` bytes from the current arena; caller holds the lock. */
static void *arena_take_locked(size_t total)
{
	if ((size_t)(arena_end - arena_next) < total) {
		void *a = mmap(NULL, MALLOC_ARENA_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (a == MAP_FAILED)
			return NULL;
		arena_next = a;        /* the old arena's tail is abandoned */
		arena_end = arena_next + MALLOC_ARENA_SIZE;
	}
	void *p = arena_next;
	arena_next += total;
	return p;
}

static void *malloc_small(size_t n)
{
	unsigned c = size_class(n);
	size_t size = (size_t)1 << (MALLOC_MIN_SHIFT + c);
	block_header_t *h;

	lock();
	if (free_lists[c]) {
		h = &free_lists[c]->header;
		free_lists[c] = free_lists[c]->next;
	} else {
		h = arena_take_locked(sizeof(*h) + size);
	}
	unlock();
	if (!h) {
		errno = ENOMEM;
		return NULL;
	}
	h->size = size;
	h->class_index = c;
	h->magic = MAGIC_USED;
	return h + 1;
}

static void *malloc_large(size_t n)
{
	size_t total;
	block_header_t *h;

	if (n > SIZE_MAX - sizeof(*h) - PAGE_SIZE) {
		errno = ENOMEM;
		return NULL;
	}
	total = (n + sizeof(*h) + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	h = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->size = total - sizeof(*h);
	h->class_index = MALLOC_LARGE;
	h->magic = MAGIC_USED;
	return h + 1;
}

void *malloc(size_t n)
{
	return n <= MALLOC_SMALL_MAX ? malloc_small(n) : malloc_large(n);
}

static block_header_t *header_of(void *p, const char *caller)
{
	block_header_t *h = (block_header_t *)p - 1;

	if (h->magic != MAGIC_USED) {
		__libc_fatal(h->magic == MAGIC_FREE ? caller : "bad pointer passed to malloc");
	}
	return h;
}

void free(void *p)
{
	block_header_t *h;

	if (!p)
		return;
	h = header_of(p, "double free");
	h->magic = MAGIC_FREE;
	if (h->class_index == MALLOC_LARGE) {
		munmap(h, h->size + sizeof(*h));
		return;
	}
	free_block_t *b = (free_block_t *)h;
	lock();
	b->next = free_lists[h->class_index];
	free_lists[h->class_index] = b;
	unlock();
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

void *realloc(void *p, size_t n)
{
	block_header_t *h;
	void *q;

	if (!p)
		return malloc(n);
	h = header_of(p, "realloc of a freed block");
	if (n <= h->size)
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, h->size);
	free(p);
	return q;
}
