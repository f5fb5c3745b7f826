// SPDX-License-Identifier: MIT
/*
 * <string.h> and <strings.h>: every function on its edge cases (empty
 * strings, n of 0, bytes above 127 compared as unsigned, overlapping
 * moves, terminators at every offset and alignment so word-at-a-time
 * code is exercised near page ends), plus strerror/strerror_r/strsignal.
 * strerror_r is glibc's GNU variant under _GNU_SOURCE, so the test calls
 * it through the POSIX name only where both agree.
 */
#include "utest.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

/* A page whose end is followed by an unmapped page: reads past it fault. */
static char *page_before_hole(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p + 4096, 4096);
	return p;
}

TEST(memcpy_and_memmove_copy_every_length_and_overlap)
{
	unsigned char src[300], dst[300], ref[300];

	for (int i = 0; i < 300; i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (size_t n = 0; n < 100; n++) {
		for (size_t off = 0; off < 9; off++) {
			memset(dst, 0xee, sizeof(dst));
			CHECK(memcpy(dst + off, src + 3, n) == dst + off);
			CHECK_EQ(memcmp(dst + off, src + 3, n), 0);
			CHECK_EQ(dst[off + n], 0xee);
			if (off)
				CHECK_EQ(dst[off - 1], 0xee);
		}
	}
	/* Overlap both ways, against a byte-by-byte model. */
	for (size_t n = 0; n < 80; n++) {
		for (int shift = -20; shift <= 20; shift++) {
			memcpy(dst, src, 300);
			memcpy(ref, src, 300);
			size_t from = 100, to = (size_t)(100 + shift);
			unsigned char tmp[300];
			for (size_t i = 0; i < n; i++)
				tmp[i] = ref[from + i];
			for (size_t i = 0; i < n; i++)
				ref[to + i] = tmp[i];
			CHECK(memmove(dst + to, dst + from, n) == dst + to);
			CHECK_EQ(memcmp(dst, ref, 300), 0);
		}
	}
}

TEST(memset_fills_exactly_n_bytes)
{
	unsigned char buf[200];

	for (size_t n = 0; n < 150; n++) {
		memset(buf, 1, sizeof(buf));
		CHECK(memset(buf + 3, 0x1ab, n) == buf + 3);    /* converted to unsigned char */
		for (size_t i = 0; i < n; i++)
			CHECK_EQ(buf[3 + i], 0xab);
		CHECK_EQ(buf[3 + n], 1);
		CHECK_EQ(buf[2], 1);
	}
}

TEST(memcmp_compares_bytes_as_unsigned)
{
	unsigned char a[64], b[64];

	memset(a, 'x', sizeof(a));
	memset(b, 'x', sizeof(b));
	CHECK_EQ(memcmp(a, b, 64), 0);
	CHECK_EQ(memcmp(a, b, 0), 0);
	for (int i = 0; i < 64; i++) {
		b[i] = 0x80;
		CHECK(memcmp(a, b, 64) < 0);
		CHECK(memcmp(b, a, 64) > 0);
		CHECK_EQ(memcmp(a, b, (size_t)i), 0);
		b[i] = 'x';
	}
	CHECK(memcmp("\x01\xff", "\x01\x00", 2) > 0);
	CHECK(bcmp("abc", "abd", 3) != 0);
	CHECK_EQ(bcmp("abc", "abd", 2), 0);
}

TEST(memchr_and_memrchr_find_first_and_last)
{
	const char s[] = "abcabc\0abc\xff";

	CHECK(memchr(s, 'c', sizeof(s)) == s + 2);
	CHECK(memchr(s, '\0', sizeof(s)) == s + 6);
	CHECK(memchr(s, 0x1ff, sizeof(s)) == s + 10);  /* c as unsigned char */
	CHECK(memchr(s, 'z', sizeof(s)) == NULL);
	CHECK(memchr(s, 'a', 0) == NULL);
	CHECK(memrchr(s, 'a', sizeof(s)) == s + 7);
	CHECK(memrchr(s, 'a', 7) == s + 3);
	CHECK(memrchr(s, 'q', sizeof(s)) == NULL);
	char big[100];
	memset(big, 'x', sizeof(big));
	for (int i = 0; i < 100; i++) {
		big[i] = 'y';
		CHECK(memchr(big, 'y', 100) == big + i);
		CHECK(memrchr(big, 'y', 100) == big + i);
		big[i] = 'x';
	}
}

TEST(memmem_memccpy_and_mempcpy)
{
	const char h[] = "aaabaaabaaac";

	CHECK(memmem(h, 12, "aaac", 4) == h + 8);
	CHECK(memmem(h, 12, "b", 1) == h + 3);
	CHECK(memmem(h, 12, "", 0) == h);
	CHECK(memmem(h, 3, "aaaa", 4) == NULL);
	CHECK(memmem(h, 12, "aaad", 4) == NULL);
	CHECK(memmem("abc\0def", 7, "c\0d", 3) != NULL);

	char d[16];
	memset(d, '-', sizeof(d));
	CHECK(memccpy(d, "hello world", ' ', 11) == d + 6);
	CHECK(memcmp(d, "hello -", 7) == 0);
	CHECK(memccpy(d, "abc", 'z', 3) == NULL);
	CHECK(mempcpy(d, "xyz", 3) == d + 3);
}

TEST(strlen_finds_the_terminator_at_every_offset_before_a_hole)
{
	char *page = page_before_hole();

	CHECK(page != NULL);
	for (size_t len = 0; len < 40; len++) {
		char *s = page + 4096 - len - 1;        /* terminator is the page's last byte */
		memset(s, 'a', len);
		s[len] = '\0';
		CHECK_EQ(strlen(s), len);
		CHECK_EQ(strnlen(s, len + 5), len);
		CHECK_EQ(strnlen(s, len / 2), len / 2);
		CHECK(strchr(s, '\0') == s + len);
		CHECK(strchr(s, 'b') == NULL);
		CHECK(strrchr(s, 'a') == (len ? s + len - 1 : NULL));
		CHECK(memchr(s, 'b', len + 1) == NULL);
		CHECK_EQ(strcmp(s, s), 0);
	}
	munmap(page, 4096);
}

TEST(copies_terminate_and_pad_as_specified)
{
	char d[16];

	CHECK(strcpy(d, "abc") == d);
	CHECK_STR(d, "abc");
	CHECK(stpcpy(d, "hello") == d + 5);
	memset(d, 'x', sizeof(d));
	CHECK(strncpy(d, "ab", 5) == d);
	CHECK(memcmp(d, "ab\0\0\0x", 6) == 0);
	memset(d, 'x', sizeof(d));
	const char *volatile six = "abcdef";
	strncpy(d, six, 3);
	CHECK(memcmp(d, "abcx", 4) == 0);       /* no terminator when it does not fit */
	memset(d, 'x', sizeof(d));
	CHECK(stpncpy(d, "ab", 5) == d + 2);
	CHECK(stpncpy(d, "abcdef", 3) == d + 3);
	strcpy(d, "ab");
	CHECK(strcat(d, "cd") == d);
	CHECK_STR(d, "abcd");
	CHECK(strncat(d, "efgh", 2) == d);
	CHECK_STR(d, "abcdef");
	strncat(d, "", 5);
	CHECK_STR(d, "abcdef");
}

/* glibc has strlcpy and strlcat since 2.38 (POSIX.1-2024 added them). */
#if defined(__GLIBC__) && (__GLIBC__ * 100 + __GLIBC_MINOR__) < 238
#define HAVE_STRLCPY 0
#else
#define HAVE_STRLCPY 1
#endif

TEST(strlcpy_and_strlcat_truncate_and_report_the_full_length)
{
#if !HAVE_STRLCPY
	SKIP("this libc has no strlcpy");
#else
	char d[8];

	CHECK_EQ(strlcpy(d, "hello world", sizeof(d)), 11);
	CHECK_STR(d, "hello w");
	CHECK_EQ(strlcpy(d, "hi", sizeof(d)), 2);
	CHECK_STR(d, "hi");
	d[0] = 'q';
	CHECK_EQ(strlcpy(d, "abc", 0), 3);
	CHECK_EQ(d[0], 'q');
	strcpy(d, "ab");
	CHECK_EQ(strlcat(d, "cdefghij", sizeof(d)), 10);
	CHECK_STR(d, "abcdefg");
	CHECK_EQ(strlcat(d, "x", 3), 3 + 1);    /* no terminator within 3: size + strlen */
	CHECK_STR(d, "abcdefg");
#endif
}

TEST(comparisons_treat_bytes_as_unsigned_and_stop_at_n)
{
	CHECK_EQ(strcmp("", ""), 0);
	CHECK(strcmp("a", "") > 0);
	CHECK(strcmp("", "a") < 0);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("\xe9", "e") > 0);
	CHECK_EQ(strncmp("abcx", "abcy", 3), 0);
	CHECK(strncmp("abcx", "abcy", 4) < 0);
	CHECK_EQ(strncmp("abc", "abd", 0), 0);
	CHECK_EQ(strncmp("ab", "ab\0x", 10), 0);
	CHECK(strcoll("a", "b") < 0);
	CHECK_EQ(strcoll("same", "same"), 0);
	char x[8];
	CHECK_EQ(strxfrm(x, "abc", sizeof(x)), 3);
	CHECK_STR(x, "abc");
	CHECK_EQ(strxfrm(NULL, "abcdef", 0), 6);
}

