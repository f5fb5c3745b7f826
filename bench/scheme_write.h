// SPDX-License-Identifier: MIT
/*
 * Writing 1 MiB to the null device in chunks of SCHEME_WRITE_CHUNK, in
 * MB/s: with 1 MiB chunks Tessera maps the caller's pages into the null
 * daemon (zero copy), with 4 KiB chunks each write is copied through the
 * daemon's copy slot and costs a round trip. On Linux both are /dev/null
 * system calls. Included by scheme_write_1m.c and scheme_write_4k.c.
 */
#include <fcntl.h>

#define SCHEME_WRITE_TOTAL (1u << 20)

static int write_fd;
static char *write_buf;

static uint64_t scheme_write_run(uint64_t n)
{
	uint64_t start = bench_now_ns();

	for (uint64_t i = 0; i < n; i++)
		for (size_t done = 0; done < SCHEME_WRITE_TOTAL; done += SCHEME_WRITE_CHUNK)
			if (write(write_fd, write_buf + done, SCHEME_WRITE_CHUNK) !=
			    SCHEME_WRITE_CHUNK)
				bench_fail("write");
	return bench_now_ns() - start;
}

int main(void)
{
	write_fd = open(BENCH_NULL_PATH, O_WRONLY);
	write_buf = malloc(SCHEME_WRITE_TOTAL);
	if (write_fd < 0 || !write_buf)
		bench_fail("open " BENCH_NULL_PATH);
	memset(write_buf, 'x', SCHEME_WRITE_TOTAL);     /* pages present */
	bench_run_bandwidth(SCHEME_WRITE_TOTAL, scheme_write_run);
	return 0;
}
