// SPDX-License-Identifier: MIT
/*
 * The utility daemons init starts, as a program sees them: null: (end of
 * file, swallows writes), zero: (zeros, through small and mapped
 * buffers), rand: (bytes that differ from read to read and look random)
 * and log: (lines forwarded to the kernel log with the source's name).
 */
#include "utest.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TEST(null_reads_end_of_file_and_swallows_writes)
{
	char buf[64];
	int fd = open("null:", O_RDWR);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, "discard me", 10), 10);
	CHECK_ERRNO(open("null:something", O_RDONLY), ENOENT);
	close(fd);
}

TEST(zero_reads_zeros_small_and_large)
{
	size_t big = 1u << 20;
	char small[100];
	char *buf = malloc(big + 1);
	int fd = open("zero:", O_RDONLY);

	CHECK(fd >= 0 && buf);
	memset(small, 0x55, sizeof(small));
	CHECK_EQ(read(fd, small, sizeof(small)), (long)sizeof(small));
	for (size_t i = 0; i < sizeof(small); i++)
		CHECK_EQ(small[i], 0);
	memset(buf, 0x55, big + 1);
	CHECK_EQ(read(fd, buf + 1, big), (long)big);    /* mapped, unaligned */
	for (size_t i = 1; i <= big; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(buf[0], 0x55);
	free(buf);
	close(fd);
}

static unsigned popcount_bytes(const unsigned char *p, size_t n)
{
	unsigned ones = 0;

	for (size_t i = 0; i < n; i++)
		ones += (unsigned)__builtin_popcount(p[i]);
	return ones;
}

TEST(rand_gives_fresh_random_bytes)
{
	static unsigned char a[65536], b[65536];
	int fd = open("rand:", O_RDWR);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	CHECK_EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	/* About half the bits set: 524288 bits, far outside 6 sigma otherwise. */
	unsigned ones = popcount_bytes(a, sizeof(a));
	CHECK(ones > 262144 - 2200 && ones < 262144 + 2200);
	/* Two processes do not share a stream. */
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		unsigned char c[32];
		CHILD_CHECK(read(fd, c, sizeof(c)) == sizeof(c));
		CHILD_CHECK(write(fds[1], c, sizeof(c)) == sizeof(c));
		_exit(0);
	}
	unsigned char mine[32], theirs[32];
	CHECK_EQ(read(fd, mine, sizeof(mine)), 32);
	CHECK_EQ(read(fds[0], theirs, sizeof(theirs)), 32);
	CHECK(memcmp(mine, theirs, 32) != 0);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK(write(fd, "entropy from the test", 21) == 21);
	close(fds[0]);
	close(fds[1]);
	close(fd);
}

TEST(log_forwards_lines_with_their_source)
{
	int fd = open("log:test_daemons", O_WRONLY);
	char line[80];

	CHECK(fd >= 0);
	snprintf(line, sizeof(line), "marker %d part one, ", getpid());
	CHECK_EQ(write(fd, line, strlen(line)), (long)strlen(line));
	CHECK_EQ(write(fd, "part two\n", 9), 9);
	snprintf(line, sizeof(line), "[test_daemons] marker %d part one, part two", getpid());
	bool seen = false;
	for (int i = 0; i < 2000 && !seen; i++) {
		seen = utest_kernel_log_has(line);
		if (!seen)
			utest_sleep_ms(5);
	}
	CHECK(seen);
	close(fd);
}
