// SPDX-License-Identifier: MIT
/*
 * Normal process exit: the atexit functions in reverse order of
 * registration, then .fini_array (destructors) in reverse, then every
 * stdio stream is flushed (__stdio_flush_all, stdio's hook) and the
 * process ends. quick_exit runs only the at_quick_exit functions, in
 * reverse, and ends without flushing, as C says.
 *
 * Each list keeps POSIX's guaranteed 32 slots in static storage, so
 * registering them cannot fail, and grows into malloc'd blocks beyond
 * that. A handler may itself register another one; it runs next, because
 * the loop re-reads the count. One lock guards registration; exit holds
 * no lock while a handler runs, so handlers may call atexit.
 */
#include "libc.h"

#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

typedef void (*exit_fn_t)(void);

typedef struct exit_list {
	exit_fn_t first[ATEXIT_MAX];
	exit_fn_t *more;                /* entries ATEXIT_MAX.. (malloc'd) */
	size_t count, more_capacity;
} exit_list_t;

static exit_list_t exit_atexit, exit_quick;
static volatile int exit_lock;

static void exit_lock_take(void)
{
	while (__atomic_exchange_n(&exit_lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void exit_lock_drop(void)
{
	__atomic_store_n(&exit_lock, 0, __ATOMIC_RELEASE);
}

static int exit_list_add(exit_list_t *l, exit_fn_t fn)
{
	int r = 0;

	exit_lock_take();
	if (l->count < ATEXIT_MAX) {
		l->first[l->count++] = fn;
	} else {
		size_t i = l->count - ATEXIT_MAX;
		if (i == l->more_capacity) {
			size_t cap = l->more_capacity ? l->more_capacity * 2 : 32;
			exit_fn_t *m = realloc(l->more, cap * sizeof(*m));
			if (m) {
				l->more = m;
				l->more_capacity = cap;
			}
		}
		if (i < l->more_capacity) {
			l->more[i] = fn;
			l->count++;
		} else {
			r = -1;
		}
	}
	exit_lock_drop();
	return r;
}

/* Runs and removes the functions from the last registered to the first. */
static void exit_list_run(exit_list_t *l)
{
	for (;;) {
		exit_fn_t fn;
		exit_lock_take();
		if (l->count == 0) {
			exit_lock_drop();
			return;
		}
		l->count--;
		fn = l->count < ATEXIT_MAX ? l->first[l->count] : l->more[l->count - ATEXIT_MAX];
		exit_lock_drop();
		fn();
	}
}

int atexit(void (*fn)(void))
{
	return exit_list_add(&exit_atexit, fn);
}

int at_quick_exit(void (*fn)(void))
{
	return exit_list_add(&exit_quick, fn);
}

extern void (*__fini_array_start[])(void);
extern void (*__fini_array_end[])(void);

void exit(int status)
{
	exit_list_run(&exit_atexit);
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start;)
		(*--f)();
	__stdio_flush_all();
	_exit(status);
}

void quick_exit(int status)
{
	exit_list_run(&exit_quick);
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}
