// SPDX-License-Identifier: MIT
/*
 * Self-tests of the scheduler with kernel threads: threads run and exit,
 * wait queues hand off in both directions, timed waits time out, sleeps
 * last at least as long as asked, and threads spread over the CPUs.
 */
#include <abi/errno.h>
#include <arch/percpu.h>
#include <clock.h>
#include <ktest.h>
#include <sched.h>

#define TEST_WAIT_NS 10000000000ull

typedef struct pingpong {
	waitq_t to_a, to_b;
	volatile int turn;              /* 0: a's turn, 1: b's */
	volatile int rounds_b;
	volatile int done;
} pingpong_t;

static bool pingpong_is_b(void *arg)
{
	return ((pingpong_t *)arg)->turn == 1 || ((pingpong_t *)arg)->done;
}

static bool pingpong_is_a(void *arg)
{
	return ((pingpong_t *)arg)->turn == 0;
}

static void pingpong_b(void *arg)
{
	pingpong_t *pp = arg;

	while (!pp->done) {
		waitq_wait(&pp->to_b, pingpong_is_b, pp, 0);
		if (pp->done)
			break;
		/* A wake-up can come late: the other side may be held up between
		 * giving the turn and waking us, and we took the turn meanwhile
		 * without sleeping. Only a turn that is ours counts. */
		if (__atomic_load_n(&pp->turn, __ATOMIC_ACQUIRE) != 1)
			continue;
		pp->rounds_b++;
		__atomic_store_n(&pp->turn, 0, __ATOMIC_RELEASE);
		waitq_wake(&pp->to_a, 1);
	}
	__atomic_store_n(&pp->done, 2, __ATOMIC_RELEASE);
}

KTEST(sched_waitq_ping_pong_between_threads)
{
	static pingpong_t pp = { WAITQ_INIT, WAITQ_INIT, 0, 0, 0 };

	KCHECK(kthread_create("pingpong", pingpong_b, &pp, 16) != NULL);
	for (int i = 0; i < 200; i++) {
		__atomic_store_n(&pp.turn, 1, __ATOMIC_RELEASE);
		waitq_wake(&pp.to_b, 1);
		uint64_t give_up = clock_ns() + TEST_WAIT_NS;
		/* Late wake-ups (see pingpong_b) return early: wait again. */
		while (__atomic_load_n(&pp.turn, __ATOMIC_ACQUIRE) != 0)
			KCHECK(waitq_wait(&pp.to_a, pingpong_is_a, &pp, give_up) == 0);
	}
	KCHECK(pp.rounds_b == 200);
	pp.done = 1;
	waitq_wake(&pp.to_b, 1);
	uint64_t deadline = clock_ns() + TEST_WAIT_NS;
	while (pp.done != 2 && clock_ns() < deadline)
		sched_yield();
	KCHECK(pp.done == 2);
	return true;
}

KTEST(sched_timed_wait_times_out)
{
	static waitq_t wq = WAITQ_INIT;
	uint64_t start = clock_ns();

	KCHECK(waitq_wait(&wq, NULL, NULL, start + 20000000) == -ETIMEDOUT);
	KCHECK(clock_ns() >= start + 20000000);
	KCHECK(wq.head == NULL);
	return true;
}

KTEST(sched_sleep_lasts_at_least_as_asked)
{
	uint64_t start = clock_ns();

	sched_sleep_until(start + 30000000);
	KCHECK(clock_ns() >= start + 30000000);
	return true;
}

static volatile int spin_cpus[MAX_CPUS];
static volatile int spin_stop;

static void spinner(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&spin_stop, __ATOMIC_ACQUIRE)) {
		spin_cpus[cpu_current_id()] = 1;
		sched_yield();
	}
	__atomic_fetch_add(&spin_stop, 1, __ATOMIC_ACQ_REL);
}

KTEST(sched_threads_spread_over_every_cpu)
{
	uint64_t deadline = clock_ns() + TEST_WAIT_NS;
	unsigned seen = 0;

	for (unsigned i = 0; i < cpu_count; i++)
		spin_cpus[i] = 0;
	spin_stop = 0;
	for (unsigned i = 0; i < cpu_count; i++)
		KCHECK(kthread_create("spinner", spinner, NULL, 16) != NULL);
	while (clock_ns() < deadline) {
		seen = 0;
		for (unsigned i = 1; i < cpu_count; i++)
			seen += spin_cpus[i];
		if (seen == cpu_count - 1)
			break;
		sched_yield();
	}
	__atomic_store_n(&spin_stop, 1, __ATOMIC_RELEASE);
	while (spin_stop < (int)cpu_count + 1 && clock_ns() < deadline + TEST_WAIT_NS)
		sched_yield();
	KCHECK(seen == cpu_count - 1);
	KCHECK(spin_stop == (int)cpu_count + 1);
	return true;
}
