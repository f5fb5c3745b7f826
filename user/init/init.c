// SPDX-License-Identifier: MIT
/*
 * init, pid 1 — for now a test runner, or a benchmark runner.
 *
 * It announces that userspace is up, then runs every test program of the
 * build (test_list.h, generated from the same make variable that builds
 * them) one at a time: fork, exec /bin/tests/NAME, wait. While it waits
 * it also reaps any orphan it has inherited, since waiting for "any
 * child" returns those too. It prints one verdict per program and a total
 * and exits 0 iff all passed; in test mode the kernel turns pid 1's exit
 * status into QEMU's.
 *
 * With the argument `bench` (the kernel passes what follows " -- " on its
 * command line: `make bench` boots with "test -- bench") it runs the
 * benchmarks of bench_list.h instead, /bin/bench/NAME, the same way. They
 * print their own `name value unit` lines; init adds a verdict only for
 * one that failed, then `init: benchmarks done`, and exits 0 iff all
 * exited 0. Other arguments name the test programs to run (all when
 * none): `make test-one T=test_fds` boots with "test -- test_fds".
 *
 * Before either it starts the utility daemons (daemons.c); supervising
 * them from a service configuration comes later (ARCHITECTURE.md §5).
 */
#include "init.h"

#include <bench_list.h>
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <test_list.h>
#include <unistd.h>

#define TEST_DIR  "/bin/tests/"
#define BENCH_DIR "/bin/bench/"

#define INIT_NAME(name) name,
static const char *const init_tests[] = { TEST_LIST(INIT_NAME) };
static const char *const init_benches[] = { BENCH_LIST(INIT_NAME) };
#undef INIT_NAME

static char *init_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* Reaps children until `pid` exits (orphans included); its status, or -1. */
static int init_wait_for(pid_t pid)
{
	for (;;) {
		int status;
		pid_t r = waitpid(-1, &status, 0);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR) {
			printf("init: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
}

static void init_reap_orphans(void)
{
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static void init_describe(int status, char *buf, size_t size)
{
	if (status == -1)
		snprintf(buf, size, "lost");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status 0x%x", status);
}

/*
 * Runs DIR NAME to its end; true when it exited 0, else why not in
 * `why`. Its output goes where init's does.
 */
static bool init_run(const char *dir, const char *name, char *why, size_t size)
{
	char path[128];
	pid_t pid;
	int status;

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
		execve(path, argv, init_envp);
		fprintf(stderr, "init: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	status = init_wait_for(pid);
	init_reap_orphans();
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	init_describe(status, why, size);
	return false;
}

static bool init_selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

/* Every test program (or those named); 0 iff all passed. */
static int init_run_tests(int argc, char **argv)
{
	size_t count = sizeof(init_tests) / sizeof(init_tests[0]);
	int passed = 0, failed = 0;
	char why[64];

	for (size_t i = 0; i < count; i++) {
		if (!init_selected(init_tests[i], argc, argv))
			continue;
		if (init_run(TEST_DIR, init_tests[i], why, sizeof(why))) {
			printf("init: TEST %s passed\n", init_tests[i]);
			passed++;
		} else {
			printf("init: TEST %s failed (%s)\n", init_tests[i], why);
			failed++;
		}
	}
	init_reap_orphans();
	printf("init: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* Every benchmark; 0 iff all exited 0. */
static int init_run_benches(void)
{
	size_t count = sizeof(init_benches) / sizeof(init_benches[0]);
	bool ok = true;
	char why[64];

	for (size_t i = 0; i < count; i++) {
		if (!init_run(BENCH_DIR, init_benches[i], why, sizeof(why))) {
			printf("init: BENCH %s failed (%s)\n", init_benches[i], why);
			ok = false;
		}
	}
	init_reap_orphans();
	printf("init: benchmarks done\n");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	printf("init: Tessera userspace is up\n");
	init_start_daemons();
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		return init_run_benches();
	return init_run_tests(argc, argv);
}
