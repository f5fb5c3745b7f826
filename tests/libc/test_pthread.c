// SPDX-License-Identifier: MIT
/*
 * POSIX threads: creation and its attributes, join/detach/exit (the main
 * thread's too), mutexes of every type, condition variables, read-write
 * locks, spin locks, barriers, once, thread-specific data, cancellation,
 * fork handlers, signal masks and scheduling parameters. The concurrency
 * tests check exact results under contention (counts, invariants); time
 * is only ever bounded from below.
 */
#include "utest.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_THREADS 4

static struct timespec deadline_in_ms(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_nsec -= 1000000000L;
		ts.tv_sec++;
	}
	return ts;
}

/* ---- creating, joining, detaching ------------------------------------------ */

static void *return_arg_plus_one(void *arg)
{
	return (char *)arg + 1;
}

TEST(join_returns_the_start_routine_result)
{
	pthread_t t;
	void *result = NULL;

	CHECK_EQ(pthread_create(&t, NULL, return_arg_plus_one, (void *)0x100), 0);
	CHECK_EQ(pthread_join(t, &result), 0);
	CHECK(result == (void *)0x101);
}

static void *exit_with_arg(void *arg)
{
	pthread_exit(arg);
}

TEST(pthread_exit_value_reaches_the_joiner)
{
	pthread_t t[N_THREADS];
	void *result;

	for (intptr_t i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, exit_with_arg, (void *)(i + 7)), 0);
	for (intptr_t i = 0; i < N_THREADS; i++) {
		CHECK_EQ(pthread_join(t[i], &result), 0);
		CHECK(result == (void *)(i + 7));
	}
}

static void *report_self(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

TEST(self_and_equal_name_the_same_thread)
{
	pthread_t t, seen;

	CHECK(pthread_equal(pthread_self(), pthread_self()));
	CHECK_EQ(pthread_create(&t, NULL, report_self, &seen), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK(pthread_equal(t, seen));
	CHECK(!pthread_equal(t, pthread_self()));
}

TEST(join_self_fails_with_edeadlk)
{
	CHECK_EQ(pthread_join(pthread_self(), NULL), EDEADLK);
}

static void *set_flag(void *arg)
{
	__atomic_store_n((int *)arg, 1, __ATOMIC_RELEASE);
	return NULL;
}

TEST(detached_threads_run_and_clean_up)
{
	pthread_attr_t attr;
	static int flags[64];
	pthread_t t;
	int state;

	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK_EQ(state, PTHREAD_CREATE_JOINABLE);
	CHECK_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
	for (int i = 0; i < 64; i++) {
		flags[i] = 0;
		CHECK_EQ(pthread_create(&t, &attr, set_flag, &flags[i]), 0);
	}
	for (int i = 0; i < 64; i++)
		CHECK(utest_wait_for(&flags[i], 1, 10000));
	pthread_attr_destroy(&attr);
}

TEST(detach_after_the_thread_ended)
{
	pthread_t t;
	int flag = 0;

	CHECK_EQ(pthread_create(&t, NULL, set_flag, &flag), 0);
	CHECK(utest_wait_for(&flag, 1, 10000));
	utest_sleep_ms(20);
	CHECK_EQ(pthread_detach(t), 0);
}

TEST(attr_setters_reject_bad_values)
{
	pthread_attr_t attr;
	struct sched_param param;
	size_t size;
	int v;

	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_setdetachstate(&attr, 12345), EINVAL);
	CHECK_EQ(pthread_attr_setstacksize(&attr, 1), EINVAL);
	CHECK_EQ(pthread_attr_setstacksize(&attr, 1 << 20), 0);
	CHECK_EQ(pthread_attr_getstacksize(&attr, &size), 0);
	CHECK_EQ(size, 1 << 20);
	CHECK_EQ(pthread_attr_setguardsize(&attr, 8192), 0);
	CHECK_EQ(pthread_attr_getguardsize(&attr, &size), 0);
	CHECK_EQ(size, 8192);
	CHECK_EQ(pthread_attr_setscope(&attr, PTHREAD_SCOPE_SYSTEM), 0);
	CHECK_EQ(pthread_attr_setscope(&attr, PTHREAD_SCOPE_PROCESS), ENOTSUP);
	CHECK_EQ(pthread_attr_getscope(&attr, &v), 0);
	CHECK_EQ(v, PTHREAD_SCOPE_SYSTEM);
	CHECK_EQ(pthread_attr_setinheritsched(&attr, 12345), EINVAL);
	CHECK_EQ(pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED), 0);
	CHECK_EQ(pthread_attr_getinheritsched(&attr, &v), 0);
	CHECK_EQ(v, PTHREAD_EXPLICIT_SCHED);
	CHECK_EQ(pthread_attr_setschedpolicy(&attr, 12345), EINVAL);
	CHECK_EQ(pthread_attr_setschedpolicy(&attr, SCHED_OTHER), 0);
	CHECK_EQ(pthread_attr_getschedparam(&attr, &param), 0);
	pthread_attr_destroy(&attr);
}

