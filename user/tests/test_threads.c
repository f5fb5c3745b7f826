// SPDX-License-Identifier: MIT
/*
 * Threads (clone through tessera_thread_create): they run, share the
 * address space, have their own tids, FS bases and TLS, wait and wake
 * through futexes (with timeouts), keep their FPU/SSE state through
 * preemption, and end with their process. Whole-process effects (exit or
 * a kill with threads running) are checked in children.
 */
#include "utest.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>

#define N_THREADS 4

static void *return_arg(void *arg)
{
	return arg;
}

TEST(create_and_join_returns_result)
{
	void *result = NULL;
	tessera_thread_t *t = tessera_thread_create(return_arg, (void *)0x1234, 0);

	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK(result == (void *)0x1234);
}

static void *exit_early(void *arg)
{
	tessera_thread_exit((char *)arg + 1);
}

TEST(thread_exit_returns_result)
{
	void *result = NULL;
	tessera_thread_t *t = tessera_thread_create(exit_early, (void *)0x10, 0);

	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK(result == (void *)0x11);
}

static volatile long shared_counter;

static void *increment_many(void *arg)
{
	for (long i = 0; i < (long)(intptr_t)arg; i++)
		__atomic_fetch_add(&shared_counter, 1, __ATOMIC_RELAXED);
	return NULL;
}

TEST(threads_share_memory)
{
	tessera_thread_t *t[N_THREADS];

	shared_counter = 0;
	for (int i = 0; i < N_THREADS; i++) {
		t[i] = tessera_thread_create(increment_many, (void *)(intptr_t)100000, 0);
		CHECK(t[i] != NULL);
	}
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(tessera_thread_join(t[i], NULL), 0);
	CHECK_EQ(shared_counter, N_THREADS * 100000L);
}

typedef struct ids {
	int tid, pid, handle_tid;
	tessera_thread_t *self;
	void *fs0;
} ids_t;

static void *report_ids(void *arg)
{
	ids_t *ids = arg;
	void *fs0;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(fs0));
	ids->tid = gettid();
	ids->pid = getpid();
	ids->self = tessera_thread_self();
	ids->fs0 = fs0;
	return NULL;
}

TEST(threads_have_own_tid_and_same_pid)
{
	ids_t ids[N_THREADS];
	tessera_thread_t *t[N_THREADS];

	memset(ids, 0, sizeof(ids));
	for (int i = 0; i < N_THREADS; i++) {
		t[i] = tessera_thread_create(report_ids, &ids[i], 0);
		CHECK(t[i] != NULL);
	}
	for (int i = 0; i < N_THREADS; i++) {
		ids[i].handle_tid = tessera_thread_tid(t[i]);
		CHECK_EQ(tessera_thread_join(t[i], NULL), 0);
	}
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(ids[i].pid, getpid());
		CHECK(ids[i].tid > 0);
		CHECK(ids[i].tid != gettid());
		CHECK_EQ(ids[i].handle_tid, ids[i].tid);
		for (int j = 0; j < i; j++)
			CHECK(ids[i].tid != ids[j].tid);
	}
}

/* Each thread's %fs:0 is its own TCB, which is also its handle. */
TEST(each_thread_has_its_own_fs_base)
{
	ids_t ids[N_THREADS];
	tessera_thread_t *t[N_THREADS];
	void *main_fs0;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(main_fs0));
	CHECK(main_fs0 != NULL);
	CHECK(main_fs0 == tessera_thread_self());
	for (int i = 0; i < N_THREADS; i++) {
		t[i] = tessera_thread_create(report_ids, &ids[i], 0);
		CHECK(t[i] != NULL);
	}
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(tessera_thread_join(t[i], NULL), 0);
		CHECK(ids[i].fs0 == t[i]);
		CHECK(ids[i].self == t[i]);
		CHECK(ids[i].fs0 != main_fs0);
	}
}

static __thread int tls_initialized = 42;
static __thread long tls_zeroed;
static __thread char tls_aligned[64] __attribute__((aligned(64))) = "tls";

