// SPDX-License-Identifier: MIT
/*
 * <sys/uio.h>: writev gathers and readv scatters in order, a vector
 * write to a pipe arrives as one piece, short reads fill the first
 * buffers first, large vectors, bad counts, and preadv/pwritev at
 * offsets of a file.
 */
#include "utest.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

TEST(writev_gathers_and_readv_scatters_in_order)
{
	int p[2];
	char a[4] = { 0 }, b[6] = { 0 }, c[8] = { 0 };
	struct iovec out[3] = { { "one", 3 }, { "", 0 }, { "twothree", 8 } };
	struct iovec in[3] = { { a, 3 }, { b, 5 }, { c, 7 } };

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(writev(p[1], out, 3), 11);
	CHECK_EQ(readv(p[0], in, 3), 11);
	CHECK_STR(a, "one");
	CHECK_STR(b, "twoth");
	CHECK_STR(c, "ree");
	close(p[0]);
	close(p[1]);
}

TEST(a_short_readv_fills_the_first_buffers)
{
	int p[2];
	char a[4] = { 0 }, b[4] = { 'x', 'x', 'x', 0 };
	struct iovec in[2] = { { a, 3 }, { b, 3 } };

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(readv(p[0], in, 2), 2);
	CHECK_STR(a, "ab");
	CHECK_STR(b, "xxx");
	close(p[0]);
	close(p[1]);
}

TEST(writev_to_a_pipe_arrives_in_one_piece)
{
	int p[2];
	char buf[64];
	struct iovec out[4] = { { "aa", 2 }, { "bb", 2 }, { "cc", 2 }, { "dd", 2 } };

	CHECK_EQ(pipe(p), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		for (int i = 0; i < 200; i++)
			CHILD_CHECK(writev(p[1], out, 4) == 8);
		_exit(0);
	}
	for (int i = 0; i < 200; i++) {
		ssize_t n = read(p[0], buf, 8);
		CHECK_EQ(n, 8);
		CHECK(memcmp(buf, "aabbccdd", 8) == 0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	close(p[0]);
	close(p[1]);
}

TEST(large_vectors_move_every_byte)
{
	int p[2];
	size_t size = 100 * 1024;
	char *src = malloc(size), *dst = malloc(size);
	struct iovec out[3];

	CHECK(src && dst);
	for (size_t i = 0; i < size; i++)
		src[i] = (char)(i * 7 + 3);
	CHECK_EQ(pipe(p), 0);
	out[0] = (struct iovec){ src, 1000 };
	out[1] = (struct iovec){ src + 1000, 60000 };
	out[2] = (struct iovec){ src + 61000, size - 61000 };
	pid_t pid = utest_fork();
	if (pid == 0) {
		ssize_t done = 0;
		while (done < (ssize_t)size) {
			ssize_t n = read(p[0], dst + done, size - (size_t)done);
			CHILD_CHECK(n > 0);
			done += n;
		}
		CHILD_CHECK(memcmp(src, dst, size) == 0);
		_exit(0);
	}
	ssize_t done = 0;
	while (done < (ssize_t)size) {
		ssize_t n = writev(p[1], out, 3);
		CHECK(n > 0);
		done += n;
		/* Skip what went out: drop whole elements, trim the next one. */
		size_t skip = (size_t)n;
		for (int i = 0; i < 3; i++) {
			size_t k = out[i].iov_len < skip ? out[i].iov_len : skip;
			out[i].iov_base = (char *)out[i].iov_base + k;
			out[i].iov_len -= k;
			skip -= k;
		}
	}
	CHECK_EQ(utest_wait(pid), 0);
	close(p[0]);
	close(p[1]);
	free(src);
	free(dst);
}

TEST(bad_vector_counts_are_einval)
{
	int p[2];
	static struct iovec v[IOV_MAX + 1];
	volatile int negative = -1;

	for (int i = 0; i <= IOV_MAX; i++)
		v[i] = (struct iovec){ "x", 1 };
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(writev(p[1], v, 0), 0);
	CHECK_ERRNO(writev(p[1], v, negative), EINVAL);
	CHECK_ERRNO(readv(p[0], v, IOV_MAX + 1), EINVAL);
	CHECK_ERRNO(writev(99999, v, 1), EBADF);
	close(p[0]);
	close(p[1]);
}

TEST(preadv_and_pwritev_work_at_offsets)
{
	char name[] = "/tmp/test_uio.dat";
	char a[4] = { 0 }, b[4] = { 0 };
	struct iovec out[2] = { { "0123", 4 }, { "4567", 4 } };
	struct iovec in[2] = { { a, 3 }, { b, 3 } };
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		SKIP("no writable /tmp");
	CHECK_EQ(pwritev(fd, out, 2, 10), 8);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);    /* the offset did not move */
	CHECK_EQ(preadv(fd, in, 2, 11), 6);
	CHECK_STR(a, "123");
	CHECK_STR(b, "456");
	CHECK_ERRNO(preadv(fd, in, 2, -1), EINVAL);
	close(fd);
	unlink(name);
}
