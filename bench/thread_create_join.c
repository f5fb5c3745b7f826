// SPDX-License-Identifier: MIT
/*
 * thread_create_join: pthread_create of a thread that returns at once,
 * then pthread_join, in ns per pair. Each operation is the whole life of
 * a thread: its stack and TLS are mapped (Tessera maps one region per
 * thread, libc/src/thread.c; glibc keeps a cache of stacks, so Linux
 * mostly reuses one), clone starts it, it exits, the kernel clears the
 * joiner's word and futex-wakes it, and join frees what is left.
 *
 * On one CPU, like every benchmark (bench.h), so the new thread starts
 * where its creator runs on both systems. The thread function checks its argument and returns it,
 * so a join that hands back anything else fails the benchmark.
 */
#define BENCH_NAME "thread_create_join"
#include "bench.h"

#include <pthread.h>

static void *thread_body(void *arg)
{
	return arg;
}

static uint64_t thread_run(uint64_t n)
{
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++) {
		pthread_t t;
		void *result;
		int err = pthread_create(&t, NULL, thread_body, &thread_run);

		if (err) {
			errno = err;
			bench_fail("pthread_create");
		}
		err = pthread_join(t, &result);
		if (err) {
			errno = err;
			bench_fail("pthread_join");
		}
		if (result != (void *)&thread_run) {
			errno = EINVAL;
			bench_fail("the thread returned something else");
		}
	}
	return bench_now_ns() - start;
}

int main(void)
{
	bench_run("ns", 1, thread_run);
	return 0;
}
