// SPDX-License-Identifier: MIT
/*
 * The shell's allocators (mem.h): malloc wrappers, the stack of command
 * temporaries and reference-counted parse arenas. Both the stack and the
 * arenas are chains of blocks; allocations are 16-byte aligned so any
 * structure can live in them.
 */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MEM_ALIGN 16
#define STK_BLOCK 8192
#define ARENA_BLOCK 4096

static size_t mem_round(size_t n)
{
	return (n + MEM_ALIGN - 1) & ~(size_t)(MEM_ALIGN - 1);
}

static void mem_fail(void)
{
	static const char msg[] = "sh: out of memory\n";

	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		mem_fail();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		mem_fail();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		mem_fail();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* --- the stack ------------------------------------------------------- */

typedef struct stk_block {
	struct stk_block *prev;
	size_t size;
	_Alignas(MEM_ALIGN) char data[];
} stk_block_t;

static stk_block_t *stk_top;
static size_t stk_used;

stk_mark_t stk_mark(void)
{
	return (stk_mark_t){ .block = stk_top, .used = stk_used };
}

void stk_release(stk_mark_t m)
{
	while (stk_top && stk_top != m.block) {
		stk_block_t *prev = stk_top->prev;

		free(stk_top);
		stk_top = prev;
	}
	stk_used = stk_top ? m.used : 0;
}

void *stk_alloc(size_t n)
{
	n = mem_round(n ? n : 1);
	if (!stk_top || stk_top->size - stk_used < n) {
		size_t size = n > STK_BLOCK ? n : STK_BLOCK;
		stk_block_t *b = xmalloc(sizeof(*b) + size);

		b->prev = stk_top;
		b->size = size;
		stk_top = b;
		stk_used = 0;
	}
	void *p = stk_top->data + stk_used;
	stk_used += n;
	return p;
}

char *stk_strndup(const char *s, size_t n)
{
	char *d = stk_alloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *stk_strdup(const char *s)
{
	return stk_strndup(s, strlen(s));
}

char *stk_printf(const char *fmt, ...)
{
	sb_t b;
	va_list ap;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return b.s;
}

void sb_init(sb_t *b)
{
	b->cap = 64;
	b->len = 0;
	b->s = stk_alloc(b->cap);
	b->s[0] = '\0';
}

static void sb_reserve(sb_t *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap * 2;

	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = stk_alloc(cap);

	memcpy(s, b->s, b->len + 1);
	b->s = s;
	b->cap = cap;
}

void sb_putc(sb_t *b, char c)
{
	sb_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sb_putn(sb_t *b, const char *s, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_puts(sb_t *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_vprintf(sb_t *b, const char *fmt, va_list ap)
{
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	sb_reserve(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(sb_t *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void pvec_init(pvec_t *p)
{
	p->cap = 8;
	p->n = 0;
	p->v = stk_alloc(p->cap * sizeof(void *));
	p->v[0] = NULL;
}

void pvec_push(pvec_t *p, void *x)
{
	if (p->n + 2 > p->cap) {
		void **v = stk_alloc(p->cap * 2 * sizeof(void *));

		memcpy(v, p->v, p->n * sizeof(void *));
		p->v = v;
		p->cap *= 2;
	}
	p->v[p->n++] = x;
	p->v[p->n] = NULL;
}

/* --- arenas ---------------------------------------------------------- */

typedef struct arena_block {
	struct arena_block *next;
	size_t size, used;
	_Alignas(MEM_ALIGN) char data[];
} arena_block_t;

struct arena {
	arena_block_t *blocks;
	int refs;
};

arena_t *arena_new(void)
{
	arena_t *a = xcalloc(1, sizeof(*a));

	a->refs = 1;
	return a;
}

void *arena_alloc(arena_t *a, size_t n)
{
	n = mem_round(n ? n : 1);
	arena_block_t *b = a->blocks;

	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void arena_ref(arena_t *a)
{
	a->refs++;
}

void arena_unref(arena_t *a)
{
	if (!a || --a->refs > 0)
		return;
	while (a->blocks) {
		arena_block_t *next = a->blocks->next;

		free(a->blocks);
		a->blocks = next;
	}
	free(a);
}

static arena_t **live;
static int live_count, live_cap;

arena_t *arena_live_push(void)
{
	if (live_count == live_cap) {
		live_cap = live_cap ? live_cap * 2 : 16;
		live = xrealloc(live, (size_t)live_cap * sizeof(*live));
	}
	live[live_count] = arena_new();
	return live[live_count++];
}

void arena_live_pop(void)
{
	arena_unref(live[--live_count]);
}

int arena_live_depth(void)
{
	return live_count;
}

void arena_live_pop_to(int depth)
{
	while (live_count > depth)
		arena_live_pop();
}
