// SPDX-License-Identifier: MIT
/*
 * Per-CPU run queues. Each CPU has one queue per priority level and a
 * bitmap of the non-empty levels, so picking the next thread is a bit scan.
 * A thread belongs to the queue of thread->cpu; every change to its state,
 * on_cpu flag or queue links happens under that queue's lock.
 *
 * The switch protocol: schedule() takes its CPU's lock, puts the previous
 * thread back if it is still runnable, picks the next (stealing from
 * another CPU when its own queue is empty), and switches with the lock
 * held. Whoever runs next on this CPU — the resumed thread in schedule(),
 * or a new thread in its start stub — calls sched_finish_switch, which
 * marks the previous thread off the CPU and releases the lock. Only then
 * can the previous thread be stolen, or reaped if it died.
 *
 * A wake-up that finds its thread still on a CPU (it set itself BLOCKED
 * but has not switched away yet) only marks it RUNNABLE; schedule() sees
 * that and keeps it. Preemption happens on the way back to user mode and
 * in the idle loop: kernel code runs until it blocks or yields.
 *
 * Affinity: a thread runs only on the CPUs of its mask. Placement,
 * stealing and hand-offs respect it. A thread that finds itself on a CPU
 * outside its mask (its mask just changed, or a wake-up put it back on
 * its old CPU) moves itself on the way back to user mode: it blocks with
 * migrate_to set, and the next thread on the old CPU, once the switch is
 * complete, queues it on the new one (sched_finish_migration). So user
 * code never runs outside the mask; kernel code may, briefly.
 */
#include <sched.h>

#include <abi/errno.h>
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <boot.h>
#include <clock.h>
#include <lib/cmdline.h>
#include <lib/fmt.h>
#include <log.h>
#include <mm.h>
#include <panic.h>
#include <smp.h>
#include <string.h>

typedef struct runqueue {
	spinlock_t lock;
	/* Guarded by lock: */
	uint32_t bitmap;
	thread_t *head[SCHED_PRIORITIES], *tail[SCHED_PRIORITIES];
	uint32_t queued;
	thread_t *current;
	thread_t *idle;
	thread_t *switch_prev;
	thread_t *handoff;              /* runs next, if still queued here */
	thread_t *sleepers;             /* sorted by wake_at_ns */
	uint64_t busy_ns;
	/* Set by anyone, cleared by the owning CPU: */
	volatile bool need_resched;
} runqueue_t;

static runqueue_t runqueues[MAX_CPUS];

static runqueue_t *rq_this(void)
{
	return &runqueues[cpu_current_id()];
}

thread_t *thread_current(void)
{
	return percpu_ready ? cpu_current()->current : NULL;
}

static void rq_enqueue_locked(runqueue_t *rq, thread_t *t)
{
	int p = t->priority;

	t->rq_next = NULL;
	t->rq_prev = rq->tail[p];
	if (rq->tail[p])
		rq->tail[p]->rq_next = t;
	else
		rq->head[p] = t;
	rq->tail[p] = t;
	rq->bitmap |= 1u << p;
	rq->queued++;
}

static void rq_dequeue_locked(runqueue_t *rq, thread_t *t)
{
	int p = t->priority;

	if (t->rq_prev)
		t->rq_prev->rq_next = t->rq_next;
	else
		rq->head[p] = t->rq_next;
	if (t->rq_next)
		t->rq_next->rq_prev = t->rq_prev;
	else
		rq->tail[p] = t->rq_prev;
	if (!rq->head[p])
		rq->bitmap &= ~(1u << p);
	t->rq_next = t->rq_prev = NULL;
	rq->queued--;
	if (rq->handoff == t)
		rq->handoff = NULL;     /* stolen or picked: the hint is spent */
}

static void rq_enqueue_head_locked(runqueue_t *rq, thread_t *t)
{
	int p = t->priority;

	t->rq_prev = NULL;
	t->rq_next = rq->head[p];
	if (rq->head[p])
		rq->head[p]->rq_prev = t;
	else
		rq->tail[p] = t;
	rq->head[p] = t;
	rq->bitmap |= 1u << p;
	rq->queued++;
}

static bool thread_allowed_on(const thread_t *t, unsigned cpu)
{
	return t->affinity & (1ull << cpu);
}

static bool rq_contains_locked(runqueue_t *rq, thread_t *t)
{
	return t->rq_prev || rq->head[t->priority] == t;
}