TEST(case_insensitive_comparisons_fold_ascii_only)
{
	CHECK_EQ(strcasecmp("HeLLo", "hello"), 0);
	CHECK(strcasecmp("a", "B") < 0);
	CHECK(strcasecmp("Z", "a") > 0);
	CHECK(strcasecmp("[", "a") < 0);        /* '[' < 'a' once 'A'..'Z' fold down */
	CHECK_EQ(strncasecmp("ABCx", "abcy", 3), 0);
	CHECK(strncasecmp("ABCx", "abcy", 4) < 0);
	CHECK_EQ(strncasecmp("x", "y", 0), 0);
	CHECK(strcasecmp("\xc9", "\xe9") != 0);
	CHECK(strcasestr("Hello World", "WORLD") != NULL);
	CHECK_STR(strcasestr("Hello World", "o w"), "o World");
	CHECK(strcasestr("abc", "") != NULL);
	CHECK(strcasestr("abc", "abcd") == NULL);
}

TEST(character_searches_find_first_last_and_terminator)
{
	const char *s = "hello, world";

	CHECK(strchr(s, 'o') == s + 4);
	CHECK(strrchr(s, 'o') == s + 8);
	CHECK(strchr(s, '\0') == s + 12);
	CHECK(strrchr(s, '\0') == s + 12);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strchrnul(s, 'z') == s + 12);
	CHECK(strchrnul(s, 'w') == s + 7);
	CHECK(strchr("a\xffz", 0xff) != NULL);
	CHECK(index(s, 'l') == s + 2);
	CHECK(rindex(s, 'l') == s + 10);
	CHECK(strpbrk(s, "wd") == s + 7);
	CHECK(strpbrk(s, "xyz") == NULL);
	CHECK_EQ(strspn("aabbcx", "abc"), 5);
	CHECK_EQ(strspn("abc", ""), 0);
	CHECK_EQ(strcspn("abcx", "xy"), 3);
	CHECK_EQ(strcspn("abc", ""), 3);
	CHECK_EQ(strcspn("abc", "c"), 2);
	CHECK_EQ(strspn("\xff\xfe!", "\xfe\xff"), 2);
}

