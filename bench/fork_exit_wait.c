// SPDX-License-Identifier: MIT
/*
 * fork_exit_wait: one process life cycle without exec, in ns per cycle:
 * fork (copy-on-write address space), the child's
 * _exit, the parent's waitpid and the reaping. The parent is this small
 * static program, so the copy is of a handful of areas; its own pages
 * touched after the fork fault as copy-on-write only where it writes.
 */
#define BENCH_NAME "fork_exit_wait"
#include "bench.h"

#include <sys/wait.h>

static uint64_t fork_exit_wait_run(uint64_t n)
{
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			bench_fail("fork");
		if (pid == 0)
			_exit(0);
		bench_reap(pid, "child did not exit 0");
	}
	return bench_now_ns() - start;
}

int main(void)
{
	bench_run("ns", 1, fork_exit_wait_run);
	return 0;
}