static int rq_top_priority_locked(const runqueue_t *rq);

/* The hand-off thread, if it is still waiting in this queue (and no
 * thread of higher priority is). */
static thread_t *rq_pick_handoff_locked(runqueue_t *rq, unsigned me)
{
	thread_t *t = rq->handoff;

	rq->handoff = NULL;
	if (!t || t->cpu != (int)me || t->state != THREAD_RUNNABLE || t->on_cpu ||
	    !thread_allowed_on(t, me) ||
	    !rq_contains_locked(rq, t) || rq_top_priority_locked(rq) > t->priority)
		return NULL;
	rq_dequeue_locked(rq, t);
	return t;
}

static thread_t *rq_pick_locked(runqueue_t *rq)
{
	if (!rq->bitmap)
		return NULL;
	thread_t *t = rq->head[31 - __builtin_clz(rq->bitmap)];
	rq_dequeue_locked(rq, t);
	return t;
}

static int rq_top_priority_locked(const runqueue_t *rq)
{
	return rq->bitmap ? 31 - __builtin_clz(rq->bitmap) : -1;
}

/* The best queued thread that may run on cpu, taken off the queue. */
static thread_t *rq_pick_allowed_locked(runqueue_t *rq, unsigned cpu)
{
	for (uint32_t levels = rq->bitmap; levels; ) {
		int p = 31 - __builtin_clz(levels);
		for (thread_t *t = rq->head[p]; t; t = t->rq_next) {
			if (thread_allowed_on(t, cpu)) {
				rq_dequeue_locked(rq, t);
				return t;
			}
		}
		levels &= ~(1u << p);
	}
	return NULL;
}

/* Takes the best queued thread of another CPU; called holding our lock. */
static thread_t *sched_steal(unsigned me)
{
	thread_t *best = NULL;

	for (unsigned i = 1; i < cpu_count && !best; i++) {
		unsigned victim = (me + i) % cpu_count;
		runqueue_t *rq = &runqueues[victim];
		if (!rq->queued || !spin_trylock(&rq->lock))
			continue;
		best = rq_pick_allowed_locked(rq, me);
		if (best)
			best->cpu = (int)me;
		spin_unlock(&rq->lock);
	}
	return best;
}

static void sched_account(runqueue_t *rq, thread_t *prev, thread_t *next, uint64_t now)
{
	uint64_t ran = now - prev->switched_in_at;

	prev->runtime_ns += ran;
	if (prev != rq->idle)
		rq->busy_ns += ran;
	next->switched_in_at = now;
	next->switches++;
	if (next->slice_end_ns <= now)
		next->slice_end_ns = now + SCHED_SLICE_NS;
}

static void sched_finish_migration(thread_t *t);

void sched_finish_switch(void)
{
	runqueue_t *rq = rq_this();
	thread_t *prev = rq->switch_prev;
	bool migrating = prev->migrate_to >= 0;

	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	spin_unlock(&rq->lock);
	if (prev->state == THREAD_DEAD)
		thread_free(prev);
	else if (migrating)
		sched_finish_migration(prev);
}

void schedule(void)
{
	uint64_t flags = irq_save();
	unsigned me = cpu_current_id();
	runqueue_t *rq = &runqueues[me];
	thread_t *prev, *next;

	spin_lock(&rq->lock);
	prev = rq->current;
	rq->need_resched = false;
	if (prev->state == THREAD_RUNNABLE && prev != rq->idle)
		rq_enqueue_locked(rq, prev);
	next = rq_pick_handoff_locked(rq, me);
	if (!next)
		next = rq_pick_locked(rq);
	if (!next)
		next = sched_steal(me);
	if (!next)
		next = rq->idle;
	if (next == prev) {
		spin_unlock(&rq->lock);
		irq_restore(flags);
		return;
	}
	sched_account(rq, prev, next, clock_ns());
	next->on_cpu = true;
	next->cpu = (int)me;
	rq->current = next;
	rq->switch_prev = prev;
	arch_thread_switch(prev, next);
	switch_context(&prev->saved_rsp, next->saved_rsp);
	sched_finish_switch();
	irq_restore(flags);
}

void sched_yield(void)
{
	thread_t *t = thread_current();

	t->slice_end_ns = 0;            /* go to the back of the level */
	schedule();
}

bool sched_need_resched(void)
{
	return rq_this()->need_resched;
}

