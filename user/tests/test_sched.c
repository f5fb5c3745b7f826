// SPDX-License-Identifier: MIT
/*
 * Scheduling: with four or more CPUs, four CPU-bound processes really run
 * at once (sysinfo's per-CPU busy time grows on four CPUs together);
 * a woken high-priority thread gets the CPU although low-priority threads
 * spin without ever yielding; priorities are kept and checked; yielding
 * and sleeping work, and a sleep lasts at least as long as asked. CPU
 * affinity: a pinned thread is on its CPU when the call returns and stays
 * there, children and threads inherit the mask, a thread pinned by
 * another moves, bad masks fail. No test bounds how long anything takes
 * from above.
 */
#include "utest.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000ULL

static void spin_until_ns(uint64_t deadline)
{
	while (utest_now_ns() < deadline)
		__asm__ volatile("pause");
}

/*
 * Four children spin (they are ready and spinning before the measurement,
 * so the balancer has had time to spread them), then each spins for 400 ms
 * more of wall-clock time. Over that window at least four CPUs must each
 * have been busy for half of it.
 */
TEST(four_processes_run_on_four_cpus_at_once)
{
	enum { N = 4, WORK_MS = 400 };
	abi_sysinfo_t before, after;
	volatile int *sync = utest_shared(4096);       /* [0..N) ready, [N] go */
	pid_t pids[N];
	int busy_cpus = 0;

	CHECK_EQ(tessera_sysinfo(&before), 0);
	if (before.cpus_online < N)
		SKIP("fewer than 4 CPUs");
	CHECK(sync != NULL);
	for (int i = 0; i < N; i++) {
		pids[i] = utest_fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0) {
			__atomic_store_n(&sync[i], 1, __ATOMIC_RELEASE);
			uint64_t give_up = utest_now_ns() + 60000 * MS;
			while (!__atomic_load_n(&sync[N], __ATOMIC_ACQUIRE) &&
			       utest_now_ns() < give_up)
				__asm__ volatile("pause");
			spin_until_ns(utest_now_ns() + WORK_MS * MS);
			_exit(tessera_getcpu() & 0x7f);
		}
	}
	for (int i = 0; i < N; i++)
		CHECK(utest_wait_for(&sync[i], 1, 60000));
	utest_sleep_ms(200);            /* time to balance */
	CHECK_EQ(tessera_sysinfo(&before), 0);
	__atomic_store_n(&sync[N], 1, __ATOMIC_RELEASE);
	for (int i = 0; i < N; i++) {
		int status = utest_wait(pids[i]);
		CHECK(WIFEXITED(status));
	}
	CHECK_EQ(tessera_sysinfo(&after), 0);

	uint64_t elapsed = after.uptime_ns - before.uptime_ns;
	for (unsigned c = 0; c < after.cpus_online && c < ABI_MAX_CPUS; c++) {
		uint64_t busy = after.cpu_busy_ns[c] - before.cpu_busy_ns[c];
		printf("    cpu%u busy %llu of %llu ms\n", c, (unsigned long long)(busy / MS),
		       (unsigned long long)(elapsed / MS));
		if (busy >= elapsed / 2)
			busy_cpus++;
	}
	CHECK(elapsed >= WORK_MS * MS);
	CHECK(busy_cpus >= N);
	munmap((void *)sync, 4096);
}

/* ---- priorities ------------------------------------------------------------ */

TEST(default_priority_is_16)
{
	abi_threadinfo_t info;

	CHECK_EQ(tessera_getpriority(0), PRIORITY_DEFAULT);
	CHECK_EQ(tessera_threadinfo(0, &info), 0);
	CHECK_EQ(info.priority, PRIORITY_DEFAULT);
}

TEST(setpriority_changes_and_reports)
{
	CHECK_EQ(tessera_setpriority(0, 20), 0);
	CHECK_EQ(tessera_getpriority(0), 20);
	CHECK_EQ(tessera_getpriority(gettid()), 20);
	CHECK_EQ(tessera_setpriority(gettid(), PRIORITY_MIN), 0);
	CHECK_EQ(tessera_getpriority(0), PRIORITY_MIN);
	CHECK_EQ(tessera_setpriority(0, PRIORITY_MAX), 0);
	CHECK_EQ(tessera_getpriority(0), PRIORITY_MAX);
	CHECK_EQ(tessera_setpriority(0, PRIORITY_DEFAULT), 0);
	CHECK_EQ(tessera_getpriority(0), PRIORITY_DEFAULT);
}