static uintptr_t stack_seen;

static void *use_stack(void *arg)
{
	volatile char buf[512 * 1024];
	size_t n = (size_t)(uintptr_t)arg;

	for (size_t i = 0; i < n && i < sizeof(buf); i += 1024)
		buf[i] = (char)i;
	stack_seen = (uintptr_t)&buf[0];
	return NULL;
}

TEST(stacksize_attribute_gives_room)
{
	pthread_attr_t attr;
	pthread_t t;

	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_setstacksize(&attr, 4 << 20), 0);
	CHECK_EQ(pthread_create(&t, &attr, use_stack, (void *)(uintptr_t)(512 * 1024)), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	pthread_attr_destroy(&attr);
}

TEST(setstack_runs_the_thread_on_the_given_stack)
{
	size_t size = 1 << 20;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_attr_t attr;
	void *addr;
	size_t got;
	pthread_t t;

	CHECK(stack != MAP_FAILED);
	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_setstack(&attr, stack, size), 0);
	CHECK_EQ(pthread_attr_getstack(&attr, &addr, &got), 0);
	CHECK(addr == stack);
	CHECK_EQ(got, size);
	CHECK_EQ(pthread_create(&t, &attr, use_stack, (void *)(uintptr_t)4096), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK(stack_seen >= (uintptr_t)stack && stack_seen < (uintptr_t)stack + size);
	pthread_attr_destroy(&attr);
	munmap(stack, size);
}

/* In a child: main ends with pthread_exit; the process lives on for the
   other thread, then exits with status 0. */
static void *finish_late(void *arg)
{
	utest_sleep_ms(100);
	__atomic_store_n((int *)arg, 1, __ATOMIC_RELEASE);
	return NULL;
}

TEST(main_thread_pthread_exit_keeps_the_process_alive)
{
	int *done = utest_shared(sizeof(int));
	pid_t pid;
	int status;

	CHECK(done != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		pthread_t t;
		if (pthread_create(&t, NULL, finish_late, done) != 0)
			_exit(3);
		pthread_exit(NULL);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(*done, 1);
}

/* ---- mutexes ------------------------------------------------------------------ */

#define INCREMENTS 20000

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add_under_mutex(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&count_lock);
		long v = counter;
		if (i % 64 == 0)
			sched_yield();          /* widen the window a race would need */
		counter = v + 1;
		pthread_mutex_unlock(&count_lock);
	}
	return NULL;
}

TEST(mutex_makes_increments_exact_under_contention)
{
	pthread_t t[N_THREADS];

	counter = 0;
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, add_under_mutex, NULL), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(counter, (long)N_THREADS * INCREMENTS);
}

static void *trylock_result(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_trylock(arg);
}

TEST(trylock_on_a_held_mutex_is_ebusy)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_t t;
	void *r;

	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	CHECK_EQ(pthread_create(&t, NULL, trylock_result, &m), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
}

static int init_mutex(pthread_mutex_t *m, int type)
{
	pthread_mutexattr_t attr;
	int got;

	pthread_mutexattr_init(&attr);
	if (pthread_mutexattr_settype(&attr, type) != 0)
		return -1;
	if (pthread_mutexattr_gettype(&attr, &got) != 0 || got != type)
		return -1;
	int r = pthread_mutex_init(m, &attr);
	pthread_mutexattr_destroy(&attr);
	return r;
}

static void *unlock_result(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_unlock(arg);
}

