// SPDX-License-Identifier: MIT
/*
 * Barriers: an arrival count and a round number (the futex word).
 *
 * Each thread reads the round, then counts itself in. The one that
 * completes the count resets it for the next round first, then advances
 * the round and wakes everyone; it is the PTHREAD_BARRIER_SERIAL_THREAD.
 * The others sleep until the round moves on. Because the count is reset
 * before the round advances, a thread that leaves and comes straight back
 * for the next round is counted in that round, never the old one.
 * `inside` counts the threads in pthread_barrier_wait, so destroy can
 * wait for those a finished round released but that have not yet left.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict attr,
			 unsigned count)
{
	(void)attr;
	if (count == 0 || count > INT_MAX)
		return EINVAL;
	b->__arrived = 0;
	b->__seq = 0;
	b->__count = count;
	b->__inside = 0;
	return 0;
}

/* Threads released from the last round may still be on their way out. */
int pthread_barrier_destroy(pthread_barrier_t *b)
{
	if (__atomic_load_n(&b->__arrived, __ATOMIC_ACQUIRE) != 0)
		return EBUSY;
	while (__atomic_load_n(&b->__inside, __ATOMIC_ACQUIRE) != 0)
		sched_yield();
	return 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	unsigned round;

	__atomic_fetch_add(&b->__inside, 1, __ATOMIC_ACQ_REL);
	round = __atomic_load_n(&b->__seq, __ATOMIC_ACQUIRE);
	if (__atomic_add_fetch(&b->__arrived, 1, __ATOMIC_ACQ_REL) == b->__count) {
		__atomic_store_n(&b->__arrived, 0, __ATOMIC_RELAXED);
		__atomic_fetch_add(&b->__seq, 1, __ATOMIC_RELEASE);
		__pthread_futex_wake((volatile int *)&b->__seq, INT_MAX);
		__atomic_fetch_sub(&b->__inside, 1, __ATOMIC_RELEASE);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	while (__atomic_load_n(&b->__seq, __ATOMIC_ACQUIRE) == round)
		__pthread_futex_wait((volatile int *)&b->__seq, (int)round, CLOCK_MONOTONIC, NULL);
	__atomic_fetch_sub(&b->__inside, 1, __ATOMIC_RELEASE);
	return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *restrict attr,
				   int *restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	int err = __pthread_pshared_check(pshared);

	if (!err)
		attr->__pshared = pshared;
	return err;
}