TEST(setpriority_bad_arguments)
{
	CHECK_ERRNO(tessera_setpriority(0, PRIORITY_MAX + 1), EINVAL);
	CHECK_ERRNO(tessera_setpriority(0, -1), EINVAL);
	CHECK_ERRNO(tessera_setpriority(0x7ffffff0, PRIORITY_DEFAULT), ESRCH);
	CHECK_ERRNO(tessera_getpriority(0x7ffffff0), ESRCH);
	CHECK_EQ(tessera_getpriority(0), PRIORITY_DEFAULT);
}

static void check_child_priority(void *arg)
{
	(void)arg;
	_exit(tessera_getpriority(0));
}

TEST(fork_inherits_priority)
{
	int status;

	CHECK_EQ(tessera_setpriority(0, 10), 0);
	status = utest_in_child(check_child_priority, NULL);
	CHECK_EQ(tessera_setpriority(0, PRIORITY_DEFAULT), 0);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 10);
}

static volatile int stop_spinning;
static volatile int high_ran;

static void *low_spinner(void *arg)
{
	(void)arg;
	tessera_setpriority(0, PRIORITY_MIN);
	while (!__atomic_load_n(&stop_spinning, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");   /* never yields, never sleeps */
	return NULL;
}

static void *high_sleeper(void *arg)
{
	(void)arg;
	tessera_setpriority(0, PRIORITY_MAX);
	utest_sleep_ms(50);
	__atomic_store_n(&high_ran, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&stop_spinning, 1, __ATOMIC_RELEASE);
	return (void *)(intptr_t)tessera_getpriority(0);
}

/*
 * Every CPU gets a low-priority thread that spins until told to stop and
 * never yields; a high-priority thread sleeps 50 ms, then tells them. It
 * can only do so if its wake-up preempts a spinner. Runs in a child, so
 * that a scheduler that never preempts leaves a killable process behind.
 */
static void preemption_scenario(void *arg)
{
	unsigned cpus = (unsigned)(uintptr_t)arg;
	tessera_thread_t *low[ABI_MAX_CPUS], *high;
	void *prio;

	for (unsigned i = 0; i < cpus; i++)
		CHILD_CHECK((low[i] = tessera_thread_create(low_spinner, NULL, 0)) != NULL);
	utest_sleep_ms(20);
	CHILD_CHECK((high = tessera_thread_create(high_sleeper, NULL, 0)) != NULL);
	CHILD_CHECK(tessera_thread_join(high, &prio) == 0);
	for (unsigned i = 0; i < cpus; i++)
		CHILD_CHECK(tessera_thread_join(low[i], NULL) == 0);
	CHILD_CHECK(high_ran == 1);
	CHILD_CHECK(prio == (void *)PRIORITY_MAX);
	_exit(0);
}

TEST(woken_high_priority_thread_preempts_spinners)
{
	abi_sysinfo_t info;
	pid_t pid;
	int status = -1;

	CHECK_EQ(tessera_sysinfo(&info), 0);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0)
		preemption_scenario((void *)(uintptr_t)info.cpus_online);
	/* Generous: 60 s for what takes 50 ms. */
	for (int i = 0; i < 600; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		utest_sleep_ms(100);
	}
	if (!WIFEXITED(status) && !WIFSIGNALED(status)) {
		kill(pid, SIGKILL);
		status = utest_wait(pid);
		CHECK(!"the high-priority thread never ran");
	}
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

/* ---- yielding and sleeping ---------------------------------------------------- */

TEST(sched_yield_returns_zero)
{
	for (int i = 0; i < 1000; i++)
		CHECK_EQ(sched_yield(), 0);
}

static volatile int ping;

static void *pong(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		while (__atomic_load_n(&ping, __ATOMIC_ACQUIRE) != 2 * i + 1)
			sched_yield();
		__atomic_store_n(&ping, 2 * i + 2, __ATOMIC_RELEASE);
	}
	return NULL;
}

/* Two threads hand a token back and forth, yielding while they wait. */
TEST(yield_lets_another_thread_run)
{
	tessera_thread_t *t;

	ping = 0;
	t = tessera_thread_create(pong, NULL, 0);
	CHECK(t != NULL);
	for (int i = 0; i < 100; i++) {
		__atomic_store_n(&ping, 2 * i + 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&ping, __ATOMIC_ACQUIRE) != 2 * i + 2)
			sched_yield();
	}
	CHECK_EQ(tessera_thread_join(t, NULL), 0);
	CHECK_EQ(ping, 200);
}