TEST(recursive_mutex_counts_its_depth)
{
	pthread_mutex_t m;
	pthread_t t;
	void *r;

	CHECK_EQ(init_mutex(&m, PTHREAD_MUTEX_RECURSIVE), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	CHECK_EQ(pthread_create(&t, NULL, unlock_result, &m), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, EPERM);           /* not the owner */
	CHECK_EQ(pthread_create(&t, NULL, trylock_result, &m), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), EPERM);      /* now unlocked */
	CHECK_EQ(pthread_create(&t, NULL, trylock_result, &m), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, 0);               /* free again (and left locked) */
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
}

TEST(errorcheck_mutex_reports_misuse)
{
	pthread_mutex_t m;
	pthread_t t;
	void *r;

	pthread_cond_t c = PTHREAD_COND_INITIALIZER;

	CHECK_EQ(init_mutex(&m, PTHREAD_MUTEX_ERRORCHECK), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
	CHECK_EQ(pthread_cond_wait(&c, &m), EPERM);     /* must hold it to wait */
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), EDEADLK);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
	CHECK_EQ(pthread_create(&t, NULL, unlock_result, &m), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, EPERM);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
}

TEST(mutexattr_rejects_bad_types)
{
	pthread_mutexattr_t attr;
	int v;

	CHECK_EQ(pthread_mutexattr_init(&attr), 0);
	CHECK_EQ(pthread_mutexattr_gettype(&attr, &v), 0);
	CHECK_EQ(v, PTHREAD_MUTEX_DEFAULT);
	CHECK_EQ(pthread_mutexattr_settype(&attr, 12345), EINVAL);
	CHECK_EQ(pthread_mutexattr_setpshared(&attr, 12345), EINVAL);
	CHECK_EQ(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_PRIVATE), 0);
	CHECK_EQ(pthread_mutexattr_getpshared(&attr, &v), 0);
	CHECK_EQ(v, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_NONE), 0);
	CHECK_EQ(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_STALLED), 0);
	pthread_mutexattr_destroy(&attr);
}

typedef struct timed_job {
	pthread_mutex_t *m;
	int result;
	uint64_t elapsed_ns;
} timed_job_t;

static void *timedlock_held(void *arg)
{
	timed_job_t *job = arg;
	struct timespec bad = { .tv_sec = 0, .tv_nsec = 1000000000L };
	uint64_t start = utest_now_ns();
	struct timespec ts = deadline_in_ms(CLOCK_REALTIME, 100);

	job->result = pthread_mutex_timedlock(job->m, &ts);
	job->elapsed_ns = utest_now_ns() - start;
	if (pthread_mutex_timedlock(job->m, &bad) != EINVAL)
		job->result = -1;
	return NULL;
}

TEST(timedlock_times_out_on_a_held_mutex)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	timed_job_t job = { .m = &m };
	struct timespec ts = deadline_in_ms(CLOCK_REALTIME, 1000);
	pthread_t t;

	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_create(&t, NULL, timedlock_held, &job), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(job.result, ETIMEDOUT);
	CHECK(job.elapsed_ns >= 90 * 1000000ULL);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_timedlock(&m, &ts), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
}

/* ---- condition variables -------------------------------------------------------- */

#define QUEUE_SIZE 8
#define ITEMS_PER_PRODUCER 5000

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	long items[QUEUE_SIZE];
	int head, count;
	long consumed_sum, consumed;
} queue = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.not_empty = PTHREAD_COND_INITIALIZER,
	.not_full = PTHREAD_COND_INITIALIZER,
};

static void *produce(void *arg)
{
	long base = (long)(intptr_t)arg * ITEMS_PER_PRODUCER;

	for (long i = 1; i <= ITEMS_PER_PRODUCER; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.count == QUEUE_SIZE)
			pthread_cond_wait(&queue.not_full, &queue.lock);
		queue.items[(queue.head + queue.count++) % QUEUE_SIZE] = base + i;
		pthread_cond_signal(&queue.not_empty);
		pthread_mutex_unlock(&queue.lock);
	}
	return NULL;
}

