// SPDX-License-Identifier: MIT
/*
 * Sleeping on futex words, for every blocking pthread and semaphore call.
 *
 * POSIX deadlines are absolute times on a clock; the kernel's futex takes
 * a relative timeout, so each sleep converts what is left of the
 * deadline, and a caller that wakes early and sleeps again converts anew.
 * A deadline is checked only when the caller has to sleep, as POSIX
 * allows ("need not be checked if the lock can be taken at once").
 *
 * The cancellable sleep publishes the word for pthread_cancel (see
 * pthread_impl.h for why that cannot miss a request).
 *
 * libc's internal locks (the atfork list, the key table, cancel_word) are
 * held for a few instructions: they spin with `pause` and fall back to
 * sched_yield, never to a futex.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <tessera/syscall.h>

#define NSEC_PER_SEC 1000000000L

int __pthread_time_left(clockid_t clock, const struct timespec *abstime,
			struct timespec *left)
{
	struct timespec now;

	if (abstime->tv_nsec < 0 || abstime->tv_nsec >= NSEC_PER_SEC)
		return EINVAL;
	if (sys_is_error(sys_clock_gettime(clock, (long)&now)))
		return EINVAL;
	left->tv_sec = abstime->tv_sec - now.tv_sec;
	left->tv_nsec = abstime->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_nsec += NSEC_PER_SEC;
		left->tv_sec--;
	}
	if (left->tv_sec < 0 || (left->tv_sec == 0 && left->tv_nsec == 0))
		return ETIMEDOUT;
	return 0;
}

int __pthread_futex_wait(volatile int *word, int expected, clockid_t clock,
			 const struct timespec *abstime)
{
	struct timespec left, *timeout = NULL;
	long r;

	if (abstime) {
		int err = __pthread_time_left(clock, abstime, &left);
		if (err)
			return err;
		timeout = &left;
	}
	r = sys_futex((long)word, FUTEX_WAIT, expected, (long)timeout);
	if (r == -ETIMEDOUT || r == -EINTR)
		return (int)-r;
	return 0;               /* woken, or the value had changed (EAGAIN) */
}

void __pthread_futex_wake(volatile int *word, int count)
{
	sys_futex((long)word, FUTEX_WAKE, count, 0);
}

static bool cancel_requested(const struct pthread *self)
{
	return __atomic_load_n(&self->cancel_pending, __ATOMIC_SEQ_CST) &&
	       !self->cancel_disabled;
}

static void cancel_word_set(struct pthread *self, volatile int *word)
{
	__pthread_spin_acquire(&self->cancel_lock);
	self->cancel_word = word;
	__pthread_spin_release(&self->cancel_lock);
}

int __pthread_futex_wait_cancellable(volatile int *word, int expected, clockid_t clock,
				     const struct timespec *abstime)
{
	struct pthread *self = pthread_current();
	int r;

	if (self->cancel_disabled)
		return __pthread_futex_wait(word, expected, clock, abstime);
	cancel_word_set(self, word);
	r = cancel_requested(self) ? 0 : __pthread_futex_wait(word, expected, clock, abstime);
	cancel_word_set(self, NULL);
	return cancel_requested(self) ? PTHREAD_WAIT_CANCELED : r;
}

void __pthread_spin_acquire(volatile int *lock)
{
	unsigned spins = 0;

	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(lock, __ATOMIC_RELAXED)) {
			if (++spins < 64)
				__builtin_ia32_pause();
			else
				sys_yield();
		}
	}
}

void __pthread_spin_release(volatile int *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}
