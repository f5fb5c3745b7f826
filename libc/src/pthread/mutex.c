// SPDX-License-Identifier: MIT
/*
 * Mutexes on one futex word: 0 free, 1 held, 2 held and someone may
 * sleep (the classic three-state futex mutex). Taking a free mutex is one
 * compare-and-swap and giving it back one exchange; only an unlock that
 * finds 2 makes a system call. A locker that finds the mutex held spins
 * briefly (the holder is likely on another CPU and about to let go), then
 * swaps in 2 and sleeps while the word stays 2. Every woken locker swaps
 * in 2 again, so no later unlock can forget to wake the others.
 *
 * NORMAL (and DEFAULT, the same here) mutexes keep no owner: relocking
 * deadlocks and unlocking another's mutex is undefined, as POSIX allows.
 * RECURSIVE and ERRORCHECK record the owner's pthread_t, a pointer that
 * stays valid in a fork child (a tid would not), and the depth.
 *
 * Not supported (ENOTSUP from the attribute setters): process-shared,
 * robust and priority-protocol mutexes.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#define MUTEX_SPINS 100

static int mutex_kind(const pthread_mutex_t *m)
{
	return m->__kind & 3;
}

static bool mutex_try_raw(pthread_mutex_t *m)
{
	int zero = 0;

	return __atomic_compare_exchange_n(&m->__lock, &zero, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static int mutex_lock_slow(pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime)
{
	int c;

	for (int i = 0; i < MUTEX_SPINS; i++) {
		c = __atomic_load_n(&m->__lock, __ATOMIC_RELAXED);
		if (c == 0 && mutex_try_raw(m))
			return 0;
		if (c == 2)
			break;          /* others already sleep: join them */
		__builtin_ia32_pause();
	}
	while ((c = __atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE)) != 0) {
		int err = __pthread_futex_wait(&m->__lock, 2, clock, abstime);
		if (err == ETIMEDOUT || err == EINVAL)
			return err;
	}
	return 0;
}

static int mutex_lock_raw(pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime)
{
	if (mutex_try_raw(m))
		return 0;
	return mutex_lock_slow(m, clock, abstime);
}

static void mutex_unlock_raw(pthread_mutex_t *m)
{
	if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
		__pthread_futex_wake(&m->__lock, 1);
}

/* RECURSIVE and ERRORCHECK: the checks before taking the word. */
static int mutex_lock_owned(pthread_mutex_t *m, clockid_t clock,
			    const struct timespec *abstime)
{
	pthread_t self = pthread_self();
	int err;

	if (m->__owner == self) {
		if (mutex_kind(m) != PTHREAD_MUTEX_RECURSIVE)
			return EDEADLK;
		if (m->__count == UINT_MAX)
			return EAGAIN;
		m->__count++;
		return 0;
	}
	err = mutex_lock_raw(m, clock, abstime);
	if (err)
		return err;
	m->__owner = self;
	m->__count = 1;
	return 0;
}

static int mutex_lock(pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime)
{
	if (mutex_kind(m) == PTHREAD_MUTEX_NORMAL)
		return mutex_lock_raw(m, clock, abstime);
	return mutex_lock_owned(m, clock, abstime);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (mutex_kind(m) == PTHREAD_MUTEX_NORMAL && mutex_try_raw(m))
		return 0;
	return mutex_lock(m, CLOCK_REALTIME, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime)
{
	return mutex_lock(m, CLOCK_REALTIME, abstime);
}

int pthread_mutex_clocklock(pthread_mutex_t *restrict m, clockid_t clock,
			    const struct timespec *restrict abstime)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	return mutex_lock(m, clock, abstime);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (mutex_kind(m) != PTHREAD_MUTEX_NORMAL && m->__owner == pthread_self()) {
		if (mutex_kind(m) != PTHREAD_MUTEX_RECURSIVE)
			return EBUSY;
		if (m->__count == UINT_MAX)
			return EAGAIN;
		m->__count++;
		return 0;
	}
	if (!mutex_try_raw(m))
		return EBUSY;
	if (mutex_kind(m) != PTHREAD_MUTEX_NORMAL) {
		m->__owner = pthread_self();
		m->__count = 1;
	}
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (mutex_kind(m) != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		if (--m->__count > 0)
			return 0;
		m->__owner = NULL;
	}
	mutex_unlock_raw(m);
	return 0;
}

int __pthread_mutex_release_all(pthread_mutex_t *m, unsigned *count)
{
	*count = 0;
	if (mutex_kind(m) != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		*count = m->__count;
		m->__count = 0;
		m->__owner = NULL;
	}
	mutex_unlock_raw(m);
	return 0;
}

void __pthread_mutex_reacquire(pthread_mutex_t *m, unsigned count)
{
	mutex_lock_raw(m, CLOCK_REALTIME, NULL);
	if (mutex_kind(m) != PTHREAD_MUTEX_NORMAL) {
		m->__owner = pthread_self();
		m->__count = count;
	}
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr)
{
	memset(m, 0, sizeof(*m));
	if (attr)
		m->__kind = attr->__kind;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (__atomic_load_n(&m->__lock, __ATOMIC_RELAXED) != 0)
		return EBUSY;
	return 0;
}

int pthread_mutex_consistent(pthread_mutex_t *m)
{
	(void)m;
	return EINVAL;          /* no mutex is robust */
}

int pthread_mutex_getprioceiling(const pthread_mutex_t *restrict m, int *restrict ceiling)
{
	(void)m;
	(void)ceiling;
	return EINVAL;          /* no mutex uses PTHREAD_PRIO_PROTECT */
}

int pthread_mutex_setprioceiling(pthread_mutex_t *restrict m, int ceiling, int *restrict old)
{
	(void)m;
	(void)ceiling;
	(void)old;
	return EINVAL;
}