static void *use_tls(void *arg)
{
	int index = (int)(intptr_t)arg;
	uintptr_t ok = 1;

	ok &= tls_initialized == 42;            /* a fresh copy of the image */
	ok &= tls_zeroed == 0;
	ok &= strcmp(tls_aligned, "tls") == 0;
	ok &= ((uintptr_t)tls_aligned % 64) == 0;
	tls_initialized = 1000 + index;
	tls_zeroed = index;
	for (int i = 0; i < 100; i++)
		sched_yield();
	ok &= tls_initialized == 1000 + index; /* nobody else wrote ours */
	ok &= tls_zeroed == index;
	return (void *)(ok ? (uintptr_t)&tls_initialized : 0);
}

TEST(thread_local_variables_are_per_thread)
{
	tessera_thread_t *t[N_THREADS];
	void *addr[N_THREADS];

	tls_initialized = 7;                    /* main's copy only */
	for (int i = 0; i < N_THREADS; i++) {
		t[i] = tessera_thread_create(use_tls, (void *)(intptr_t)i, 0);
		CHECK(t[i] != NULL);
	}
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(tessera_thread_join(t[i], &addr[i]), 0);
		CHECK(addr[i] != NULL);
		CHECK(addr[i] != (void *)&tls_initialized);
		for (int j = 0; j < i; j++)
			CHECK(addr[i] != addr[j]);
	}
	CHECK_EQ(tls_initialized, 7);
	tls_initialized = 42;
}

static void *set_errno(void *arg)
{
	(void)arg;
	errno = 0;
	if (write(-1, "", 1) != -1 || errno != EBADF)
		return (void *)1;
	return NULL;
}

TEST(errno_is_per_thread)
{
	tessera_thread_t *t;
	void *result;

	errno = ENOENT;
	t = tessera_thread_create(set_errno, NULL, 0);
	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK(result == NULL);
	CHECK_EQ(errno, ENOENT);
}

static void *use_big_stack(void *arg)
{
	volatile char big[200 * 1024];

	for (size_t i = 0; i < sizeof(big); i += 512)
		big[i] = (char)i;
	return (void *)(uintptr_t)(big[512] + (uintptr_t)arg);
}

TEST(thread_stack_has_the_asked_size)
{
	void *result;
	tessera_thread_t *t = tessera_thread_create(use_big_stack, (void *)1, 512 * 1024);

	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK(result == (void *)(uintptr_t)((char)512 + 1));
}

TEST(create_join_cycles_do_not_leak)
{
	abi_sysinfo_t before, after;

	for (int i = 0; i < 210; i++) {
		if (i == 10)
			CHECK_EQ(tessera_sysinfo(&before), 0);
		tessera_thread_t *t = tessera_thread_create(return_arg, NULL, 0);
		CHECK(t != NULL);
		CHECK_EQ(tessera_thread_join(t, NULL), 0);
	}
	CHECK_EQ(tessera_sysinfo(&after), 0);
	CHECK(after.free_pages + 64 >= before.free_pages);
}

TEST(create_errors)
{
	CHECK(tessera_thread_create(NULL, NULL, 0) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(tessera_thread_create(return_arg, NULL, (size_t)1 << 50) == NULL);
	CHECK_EQ(errno, ENOMEM);
	CHECK_ERRNO(tessera_thread_join(tessera_thread_self(), NULL), EDEADLK);
	CHECK_ERRNO(tessera_thread_join(NULL, NULL), EINVAL);
}

/* ---- futexes ----------------------------------------------------------------- */

static volatile int futex_word;

static void *futex_waiter(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&futex_word, __ATOMIC_ACQUIRE) == 0)
		tessera_futex_wait(&futex_word, 0, NULL);
	return (void *)(intptr_t)futex_word;
}

TEST(futex_wait_and_wake_between_threads)
{
	tessera_thread_t *t[N_THREADS];
	void *result;

	futex_word = 0;
	for (int i = 0; i < N_THREADS; i++) {
		t[i] = tessera_thread_create(futex_waiter, NULL, 0);
		CHECK(t[i] != NULL);
	}
	utest_sleep_ms(50);             /* let them block (not required) */
	__atomic_store_n(&futex_word, 5, __ATOMIC_RELEASE);
	CHECK(tessera_futex_wake(&futex_word, N_THREADS) >= 0);
	for (int i = 0; i < N_THREADS; i++) {
		CHECK_EQ(tessera_thread_join(t[i], &result), 0);
		CHECK(result == (void *)5);
	}
}

