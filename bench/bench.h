// SPDX-License-Identifier: MIT
/*
 * What the benchmarks share: a clock, a harness, and the few things that
 * differ between Tessera and Linux. A benchmark defines BENCH_NAME, the
 * name it prints and reports errors under, then includes this file before
 * any other (it sets _GNU_SOURCE for glibc before any system header).
 *
 * The same sources build for Tessera (tools/x86_64-tessera-gcc, which
 * defines __tessera__) and for Linux (glibc), so everything is plain
 * POSIX plus the GNU affinity calls both libcs have (sched_setaffinity,
 * CPU_SET). What differs is named where it differs: the null device
 * here, the futex call (futex_pingpong.c), the directory for files
 * (file_dir.h), and what only Tessera has (disk_read.c, shm_bandwidth.c).
 *
 * The harness, bench_run(unit, unit_ns, fn): fn(n) performs n operations
 * and returns the nanoseconds they took, timing only what it measures
 * (setup such as mmap or a fork before the loop stays outside). Warm-up
 * and calibration are one step: n doubles from 1 until a call takes
 * BENCH_CALIBRATE_NS, then n is scaled so that one run takes about
 * BENCH_RUN_NS. BENCH_RUNS runs follow, and the median of their
 * per-operation times is printed as the one line `BENCH_NAME value unit`,
 * with one decimal (integer arithmetic: Tessera's printf has no %f yet). So
 * each benchmark takes about a second wherever it runs, be it under QEMU's
 * TCG (10-50 times slower than the host) or natively.
 *
 * Benchmarks of a fixed amount of work (the file and disk ones: a 64 MiB
 * file, 1000 names) skip the calibration: they time BENCH_RUNS runs of
 * that work themselves and print the median with bench_print_median_as,
 * one figure per line, each under its own name (file_write_4k,
 * file_read_4k, ...); tools/bench.py takes every figure a program prints.
 * A figure that has no meaning on this system is printed as `name n/a`
 * (bench_print_na).
 *
 * Any failed call ends the program through bench_fail with a message and
 * exit status 1.
 */
#pragma once

#ifndef BENCH_NAME
#error "define BENCH_NAME before including bench.h"
#endif

#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Where each system keeps its null device (a userspace scheme on Tessera). */
#ifdef __tessera__
#define BENCH_NULL_PATH "null:"
#else
#define BENCH_NULL_PATH "/dev/null"
#endif

#define BENCH_RUNS         5
#define BENCH_CALIBRATE_NS 50000000ull  /* 50 ms */
#define BENCH_RUN_NS       200000000ull /* 200 ms */

/* n operations; the nanoseconds they took. */
typedef uint64_t bench_fn_t(uint64_t n);

__attribute__((noreturn)) static inline void bench_fail(const char *what)
{
	fprintf(stderr, BENCH_NAME ": %s: %s\n", what, strerror(errno));
	exit(1);
}

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		bench_fail("clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline size_t bench_page_size(void)
{
	long size = sysconf(_SC_PAGESIZE);

	if (size <= 0)
		bench_fail("sysconf(_SC_PAGESIZE)");
	return (size_t)size;
}

/* Pins the calling thread, and what it creates from now on, to `cpu`. */
static inline void bench_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		bench_fail("sched_setaffinity");
	if (sched_getcpu() != cpu) {
		errno = EINVAL;
		bench_fail("still on another CPU after sched_setaffinity");
	}
}

/* The n-th CPU (from 0) this process may run on, or -1 if it has fewer. */
static inline int bench_allowed_cpu(int n)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		bench_fail("sched_getaffinity");
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set) && n-- == 0)
			return cpu;
	return -1;
}

/*
 * Every benchmark runs on one CPU, the first it may use, with what it
 * forks or starts (they inherit the mask): a figure is then the cost of
 * the operation itself on both systems, not of where each scheduler
 * happens to put a new process or a woken thread. The system's daemons
 * stay free to run anywhere. A benchmark about several CPUs defines
 * BENCH_SEVERAL_CPUS before including this file and pins for itself.
 */
