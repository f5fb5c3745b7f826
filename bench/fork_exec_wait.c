// SPDX-License-Identifier: MIT
/*
 * fork_exec_wait: starting a program, in ns per cycle:
 * fork, exec of bench_true (a static program whose main returns 0, so
 * the cost is loading it and running its C runtime start-up and exit),
 * waitpid. bench_true is found beside this program, in the directory of
 * argv[0]: /bin/bench/ on Tessera, build/bench-linux/ on the host.
 */
#define BENCH_NAME "fork_exec_wait"
#include "bench.h"

#include <sys/wait.h>

static char fork_exec_path[256];

static uint64_t fork_exec_wait_run(uint64_t n)
{
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			bench_fail("fork");
		if (pid == 0) {
			char *argv[] = { fork_exec_path, NULL };
			char *envp[] = { NULL };

			execve(fork_exec_path, argv, envp);
			fprintf(stderr, BENCH_NAME ": exec %s: %s\n", fork_exec_path,
				strerror(errno));
			_exit(127);
		}
		bench_reap(pid, "bench_true did not exit 0");
	}
	return bench_now_ns() - start;
}

int main(int argc, char **argv)
{
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
	int dir_len = slash ? (int)(slash - argv[0]) : 1;
	const char *dir = slash ? argv[0] : ".";

	if ((size_t)snprintf(fork_exec_path, sizeof(fork_exec_path), "%.*s/bench_true",
			     dir_len, dir) >= sizeof(fork_exec_path)) {
		errno = ENAMETOOLONG;
		bench_fail("path of bench_true");
	}
	bench_run("ns", 1, fork_exec_wait_run);
	return 0;
}
