// SPDX-License-Identifier: MIT
/*
 * pipe_pingpong_xcpu: pipe_pingpong with the two processes on two
 * different CPUs, in ns per round trip: one byte to a child through a
 * pipe and back through another. Each round trip is then two blocking
 * reads and two cross-CPU wake-ups (an inter-processor interrupt when the
 * other CPU idles), and no process switch when each CPU has nothing else
 * to run.
 *
 * The parent pins itself to the first CPU it may use and the child, once
 * forked, to the second (sched_setaffinity, on both systems). After each
 * run the child reports the CPU it is on, and a comment line (`# ...`,
 * which the tools ignore) says in how many runs the two were on
 * different CPUs at the end: all of them, unless pinning failed to pin.
 *
 * With one CPU (how `make bench` boots Tessera, and wherever the affinity
 * mask holds one CPU) the figure does not exist: `pipe_pingpong_xcpu n/a`.
 */
#define BENCH_NAME "pipe_pingpong_xcpu"
#define BENCH_SEVERAL_CPUS
#include "bench.h"

#include <stdbool.h>

#define XCPU_QUIT 'q' /* asks the child for its CPU, then to exit */

static int xcpu_parent_cpu = -1, xcpu_child_cpu = -1;
static int xcpu_runs, xcpu_apart;

/* Chooses the two CPUs; false when there are not two to choose from. */
static bool xcpu_choose(void)
{
	xcpu_parent_cpu = bench_allowed_cpu(0);
	xcpu_child_cpu = bench_allowed_cpu(1);
	return xcpu_child_cpu >= 0;
}

/* The echoing child: it never returns. */
__attribute__((noreturn)) static void xcpu_child(int in, int out)
{
	char c;

	bench_pin(xcpu_child_cpu);
	while (read(in, &c, 1) == 1) {
		if (c == XCPU_QUIT) {
			int cpu = sched_getcpu();

			c = (char)(cpu < 0 ? -1 : cpu);
			_exit(write(out, &c, 1) == 1 ? 0 : 1);
		}
		if (write(out, &c, 1) != 1)
			_exit(1);
	}
	_exit(1);
}

/* Asks the child where it runs and counts the run as apart or not. */
static void xcpu_tally(int to_child, int from_child)
{
	char c = XCPU_QUIT;

	if (write(to_child, &c, 1) != 1 || read(from_child, &c, 1) != 1)
		bench_fail("asking the child for its CPU");
	xcpu_runs++;
	if (c != (char)-1 && c != (char)sched_getcpu())
		xcpu_apart++;
}

static uint64_t xcpu_run(uint64_t n)
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
		xcpu_child(to_child[0], to_parent[1]);
	}
	close(to_child[0]);
	close(to_parent[1]);
	uint64_t start = bench_now_ns();
	for (uint64_t i = 0; i < n; i++)
		if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1)
			bench_fail("pipe round trip");
	uint64_t elapsed = bench_now_ns() - start;
	xcpu_tally(to_child[1], to_parent[0]);
	close(to_child[1]);
	close(to_parent[0]);
	bench_reap(pid, "the echoing child failed");
	return elapsed;
}

int main(void)
{
	if (!xcpu_choose()) {
		bench_print_na(BENCH_NAME);
		return 0;
	}
	bench_pin(xcpu_parent_cpu);
	bench_run("ns", 1, xcpu_run);
	printf("# " BENCH_NAME ": parent pinned to CPU %d, child to CPU %d; apart at "
	       "the end of %d of %d runs (calibration included)\n", xcpu_parent_cpu, xcpu_child_cpu,
	       xcpu_apart, xcpu_runs);
	return 0;
}
