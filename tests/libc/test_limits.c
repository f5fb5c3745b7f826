// SPDX-License-Identifier: MIT
/*
 * limits.h, stdint.h, inttypes.h and errno.h: the values C17 and POSIX
 * fix for LP64, the limit macros, the printf/scanf format macros, and an
 * errno per thread. (The fork that starts every program would not notice
 * a wrong INT64_MIN; these checks would.)
 */
#include "utest.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

TEST(integer_limits_are_lp64)
{
	CHECK_EQ(CHAR_BIT, 8);
	CHECK_EQ(SCHAR_MIN, -128);
	CHECK_EQ(UCHAR_MAX, 255);
	CHECK_EQ(SHRT_MAX, 32767);
	CHECK_EQ(INT_MAX, 2147483647);
	CHECK(INT_MIN == -INT_MAX - 1);
	CHECK(LONG_MAX == INT64_MAX);
	CHECK(ULONG_MAX == UINT64_MAX);
	CHECK(LLONG_MIN == INT64_MIN);
	CHECK_EQ(sizeof(long), 8);
	CHECK(SSIZE_MAX == LONG_MAX);
	CHECK(MB_LEN_MAX >= 4);
	CHECK(PATH_MAX >= 256);
	CHECK(NAME_MAX >= 14);
	CHECK(PIPE_BUF >= 512);
	CHECK(IOV_MAX >= 16);
}

TEST(exact_width_types_and_limits)
{
	CHECK_EQ(sizeof(int8_t), 1);
	CHECK_EQ(sizeof(int16_t), 2);
	CHECK_EQ(sizeof(int32_t), 4);
	CHECK_EQ(sizeof(int64_t), 8);
	CHECK_EQ(sizeof(intptr_t), sizeof(void *));
	CHECK_EQ(sizeof(intmax_t), 8);
	CHECK(INT8_MIN == -128 && INT8_MAX == 127 && UINT8_MAX == 255);
	CHECK(INT16_MIN == -32768 && UINT16_MAX == 65535);
	CHECK(INT32_MIN == -2147483647 - 1 && UINT32_MAX == 4294967295u);
	CHECK(INT64_MAX == 9223372036854775807ll && UINT64_MAX == 18446744073709551615ull);
	CHECK(INT64_MIN < 0 && (uint64_t)INT64_MIN == 0x8000000000000000ull);
	CHECK(SIZE_MAX == UINT64_MAX);
	CHECK(INTMAX_MAX == INT64_MAX);
	CHECK(UINT64_C(1) << 63 == 0x8000000000000000ull);
	CHECK(INT32_C(-1) == -1);
	CHECK_EQ(sizeof(INT64_C(0)), 8);
	CHECK(INT_FAST8_MAX >= 127 && INT_LEAST16_MAX >= 32767);
	CHECK(PTRDIFF_MIN < 0 && WCHAR_MAX > 0);
}

TEST(format_macros_print_and_scan)
{
	char buf[128];
	int64_t a;
	uint32_t b;
	uintmax_t c;

	snprintf(buf, sizeof(buf), "%" PRId64 " %" PRIu32 " %" PRIx64 " %" PRIdMAX " %" PRIuPTR,
		 INT64_MIN, UINT32_MAX, (uint64_t)0xdeadbeefcafe, INTMAX_MAX, (uintptr_t)42);
	CHECK_STR(buf, "-9223372036854775808 4294967295 deadbeefcafe 9223372036854775807 42");
	CHECK_EQ(sscanf("-5 17 ff", "%" SCNd64 " %" SCNu32 " %" SCNxMAX, &a, &b, &c), 3);
	CHECK_EQ(a, -5);
	CHECK_EQ(b, 17);
	CHECK_EQ(c, 255);
	CHECK_EQ(strtoimax("-42", NULL, 10), -42);
	CHECK(strtoumax("18446744073709551615", NULL, 10) == UINTMAX_MAX);
	imaxdiv_t d = imaxdiv(-7, 2);
	CHECK_EQ(d.quot, -3);
	CHECK_EQ(d.rem, -1);
	CHECK_EQ(imaxabs(-9), 9);
}

static void *errno_in_thread(void *arg)
{
	(void)arg;
	errno = EDOM;
	return (void *)(intptr_t)errno;
}

TEST(errno_is_per_thread_and_named)
{
	pthread_t t;
	void *seen;

	errno = ERANGE;
	CHECK_EQ(pthread_create(&t, NULL, errno_in_thread, NULL), 0);
	CHECK_EQ(pthread_join(t, &seen), 0);
	CHECK_EQ((intptr_t)seen, EDOM);
	CHECK_EQ(errno, ERANGE);
	CHECK(EAGAIN == EWOULDBLOCK);
	CHECK(ENOTSUP == EOPNOTSUPP || ENOTSUP > 0);
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(EILSEQ), "Invalid or incomplete multibyte or wide character");
	CHECK(strerror(ECONNREFUSED) != NULL);
}

TEST(errno_survives_a_successful_call)
{
	errno = EBADF;
	CHECK(getpid() > 0);
	CHECK_EQ(errno, EBADF);         /* a successful call leaves errno */
}
