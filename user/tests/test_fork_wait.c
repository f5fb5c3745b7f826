// SPDX-License-Identifier: MIT
/*
 * fork, exit and waitpid: return values on both sides, exit statuses,
 * WNOHANG, ECHILD, copy-on-write isolation of every kind of memory,
 * many cycles in a row, and orphans being handed to init (pid 1).
 * Children report through exit codes or MAP_SHARED memory, never by
 * returning into the test runner.
 */
#include "utest.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

TEST(fork_returns_zero_in_child_and_pid_in_parent)
{
	volatile int *shared = utest_shared(4096);
	pid_t pid;

	CHECK(shared != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		shared[0] = getpid();
		_exit(0);
	}
	CHECK(pid > 0 && pid != getpid());
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(shared[0], pid);
	munmap((void *)shared, 4096);
}

TEST(exit_status_reaches_waitpid)
{
	static const int codes[] = { 0, 1, 42, 127, 255 };

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status;
		pid_t pid = utest_fork();

		CHECK(pid >= 0);
		if (pid == 0)
			_exit(codes[i]);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK_EQ(WEXITSTATUS(status), codes[i]);
	}
}

TEST(exit_status_keeps_low_eight_bits)
{
	pid_t pid = utest_fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(256 + 7);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
}

static volatile int *atexit_log;

static void atexit_first(void)
{
	atexit_log[atexit_log[0]++ + 1] = 1;
}

static void atexit_second(void)
{
	atexit_log[atexit_log[0]++ + 1] = 2;
}

TEST(exit_runs_atexit_handlers_in_reverse)
{
	pid_t pid;

	atexit_log = utest_shared(4096);
	CHECK(atexit_log != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		atexit(atexit_first);
		atexit(atexit_second);
		exit(3);
	}
	CHECK_EQ(WEXITSTATUS(utest_wait(pid)), 3);
	CHECK_EQ(atexit_log[0], 2);
	CHECK_EQ(atexit_log[1], 2);
	CHECK_EQ(atexit_log[2], 1);
	munmap((void *)atexit_log, 4096);
}

TEST(waitpid_null_status_is_allowed)
{
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(5);
	CHECK_EQ(waitpid(pid, NULL, 0), pid);
}

TEST(wnohang_returns_zero_while_child_runs)
{
	volatile int *release = utest_shared(4096);
	pid_t pid;
	int status;

	CHECK(release != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* Runs until released, at most 60 s. */
		_exit(utest_wait_for(release, 1, 60000) ? 9 : 1);
	}
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0);
	__atomic_store_n(release, 1, __ATOMIC_RELEASE);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 9);
	munmap((void *)release, 4096);
}

TEST(wnohang_reaps_an_exited_child)
{
	pid_t pid = utest_fork();
	int status = 0;
	pid_t r = 0;

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(4);
	for (int i = 0; i < 10000 && r == 0; i++) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == 0)
			utest_sleep_ms(1);
	}
	CHECK_EQ(r, pid);
	CHECK_EQ(WEXITSTATUS(status), 4);
}

TEST(waitpid_on_non_child_fails_echild)
{
	int status;

	CHECK_ERRNO(waitpid(1, &status, 0), ECHILD);               /* init: not ours */
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);        /* ourselves */
	CHECK_ERRNO(waitpid(0x7ffffff0, &status, 0), ECHILD);      /* nobody */
	CHECK_ERRNO(waitpid(-1, &status, 0), ECHILD);              /* no children at all */
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
}

TEST(waitpid_on_reaped_child_fails_echild)
{
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_ERRNO(waitpid(pid, NULL, 0), ECHILD);
}

TEST(wait_any_collects_every_child)
{
	enum { N = 8 };
	pid_t pids[N];
	int seen = 0;

	for (int i = 0; i < N; i++) {
		pids[i] = utest_fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < N; n++) {
		int status;
		pid_t r = wait(&status);
		int i;

		CHECK(r > 0);
		for (i = 0; i < N && pids[i] != r; i++)
			;
		CHECK(i < N);
		CHECK(!(seen & (1 << i)));
		CHECK_EQ(WEXITSTATUS(status), 10 + i);
		seen |= 1 << i;
	}
	CHECK_EQ(seen, (1 << N) - 1);
	CHECK_ERRNO(wait(NULL), ECHILD);
}