static void *consume(void *arg)
{
	long n = (long)(intptr_t)arg;

	for (long i = 0; i < n; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.count == 0)
			pthread_cond_wait(&queue.not_empty, &queue.lock);
		queue.consumed_sum += queue.items[queue.head];
		queue.head = (queue.head + 1) % QUEUE_SIZE;
		queue.count--;
		queue.consumed++;
		pthread_cond_signal(&queue.not_full);
		pthread_mutex_unlock(&queue.lock);
	}
	return NULL;
}

TEST(cond_bounded_queue_loses_no_wakeups)
{
	pthread_t p[2], c[2];
	long want = 0;

	queue.head = queue.count = 0;
	queue.consumed_sum = queue.consumed = 0;
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(pthread_create(&c[i], NULL, consume, (void *)(intptr_t)ITEMS_PER_PRODUCER), 0);
		CHECK_EQ(pthread_create(&p[i], NULL, produce, (void *)(intptr_t)i), 0);
	}
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(pthread_join(p[i], NULL), 0);
		CHECK_EQ(pthread_join(c[i], NULL), 0);
	}
	for (long i = 1; i <= 2L * ITEMS_PER_PRODUCER; i++)
		want += i;
	CHECK_EQ(queue.consumed, 2L * ITEMS_PER_PRODUCER);
	CHECK_EQ(queue.consumed_sum, want);
	CHECK_EQ(queue.count, 0);
}

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int gate_open, gate_waiting;

static void *wait_at_gate(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	gate_waiting++;
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	return NULL;
}

TEST(cond_broadcast_wakes_every_waiter)
{
	pthread_t t[N_THREADS];

	gate_open = gate_waiting = 0;
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, wait_at_gate, NULL), 0);
	CHECK(utest_wait_for(&gate_waiting, N_THREADS, 10000));
	pthread_mutex_lock(&gate_lock);
	gate_open = 1;
	CHECK_EQ(pthread_cond_broadcast(&gate_cond), 0);
	pthread_mutex_unlock(&gate_lock);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
}

TEST(cond_timedwait_times_out_on_either_clock)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_condattr_t attr;
	pthread_cond_t c;
	clockid_t clock;
	struct timespec ts;
	uint64_t start;

	CHECK_EQ(pthread_condattr_init(&attr), 0);
	CHECK_EQ(pthread_condattr_getclock(&attr, &clock), 0);
	CHECK_EQ(clock, CLOCK_REALTIME);
	CHECK_EQ(pthread_condattr_setclock(&attr, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	CHECK_EQ(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), 0);
	CHECK_EQ(pthread_cond_init(&c, &attr), 0);
	pthread_mutex_lock(&m);
	start = utest_now_ns();
	ts = deadline_in_ms(CLOCK_MONOTONIC, 80);
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &ts), ETIMEDOUT);
	CHECK(utest_now_ns() - start >= 70 * 1000000ULL);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);     /* held again */
	CHECK_EQ(pthread_cond_destroy(&c), 0);

	CHECK_EQ(pthread_cond_init(&c, NULL), 0);
	start = utest_now_ns();
	ts = deadline_in_ms(CLOCK_REALTIME, 80);
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &ts), ETIMEDOUT);
	CHECK(utest_now_ns() - start >= 70 * 1000000ULL);
	ts.tv_nsec = -1;
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &ts), EINVAL);
	pthread_mutex_unlock(&m);
	pthread_condattr_destroy(&attr);
}

/* Two threads take turns through one mutex and condition variable; a lost
   wake-up would stop them both. */
#define TURNS 3000

static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static int turn, turns_taken;

static void *take_turns(void *arg)
{
	int me = (int)(intptr_t)arg;

	for (int i = 0; i < TURNS; i++) {
		pthread_mutex_lock(&turn_lock);
		while (turn != me)
			pthread_cond_wait(&turn_cond, &turn_lock);
		turn = !me;
		turns_taken++;
		pthread_cond_signal(&turn_cond);
		pthread_mutex_unlock(&turn_lock);
	}
	return NULL;
}

TEST(cond_signal_ping_pong_never_stalls)
{
	pthread_t t[2];

	turn = turns_taken = 0;
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, take_turns, (void *)(intptr_t)i), 0);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(turns_taken, 2 * TURNS);
}