TEST(strstr_finds_substrings_including_repetitive_ones)
{
	const char *h = "abababcabababab";

	CHECK(strstr(h, "ababc") == h + 2);
	CHECK(strstr(h, "") == h);
	CHECK(strstr("", "") != NULL);
	CHECK(strstr("", "a") == NULL);
	CHECK(strstr(h, "abababab") == h + 7);
	CHECK(strstr(h, "c") == h + 6);
	CHECK(strstr(h, "abcd") == NULL);
	CHECK(strstr("aaaaaaaaaaab", "aaab") != NULL);
	/* Random haystacks against a naive search. */
	char hay[200], needle[6];
	uint32_t r = 12345;
	for (int round = 0; round < 2000; round++) {
		for (int i = 0; i < 199; i++)
			hay[i] = (char)('a' + (r = r * 1103515245 + 12345) % 3);
		hay[199] = '\0';
		size_t nl = (r >> 8) % 5 + 1;
		for (size_t i = 0; i < nl; i++)
			needle[i] = (char)('a' + (r = r * 1103515245 + 12345) % 3);
		needle[nl] = '\0';
		const char *want = NULL;
		for (size_t i = 0; i + nl <= 199 && !want; i++)
			if (memcmp(hay + i, needle, nl) == 0)
				want = hay + i;
		CHECK(strstr(hay, needle) == want);
	}
}

