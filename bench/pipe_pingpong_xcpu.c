// SPDX-License-Identifier: MIT
/*
 * pipe_pingpong_xcpu: pipe_pingpong with the two processes on two
 * different CPUs, in ns per round trip: one byte to a child through a
 * pipe and back through another. Each round trip is then two blocking
 * reads and two cross-CPU wake-ups (an inter-processor interrupt when the
 * other CPU idles), and no process switch when each CPU has nothing else
 * to run.
 *
 * Linux pins the parent to the first CPU it may use and the child, once
 * forked, to the second (sched_setaffinity). Tessera has no affinity call
 * yet: the two processes are left to the scheduler, which may well run
 * both on one CPU (a woken thread goes where it last ran unless an idle
 * CPU steals it). So on Tessera this figure is "two processes on a
 * machine with two or more CPUs", not a guaranteed cross-CPU one; after
 * each run the child reports the CPU it is on, and a comment line
 * (`# ...`, which the tools ignore) says in how many runs the two were on
 * different CPUs at the end.
 *
 * With one CPU (how `make bench` boots Tessera, and wherever the affinity
 * mask holds one CPU) the figure does not exist: `pipe_pingpong_xcpu n/a`.
 */
#define BENCH_NAME "pipe_pingpong_xcpu"
#include "bench.h"

#include <stdbool.h>

#define XCPU_QUIT 'q' /* asks the child for its CPU, then to exit */

static int xcpu_parent_cpu = -1, xcpu_child_cpu = -1;
static int xcpu_runs, xcpu_apart;

/* Pins the caller to `cpu` (Linux); nothing on Tessera. */
static void xcpu_pin(int cpu)
{
#ifdef __tessera__
	(void)cpu;
#else
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		bench_fail("sched_setaffinity");
#endif
}

/* Chooses the two CPUs; false when there are not two to choose from. */
static bool xcpu_choose(void)
{
#ifdef __tessera__
	abi_sysinfo_t info;

	if (tessera_sysinfo(&info) < 0)
		bench_fail("sysinfo");
	return info.cpus_online >= 2;
#else
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		bench_fail("sched_getaffinity");
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (xcpu_parent_cpu < 0)
			xcpu_parent_cpu = cpu;
		else if (xcpu_child_cpu < 0)
			xcpu_child_cpu = cpu;
	}
	return xcpu_child_cpu >= 0;
#endif
}

/* The echoing child: it never returns. */
__attribute__((noreturn)) static void xcpu_child(int in, int out)
{
	char c;

	xcpu_pin(xcpu_child_cpu);
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
	xcpu_pin(xcpu_parent_cpu);
	bench_run("ns", 1, xcpu_run);
#ifdef __tessera__
	printf("# " BENCH_NAME ": not pinned (no affinity call); on different CPUs "
	       "at the end of %d of %d runs (calibration included)\n", xcpu_apart, xcpu_runs);
#else
	printf("# " BENCH_NAME ": parent pinned to CPU %d, child to CPU %d; apart at "
	       "the end of %d of %d runs (calibration included)\n", xcpu_parent_cpu, xcpu_child_cpu,
	       xcpu_apart, xcpu_runs);
#endif
	return 0;
}
