// SPDX-License-Identifier: MIT
/*
 * init, pid 1 — for now a test runner.
 *
 * It announces that userspace is up, then runs every test program of the
 * build (test_list.h, generated from the same make variable that builds
 * them) one at a time: fork, exec /bin/tests/NAME, wait. While it waits
 * it also reaps any orphan it has inherited, since waiting for "any
 * child" returns those too. It prints one verdict per program and a total
 * and exits 0 iff all passed; in test mode the kernel turns pid 1's exit
 * status into QEMU's.
 *
 * Later init will start and supervise the daemons (ARCHITECTURE.md §5).
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <test_list.h>
#include <unistd.h>

#define TEST_DIR "/bin/tests/"

static const char *const init_tests[] = {
#define INIT_TEST_NAME(name) name,
	TEST_LIST(INIT_TEST_NAME)
#undef INIT_TEST_NAME
};

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

/* Runs one test program; true when it exited 0. */
static bool init_run_test(const char *name)
{
	char path[128], why[32];
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), TEST_DIR "%s", name);
	printf("init: running %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("init: TEST %s failed (fork: %s)\n", name, strerror(errno));
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
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("init: TEST %s passed\n", name);
		return true;
	}
	init_describe(status, why, sizeof(why));
	printf("init: TEST %s failed (%s)\n", name, why);
	return false;
}

int main(void)
{
	size_t count = sizeof(init_tests) / sizeof(init_tests[0]);
	int passed = 0, failed = 0;

	printf("init: Tessera userspace is up\n");
	for (size_t i = 0; i < count; i++) {
		if (init_run_test(init_tests[i]))
			passed++;
		else
			failed++;
	}
	init_reap_orphans();
	printf("init: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