TEST(strtok_and_strtok_r_skip_runs_of_separators)
{
	char s[] = ",,a,b,,c,";
	char *save;

	CHECK_STR(strtok(s, ","), "a");
	CHECK_STR(strtok(NULL, ","), "b");
	CHECK_STR(strtok(NULL, ","), "c");
	CHECK(strtok(NULL, ",") == NULL);
	CHECK(strtok(NULL, ",") == NULL);
	char t[] = "x y\tz";
	CHECK_STR(strtok_r(t, " \t", &save), "x");
	CHECK_STR(strtok_r(NULL, " \t", &save), "y");
	CHECK_STR(strtok_r(NULL, " \t", &save), "z");
	CHECK(strtok_r(NULL, " \t", &save) == NULL);
	char e[] = ",,,";
	CHECK(strtok_r(e, ",", &save) == NULL);
}

TEST(strsep_returns_empty_fields)
{
	char s[] = "a,,b";
	char *p = s;

	CHECK_STR(strsep(&p, ","), "a");
	CHECK_STR(strsep(&p, ","), "");
	CHECK_STR(strsep(&p, ","), "b");
	CHECK(p == NULL);
	CHECK(strsep(&p, ",") == NULL);
}

TEST(strdup_and_strndup_copy_into_new_memory)
{
	char *a = strdup("hello");
	char *b = strndup("hello", 3);
	const char *volatile hi = "hi";
	char *c = strndup(hi, 10);

	CHECK(a && b && c);
	CHECK_STR(a, "hello");
	CHECK_STR(b, "hel");
	CHECK_STR(c, "hi");
	free(a);
	free(b);
	free(c);
}

TEST(ffs_finds_the_lowest_set_bit)
{
	CHECK_EQ(ffs(0), 0);
	CHECK_EQ(ffs(1), 1);
	CHECK_EQ(ffs(0x80), 8);
	CHECK_EQ(ffs(INT32_MIN), 32);
	CHECK_EQ(ffsl(1L << 40), 41);
	CHECK_EQ(ffsll(LLONG_MIN), 64);
	CHECK_EQ(ffsll(0), 0);
}

TEST(bzero_and_bcopy_are_memset_and_memmove)
{
	char s[8] = "abcdefg";

	bcopy(s, s + 1, 5);
	CHECK(memcmp(s, "aabcdeg", 7) == 0);
	bzero(s + 2, 3);
	CHECK(memcmp(s, "aa\0\0\0eg", 7) == 0);
	explicit_bzero(s, 2);
	CHECK(s[0] == 0 && s[1] == 0);
}

TEST(strerror_describes_every_error_number)
{
	static const int errs[] = { EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC,
		EBADF, ECHILD, EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, EXDEV, ENODEV,
		ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, EFBIG, ENOSPC, ESPIPE, EROFS,
		EMLINK, EPIPE, EDOM, ERANGE, EDEADLK, ENAMETOOLONG, ENOSYS, ENOTEMPTY, ELOOP,
		EOVERFLOW, EMSGSIZE, EOPNOTSUPP, EADDRINUSE, ECONNRESET, ENOTCONN, ETIMEDOUT,
		ECONNREFUSED };

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		const char *m = strerror(errs[i]);
		CHECK(m && *m);
		CHECK(strncmp(m, "Unknown", 7) != 0);
	}
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(EINVAL), "Invalid argument");
	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(123456), "Unknown error 123456");
	CHECK_STR(strerror(-5), "Unknown error -5");
}

/* The POSIX strerror_r, whichever variant <string.h> declared. */
static int posix_strerror_r(int err, char *buf, size_t size)
{
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
	extern int __xpg_strerror_r(int, char *, size_t);
	return __xpg_strerror_r(err, buf, size);
#else
	return strerror_r(err, buf, size);
#endif
}

TEST(strerror_r_fills_the_buffer_or_reports_erange_and_einval)
{
	char buf[64], tiny[4];

	CHECK_EQ(posix_strerror_r(ENOENT, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "No such file or directory");
	CHECK_EQ(posix_strerror_r(ENOENT, tiny, sizeof(tiny)), ERANGE);
	CHECK_STR(tiny, "No ");
	CHECK_EQ(posix_strerror_r(99999, buf, sizeof(buf)), EINVAL);
	CHECK_STR(buf, "Unknown error 99999");
}

TEST(strsignal_names_the_standard_signals)
{
	CHECK_STR(strsignal(SIGSEGV), "Segmentation fault");
	CHECK_STR(strsignal(SIGINT), "Interrupt");
	CHECK_STR(strsignal(SIGKILL), "Killed");
	CHECK_STR(strsignal(SIGCHLD), "Child exited");
	CHECK(strsignal(SIGTERM) != NULL);
}
