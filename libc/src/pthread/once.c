// SPDX-License-Identifier: MIT
/*
 * pthread_once: one word, 0 not run, 1 running, 2 running and others
 * wait, 3 done. The first caller to swap 0 for 1 runs the routine; the
 * rest sleep until the word is 3. Once done, a call is one load. If the
 * routine is cancelled, a cleanup handler puts the word back to 0 and
 * wakes the waiters, one of which runs it again (POSIX: "as if
 * pthread_once was never called").
 */
#include "pthread_impl.h"

#include <limits.h>

enum { ONCE_INIT, ONCE_RUNNING, ONCE_WAITED, ONCE_DONE };

static void once_undo(void *arg)
{
	volatile int *once = arg;

	if (__atomic_exchange_n(once, ONCE_INIT, __ATOMIC_RELEASE) == ONCE_WAITED)
		__pthread_futex_wake(once, INT_MAX);
}

static void once_run(pthread_once_t *once, void (*init)(void))
{
	pthread_cleanup_push(once_undo, (void *)once);
	init();
	pthread_cleanup_pop(0);
	if (__atomic_exchange_n(once, ONCE_DONE, __ATOMIC_RELEASE) == ONCE_WAITED)
		__pthread_futex_wake(once, INT_MAX);
}

int pthread_once(pthread_once_t *once, void (*init)(void))
{
	int v;

	while ((v = __atomic_load_n(once, __ATOMIC_ACQUIRE)) != ONCE_DONE) {
		if (v == ONCE_INIT) {
			if (__atomic_compare_exchange_n(once, &v, ONCE_RUNNING, false,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
				once_run(once, init);
				return 0;
			}
			continue;
		}
		if (v == ONCE_RUNNING &&
		    !__atomic_compare_exchange_n(once, &v, ONCE_WAITED, false,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			continue;
		__pthread_futex_wait(once, ONCE_WAITED, CLOCK_MONOTONIC, NULL);
	}
	return 0;
}