TEST(nanosleep_sleeps_at_least_as_asked)
{
	static const long asked_ms[] = { 1, 10, 50, 120 };

	for (size_t i = 0; i < sizeof(asked_ms) / sizeof(asked_ms[0]); i++) {
		struct timespec ts = { .tv_sec = 0, .tv_nsec = asked_ms[i] * 1000000 };
		uint64_t start = utest_now_ns();

		CHECK_EQ(nanosleep(&ts, NULL), 0);
		CHECK(utest_now_ns() - start >= (uint64_t)asked_ms[i] * MS);
	}
}

TEST(nanosleep_of_whole_seconds)
{
	struct timespec ts = { .tv_sec = 1, .tv_nsec = 0 };
	uint64_t start = utest_now_ns();

	CHECK_EQ(nanosleep(&ts, NULL), 0);
	CHECK(utest_now_ns() - start >= 1000 * MS);
}

TEST(zero_sleep_returns_at_once)
{
	struct timespec ts = { 0, 0 };

	CHECK_EQ(nanosleep(&ts, NULL), 0);
	CHECK_EQ(usleep(0), 0);
}

TEST(usleep_and_sleep_sleep)
{
	uint64_t start = utest_now_ns();

	CHECK_EQ(usleep(20000), 0);
	CHECK(utest_now_ns() - start >= 20 * MS);
	start = utest_now_ns();
	CHECK_EQ(sleep(1), 0);
	CHECK(utest_now_ns() - start >= 1000 * MS);
}

/* Sleeping threads do not burn CPU: runtime stays far below the sleep. */
TEST(sleeping_uses_no_cpu_time)
{
	abi_threadinfo_t before, after;

	CHECK_EQ(tessera_threadinfo(0, &before), 0);
	utest_sleep_ms(200);
	CHECK_EQ(tessera_threadinfo(0, &after), 0);
	CHECK(after.runtime_ns - before.runtime_ns < 100 * MS);
	CHECK(after.switches > before.switches);
}

/* --- CPU affinity ------------------------------------------------------ */

static int online_cpus(void)
{
	abi_sysinfo_t info;

	return tessera_sysinfo(&info) == 0 ? (int)info.cpus_online : -1;
}

static void pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), 0);
}

static void unpin(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	for (int cpu = 0; cpu < 64; cpu++)
		CPU_SET(cpu, &set);
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), 0);
}

/* Whether the caller stays on cpu through a yield, a sleep and a spin. */
static bool stays_on(int cpu)
{
	for (int i = 0; i < 5; i++) {
		sched_yield();
		if (sched_getcpu() != cpu)
			return false;
		utest_sleep_ms(2);
		if (sched_getcpu() != cpu)
			return false;
		spin_until_ns(utest_now_ns() + 3 * MS);
		if (sched_getcpu() != cpu)
			return false;
	}
	return true;
}

TEST(affinity_starts_as_every_online_cpu)
{
	cpu_set_t set;
	int n = online_cpus();

	CHECK(n >= 1);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), n);
	for (int cpu = 0; cpu < n; cpu++)
		CHECK(CPU_ISSET(cpu, &set));
	CHECK_EQ(sched_getaffinity(getpid(), sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), n);
}

/* Pinned to each CPU in turn, the thread is there at once and stays. */
TEST(pinning_moves_the_caller_and_keeps_it_there)
{
	int n = online_cpus();
	cpu_set_t set;

	for (int round = 0; round < 2; round++) {
		for (int cpu = n - 1; cpu >= 0; cpu--) {
			pin_to(cpu);
			CHECK_EQ(sched_getcpu(), cpu);
			CHECK(stays_on(cpu));
			CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
			CHECK_EQ(CPU_COUNT(&set), 1);
			CHECK(CPU_ISSET(cpu, &set));
		}
	}
	unpin();
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), n);
}

static void *report_cpu(void *arg)
{
	cpu_set_t set;

	(void)arg;
	if (sched_getaffinity(0, sizeof(set), &set) < 0 || CPU_COUNT(&set) != 1)
		return (void *)-1l;
	return (void *)(long)(stays_on(sched_getcpu()) ? sched_getcpu() : -2);
}

