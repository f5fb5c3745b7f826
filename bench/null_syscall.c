// SPDX-License-Identifier: MIT
/*
 * null_syscall: the cost of entering and leaving the kernel, in ns per
 * call. getppid does next to nothing in the kernel and is not cached by
 * either libc (glibc has no vDSO for it), so each call is one real system
 * call; the loop around it costs a few instructions.
 */
#define BENCH_NAME "null_syscall"
#include "bench.h"

static uint64_t null_syscall_run(uint64_t n)
{
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++)
		if (getppid() < 0)
			bench_fail("getppid");
	return bench_now_ns() - start;
}

int main(void)
{
	bench_run("ns", 1, null_syscall_run);
	return 0;
}