static void *lock_with_deadlines(void *arg)
{
	long got = 0;

	(void)arg;
	for (int i = 0; i < INCREMENTS / 4; i++) {
		struct timespec ts = deadline_in_ms(CLOCK_REALTIME, 10000);
		if (pthread_mutex_timedlock(&count_lock, &ts) != 0)
			continue;
		counter++;
		got++;
		pthread_mutex_unlock(&count_lock);
	}
	return (void *)got;
}

TEST(timedlock_and_lock_share_a_contended_mutex)
{
	pthread_t t[N_THREADS];
	long total = 0;
	void *got;

	counter = 0;
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, i % 2 ? lock_with_deadlines : add_under_mutex,
					NULL), 0);
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(pthread_join(t[i], &got), 0);
		total += i % 2 ? (long)got : INCREMENTS;
	}
	CHECK_EQ(counter, total);
	CHECK_EQ(total, (long)(N_THREADS / 2) * (INCREMENTS + INCREMENTS / 4));
}

static void *create_detached_burst(void *arg)
{
	pthread_attr_t attr;
	int *flags = arg;
	pthread_t t;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 32; i++)
		if (pthread_create(&t, &attr, set_flag, &flags[i]) != 0)
			return (void *)1;
	pthread_attr_destroy(&attr);
	return NULL;
}

TEST(detached_threads_created_from_many_threads)
{
	static int flags[N_THREADS][32];
	pthread_t t[N_THREADS];
	void *r;

	memset(flags, 0, sizeof(flags));
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, create_detached_burst, flags[i]), 0);
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(pthread_join(t[i], &r), 0);
		CHECK(r == NULL);
	}
	for (int i = 0; i < N_THREADS; i++)
		for (int j = 0; j < 32; j++)
			CHECK(utest_wait_for(&flags[i][j], 1, 10000));
}

/* ---- read-write locks --------------------------------------------------------- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int rw_readers, rw_writers, rw_violations;
static long rw_value;

static void *rw_worker(void *arg)
{
	int writer = (int)(intptr_t)arg;

	for (int i = 0; i < 3000; i++) {
		if (writer) {
			pthread_rwlock_wrlock(&rw);
			if (__atomic_add_fetch(&rw_writers, 1, __ATOMIC_SEQ_CST) != 1 ||
			    __atomic_load_n(&rw_readers, __ATOMIC_SEQ_CST) != 0)
				__atomic_add_fetch(&rw_violations, 1, __ATOMIC_SEQ_CST);
			rw_value++;
			__atomic_sub_fetch(&rw_writers, 1, __ATOMIC_SEQ_CST);
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			__atomic_add_fetch(&rw_readers, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&rw_writers, __ATOMIC_SEQ_CST) != 0)
				__atomic_add_fetch(&rw_violations, 1, __ATOMIC_SEQ_CST);
			__atomic_sub_fetch(&rw_readers, 1, __ATOMIC_SEQ_CST);
			pthread_rwlock_unlock(&rw);
		}
		if (i % 128 == 0)
			sched_yield();
	}
	return NULL;
}

TEST(rwlock_writers_exclude_everyone)
{
	pthread_t t[N_THREADS + 2];

	rw_value = rw_violations = 0;
	for (int i = 0; i < N_THREADS + 2; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, rw_worker, (void *)(intptr_t)(i % 2)), 0);
	for (int i = 0; i < N_THREADS + 2; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(rw_violations, 0);
	CHECK_EQ(rw_value, 3L * 3000);
}

static void *try_rw(void *arg)
{
	pthread_rwlock_t *l = arg;
	int r = pthread_rwlock_tryrdlock(l);

	if (r == 0)
		pthread_rwlock_unlock(l);
	int w = pthread_rwlock_trywrlock(l);
	if (w == 0)
		pthread_rwlock_unlock(l);
	return (void *)(intptr_t)(r * 1000 + w);
}

TEST(rwlock_try_and_timed_variants)
{
	pthread_rwlock_t l;
	struct timespec ts;
	pthread_t t;
	void *r;

	CHECK_EQ(pthread_rwlock_init(&l, NULL), 0);
	CHECK_EQ(pthread_rwlock_rdlock(&l), 0);
	CHECK_EQ(pthread_rwlock_rdlock(&l), 0);         /* readers share */
	CHECK_EQ(pthread_create(&t, NULL, try_rw, &l), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, 0 * 1000 + EBUSY);
	ts = deadline_in_ms(CLOCK_REALTIME, 50);
	CHECK_EQ(pthread_rwlock_timedwrlock(&l, &ts), ETIMEDOUT);
	CHECK_EQ(pthread_rwlock_unlock(&l), 0);
	CHECK_EQ(pthread_rwlock_unlock(&l), 0);
	CHECK_EQ(pthread_rwlock_wrlock(&l), 0);
	CHECK_EQ(pthread_create(&t, NULL, try_rw, &l), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, EBUSY * 1000 + EBUSY);
	CHECK_EQ(pthread_rwlock_unlock(&l), 0);
	ts = deadline_in_ms(CLOCK_REALTIME, 50);
	CHECK_EQ(pthread_rwlock_timedrdlock(&l, &ts), 0);
	CHECK_EQ(pthread_rwlock_unlock(&l), 0);
	CHECK_EQ(pthread_rwlock_destroy(&l), 0);
}

