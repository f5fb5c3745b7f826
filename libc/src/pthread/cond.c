// SPDX-License-Identifier: MIT
/*
 * Condition variables: a sequence word and a count of waiters.
 *
 * A waiter reads the sequence and counts itself in while it still holds
 * the mutex, then unlocks and sleeps while the sequence is unchanged.
 * signal and broadcast bump the sequence before waking one or all. No
 * wake-up is lost: a waiter that read the old value either is asleep
 * when the wake comes or finds the value changed and does not sleep.
 * The count lets signal skip the system call (and the bump) when nobody
 * waits; it is raised under the mutex, so a signaller that changed the
 * predicate under the same mutex cannot miss a waiter. Spurious returns
 * (a bump meant for someone else, a signal handler) are allowed by POSIX.
 *
 * The sequence is also the word pthread_cancel bumps to wake a waiter it
 * cancels (pthread_impl.h); the waiter takes the mutex back before it
 * runs its cleanup handlers, as POSIX requires, and passes on a signal
 * it may have taken, since a cancelled waiter must not consume one.
 *
 * Deadlines are on the condattr's clock, CLOCK_REALTIME by default;
 * pthread_cond_clockwait (POSIX.1-2024) names the clock per call.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <string.h>

static bool clock_ok(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr)
{
	memset(c, 0, sizeof(*c));
	if (attr)
		c->__clock = attr->__clock;
	return 0;
}

/*
 * POSIX lets a condition variable be destroyed once no thread is blocked
 * on it, e.g. right after a broadcast; woken waiters may still be on
 * their way out, and the count is the last thing they touch. So wait for
 * them (a thread still truly blocked here is the caller's error).
 */
int pthread_cond_destroy(pthread_cond_t *c)
{
	while (__atomic_load_n(&c->__waiters, __ATOMIC_ACQUIRE) != 0)
		sched_yield();
	return 0;
}

static void cond_wake(pthread_cond_t *c, int count)
{
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST) == 0)
		return;
	__atomic_fetch_add(&c->__seq, 1, __ATOMIC_SEQ_CST);
	__pthread_futex_wake((volatile int *)&c->__seq, count);
}

static int cond_wait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
		     const struct timespec *abstime)
{
	int seq = (int)__atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
	unsigned depth;
	int err;

	__atomic_fetch_add(&c->__waiters, 1, __ATOMIC_SEQ_CST);
	err = __pthread_mutex_release_all(m, &depth);
	if (err) {
		__atomic_fetch_sub(&c->__waiters, 1, __ATOMIC_RELEASE);
		return err;
	}
	err = __pthread_futex_wait_cancellable((volatile int *)&c->__seq, seq, clock, abstime);
	if (err == PTHREAD_WAIT_CANCELED)
		cond_wake(c, 1);        /* a signal we took may be someone else's */
	__atomic_fetch_sub(&c->__waiters, 1, __ATOMIC_RELEASE);
	__pthread_mutex_reacquire(m, depth);
	if (err == PTHREAD_WAIT_CANCELED)
		pthread_exit(PTHREAD_CANCELED);
	return err == ETIMEDOUT || err == EINVAL ? err : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return cond_wait(c, m, CLOCK_REALTIME, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime)
{
	return cond_wait(c, m, c->__clock, abstime);
}

int pthread_cond_clockwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   clockid_t clock, const struct timespec *restrict abstime)
{
	if (!clock_ok(clock))
		return EINVAL;
	return cond_wait(c, m, clock, abstime);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	cond_wake(c, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	cond_wake(c, INT_MAX);
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__clock = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr,
			      clockid_t *restrict clock)
{
	*clock = attr->__clock;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (!clock_ok(clock))
		return EINVAL;
	attr->__clock = clock;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict attr,
				int *restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	int err = __pthread_pshared_check(pshared);

	if (!err)
		attr->__pshared = pshared;
	return err;
}
