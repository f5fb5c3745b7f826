// SPDX-License-Identifier: MIT
/*
 * Unnamed semaphores (POSIX <semaphore.h>).
 *
 * A semaphore is one 64-bit word: its value (a futex word) and the number
 * of threads waiting, so sem_post makes a system call only when someone
 * waits. Futexes are
 * private to a process, so sem_init with pshared != 0 fails with ENOSYS.
 * Named semaphores (sem_open) need a shared-memory name space that libc
 * does not have yet: sem_open returns SEM_FAILED with ENOSYS.
 */
#pragma once

#include <fcntl.h>
#include <time.h>

/* Low 32 bits: the value (the futex word); high 32: threads waiting. */
typedef struct {
	volatile unsigned long __word;
} sem_t;

#define SEM_FAILED ((sem_t *)0)
#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 0x7fffffff
#endif
#ifndef SEM_NSEMS_MAX
#define SEM_NSEMS_MAX 256
#endif

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime);
int sem_clockwait(sem_t *restrict sem, clockid_t clock,
		  const struct timespec *restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *restrict sem, int *restrict value);

sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);
