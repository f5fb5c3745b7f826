// SPDX-License-Identifier: MIT
/*
 * The streams' recursive locks, on a futex.
 *
 * state is 0 when free, 1 when held and 2 when held with possible
 * waiters. Taking a free lock is one compare-and-swap; a waiter swaps in
 * 2 and sleeps until the word changes, so the holder's unlock knows from
 * the old value whether a wake-up is owed. The owner is the thread
 * pointer (%fs:0, the thread's control block), which is unique among live
 * threads and costs no system call; re-entry by the owner only counts.
 * stdio does not depend on pthreads, which will be built on the same
 * futexes.
 */
#include "stream.h"

#include <tessera/sys.h>

static void *stdio_self(void)
{
	void *self;

	__asm__("mov %%fs:0, %0" : "=r"(self));
	return self;
}

void stdio_lock_take(stdio_lock_t *l)
{
	void *self = stdio_self();
	int c = 0;

	if (l->owner == self) {
		l->count++;
		return;
	}
	if (!__atomic_compare_exchange_n(&l->state, &c, 1, 0, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		/* Contended: mark the lock as having waiters and sleep on it. */
		while (__atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE) != 0)
			tessera_futex_wait(&l->state, 2, NULL);
	}
	l->owner = self;
	l->count = 1;
}

int stdio_lock_try(stdio_lock_t *l)
{
	void *self = stdio_self();
	int c = 0;

	if (l->owner == self) {
		l->count++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&l->state, &c, 1, 0, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return -1;
	l->owner = self;
	l->count = 1;
	return 0;
}

void stdio_lock_drop(stdio_lock_t *l)
{
	if (--l->count > 0)
		return;
	l->owner = NULL;
	if (__atomic_exchange_n(&l->state, 0, __ATOMIC_RELEASE) == 2)
		tessera_futex_wake(&l->state, 1);
}

void flockfile(FILE *f)
{
	stdio_lock_take(&f->lock);
}

int ftrylockfile(FILE *f)
{
	return stdio_lock_try(&f->lock);
}

void funlockfile(FILE *f)
{
	stdio_lock_drop(&f->lock);
}
