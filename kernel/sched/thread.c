// SPDX-License-Identifier: MIT
/*
 * Creating and ending threads. A thread is its thread_t (heap) plus a
 * guarded kernel stack; a user thread's trap frame sits at the top of that
 * stack, so the entry code and fork/exec/signals all find the user
 * registers in the same place. A thread cannot free its own stack while
 * running on it: thread_exit marks it DEAD and switches away, and the next
 * thread on that CPU frees it (sched_finish_switch).
 */
#include <thread.h>

#include <arch/context.h>
#include <arch/percpu.h>
#include <lib/fmt.h>
#include <mm.h>
#include <panic.h>
#include <proc.h>
#include <sched.h>
#include <string.h>

#define TID_MAX 32768

static spinlock_t tid_lock = SPINLOCK_INIT;
static uint64_t tid_bitmap[TID_MAX / 64] = { 2 };      /* guarded by tid_lock */
/* Guarded by tid_lock; tid 1 is kept for init. */
static int tid_next = 2;

/* Thread ids and pids share one space (a process's pid is its first tid). */
int tid_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&tid_lock);
	int id = -1;

	for (int i = 0; i < TID_MAX && id < 0; i++) {
		int cand = (tid_next + i) % TID_MAX;
		if (cand && !(tid_bitmap[cand / 64] & (1ull << (cand % 64))))
			id = cand;
	}
	if (id > 0) {
		tid_bitmap[id / 64] |= 1ull << (id % 64);
		tid_next = id + 1;
	}
	spin_unlock_irqrestore(&tid_lock, flags);
	return id;
}

void tid_free(int id)
{
	uint64_t flags = spin_lock_irqsave(&tid_lock);

	tid_bitmap[id / 64] &= ~(1ull << (id % 64));
	spin_unlock_irqrestore(&tid_lock, flags);
}

trap_frame_t *thread_user_frame(thread_t *t)
{
	return (trap_frame_t *)(t->kstack_top - sizeof(trap_frame_t));
}

static thread_t *thread_alloc(const char *name, int priority, int tid)
{
	thread_t *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->kstack_top = kstack_alloc();
	if (!t->kstack_top) {
		kfree(t);
		return NULL;
	}
	t->kstack_bottom = t->kstack_top - KERNEL_STACK_SIZE;
	t->owns_tid = tid <= 0;
	t->tid = tid > 0 ? tid : tid_alloc();
	if (t->tid < 0) {
		kstack_free(t->kstack_top);
		kfree(t);
		return NULL;
	}
	t->priority = t->base_priority = priority;
	t->state = THREAD_BLOCKED;
	t->cpu = (int)cpu_current_id();
	t->migrate_to = -1;
	/* New threads and forked processes keep their creator's CPUs, as
	 * on Linux; the kernel's own threads may run anywhere. */
	thread_t *creator = thread_current();
	t->affinity = creator && creator->proc ? creator->affinity : SCHED_ALL_CPUS;
	fmt_snprintf(t->name, sizeof(t->name), "%s", name);
	arch_fpu_init_state(t->fpu_state);
	return t;
}

thread_t *kthread_create(const char *name, void (*fn)(void *), void *arg, int priority)
{
	thread_t *t = thread_alloc(name, priority, 0);

	if (!t)
		return NULL;
	t->kfn = fn;
	t->karg = arg;
	arch_thread_init_kernel(t);
	sched_start(t);
	return t;
}

thread_t *uthread_create_with_tid(process_t *proc, const trap_frame_t *frame,
				  int priority, int tid)
{
	thread_t *t = thread_alloc(proc->name, priority, tid);

	if (!t)
		return NULL;
	t->proc = proc;
	arch_thread_init_user(t, frame);
	return t;
}

thread_t *uthread_create(process_t *proc, const trap_frame_t *frame, int priority)
{
	return uthread_create_with_tid(proc, frame, priority, 0);
}

void kthread_main(void)
{
	thread_t *t = thread_current();

	irq_enable();
	t->kfn(t->karg);
	thread_exit();
}

void thread_exit(void)
{
	thread_t *t = thread_current();

	irq_disable();
	__atomic_store_n(&t->state, THREAD_DEAD, __ATOMIC_RELEASE);
	schedule();
	panic("thread %d ran after it exited", t->tid);
}

void thread_free(thread_t *t)
{
	/* The pid of a process is freed with the process, not its first thread. */
	if (t->owns_tid)
		tid_free(t->tid);
	kstack_free(t->kstack_top);
	kfree(t);
}
