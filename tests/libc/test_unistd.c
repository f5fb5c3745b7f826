// SPDX-License-Identifier: MIT
/*
 * unistd.h: process identity, descriptors, working directory, and the
 * small calls around them. The same expectations hold on glibc and on
 * Tessera's libc.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

TEST(getpid_is_stable_and_positive)
{
	pid_t a = getpid();

	CHECK(a > 0);
	CHECK_EQ(getpid(), a);
}

TEST(pipe_carries_bytes_in_order)
{
	int fds[2];
	char buf[8] = { 0 };

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

TEST(close_of_a_bad_descriptor_is_ebadf)
{
	CHECK_ERRNO(close(-1), EBADF);
	CHECK_ERRNO(close(1000000), EBADF);
}
