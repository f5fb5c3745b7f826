// SPDX-License-Identifier: MIT
/*
 * pipe_pingpong: one byte to a child through a pipe and back through
 * another, in ns per round trip. Both processes stay on one CPU
 * (bench_one_cpu), so each round trip is two blocking reads, two
 * wake-ups and two switches between address spaces.
 */
#define BENCH_NAME "pipe_pingpong"
#include "bench.h"

static uint64_t pipe_run(uint64_t n)
{
	int to_child[2], to_parent[2];
	char c = 'p';

	if (pipe(to_child) < 0 || pipe(to_parent) < 0)
		bench_fail("pipe");
	pid_t pid = fork();
	if (pid < 0)
		bench_fail("fork");
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		while (read(to_child[0], &c, 1) == 1)
			if (write(to_parent[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	uint64_t start = bench_now_ns();
	for (uint64_t i = 0; i < n; i++)
		if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1)
			bench_fail("pipe round trip");
	uint64_t elapsed = bench_now_ns() - start;
	close(to_child[1]);
	close(to_parent[0]);
	bench_reap(pid, "the echoing child failed");
	return elapsed;
}

int main(void)
{
	bench_run("ns", 1, pipe_run);
	return 0;
}