TEST(futex_wake_counts_woken_threads)
{
	tessera_thread_t *t[2];
	int woken = 0;

	futex_word = 0;
	for (int i = 0; i < 2; i++) {
		t[i] = tessera_thread_create(futex_waiter, NULL, 0);
		CHECK(t[i] != NULL);
	}
	/* Both must be asleep on the word before the count means anything. */
	utest_sleep_ms(200);
	__atomic_store_n(&futex_word, 1, __ATOMIC_RELEASE);
	woken = tessera_futex_wake(&futex_word, 1);
	woken += tessera_futex_wake(&futex_word, 10);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(tessera_thread_join(t[i], NULL), 0);
	CHECK(woken >= 0 && woken <= 2);
	CHECK_EQ(tessera_futex_wake(&futex_word, 10), 0);    /* nobody left */
}

TEST(futex_wait_on_changed_value_fails_eagain)
{
	futex_word = 3;
	CHECK_ERRNO(tessera_futex_wait(&futex_word, 4, NULL), EAGAIN);
}

TEST(futex_wait_times_out_after_timeout)
{
	struct timespec timeout = { .tv_sec = 0, .tv_nsec = 50 * 1000000 };
	uint64_t start, elapsed;

	futex_word = 0;
	start = utest_now_ns();
	CHECK_ERRNO(tessera_futex_wait(&futex_word, 0, &timeout), ETIMEDOUT);
	elapsed = utest_now_ns() - start;
	CHECK(elapsed >= 50 * 1000000ULL);
}

TEST(futex_bad_arguments)
{
	CHECK_EQ(sys_futex(0, FUTEX_WAIT, 0, 0), -EFAULT);
	CHECK_EQ(sys_futex((long)0xffff800000000000UL, FUTEX_WAIT, 0, 0), -EFAULT);
	CHECK_EQ(sys_futex((long)&futex_word, 99, 0, 0), -EINVAL);
	futex_word = 0;
	CHECK_EQ(sys_futex((long)&futex_word, FUTEX_WAIT, 0, 0xffff800000000000L), -EFAULT);
}

/* ---- FPU / SSE state --------------------------------------------------------- */

#define FPU_TERMS 300000

/* A different series per k in doubles (SSE) and long doubles (x87). */
static double series_sse(int k)
{
	double sum = 0.0;

	for (int i = 1; i <= FPU_TERMS; i++)
		sum += 1.0 / ((double)i * (double)(k + 1) + 0.5);
	return sum;
}

static long double series_x87(int k)
{
	long double sum = 0.0L;

	for (int i = 1; i <= FPU_TERMS; i++)
		sum += (long double)(k + 2) / ((long double)i * i + 1.0L);
	return sum;
}

typedef struct fpu_job {
	int k;
	double sse;
	long double x87;
} fpu_job_t;

static void *fpu_worker(void *arg)
{
	fpu_job_t *job = arg;

	job->sse = series_sse(job->k);
	job->x87 = series_x87(job->k);
	return NULL;
}

/*
 * The references come from this thread, alone; then four threads (and this
 * one) compute the same series at once, preempting each other. Floating
 * point is deterministic, so any difference is state lost in a switch.
 */
TEST(fpu_state_survives_preemption)
{
	fpu_job_t jobs[N_THREADS];
	double want_sse[N_THREADS];
	long double want_x87[N_THREADS];
	tessera_thread_t *t[N_THREADS];

	for (int k = 0; k < N_THREADS; k++) {
		want_sse[k] = series_sse(k);
		want_x87[k] = series_x87(k);
		jobs[k].k = k;
	}
	for (int k = 0; k < N_THREADS; k++) {
		t[k] = tessera_thread_create(fpu_worker, &jobs[k], 0);
		CHECK(t[k] != NULL);
	}
	double mine = series_sse(N_THREADS - 1);
	for (int k = 0; k < N_THREADS; k++)
		CHECK_EQ(tessera_thread_join(t[k], NULL), 0);
	CHECK(mine == want_sse[N_THREADS - 1]);
	for (int k = 0; k < N_THREADS; k++) {
		CHECK(jobs[k].sse == want_sse[k]);
		CHECK(jobs[k].x87 == want_x87[k]);
		/* And the values are what the series should give, roughly. */
		CHECK(jobs[k].sse > 0.0 && jobs[k].sse < 20.0);
	}
}

