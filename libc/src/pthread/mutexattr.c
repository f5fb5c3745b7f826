// SPDX-License-Identifier: MIT
/*
 * Mutex attributes. Only the type changes how a mutex behaves; the
 * other attributes accept their one supported value (private, stalled,
 * no priority protocol) and refuse the rest with ENOTSUP, so a program
 * that needs them learns at initialisation, not by misbehaving later.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <string.h>

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type)
{
	*type = attr->__kind;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__kind = type;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict attr,
				 int *restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	int err = __pthread_pshared_check(pshared);

	if (!err)
		attr->__pshared = pshared;
	return err;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *restrict attr,
				  int *restrict protocol)
{
	*protocol = attr->__protocol;
	return 0;
}

int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attr, int protocol)
{
	if (protocol == PTHREAD_PRIO_INHERIT || protocol == PTHREAD_PRIO_PROTECT)
		return ENOTSUP;
	if (protocol != PTHREAD_PRIO_NONE)
		return EINVAL;
	attr->__protocol = protocol;
	return 0;
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t *restrict attr, int *restrict robust)
{
	*robust = attr->__robust;
	return 0;
}

int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust)
{
	if (robust == PTHREAD_MUTEX_ROBUST)
		return ENOTSUP;
	if (robust != PTHREAD_MUTEX_STALLED)
		return EINVAL;
	attr->__robust = robust;
	return 0;
}

/* The ceiling matters only under PTHREAD_PRIO_PROTECT, which is refused. */
int pthread_mutexattr_getprioceiling(const pthread_mutexattr_t *restrict attr,
				     int *restrict ceiling)
{
	(void)attr;
	*ceiling = PRIORITY_MAX;
	return 0;
}

int pthread_mutexattr_setprioceiling(pthread_mutexattr_t *attr, int ceiling)
{
	(void)attr;
	if (ceiling < PRIORITY_MIN || ceiling > PRIORITY_MAX)
		return EINVAL;
	return 0;
}