#ifndef BENCH_SEVERAL_CPUS
__attribute__((constructor)) static void bench_one_cpu(void)
{
	bench_pin(bench_allowed_cpu(0));
}
#endif

/* Waits for child pid and fails the benchmark unless it exited 0 (`what`). */
static inline void bench_reap(pid_t pid, const char *what)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		bench_fail("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = ECHILD;
		bench_fail(what);
	}
}

/* n chosen as described at the top: about BENCH_RUN_NS per run. */
static inline uint64_t bench_calibrate(bench_fn_t *fn)
{
	uint64_t n = 1, t;

	for (;;) {
		t = fn(n);
		if (t >= BENCH_CALIBRATE_NS)
			break;
		if (n >= (1ull << 40)) {
			errno = ERANGE;
			bench_fail("the clock does not advance");
		}
		n *= 2;
	}
	n = n * BENCH_RUN_NS / t;
	return n ? n : 1;
}

/* Sorts the BENCH_RUNS figures and prints the median, in tenths, as the
 * figure `name` (a program with several figures names each; see below). */
static inline void bench_print_median_as(const char *name, uint64_t *tenths, const char *unit)
{
	for (int i = 1; i < BENCH_RUNS; i++)
		for (int j = i; j > 0 && tenths[j - 1] > tenths[j]; j--) {
			uint64_t swap = tenths[j];

			tenths[j] = tenths[j - 1];
			tenths[j - 1] = swap;
		}
	uint64_t t = tenths[BENCH_RUNS / 2];
	printf("%s %llu.%llu %s\n", name, (unsigned long long)(t / 10),
	       (unsigned long long)(t % 10), unit);
	fflush(stdout);
}

/* Sorts the BENCH_RUNS figures and prints the median, in tenths. */
static inline void bench_print_median(uint64_t *tenths, const char *unit)
{
	bench_print_median_as(BENCH_NAME, tenths, unit);
}

/* Prints `name n/a`: this figure does not exist on this system (a
 * Tessera scheme on Linux, say). tools/bench.py shows n/a, not a failure. */
static inline void bench_print_na(const char *name)
{
	printf("%s n/a\n", name);
	fflush(stdout);
}

/* Tenths of a MB/s (10^6 B/s) for `bytes` moved in `ns`. */
static inline uint64_t bench_mbps_tenths(uint64_t bytes, uint64_t ns)
{
	return (uint64_t)((__uint128_t)bytes * 10000 / (ns ? ns : 1));
}

/* Tenths of a nanosecond per operation for n operations in `ns`, rounded. */
static inline uint64_t bench_ns_tenths(uint64_t ns, uint64_t n)
{
	return (ns * 10 + n / 2) / n;
}

/* Measures fn as described at the top; unit_ns is the unit in nanoseconds. */
static inline void bench_run(const char *unit, uint64_t unit_ns, bench_fn_t *fn)
{
	uint64_t n = bench_calibrate(fn), tenths[BENCH_RUNS];

	for (int i = 0; i < BENCH_RUNS; i++) {
		uint64_t t = fn(n);
		/* per operation, in tenths of the unit, rounded */
		tenths[i] = (t * 10 + n * unit_ns / 2) / (n * unit_ns);
	}
	bench_print_median(tenths, unit);
}

/* Like bench_run for fn moving `bytes` per operation: prints MB/s (10^6 B). */
static inline void bench_run_bandwidth(uint64_t bytes, bench_fn_t *fn)
{
	uint64_t n = bench_calibrate(fn), tenths[BENCH_RUNS];

	for (int i = 0; i < BENCH_RUNS; i++) {
		uint64_t t = fn(n);
		/* bytes/ns * 1000 = MB/s; in tenths */
		tenths[i] = (unsigned long long)((__uint128_t)n * bytes * 10000 / (t ? t : 1));
	}
	bench_print_median(tenths, "MB/s");
}