TEST(waitpid_picks_the_named_child)
{
	enum { N = 4 };
	pid_t pids[N];

	for (int i = 0; i < N; i++) {
		pids[i] = utest_fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(20 + i);
	}
	for (int i = N - 1; i >= 0; i--) {
		int status;
		CHECK_EQ(waitpid(pids[i], &status, 0), pids[i]);
		CHECK_EQ(WEXITSTATUS(status), 20 + i);
	}
}

static char cow_data[3 * 4096] = { 1 };         /* .data */
static char cow_bss[3 * 4096];                  /* .bss */

static bool all_bytes(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

/*
 * Parent and child both write the same buffers after the fork — heap,
 * .data, .bss, stack — and each must see only its own bytes.
 */
TEST(copy_on_write_isolates_parent_and_child)
{
	enum { SIZE = 3 * 4096 };
	char stack_buf[SIZE];
	char *heap = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *bufs[] = { heap, cow_data, cow_bss, stack_buf };
	volatile int *phase = utest_shared(4096);
	pid_t pid;

	CHECK(heap != MAP_FAILED && phase != NULL);
	for (int b = 0; b < 4; b++)
		memset(bufs[b], 'O', SIZE);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (int b = 0; b < 4; b++)
			memset(bufs[b], 'C', SIZE - 4096);   /* the last page stays shared */
		__atomic_store_n(&phase[0], 1, __ATOMIC_RELEASE);
		CHILD_CHECK(utest_wait_for(&phase[1], 1, 60000));
		for (int b = 0; b < 4; b++) {
			CHILD_CHECK(all_bytes(bufs[b], SIZE - 4096, 'C'));
			CHILD_CHECK(all_bytes(bufs[b] + SIZE - 4096, 4096, 'O'));
		}
		_exit(0);
	}
	/* Write after the child wrote, then let it check after we wrote. */
	CHECK(utest_wait_for(&phase[0], 1, 60000));
	for (int b = 0; b < 4; b++)
		memset(bufs[b], 'P', SIZE - 4096);
	__atomic_store_n(&phase[1], 1, __ATOMIC_RELEASE);
	CHECK_EQ(utest_wait(pid), 0);
	for (int b = 0; b < 4; b++) {
		CHECK(all_bytes(bufs[b], SIZE - 4096, 'P'));
		CHECK(all_bytes(bufs[b] + SIZE - 4096, 4096, 'O'));
	}
	munmap(heap, SIZE);
	munmap((void *)phase, 4096);
}

TEST(child_inherits_memory_contents)
{
	static int value;
	char *heap = malloc(100);
	pid_t pid;

	CHECK(heap != NULL);
	value = 1234;
	strcpy(heap, "inherited");
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHILD_CHECK(value == 1234);
		CHILD_CHECK(strcmp(heap, "inherited") == 0);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	free(heap);
}

TEST(hundred_fork_exit_wait_cycles)
{
	for (int i = 0; i < 100; i++) {
		int status;
		pid_t pid = fork();

		CHECK(pid >= 0);
		if (pid == 0)
			_exit(i & 0xff);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), i & 0xff);
	}
	CHECK_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
}

TEST(nested_fork_three_generations)
{
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		pid_t grandchild = fork();
		int status;

		CHILD_CHECK(grandchild >= 0);
		if (grandchild == 0)
			_exit(33);
		CHILD_CHECK(waitpid(grandchild, &status, 0) == grandchild);
		_exit(WEXITSTATUS(status) + 1);
	}
	CHECK_EQ(WEXITSTATUS(utest_wait(pid)), 34);
}

/*
 * A child forks a grandchild and exits at once; the grandchild must be
 * re-parented to init, which reaps it. It reports through shared memory.
 */
TEST(orphan_is_reparented_to_init)
{
	volatile int *shared = utest_shared(4096);
	pid_t pid;

	CHECK(shared != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* Taken before the fork: the parent may be gone before the
		 * grandchild first runs. */
		pid_t parent = getpid();
		pid_t grandchild = fork();

		if (grandchild == 0) {
			/* Wait (at most 60 s) for the parent to die. */
			for (int i = 0; i < 60000 && getppid() == parent; i++)
				utest_sleep_ms(1);
			__atomic_store_n(&shared[1], getppid(), __ATOMIC_RELAXED);
			__atomic_store_n(&shared[0], 1, __ATOMIC_RELEASE);
			_exit(0);
		}
		_exit(grandchild > 0 ? 0 : 1);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK(utest_wait_for(&shared[0], 1, 60000));
	CHECK_EQ(shared[1], 1);
	/* The grandchild is init's to reap, not ours. */
	CHECK_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	munmap((void *)shared, 4096);
}
