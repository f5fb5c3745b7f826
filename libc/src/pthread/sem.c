// SPDX-License-Identifier: MIT
/*
 * Unnamed semaphores: one 64-bit word, the value in its low half (the
 * futex word; little-endian, so at the word's address) and the number of
 * waiting threads in its high half. Every change is one atomic operation
 * on the whole word, so sem_post learns whether anyone waits from the
 * same compare-and-swap that raises the value, and touches the semaphore
 * no more after it: a waiter may destroy it as soon as sem_wait returns
 * (the usual "completion" use), which a separate waiter count read after
 * the post would turn into a use after free.
 *
 * A waiter counts itself in, then sleeps while the value is 0; on waking
 * it takes a unit and counts itself out in one step, or sleeps again. A
 * waiter that gives up (timeout, signal) just counts itself out.
 *
 * sem_wait, sem_timedwait and sem_clockwait return EINTR when a signal
 * handler runs while they sleep, as POSIX says; they are not
 * cancellation points here (see <pthread.h>). Futexes are private to a
 * process, so pshared semaphores fail with ENOSYS, and there are no
 * named semaphores: sem_open fails with ENOSYS.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <semaphore.h>

#define SEM_VALUE(w)    ((unsigned)(w))
#define SEM_WAITER      (1UL << 32)

_Static_assert(sizeof(sem_t) == 8, "sem_t is one word");

static volatile int *sem_futex(sem_t *sem)
{
	return (volatile int *)&sem->__word;    /* the low half */
}

int sem_init(sem_t *sem, int pshared, unsigned value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (pshared) {
		errno = ENOSYS;
		return -1;
	}
	sem->__word = value;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

/* Takes a unit if there is one, subtracting `also` (a waiter) with it. */
static bool sem_take(sem_t *sem, unsigned long also)
{
	unsigned long w = __atomic_load_n(&sem->__word, __ATOMIC_RELAXED);

	while (SEM_VALUE(w) > 0)
		if (__atomic_compare_exchange_n(&sem->__word, &w, w - 1 - also, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

static int sem_wait_until(sem_t *sem, clockid_t clock, const struct timespec *abstime)
{
	if (sem_take(sem, 0))
		return 0;
	__atomic_fetch_add(&sem->__word, SEM_WAITER, __ATOMIC_SEQ_CST);
	for (;;) {
		int err = __pthread_futex_wait(sem_futex(sem), 0, clock, abstime);
		if (sem_take(sem, SEM_WAITER))
			return 0;
		if (err) {
			__atomic_fetch_sub(&sem->__word, SEM_WAITER, __ATOMIC_RELAXED);
			errno = err;
			return -1;
		}
	}
}

int sem_wait(sem_t *sem)
{
	return sem_wait_until(sem, CLOCK_REALTIME, NULL);
}

int sem_trywait(sem_t *sem)
{
	if (sem_take(sem, 0))
		return 0;
	errno = EAGAIN;
	return -1;
}

int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime)
{
	return sem_wait_until(sem, CLOCK_REALTIME, abstime);
}

int sem_clockwait(sem_t *restrict sem, clockid_t clock, const struct timespec *restrict abstime)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	return sem_wait_until(sem, clock, abstime);
}

int sem_post(sem_t *sem)
{
	unsigned long w = __atomic_load_n(&sem->__word, __ATOMIC_RELAXED);

	do {
		if (SEM_VALUE(w) >= SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (!__atomic_compare_exchange_n(&sem->__word, &w, w + 1, true, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	if (w >= SEM_WAITER)
		__pthread_futex_wake(sem_futex(sem), 1);
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = (int)SEM_VALUE(__atomic_load_n(&sem->__word, __ATOMIC_RELAXED));
	return 0;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	(void)name;
	(void)oflag;
	errno = ENOSYS;
	return SEM_FAILED;
}

int sem_close(sem_t *sem)
{
	(void)sem;
	errno = EINVAL;         /* sem_open never succeeds */
	return -1;
}

int sem_unlink(const char *name)
{
	(void)name;
	errno = ENOSYS;
	return -1;
}