/* ---- spin locks, barriers, once ------------------------------------------------- */

static pthread_spinlock_t spin;
static long spin_count;

static void *add_under_spinlock(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_spin_lock(&spin);
		spin_count++;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

TEST(spinlock_makes_increments_exact)
{
	pthread_t t[N_THREADS];

	CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	spin_count = 0;
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, add_under_spinlock, NULL), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(spin_count, (long)N_THREADS * INCREMENTS);
	CHECK_EQ(pthread_spin_trylock(&spin), 0);
	CHECK_EQ(pthread_spin_trylock(&spin), EBUSY);
	CHECK_EQ(pthread_spin_unlock(&spin), 0);
	CHECK_EQ(pthread_spin_destroy(&spin), 0);
}

#define ROUNDS 50

static pthread_barrier_t barrier;
static int barrier_slots[ROUNDS][N_THREADS];
static int barrier_serials[ROUNDS];
static int barrier_bad;

static void *barrier_worker(void *arg)
{
	int me = (int)(intptr_t)arg;

	for (int r = 0; r < ROUNDS; r++) {
		barrier_slots[r][me] = 1;
		int s = pthread_barrier_wait(&barrier);
		if (s == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&barrier_serials[r], 1, __ATOMIC_SEQ_CST);
		else if (s != 0)
			barrier_bad = 1;
		/* Past the barrier, everyone has written this round's slot. */
		for (int i = 0; i < N_THREADS; i++)
			if (!barrier_slots[r][i])
				barrier_bad = 1;
	}
	return NULL;
}

TEST(barrier_releases_each_round_together)
{
	pthread_t t[N_THREADS];

	memset(barrier_slots, 0, sizeof(barrier_slots));
	memset(barrier_serials, 0, sizeof(barrier_serials));
	barrier_bad = 0;
	CHECK_EQ(pthread_barrier_init(&barrier, NULL, 0), EINVAL);
	CHECK_EQ(pthread_barrier_init(&barrier, NULL, N_THREADS), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, barrier_worker, (void *)(intptr_t)i), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(barrier_bad, 0);
	for (int r = 0; r < ROUNDS; r++)
		CHECK_EQ(barrier_serials[r], 1);
	CHECK_EQ(pthread_barrier_destroy(&barrier), 0);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls;
static int once_go;

static void once_init(void)
{
	utest_sleep_ms(20);             /* the others arrive while it runs */
	__atomic_add_fetch(&once_calls, 1, __ATOMIC_SEQ_CST);
}

static void *call_once(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&once_go, __ATOMIC_ACQUIRE))
		sched_yield();
	pthread_once(&once, once_init);
	return (void *)(intptr_t)__atomic_load_n(&once_calls, __ATOMIC_SEQ_CST);
}

TEST(once_runs_the_routine_once_for_racing_threads)
{
	pthread_t t[N_THREADS];
	void *seen;

	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, call_once, NULL), 0);
	__atomic_store_n(&once_go, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(pthread_join(t[i], &seen), 0);
		CHECK_EQ((intptr_t)seen, 1);    /* nobody returned before it ran */
	}
	CHECK_EQ(pthread_once(&once, once_init), 0);
	CHECK_EQ(once_calls, 1);
}
