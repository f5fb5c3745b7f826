// SPDX-License-Identifier: MIT
/*
 * Memory for the shell, in three lifetimes.
 *
 * Long-lived things (variables, functions' bodies, jobs) use malloc through
 * the x* wrappers, which end the shell with a message when memory runs out
 * rather than making every caller handle it.
 *
 * Temporaries of one command (expanded words, argument vectors, patterns)
 * come from the *stack* (stk_*): a chain of blocks that grows upwards and
 * is released back to a mark. Evaluation marks before a command and
 * releases after it; an error unwinding with longjmp (error.h) releases to
 * the mark its handler took, so nothing is lost on error paths. sb_t builds
 * strings of unknown length on the stack.
 *
 * The nodes of one parse live in an *arena* (arena_*): freed as a whole
 * when the last reference goes. A function definition keeps a reference to
 * the arena its body was parsed into, so redefining a function while it
 * runs is safe.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* --- the stack ------------------------------------------------------- */

typedef struct stk_mark {
	void *block;
	size_t used;
} stk_mark_t;

stk_mark_t stk_mark(void);
void stk_release(stk_mark_t m);
void *stk_alloc(size_t n);
char *stk_strdup(const char *s);
char *stk_strndup(const char *s, size_t n);
char *stk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growing NUL-terminated string on the stack. */
typedef struct sb {
	char *s;
	size_t len, cap;
} sb_t;

void sb_init(sb_t *b);
void sb_putc(sb_t *b, char c);
void sb_putn(sb_t *b, const char *s, size_t n);
void sb_puts(sb_t *b, const char *s);
void sb_printf(sb_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sb_t *b, const char *fmt, va_list ap);

/* A growing array of pointers on the stack (argument vectors). */
typedef struct pvec {
	void **v;
	size_t n, cap;
} pvec_t;

void pvec_init(pvec_t *p);
void pvec_push(pvec_t *p, void *x);

/* --- arenas ---------------------------------------------------------- */

typedef struct arena arena_t;

arena_t *arena_new(void);
void *arena_alloc(arena_t *a, size_t n);
char *arena_strndup(arena_t *a, const char *s, size_t n);
void arena_ref(arena_t *a);
void arena_unref(arena_t *a);

/*
 * The arenas of commands being run, innermost last: a new one for each
 * command parsed, dropped when it has run. An error unwinding past them
 * drops them too (arena_live_pop_to), so none is lost to a longjmp.
 */
arena_t *arena_live_push(void);
void arena_live_pop(void);
int arena_live_depth(void);
void arena_live_pop_to(int depth);
