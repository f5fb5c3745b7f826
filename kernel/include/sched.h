// SPDX-License-Identifier: MIT
/*
 * The scheduler: per-CPU run queues with SCHED_PRIORITIES levels,
 * round-robin within a level, preemption on the timer tick when the
 * running thread's slice is used up or a higher-priority thread is
 * waiting, and work stealing by idle CPUs. Blocking goes through wait
 * queues (waitq_t) and timed sleeps.
 */
#pragma once

#include <spinlock.h>
#include <stdbool.h>
#include <stdint.h>
#include <thread.h>

#define SCHED_SLICE_NS 10000000ull      /* 10 ms */

void sched_init_cpu(void);              /* makes this CPU's idle thread */
void sched_start(thread_t *t);          /* makes a new thread runnable */
void sched_wake(thread_t *t);           /* BLOCKED -> RUNNABLE */
/*
 * Direct hand-off: wakes t onto this CPU as the thread to run next, so
 * when the caller blocks right after (a client sending a request, a
 * daemon going back for the next one) the switch goes straight to t.
 */
void sched_wake_handoff(thread_t *t);
void schedule(void);                    /* pick the next thread to run */
void sched_yield(void);
void sched_tick(void);                  /* from the timer interrupt */
/* Set by sched_tick or a wake-up; checked on the way back to user mode. */
bool sched_need_resched(void);
void sched_set_priority(thread_t *t, int priority);

#define SCHED_ALL_CPUS (~0ull)
/* The online CPUs as a mask (bit n: CPU n). */
uint64_t sched_online_cpus(void);
/*
 * Sets the CPUs t may run on; -EINVAL if none of them is online. A
 * thread outside its new mask moves on its next way to user mode.
 */
int sched_set_affinity(thread_t *t, uint64_t mask);
/* Moves the calling thread to a CPU of its mask if it is not on one. */
void sched_migrate_if_needed(void);

/*
 * Blocks the calling thread until sched_wake or the deadline (absolute
 * clock_ns; 0 = none). Returns true when woken, false on timeout. The
 * caller has set up how it will be found (a wait queue) beforehand.
 */
bool sched_block(uint64_t deadline_ns);
/* Sleeps until clock_ns() >= deadline_ns. */
void sched_sleep_until(uint64_t deadline_ns);

/* CPU time spent running threads other than the idle thread. */
uint64_t sched_cpu_busy_ns(unsigned cpu);

typedef struct waitq {
	spinlock_t lock;
	thread_t *head, *tail;          /* guarded by lock */
} waitq_t;

#define WAITQ_INIT { SPINLOCK_INIT, NULL, NULL }

/*
 * Waits on wq until woken or the deadline passes. `cond` is checked
 * under the queue lock before sleeping, so a wake-up between the
 * caller's check and the sleep is not lost. Returns 0 when woken or cond
 * held, -ETIMEDOUT on timeout.
 */
int waitq_wait(waitq_t *wq, bool (*cond)(void *), void *arg, uint64_t deadline_ns);
/* Waits until woken with cond(arg) true; pending signals do not end it. */
void waitq_wait_signals_held(waitq_t *wq, bool (*cond)(void *), void *arg);
/* Wakes up to n waiters (n < 0: all); returns how many. */
int waitq_wake(waitq_t *wq, int n);
/* Wakes the first waiter with a direct hand-off; whether there was one. */
bool waitq_wake_handoff(waitq_t *wq);
/* Removes t from wq if it is still there (timeouts, cancellation). */
void waitq_remove(waitq_t *wq, thread_t *t);
