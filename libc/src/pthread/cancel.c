// SPDX-License-Identifier: MIT
/*
 * Deferred cancellation and cleanup handlers.
 *
 * pthread_cancel only records the request and, if the target sleeps in a
 * cancellation point, disturbs the word it sleeps on (pthread_impl.h).
 * The target acts on it at the next cancellation point: it calls
 * pthread_exit(PTHREAD_CANCELED), which pops and runs the cleanup
 * handlers, then the TSD destructors. The cancellation points are
 * pthread_testcancel, pthread_cond_wait/timedwait/clockwait and
 * pthread_join. Asynchronous cancellation would need a thread-directed
 * signal, which the kernel lacks; the type is recorded and acts as
 * deferred.
 *
 * Cleanup handlers form a list through the caller's stack frames
 * (struct __pthread_cleanup lives in the block pthread_cleanup_push
 * opens), newest first.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>

int pthread_cancel(pthread_t thread)
{
	struct pthread *t = pthread_of(thread);

	if (!t)
		return ESRCH;
	__atomic_store_n(&t->cancel_pending, 1, __ATOMIC_SEQ_CST);
	__pthread_spin_acquire(&t->cancel_lock);
	if (t->cancel_word) {
		__atomic_fetch_add(t->cancel_word, 1, __ATOMIC_SEQ_CST);
		__pthread_futex_wake(t->cancel_word, INT_MAX);
	}
	__pthread_spin_release(&t->cancel_lock);
	return 0;
}

void __pthread_cancel_point(void)
{
	struct pthread *self = pthread_current();

	if (!self->cancel_disabled && __atomic_load_n(&self->cancel_pending, __ATOMIC_SEQ_CST))
		pthread_exit(PTHREAD_CANCELED);
}

void pthread_testcancel(void)
{
	__pthread_cancel_point();
}

int pthread_setcancelstate(int state, int *oldstate)
{
	struct pthread *self = pthread_current();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (oldstate)
		*oldstate = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

int pthread_setcanceltype(int type, int *oldtype)
{
	struct pthread *self = pthread_current();

	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (oldtype)
		*oldtype = self->cancel_async ? PTHREAD_CANCEL_ASYNCHRONOUS
					      : PTHREAD_CANCEL_DEFERRED;
	self->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return 0;
}

void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg)
{
	struct pthread *self = pthread_current();

	c->__fn = fn;
	c->__arg = arg;
	c->__next = self->cleanup;
	self->cleanup = c;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute)
{
	pthread_current()->cleanup = c->__next;
	if (execute)
		c->__fn(c->__arg);
}
