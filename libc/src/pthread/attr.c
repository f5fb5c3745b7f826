// SPDX-License-Identifier: MIT
/*
 * Thread attributes: plain fields that pthread_create reads (thread.c).
 * Every setter validates first and fails with EINVAL without changing
 * anything. Scope, inheritsched, policy and priority are recorded; only
 * an explicit priority has an effect (the new thread's Tessera priority).
 * PTHREAD_SCOPE_PROCESS does not exist here (every thread is a kernel
 * thread): ENOTSUP, as POSIX words it.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <tessera/syscall.h>

#define PTHREAD_STACK_DEFAULT (2 * 1024 * 1024)

int pthread_attr_init(pthread_attr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__stacksize = PTHREAD_STACK_DEFAULT;
	attr->__guardsize = PAGE_SIZE;
	attr->__detachstate = PTHREAD_CREATE_JOINABLE;
	attr->__scope = PTHREAD_SCOPE_SYSTEM;
	attr->__inheritsched = PTHREAD_INHERIT_SCHED;
	attr->__policy = SCHED_OTHER;
	attr->__priority = PRIORITY_DEFAULT;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	*size = attr->__stacksize;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN || size > SIZE_MAX / 4)
		return EINVAL;
	attr->__stacksize = size;
	attr->__stackaddr = NULL;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict attr, void **restrict addr,
			  size_t *restrict size)
{
	*addr = attr->__stackaddr;
	*size = attr->__stacksize;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	uintptr_t a = (uintptr_t)addr;

	if (size < PTHREAD_STACK_MIN || !addr || a + size < a)
		return EINVAL;
	attr->__stackaddr = addr;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	*size = attr->__guardsize;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	if (size > SIZE_MAX / 4)
		return EINVAL;
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict attr, int *restrict scope)
{
	*scope = attr->__scope;
	return 0;
}

int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->__scope = scope;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict attr, int *restrict inherit)
{
	*inherit = attr->__inheritsched;
	return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	attr->__inheritsched = inherit;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *restrict attr, int *restrict policy)
{
	*policy = attr->__policy;
	return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
		return EINVAL;
	attr->__policy = policy;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *restrict attr,
			       struct sched_param *restrict param)
{
	param->sched_priority = attr->__priority;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *restrict attr,
			       const struct sched_param *restrict param)
{
	if (param->sched_priority < PRIORITY_MIN || param->sched_priority > PRIORITY_MAX)
		return EINVAL;
	attr->__priority = param->sched_priority;
	return 0;
}

int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
	struct pthread *t = pthread_of(thread);

	pthread_attr_init(attr);
	attr->__detachstate = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) ==
					      PTHREAD_STATE_DETACHED
				      ? PTHREAD_CREATE_DETACHED
				      : PTHREAD_CREATE_JOINABLE;
	attr->__guardsize = t->guard_size;
	if (t->stack_base) {
		attr->__stackaddr = t->stack_base;
		attr->__stacksize = t->stack_size;
	}
	int prio = (int)sys_getpriority(t->tcb.tid);
	if (prio >= 0)
		attr->__priority = prio;
	return 0;
}