uint64_t sched_online_cpus(void)
{
	uint64_t mask = 0;

	for (unsigned i = 0; i < cpu_count; i++)
		if (cpu_table[i].online)
			mask |= 1ull << i;
	return mask;
}

/* The least loaded online CPU of the mask (this one if none is). */
static unsigned sched_pick_cpu(uint64_t allowed)
{
	unsigned best = cpu_current_id();
	uint32_t best_load = ~0u;

	for (unsigned i = 0; i < cpu_count; i++) {
		if (!cpu_table[i].online || !(allowed & (1ull << i)))
			continue;
		runqueue_t *rq = &runqueues[i];
		uint32_t load = rq->queued + (rq->current && rq->current != rq->idle);
		if (load < best_load) {
			best_load = load;
			best = i;
		}
	}
	return best;
}

/* Makes the CPU running a lower-priority thread reschedule soon. */
static void sched_preempt_check_locked(unsigned cpu, runqueue_t *rq, thread_t *t)
{
	if (rq->current != rq->idle && t->priority <= rq->current->priority)
		return;
	rq->need_resched = true;
	if (cpu != cpu_current_id())
		lapic_send_ipi(cpu_table[cpu].apic_id, VEC_IPI_RESCHED);
}

void sched_start(thread_t *t)
{
	unsigned cpu = sched_pick_cpu(t->affinity);
	runqueue_t *rq = &runqueues[cpu];
	uint64_t flags = spin_lock_irqsave(&rq->lock);

	t->cpu = (int)cpu;
	t->state = THREAD_RUNNABLE;
	rq_enqueue_locked(rq, t);
	sched_preempt_check_locked(cpu, rq, t);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Locks the queue t belongs to, following it if it migrates meanwhile. */
static runqueue_t *sched_lock_thread(thread_t *t, uint64_t *flags)
{
	for (;;) {
		int cpu = __atomic_load_n(&t->cpu, __ATOMIC_ACQUIRE);
		runqueue_t *rq = &runqueues[cpu];
		*flags = spin_lock_irqsave(&rq->lock);
		if (t->cpu == cpu)
			return rq;
		spin_unlock_irqrestore(&rq->lock, *flags);
	}
}

static void sched_wake_locked(runqueue_t *rq, thread_t *t)
{
	if (t->state != THREAD_BLOCKED)
		return;
	t->state = THREAD_RUNNABLE;
	if (!t->on_cpu) {
		rq_enqueue_locked(rq, t);
		sched_preempt_check_locked((unsigned)t->cpu, rq, t);
	}
}

void sched_wake(thread_t *t)
{
	uint64_t flags;
	runqueue_t *rq = sched_lock_thread(t, &flags);

	sched_wake_locked(rq, t);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/*
 * A blocked thread that is on no CPU is on no queue either, so holding
 * the lock of its current queue is enough to move it to this CPU: a
 * concurrent waker follows t->cpu to our queue and finds it RUNNABLE.
 */
void sched_wake_handoff(thread_t *t)
{
	uint64_t flags;
	runqueue_t *rq = sched_lock_thread(t, &flags);
	unsigned me = cpu_current_id();

	/* A timed sleeper stays where its sleeper list is. */
	if (t->state != THREAD_BLOCKED || t->on_cpu || t->wake_at_ns ||
	    !thread_allowed_on(t, me) || t->migrate_to >= 0) {
		sched_wake_locked(rq, t);
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	if (rq != &runqueues[me]) {
		/* Still BLOCKED while it moves: whoever locks the new queue
		 * first (a plain waker, setpriority) sees a blocked thread. */
		__atomic_store_n(&t->cpu, (int)me, __ATOMIC_RELEASE);
		spin_unlock(&rq->lock);
		rq = &runqueues[me];
		spin_lock(&rq->lock);
		if (t->state != THREAD_BLOCKED) {       /* woken meanwhile */
			spin_unlock_irqrestore(&rq->lock, flags);
			return;
		}
	}
	t->state = THREAD_RUNNABLE;
	rq_enqueue_head_locked(rq, t);
	rq->handoff = t;
	spin_unlock_irqrestore(&rq->lock, flags);
}

/*
 * Second half of a migration, run on the old CPU once t is off it: t is
 * BLOCKED, on no queue and on no CPU, so it moves like a hand-off. If
 * something woke t before it got off the CPU, it stayed runnable here
 * and will try again on its next way to user mode.
 */
static void sched_finish_migration(thread_t *t)
{
	uint64_t flags;
	runqueue_t *rq = sched_lock_thread(t, &flags);
	int target = t->migrate_to;

	t->migrate_to = -1;
	if (target < 0 || t->state != THREAD_BLOCKED || t->on_cpu) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	__atomic_store_n(&t->cpu, target, __ATOMIC_RELEASE);
	spin_unlock(&rq->lock);
	rq = &runqueues[target];
	spin_lock(&rq->lock);
	sched_wake_locked(rq, t);
	spin_unlock_irqrestore(&rq->lock, flags);
}

void sched_migrate_if_needed(void)
{
	thread_t *t = thread_current();

	/* The common case, on every way to user mode, without touching the
	 * interrupt flag: kernel code is not preempted, so the CPU read here
	 * is the one the thread returns to user mode on. */
	if (thread_allowed_on(t, cpu_current_id()))
		return;
	uint64_t flags = irq_save();
	unsigned me = cpu_current_id();

	if (thread_allowed_on(t, me) || !(t->affinity & sched_online_cpus())) {
		irq_restore(flags);
		return;
	}
	runqueue_t *rq = &runqueues[me];
	spin_lock(&rq->lock);
	t->migrate_to = (int)sched_pick_cpu(t->affinity);
	t->state = THREAD_BLOCKED;
	spin_unlock(&rq->lock);
	schedule();
	irq_restore(flags);
}

int sched_set_affinity(thread_t *t, uint64_t mask)
{
	uint64_t flags;

	if (!(mask & sched_online_cpus()))
		return -EINVAL;
	runqueue_t *rq = sched_lock_thread(t, &flags);
	unsigned cpu = (unsigned)t->cpu;

	t->affinity = mask;
	/* Running elsewhere: make it reschedule, and so move, soon. */
	if (t->on_cpu && !thread_allowed_on(t, cpu) && cpu != cpu_current_id()) {
		rq->need_resched = true;
		lapic_send_ipi(cpu_table[cpu].apic_id, VEC_IPI_RESCHED);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

void sched_set_priority(thread_t *t, int priority)
{
	uint64_t flags;
	runqueue_t *rq = sched_lock_thread(t, &flags);
	bool queued = t->state == THREAD_RUNNABLE && !t->on_cpu;

	if (queued)
		rq_dequeue_locked(rq, t);
	t->priority = priority;
	if (queued)
		rq_enqueue_locked(rq, t);
	if (t->on_cpu && rq_top_priority_locked(rq) > priority)
		rq->need_resched = true;
	spin_unlock_irqrestore(&rq->lock, flags);
}

static void sleepers_insert_locked(runqueue_t *rq, thread_t *t)
{
	thread_t **pp = &rq->sleepers;

	while (*pp && (*pp)->wake_at_ns <= t->wake_at_ns)
		pp = &(*pp)->sleep_next;
	t->sleep_next = *pp;
	*pp = t;
}

static bool sleepers_remove_locked(runqueue_t *rq, thread_t *t)
{
	for (thread_t **pp = &rq->sleepers; *pp; pp = &(*pp)->sleep_next) {
		if (*pp == t) {
			*pp = t->sleep_next;
			t->sleep_next = NULL;
			return true;
		}
	}
	return false;
}

bool sched_block(uint64_t deadline_ns)
{
	thread_t *t = thread_current();
	uint64_t flags;
	runqueue_t *rq;
	int sleep_cpu = -1;

	t->timed_out = false;
	if (deadline_ns) {
		rq = sched_lock_thread(t, &flags);
		t->wake_at_ns = deadline_ns;
		sleepers_insert_locked(rq, t);
		sleep_cpu = t->cpu;
		spin_unlock_irqrestore(&rq->lock, flags);
	}
	schedule();
	if (sleep_cpu >= 0) {
		rq = &runqueues[sleep_cpu];
		flags = spin_lock_irqsave(&rq->lock);
		sleepers_remove_locked(rq, t);
		t->wake_at_ns = 0;
		spin_unlock_irqrestore(&rq->lock, flags);
	}
	return !t->timed_out;
}

void sched_sleep_until(uint64_t deadline_ns)
{
	thread_t *t = thread_current();

	while (clock_ns() < deadline_ns) {
		__atomic_store_n(&t->state, THREAD_BLOCKED, __ATOMIC_RELEASE);
		sched_block(deadline_ns);
	}
}

static void sched_wake_sleepers_locked(runqueue_t *rq, uint64_t now)
{
	while (rq->sleepers && rq->sleepers->wake_at_ns <= now) {
		thread_t *t = rq->sleepers;
		rq->sleepers = t->sleep_next;
		t->sleep_next = NULL;
		t->timed_out = t->state == THREAD_BLOCKED;
		sched_wake_locked(rq, t);
	}
}

/* Work waiting on some other CPU (read without locks: a hint). */
static bool sched_work_elsewhere(unsigned me)
{
	for (unsigned i = 0; i < cpu_count; i++)
		if (i != me && runqueues[i].queued)
			return true;
	return false;
}

void sched_tick(void)
{
	runqueue_t *rq = rq_this();
	uint64_t now = clock_ns();

	spin_lock(&rq->lock);
	sched_wake_sleepers_locked(rq, now);
	if (rq->current == rq->idle ? rq->queued != 0 || sched_work_elsewhere(cpu_current_id())
				    : (now >= rq->current->slice_end_ns &&
				       rq_top_priority_locked(rq) >= rq->current->priority))
		rq->need_resched = true;
	spin_unlock(&rq->lock);
}

uint64_t sched_cpu_busy_ns(unsigned cpu)
{
	runqueue_t *rq = &runqueues[cpu];
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	uint64_t busy = rq->busy_ns;

	if (rq->current && rq->current != rq->idle)
		busy += clock_ns() - rq->current->switched_in_at;
	spin_unlock_irqrestore(&rq->lock, flags);
	return busy;
}

static void sched_resched_ipi(trap_frame_t *frame)
{
	(void)frame;
	rq_this()->need_resched = true;
	lapic_eoi();
}

/* This CPU's current context becomes its idle thread. */
void sched_init_cpu(void)
{
	cpu_t *c = cpu_current();
	runqueue_t *rq = rq_this();
	thread_t *idle = kzalloc(sizeof(*idle));

	if (!idle)
		panic("sched: no memory for the idle thread of CPU %u", c->id);
	idle->kstack_top = c->stack_top;
	idle->kstack_bottom = c->stack_bottom;
	idle->priority = 0;
	idle->state = THREAD_RUNNABLE;
	idle->on_cpu = true;
	idle->cpu = (int)c->id;
	idle->affinity = 1ull << c->id;
	idle->migrate_to = -1;
	idle->switched_in_at = clock_ns();
	arch_fpu_init_state(idle->fpu_state);
	fmt_snprintf(idle->name, sizeof(idle->name), "idle%u", c->id);
	rq->idle = rq->current = idle;
	c->current = idle;
	c->kernel_stack_top = c->stack_top;
	if (c->id == 0)
		trap_set_handler(VEC_IPI_RESCHED, sched_resched_ipi);
}

/*
 * idle=poll on the command line: the idle loop spins (pause) with
 * interrupts on instead of halting. It costs a host CPU per guest CPU and
 * is there for measuring under QEMU's -icount, where the clock of a
 * halted CPU runs in host time and a spinning one's counts instructions,
 * which repeat from run to run (docs/performance.md).
 */
static bool sched_idle_polls(void)
{
	char value[8];

	return cmdline_get(kernel_cmdline, "idle", value, sizeof(value)) == 0 &&
	       strcmp(value, "poll") == 0;
}

/* hlt's counterpart for idle=poll: called with interrupts off, spins with
 * them on until the next timer tick or until there is something to run,
 * and returns with them off (the caller looks again, as after hlt). */
static void cpu_idle_poll(cpu_t *c, runqueue_t *rq)
{
	uint64_t ticks = c->timer_ticks;

	irq_enable();
	while (c->timer_ticks == ticks && !rq->need_resched &&
	       !*(volatile uint32_t *)&rq->queued)
		cpu_relax();
	irq_disable();
}

void cpu_idle_loop(void)
{
	cpu_t *c = cpu_current();
	bool poll = sched_idle_polls();

	if (poll && c->id == 0)
		klog("sched: idle=poll: idle CPUs spin instead of halting");
	for (;;) {
		irq_disable();
		if (rq_this()->need_resched || rq_this()->queued) {
			schedule();
			continue;
		}
		if (poll)
			cpu_idle_poll(c, rq_this());
		else
			cpu_idle_wait();
		c->idle_wakeups++;
	}
}
