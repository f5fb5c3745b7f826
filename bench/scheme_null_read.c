// SPDX-License-Identifier: MIT
/*
 * scheme_null_read: a 0-byte read from the null device, in ns. On
 * Tessera null: is a userspace daemon, so this is one full round trip
 * through the scheme protocol (request queued, daemon switched to, answer
 * written, caller switched back); on Linux /dev/null is a driver in the
 * kernel, so it is a system call.
 */
#define BENCH_NAME "scheme_null_read"
#include "bench.h"

#include <fcntl.h>

static int null_fd;

static uint64_t null_read_run(uint64_t n)
{
	char c;
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++)
		if (read(null_fd, &c, 0) != 0)
			bench_fail("read");
	return bench_now_ns() - start;
}

int main(void)
{
	null_fd = open(BENCH_NULL_PATH, O_RDWR);
	if (null_fd < 0)
		bench_fail("open " BENCH_NULL_PATH);
	bench_run("ns", 1, null_read_run);
	return 0;
}
