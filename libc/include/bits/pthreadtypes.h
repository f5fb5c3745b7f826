// SPDX-License-Identifier: MIT
/*
 * The pthread_*_t types, which POSIX puts in <sys/types.h> as well as in
 * <pthread.h>. Their fields are libc's (libc/src/pthread/): programs
 * treat them as opaque, so they are named __*. Every object that has a
 * static initializer is laid out so that all-zero bytes are its default
 * state; that is what PTHREAD_MUTEX_INITIALIZER and friends expand to.
 *
 * The 32-bit words that threads sleep on are futex words (the kernel
 * compares and waits on exactly 32 bits), so they are ints.
 */
#pragma once

#include <stddef.h>

/* A thread is named by its control block, the address %fs:0 holds. */
typedef struct tessera_thread *pthread_t;

typedef unsigned pthread_key_t;
typedef int pthread_once_t;
typedef volatile int pthread_spinlock_t;

typedef struct {
	size_t __stacksize;
	void *__stackaddr;      /* non-NULL: the caller's stack (setstack) */
	size_t __guardsize;
	int __detachstate;
	int __scope;
	int __inheritsched;
	int __policy;
	int __priority;
	int __flags;            /* bit 0: stacksize was set */
} pthread_attr_t;

typedef struct {
	volatile int __lock;    /* 0 free, 1 held, 2 held with sleepers */
	int __kind;             /* PTHREAD_MUTEX_NORMAL/RECURSIVE/ERRORCHECK */
	unsigned __count;       /* recursion depth */
	int __spare;
	void *volatile __owner; /* the holder's pthread_t (not for NORMAL) */
} pthread_mutex_t;

typedef struct {
	int __kind;
	int __pshared;
	int __protocol;
	int __robust;
} pthread_mutexattr_t;

typedef struct {
	volatile unsigned __seq;        /* bumped by every signal/broadcast */
	volatile int __waiters;
	int __clock;                    /* for timedwait; 0 is CLOCK_REALTIME */
	int __spare;
} pthread_cond_t;

typedef struct {
	int __clock;
	int __pshared;
} pthread_condattr_t;

typedef struct {
	volatile int __lock;            /* readers, or a writer; a sleepers flag */
	int __writer;                   /* the writer's tid */
	int __spare[2];
} pthread_rwlock_t;

typedef struct {
	int __pshared;
} pthread_rwlockattr_t;

typedef struct {
	volatile unsigned __arrived;    /* threads in the current round */
	volatile unsigned __seq;        /* rounds completed */
	unsigned __count;               /* threads per round */
	volatile unsigned __inside;     /* threads in pthread_barrier_wait */
} pthread_barrier_t;

typedef struct {
	int __pshared;
} pthread_barrierattr_t;
