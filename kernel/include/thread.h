// SPDX-License-Identifier: MIT
/*
 * Threads: the unit the scheduler runs. Every thread has a kernel stack;
 * a user thread also belongs to a process and enters user mode from the
 * trap frame at the top of that stack. Its FPU/SSE state is saved and
 * restored eagerly at each switch.
 *
 * Locking: state, on_cpu, cpu and the run-queue links are guarded by the
 * run-queue lock of thread->cpu (see sched.c). wait_next and friends by
 * the lock of the wait queue the thread sleeps on.
 */
#pragma once

#include <abi/signal.h>
#include <arch/trap.h>
#include <stdbool.h>
#include <stdint.h>

struct process;

typedef enum thread_state {
	THREAD_RUNNABLE,        /* on a run queue, or running */
	THREAD_BLOCKED,         /* waiting: on a wait queue, sleeping, ... */
	THREAD_DEAD,            /* exited; reaped when switched away from */
} thread_state_t;

#define SCHED_PRIORITIES 32

typedef struct thread {
	uint64_t saved_rsp;             /* kernel rsp while switched out */
	uintptr_t kstack_top;
	uintptr_t kstack_bottom;
	struct process *proc;           /* NULL for kernel threads */
	int tid;
	int priority;                   /* 0 .. SCHED_PRIORITIES-1, higher runs first */
	int base_priority;              /* its own; priority differs while it serves
					 * a scheme request (priority inheritance) */
	char name[24];

	/* Guarded by the run-queue lock of `cpu`: */
	volatile thread_state_t state;
	volatile bool on_cpu;           /* its registers are live on a CPU */
	volatile int cpu;
	struct thread *rq_next, *rq_prev;
	uint64_t slice_end_ns;
	uint64_t affinity;              /* CPUs it may run on (bit n: CPU n) */
	int migrate_to;                 /* -1, or the CPU it is moving to */

	/* Sleeping: */
	uint64_t wake_at_ns;            /* 0 when not in a timed sleep */
	struct thread *sleep_next;
	volatile bool timed_out;
	volatile bool interrupted;      /* woken early by a signal */

	/* Wait queues (guarded by the queue's lock): */
	struct thread *wait_next;
	void *waiting_on;
	uint64_t futex_addr;            /* the word a futex waiter sleeps on */
	void *futex_space;              /* ... in this address space */

	/* Accounting (written by the CPU running it): */
	uint64_t runtime_ns;
	uint64_t switched_in_at;
	uint64_t switches;

	/* User context: */
	uint64_t fs_base;
	abi_sigset_t sigmask;           /* blocked signals (owned by the thread) */
	/* In sigsuspend: the mask to restore once a signal was handled. */
	bool sigsuspended;
	abi_sigset_t sigsuspend_saved;
	volatile abi_sigset_t sigpending;
	uint64_t clear_tid_addr;        /* user word zeroed + futex-woken at exit */
	bool owns_tid;                  /* free tid with the thread (not a pid) */
	struct thread *proc_next;       /* process's thread list (process lock) */

	/* Kernel threads: */
	void (*kfn)(void *);
	void *karg;

	uint8_t fpu_state[512] __attribute__((aligned(16)));
} thread_t;

thread_t *thread_current(void);

/* A kernel thread running fn(arg); runnable at once. NULL when out of memory. */
thread_t *kthread_create(const char *name, void (*fn)(void *), void *arg, int priority);
/* A user thread of proc that will return to user mode with *frame. */
thread_t *uthread_create(struct process *proc, const trap_frame_t *frame, int priority);
/* The trap frame a user thread returns to user mode with. */
trap_frame_t *thread_user_frame(thread_t *t);
/* Ends the calling thread. */
__attribute__((noreturn)) void thread_exit(void);
/* Frees a dead thread's memory; called once it can never run again. */
void thread_free(thread_t *t);

/* Like uthread_create, with a given id (a new process's first thread). */
thread_t *uthread_create_with_tid(struct process *proc, const trap_frame_t *frame,
				  int priority, int tid);
int tid_alloc(void);
void tid_free(int id);