/* ---- threads and the process ------------------------------------------------- */

static void *exit_process(void *arg)
{
	utest_sleep_ms(20);
	_exit((int)(intptr_t)arg);
}

static void *spin_forever(void *arg)
{
	(void)arg;
	for (volatile int forever = 1; forever;)
		__asm__ volatile("pause");
	return NULL;
}

/* _exit in any thread ends the whole process, other threads included. */
static void exit_from_thread(void *arg)
{
	(void)arg;
	CHILD_CHECK(tessera_thread_create(spin_forever, NULL, 0) != NULL);
	CHILD_CHECK(tessera_thread_create(exit_process, (void *)7, 0) != NULL);
	for (int i = 0; i < 6000; i++)
		utest_sleep_ms(10);
	_exit(1);
}

TEST(exit_in_a_thread_ends_the_process)
{
	int status = utest_in_child(exit_from_thread, NULL);

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
}

static void spin_with_threads(void *arg)
{
	volatile int *ready = arg;

	for (int i = 0; i < 3; i++)
		CHILD_CHECK(tessera_thread_create(spin_forever, NULL, 0) != NULL);
	__atomic_store_n(ready, 1, __ATOMIC_RELEASE);
	spin_forever(NULL);
	_exit(1);
}

TEST(sigkill_ends_a_multithreaded_process)
{
	volatile int *ready = utest_shared(4096);
	pid_t pid;

	CHECK(ready != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0)
		spin_with_threads((void *)ready);
	CHECK(utest_wait_for(ready, 1, 60000));
	CHECK_EQ(kill(pid, SIGKILL), 0);
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

static void *fork_from_thread(void *arg)
{
	(void)arg;
	pid_t pid = fork();

	if (pid == 0)
		_exit(gettid() == getpid() ? 12 : 13);
	return (void *)(intptr_t)WEXITSTATUS(utest_wait(pid));
}

TEST(fork_from_a_thread)
{
	void *result;
	tessera_thread_t *t;

	fflush(stdout);
	t = tessera_thread_create(fork_from_thread, NULL, 0);
	CHECK(t != NULL);
	CHECK_EQ(tessera_thread_join(t, &result), 0);
	CHECK(result == (void *)12);
}

static volatile int exec_race_go;

static void *exec_race_thread(void *arg)
{
	char *argv[] = { "helper_true", NULL };
	char *envp[] = { NULL };

	(void)arg;
	while (!__atomic_load_n(&exec_race_go, __ATOMIC_ACQUIRE))
		;
	execve("/bin/tests/helper_true", argv, envp);
	return (void *)1;
}

/* Two threads exec at once: one wins, the process runs the new program. */
TEST(concurrent_exec_from_two_threads_does_not_hang)
{
	for (int round = 0; round < 5; round++) {
		pid_t pid = utest_fork();
		if (pid == 0) {
			tessera_thread_create(exec_race_thread, NULL, 0);
			tessera_thread_create(exec_race_thread, NULL, 0);
			__atomic_store_n(&exec_race_go, 1, __ATOMIC_RELEASE);
			for (;;)
				sched_yield();
		}
		CHECK_EQ(utest_wait(pid), 0);   /* helper_true exits 0 */
	}
}

static volatile int intr_word;

static void intr_handler(int sig)
{
	(void)sig;
}

/* A signal interrupts a futex wait; the next wait still waits normally. */
TEST(futex_wait_after_an_interrupted_one_is_not_interrupted)
{
	struct sigaction sa = { 0 };
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	sa.sa_handler = intr_handler;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_futex_wait(&intr_word, 0, NULL) == -1 && errno == EINTR);
		/* Not woken by anyone: must time out, not fail with EINTR. */
		CHILD_CHECK(tessera_futex_wait(&intr_word, 0, &ts) == -1 && errno == ETIMEDOUT);
		_exit(0);
	}
	utest_sleep_ms(50);
	CHECK(kill(pid, SIGUSR1) == 0);
	CHECK_EQ(utest_wait(pid), 0);
	signal(SIGUSR1, SIG_DFL);
}