/* Forked children and new threads start with, and keep, the creator's mask. */
TEST(children_and_threads_inherit_the_mask)
{
	int cpu = online_cpus() - 1;
	void *result;

	pin_to(cpu);
	pid_t pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		cpu_set_t set;
		CHILD_CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
		CHILD_CHECK(CPU_COUNT(&set) == 1 && CPU_ISSET(cpu, &set));
		CHILD_CHECK(stays_on(cpu));
		_exit(0);
	}
	int status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	tessera_thread_t *t = tessera_thread_create(report_cpu, NULL, 0);
	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK_EQ((long)result, cpu);
	unpin();
}

static volatile int mover_stop;
static volatile int mover_cpu = -1;

static void *mover(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&mover_stop, __ATOMIC_ACQUIRE)) {
		__atomic_store_n(&mover_cpu, sched_getcpu(), __ATOMIC_RELEASE);
		__asm__ volatile("pause");
	}
	return NULL;
}

/* A spinning thread pinned by another thread moves to its new CPU. */
TEST(pinning_another_thread_moves_it)
{
	int n = online_cpus();

	if (n < 2)
		SKIP("one CPU");
	mover_stop = 0;
	mover_cpu = -1;
	tessera_thread_t *t = tessera_thread_create(mover, NULL, 0);
	CHECK(t != NULL);
	for (int i = 0; i < 30000 && __atomic_load_n(&mover_cpu, __ATOMIC_ACQUIRE) < 0; i++)
		utest_sleep_ms(1);
	CHECK(mover_cpu >= 0);
	for (int round = 0; round < 4; round++) {
		int target = round % n;
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(target, &set);
		CHECK_EQ(sched_setaffinity(tessera_thread_tid(t), sizeof(set), &set), 0);
		CHECK(utest_wait_for(&mover_cpu, target, 30000));
		utest_sleep_ms(20);
		CHECK_EQ(mover_cpu, target);
	}
	__atomic_store_n(&mover_stop, 1, __ATOMIC_RELEASE);
	CHECK_EQ(tessera_thread_join(t, NULL), 0);
}

TEST(affinity_errors)
{
	cpu_set_t set;
	int n = online_cpus();

	CPU_ZERO(&set);
	errno = 0;
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	CHECK_EQ(errno, EINVAL);
	if (n < 64) {
		CPU_SET(63, &set);          /* no such CPU online */
		errno = 0;
		CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
		CHECK_EQ(errno, EINVAL);
	}
	errno = 0;
	CHECK_EQ(sched_getaffinity(0, 4, &set), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sched_getaffinity(32767, sizeof(set), &set), -1);     /* no such pid */
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), n);   /* the failed calls changed nothing */
}

/* Another process's mask: anyone reads it by pid; setting it takes the
 * same user or root, another user gets EPERM. */
TEST(affinity_of_another_process)
{
	int n = online_cpus();
	cpu_set_t set;
	pid_t parent = getpid();

	CHECK_EQ(sched_getaffinity(1, sizeof(set), &set), 0);   /* init's */
	CHECK_EQ(CPU_COUNT(&set), n);
	pid_t pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		cpu_set_t one;
		CPU_ZERO(&one);
		CPU_SET(0, &one);
		/* As root: the parent's mask can be read and set. */
		CHILD_CHECK(sched_setaffinity(parent, sizeof(one), &one) == 0);
		CHILD_CHECK(sched_getaffinity(parent, sizeof(set), &set) == 0);
		CHILD_CHECK(CPU_EQUAL(&set, &one));
		for (int cpu = 0; cpu < n; cpu++)
			CPU_SET(cpu, &set);
		CHILD_CHECK(sched_setaffinity(parent, sizeof(set), &set) == 0);
		CHILD_CHECK(setuid(1000) == 0);
		errno = 0;
		CHILD_CHECK(sched_setaffinity(parent, sizeof(one), &one) == -1);
		CHILD_CHECK(errno == EPERM);
		CHILD_CHECK(sched_getaffinity(parent, sizeof(set), &set) == 0);
		CHILD_CHECK(CPU_COUNT(&set) == n);
		CHILD_CHECK(sched_setaffinity(0, sizeof(one), &one) == 0);
		CHILD_CHECK(sched_getcpu() == 0);
		_exit(0);
	}
	int status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), n);
}
