// SPDX-License-Identifier: MIT
/*
 * Read-write locks on one futex word: a count of readers or a WRITER bit,
 * and a SLEEPERS bit that a thread sets before it sleeps. An unlock that
 * leaves the lock free clears SLEEPERS in the same compare-and-swap that
 * releases it and, if it was set, wakes every sleeper; those that lose the
 * race set it again before they sleep again. An unlock thus learns about
 * sleepers from its own atomic operation and touches the lock no more, so
 * the lock may be destroyed as soon as another thread can take it.
 *
 * Readers are preferred: a reader gets in whenever no writer holds the
 * lock, even if writers sleep. That keeps recursive read locks (which
 * POSIX allows) from deadlocking, at the price that a steady stream of
 * readers can hold a writer off. The writer's tid is kept so that a
 * thread asking again for a lock it writes gets EDEADLK.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#define RW_WRITER      0x40000000
#define RW_SLEEPERS    0x20000000
#define RW_READERS     0x1fffffff       /* the mask, and one more than the most */

static int my_tid(void)
{
	return pthread_current()->tcb.tid;
}

int pthread_rwlock_init(pthread_rwlock_t *restrict rw, const pthread_rwlockattr_t *restrict attr)
{
	(void)attr;
	memset(rw, 0, sizeof(*rw));
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	if (__atomic_load_n(&rw->__lock, __ATOMIC_RELAXED) & (RW_WRITER | RW_READERS))
		return EBUSY;
	return 0;
}

/* One attempt: 0, EBUSY (a writer holds it), EAGAIN (too many readers). */
static int rw_try_read(pthread_rwlock_t *rw, int *seen)
{
	int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED);

	for (;;) {
		*seen = v;
		if (v & RW_WRITER)
			return EBUSY;
		if ((v & RW_READERS) == RW_READERS - 1)
			return EAGAIN;
		if (__atomic_compare_exchange_n(&rw->__lock, &v, v + 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return 0;
	}
}

static int rw_try_write(pthread_rwlock_t *rw, int *seen)
{
	int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED);

	while (!(v & (RW_WRITER | RW_READERS))) {
		if (__atomic_compare_exchange_n(&rw->__lock, &v, v | RW_WRITER, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			rw->__writer = my_tid();
			return 0;
		}
	}
	*seen = v;
	return EBUSY;
}

/* Sleeps while the word is still `seen` with SLEEPERS set. */
static int rw_sleep(pthread_rwlock_t *rw, int seen, clockid_t clock,
		    const struct timespec *abstime)
{
	if (!(seen & RW_SLEEPERS) &&
	    !__atomic_compare_exchange_n(&rw->__lock, &seen, seen | RW_SLEEPERS, false,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return 0;               /* it changed: look again */
	int err = __pthread_futex_wait(&rw->__lock, seen | RW_SLEEPERS, clock, abstime);
	return err == ETIMEDOUT || err == EINVAL ? err : 0;
}

static int rw_read(pthread_rwlock_t *rw, clockid_t clock, const struct timespec *abstime)
{
	int seen, err;

	while ((err = rw_try_read(rw, &seen)) == EBUSY) {
		if (rw->__writer == my_tid())
			return EDEADLK;
		if ((err = rw_sleep(rw, seen, clock, abstime)) != 0)
			return err;
	}
	return err;
}

static int rw_write(pthread_rwlock_t *rw, clockid_t clock, const struct timespec *abstime)
{
	int seen, err;

	while (rw_try_write(rw, &seen) != 0) {
		if ((seen & RW_WRITER) && rw->__writer == my_tid())
			return EDEADLK;
		if ((err = rw_sleep(rw, seen, clock, abstime)) != 0)
			return err;
	}
	return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
	return rw_read(rw, CLOCK_REALTIME, NULL);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
	int seen;

	return rw_try_read(rw, &seen);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict rw,
			       const struct timespec *restrict abstime)
{
	return rw_read(rw, CLOCK_REALTIME, abstime);
}

int pthread_rwlock_clockrdlock(pthread_rwlock_t *restrict rw, clockid_t clock,
			       const struct timespec *restrict abstime)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	return rw_read(rw, clock, abstime);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
	return rw_write(rw, CLOCK_REALTIME, NULL);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
	int seen;

	return rw_try_write(rw, &seen);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict rw,
			       const struct timespec *restrict abstime)
{
	return rw_write(rw, CLOCK_REALTIME, abstime);
}

int pthread_rwlock_clockwrlock(pthread_rwlock_t *restrict rw, clockid_t clock,
			       const struct timespec *restrict abstime)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	return rw_write(rw, clock, abstime);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED), next;

	if (v & RW_WRITER)
		rw->__writer = 0;
	do {
		if (v & RW_WRITER)
			next = 0;
		else if ((v & RW_READERS) == 0)
			return EPERM;
		else if ((v & RW_READERS) == 1)
			next = 0;
		else
			next = v - 1;
	} while (!__atomic_compare_exchange_n(&rw->__lock, &v, next, true, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	if (next == 0 && (v & RW_SLEEPERS))
		__pthread_futex_wake(&rw->__lock, INT_MAX);
	return 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *restrict attr,
				  int *restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	int err = __pthread_pshared_check(pshared);

	if (!err)
		attr->__pshared = pshared;
	return err;
}
