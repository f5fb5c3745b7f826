// SPDX-License-Identifier: MIT
/*
 * libc's private thread state, shared by thread.c, tls.c and the files in
 * libc/src/pthread/.
 *
 * A thread is one struct pthread, which begins with the TCB (struct
 * tessera_thread, what %fs:0 points at and the ABI fixes), so pthread_t,
 * tessera_thread_t * and the TCB address are one pointer. The rest
 * follows the TCB in the same allocation (__tls_setup sizes for it), below
 * which lies the thread's static TLS block.
 *
 * Life cycle (`state`, changed by compare-and-swap so that a detach and
 * the thread's own end agree on who frees the thread):
 *   JOINABLE --exit--> EXITED  --join--> freed by the joiner
 *   JOINABLE --detach--> DETACHED --exit--> freed by a later reaper
 *   EXITED --detach--> freed by the detacher
 * "Freed" means unmapped after the kernel has cleared `tcb.running`
 * (CLONE_CHILD_CLEARTID), when the thread can no longer touch its stack.
 *
 * Cancellation (cancel.c) and the blocking calls that are cancellation
 * points share one rule: a thread about to sleep on a futex word
 * publishes the word's address in `cancel_word` under `cancel_lock`;
 * pthread_cancel, under the same lock, bumps that word and wakes it, so
 * the sleeper cannot miss the request (its futex_wait either sees the new
 * value or is woken). Only words that tolerate a spurious bump are used
 * that way (condition-variable sequences, `join_seq`).
 */
#pragma once

#include "../libc.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

/* What a cancellable sleep returns when the caller is to act on a cancel. */
#define PTHREAD_WAIT_CANCELED (-1)

enum {
	PTHREAD_STATE_JOINABLE,
	PTHREAD_STATE_DETACHED,
	PTHREAD_STATE_EXITED,
};

struct pthread {
	struct tessera_thread tcb;      /* first: %fs:0 points here */

	volatile int state;             /* PTHREAD_STATE_*, by CAS */
	volatile int join_seq;          /* bumped at exit (and by cancel) */
	volatile int cancel_pending;
	int cancel_disabled;            /* PTHREAD_CANCEL_DISABLE */
	int cancel_async;               /* recorded only: acts as deferred */
	volatile int cancel_lock;       /* a spin lock for cancel_word */
	volatile int *cancel_word;      /* the futex word it sleeps on, or NULL */
	struct __pthread_cleanup *cleanup;
	struct pthread *reap_next;      /* on the reaper's list once detached */

	void *stack_base;               /* lowest byte of the usable stack */
	size_t stack_size;
	size_t guard_size;
	bool user_stack;                /* pthread_attr_setstack's */
	char name[16];
};

static inline struct pthread *pthread_current(void)
{
	return (struct pthread *)tessera_thread_self();
}

static inline struct pthread *pthread_of(pthread_t t)
{
	return (struct pthread *)t;
}

/* The number of threads that have not ended yet; the last one runs exit(0). */
extern int __pthread_live;

/* Creates a thread (thread.c); an error number, not errno. */
int __pthread_create(struct pthread **out, const pthread_attr_t *attr,
		     void *(*start)(void *), void *arg);
/* Waits for a joinable thread, takes its result, frees it; an error number. */
int __pthread_join(struct pthread *t, void **result, bool cancellable);
/* Runs TSD destructors (tsd.c, weak: only programs that use keys have it). */
void __pthread_tsd_run_destructors(void) __attribute__((weak));
/* The child's side of fork for the thread layer (thread.c). */
void __pthread_fork_child(void);

/* Short internal locks for libc's own tables: spin, then yield. */
void __pthread_spin_acquire(volatile int *lock);
void __pthread_spin_release(volatile int *lock);

/*
 * Sleeps on *word while it holds `expected`, at most until abstime on
 * clock (NULL: forever). 0 on a wake-up or a changed value, ETIMEDOUT,
 * EINTR, EINVAL for a bad abstime. The cancellable variant also returns
 * PTHREAD_WAIT_CANCELED when the caller is to act on a cancellation request.
 */
int __pthread_futex_wait(volatile int *word, int expected, clockid_t clock,
			 const struct timespec *abstime);
int __pthread_futex_wait_cancellable(volatile int *word, int expected, clockid_t clock,
				     const struct timespec *abstime);
void __pthread_futex_wake(volatile int *word, int count);
/* 0 and the time left until abstime on clock, ETIMEDOUT, or EINVAL. */
int __pthread_time_left(clockid_t clock, const struct timespec *abstime,
			struct timespec *left);
/* Acts on a pending cancellation request if enabled (never returns then). */
void __pthread_cancel_point(void);

/* Mutex internals that condition variables need (mutex.c). */
int __pthread_mutex_release_all(pthread_mutex_t *m, unsigned *count);
void __pthread_mutex_reacquire(pthread_mutex_t *m, unsigned count);

/*
 * The pshared attribute of mutexes, condition variables, rwlocks and
 * barriers: private only, since futexes are private to a process
 * (ENOTSUP for PTHREAD_PROCESS_SHARED, EINVAL for anything else).
 */
static inline int __pthread_pshared_check(int pshared)
{
	if (pshared == PTHREAD_PROCESS_SHARED)
		return ENOTSUP;
	return pshared == PTHREAD_PROCESS_PRIVATE ? 0 : EINVAL;
}
