// SPDX-License-Identifier: MIT
/*
 * Test and benchmark runs: init's job when the kernel command line gives
 * it test names, `all`, or `bench` with or without names (main.c).
 *
 * The programs run one at a time — fork, exec /bin/tests/NAME (or
 * initfs:/bin/bench/NAME), wait — while the supervisor keeps going: the
 * wait is the supervisor's loop, so a daemon that dies under a test is
 * restarted and orphans are reaped meanwhile. The lists come from
 * test_list.h and bench_list.h, generated from the same make variables
 * that build the programs; named ones run in that order.
 *
 * Benchmarks are set up so that under QEMU's -icount what they measure
 * repeats (docs/performance.md): they are exec'd from the initfs, in
 * memory, as Linux's from its initramfs (tools/linux/init.c), so starting
 * one reads nothing from the disk, whose requests complete in host time;
 * a sync() before the first writes back what the boot changed; and each
 * starts on a clock tick. The file benchmarks still work on the root.
 *
 * Each test gets a verdict line, "init: TEST NAME passed" or "failed
 * (why)", and the run a total, "init: N passed, N failed"; a name that is
 * no test program fails. Benchmarks print their own `name value unit`
 * lines; init adds a verdict only for one that failed (or a name it does
 * not have), then "init: benchmarks done". The result is 0 iff everything
 * passed: in test mode the kernel turns pid 1's exit status into QEMU's.
 */
#include "init.h"

#include <bench_list.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <test_list.h>
#include <time.h>
#include <unistd.h>

#define TEST_DIR  "/bin/tests/"
#define BENCH_DIR "initfs:/bin/bench/"

#define RUNNER_NAME(name) name,
static const char *const runner_tests[] = { TEST_LIST(RUNNER_NAME) };
static const char *const runner_benches[] = { BENCH_LIST(RUNNER_NAME) };
#undef RUNNER_NAME

#define RUNNER_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *runner_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* Waits in the supervisor's loop until the program exits; false if a
 * shutdown was asked for first. */
static bool runner_wait(init_sup_t *s)
{
	for (;;) {
		init_sup_work(s);
		if (s->fg_done)
			return true;
		if (init_sup_request() != INIT_REQ_NONE)
			return false;
		init_sup_wait(s, UINT64_MAX);
	}
}

static void runner_describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status 0x%x", status);
}

/* Runs DIR NAME to its end; true when it exited 0, else why not in `why`.
 * Its output goes where init's does. */
static bool runner_run(init_sup_t *s, const char *dir, const char *name, char *why, size_t size)
{
	char path[128];
	pid_t pid;

	snprintf(path, sizeof(path), "%s%s", dir, name);
	printf("init: running %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		snprintf(why, size, "fork: %s", strerror(errno));
		return false;
	}
	if (pid == 0) {
		char *argv[] = { path, NULL };
		init_child_reset();
		execve(path, argv, runner_envp);
		fprintf(stderr, "init: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	s->fg_pid = pid;
	s->fg_done = false;
	if (!runner_wait(s)) {
		snprintf(why, size, "interrupted by a shutdown");
		return false;
	}
	if (WIFEXITED(s->fg_status) && WEXITSTATUS(s->fg_status) == 0)
		return true;
	runner_describe(s->fg_status, why, size);
	return false;
}

static bool runner_listed(const char *const *list, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool runner_selected(const char *name, int count, char **names)
{
	if (count == 0)
		return true;
	for (int i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static void runner_verdict(const char *name, bool ok, const char *why, int *passed, int *failed)
{
	if (ok) {
		printf("init: TEST %s passed\n", name);
		(*passed)++;
	} else {
		printf("init: TEST %s failed (%s)\n", name, why);
		(*failed)++;
	}
	fflush(stdout);
}

int init_run_tests(init_sup_t *s, int count, char **names)
{
	int passed = 0, failed = 0;
	char why[64];

	for (int i = 0; i < count; i++)
		if (!runner_listed(runner_tests, RUNNER_COUNT(runner_tests), names[i]))
			runner_verdict(names[i], false, "no such test program", &passed, &failed);
	for (size_t i = 0; i < RUNNER_COUNT(runner_tests); i++) {
		if (!runner_selected(runner_tests[i], count, names))
			continue;
		if (init_sup_request() != INIT_REQ_NONE)
			break;
		bool ok = runner_run(s, TEST_DIR, runner_tests[i], why, sizeof(why));
		runner_verdict(runner_tests[i], ok, why, &passed, &failed);
	}
	printf("init: %d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed ? 1 : 0;
}

/*
 * Waits for the next clock tick. Whatever came before (the disk probed at
 * boot completes in host time, so under -icount it ends after a different
 * number of guest instructions each run), the benchmark then starts at the
 * same point between two timer interrupts, and everything it does lands
 * at the same place relative to them: a sleep wakes on a tick.
 */
static void runner_tick_align(void)
{
	const struct timespec one_ns = { 0, 1 };

	nanosleep(&one_ns, NULL);
}

int init_run_benches(init_sup_t *s, int count, char **names)
{
	bool ok = true;
	char why[64];

	for (int i = 0; i < count; i++)
		if (!runner_listed(runner_benches, RUNNER_COUNT(runner_benches), names[i])) {
			printf("init: BENCH %s failed (no such benchmark)\n", names[i]);
			ok = false;
		}

	/* What the boot left to write back (ext2fsd writes back 5 s after a
	 * change) goes out now, not in the middle of a benchmark: a disk
	 * request completes in host time, so under -icount the figures
	 * around it would not repeat. */
	sync();
	for (size_t i = 0; i < RUNNER_COUNT(runner_benches); i++) {
		if (!runner_selected(runner_benches[i], count, names))
			continue;
		if (init_sup_request() != INIT_REQ_NONE)
			break;
		runner_tick_align();
		if (!runner_run(s, BENCH_DIR, runner_benches[i], why, sizeof(why))) {
			printf("init: BENCH %s failed (%s)\n", runner_benches[i], why);
			ok = false;
		}
	}
	printf("init: benchmarks done\n");
	fflush(stdout);
	return ok ? 0 : 1;
}
