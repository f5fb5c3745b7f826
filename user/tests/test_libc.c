// SPDX-License-Identifier: MIT
/*
 * libc itself, inside Tessera: the allocator (sizes, alignment, reuse,
 * realloc, calloc, large blocks, threads), string and number functions,
 * printf formatting, the environment, errno, and start-up (constructors
 * run before main, argv/environ set).
 */
#include "utest.h"

#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

static int constructor_ran;

__attribute__((constructor)) static void libc_test_constructor(void)
{
	constructor_ran = 1;
}

TEST(constructors_run_before_main)
{
	CHECK_EQ(constructor_ran, 1);
}

TEST(environ_is_set)
{
	CHECK(environ != NULL);
	CHECK(getauxval(AT_PAGESZ) == 4096);
	CHECK(getauxval(12345) == 0);
	CHECK_EQ(errno, ENOENT);
}

TEST(getenv_finds_variables)
{
	static char *env[] = { "A=1", "AB=two", "EMPTY=", "C=x=y", NULL };
	char **saved = environ;

	environ = env;
	CHECK_STR(getenv("A"), "1");
	CHECK_STR(getenv("AB"), "two");
	CHECK_STR(getenv("EMPTY"), "");
	CHECK_STR(getenv("C"), "x=y");
	CHECK(getenv("B") == NULL);
	CHECK(getenv("") == NULL);
	CHECK(getenv("A=") == NULL);
	environ = saved;
}

/* ---- malloc ------------------------------------------------------------------ */

TEST(malloc_returns_aligned_distinct_blocks)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 1000, 2048, 2049, 4096,
					10000, 100000, 1 << 20 };
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	size_t n = sizeof(sizes) / sizeof(sizes[0]);

	for (size_t i = 0; i < n; i++) {
		p[i] = malloc(sizes[i]);
		CHECK(p[i] != NULL);
		CHECK_EQ((uintptr_t)p[i] % 16, 0);
		memset(p[i], (int)i, sizes[i]);
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < sizes[i]; j++)
			CHECK_EQ(((unsigned char *)p[i])[j], i);
		free(p[i]);
	}
	free(NULL);
}

TEST(freed_blocks_are_reused)
{
	void *a = malloc(100);

	CHECK(a != NULL);
	free(a);
	void *b = malloc(100);
	CHECK(b == a);
	free(b);
}

TEST(calloc_zeroes_and_checks_overflow)
{
	unsigned char *p = malloc(256);

	CHECK(p != NULL);
	memset(p, 0xff, 256);
	free(p);
	p = calloc(16, 16);             /* likely the block just freed */
	CHECK(p != NULL);
	for (int i = 0; i < 256; i++)
		CHECK_EQ(p[i], 0);
	free(p);
	volatile size_t huge = SIZE_MAX / 2;    /* hidden from GCC's size checks */
	CHECK(calloc(huge, 3) == NULL);
	CHECK_EQ(errno, ENOMEM);
}

TEST(realloc_keeps_contents)
{
	char *p = realloc(NULL, 10);

	CHECK(p != NULL);
	strcpy(p, "123456789");
	for (size_t size = 20; size <= 1 << 18; size *= 3) {
		p = realloc(p, size);
		CHECK(p != NULL);
		CHECK_STR(p, "123456789");
	}
	p = realloc(p, 5);
	CHECK(p != NULL);
	CHECK_EQ(memcmp(p, "12345", 5), 0);
	free(p);
}

TEST(huge_malloc_fails_enomem)
{
	volatile size_t max = SIZE_MAX;
	CHECK(malloc(max) == NULL);
	CHECK_EQ(errno, ENOMEM);
	CHECK(malloc((size_t)1 << 50) == NULL);
	CHECK_EQ(errno, ENOMEM);
}

TEST(many_allocations_and_frees)
{
	enum { N = 2000 };
	static void *p[N];

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < N; i++) {
			p[i] = malloc((size_t)(i % 300) + 1);
			CHECK(p[i] != NULL);
			*(int *)p[i] = i;
		}
		for (int i = 0; i < N; i += 2)
			free(p[i]);
		for (int i = 1; i < N; i += 2) {
			CHECK_EQ(*(int *)p[i], i);
			free(p[i]);
		}
	}
}

static void *malloc_worker(void *arg)
{
	uintptr_t bad = 0;

	for (int i = 0; i < 2000; i++) {
		size_t size = (size_t)(i * 37 % 3000) + 1;
		unsigned char *p = malloc(size);
		if (!p)
			return (void *)1;
		memset(p, (int)(uintptr_t)arg, size);
		for (size_t j = 0; j < size; j += 64)
			bad |= p[j] != (unsigned char)(uintptr_t)arg;
		free(p);
	}
	return (void *)bad;
}

TEST(malloc_is_thread_safe)
{
	tessera_thread_t *t[4];
	void *result;

	for (int i = 0; i < 4; i++) {
		t[i] = tessera_thread_create(malloc_worker, (void *)(uintptr_t)(i + 1), 0);
		CHECK(t[i] != NULL);
	}
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(tessera_thread_join(t[i], &result), 0);
		CHECK(result == NULL);
	}
}

static void double_free(void *arg)
{
	(void)arg;
	void *p = malloc(32);
	free(p);
	free(p);                /* malloc reports it and aborts */
	_exit(0);
}

TEST(double_free_is_caught)
{
	int status = utest_in_child(double_free, NULL);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGABRT);
}

/* ---- strings ----------------------------------------------------------------- */

TEST(string_functions)
{
	char buf[64];

	CHECK_EQ(strlen(""), 0);
	CHECK_EQ(strlen("hello"), 5);
	CHECK_EQ(strnlen("hello", 3), 3);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("abd", "abc") > 0);
	CHECK_EQ(strcmp("abc", "abc"), 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xff", "a") > 0);          /* compared as unsigned */
	CHECK_EQ(strncmp("abcx", "abcy", 3), 0);
	CHECK_STR(strcpy(buf, "copy"), "copy");
	CHECK_STR(strcat(buf, "cat"), "copycat");
	CHECK_STR(strncat(buf, "12345", 2), "copycat12");
	CHECK_STR(strchr("hello", 'l'), "llo");
	CHECK_STR(strrchr("hello", 'l'), "lo");
	CHECK(strchr("hello", 'z') == NULL);
	CHECK_STR(strchr("hello", '\0'), "");
	CHECK_STR(strstr("haystack", "st"), "stack");
	CHECK(strstr("haystack", "xyz") == NULL);
	CHECK_STR(strstr("abc", ""), "abc");
	CHECK_EQ(strspn("aabbc", "ab"), 4);
	CHECK_EQ(strcspn("hello, world", ", "), 5);
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK_EQ(memcmp(buf, "ab\0\0\0x", 6), 0);
	char *d = strdup("duplicate");
	CHECK_STR(d, "duplicate");
	free(d);
	d = strndup("duplicate", 3);
	CHECK_STR(d, "dup");
	free(d);
}

TEST(memory_functions)
{
	char buf[32];

	memset(buf, 'a', sizeof(buf));
	CHECK_EQ(buf[0], 'a');
	CHECK_EQ(buf[31], 'a');
	memcpy(buf, "0123456789", 10);
	memmove(buf + 2, buf, 8);               /* overlapping, forwards */
	CHECK_EQ(memcmp(buf, "0101234567", 10), 0);
	memmove(buf, buf + 2, 8);               /* overlapping, backwards */
	CHECK_EQ(memcmp(buf, "0123456767", 10), 0);
	CHECK(memchr(buf, '5', 10) == buf + 5);
	CHECK(memchr(buf, 'z', 10) == NULL);
	CHECK(memcmp("a\x80", "a\x01", 2) > 0);
	CHECK_EQ(memcmp("abc", "abd", 0), 0);
}

TEST(strerror_names_errors)
{
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(EFAULT), "Bad address");
	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(9999), "Unknown error 9999");
	CHECK_EQ(EAGAIN, 11);
	CHECK_EQ(EWOULDBLOCK, EAGAIN);
}

TEST(ctype_classes)
{
	CHECK(isdigit('7') && !isdigit('a'));
	CHECK(isalpha('q') && isalpha('Q') && !isalpha('1'));
	CHECK(isspace(' ') && isspace('\n') && !isspace('x'));
	CHECK(isxdigit('f') && isxdigit('F') && !isxdigit('g'));
	CHECK_EQ(toupper('a'), 'A');
	CHECK_EQ(tolower('Z'), 'z');
	CHECK_EQ(toupper('1'), '1');
	CHECK(!isalpha(EOF));
}

/* ---- numbers ---------------------------------------------------------------- */

TEST(strtol_parses)
{
	char *end;

	CHECK_EQ(strtol("42", &end, 10), 42);
	CHECK_EQ(*end, '\0');
	CHECK_EQ(strtol("  -17xyz", &end, 10), -17);
	CHECK_STR(end, "xyz");
	CHECK_EQ(strtol("0x1f", NULL, 16), 31);
	CHECK_EQ(strtol("0x1f", NULL, 0), 31);
	CHECK_EQ(strtol("017", NULL, 0), 15);
	CHECK_EQ(strtol("z", NULL, 36), 35);
	CHECK_EQ(strtol("+5", NULL, 10), 5);
	CHECK_EQ(strtol("abc", &end, 10), 0);
	CHECK_STR(end, "abc");
	CHECK_EQ(strtol("0x", &end, 16), 0);
	CHECK_STR(end, "x");
}

TEST(strtol_range_errors)
{
	errno = 0;
	CHECK_EQ(strtol("9223372036854775807", NULL, 10), LONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("-9223372036854775808", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("9223372036854775808", NULL, 10), LONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtol("-99999999999999999999", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
	CHECK(strtoull("18446744073709551616", NULL, 10) == ULLONG_MAX);
	CHECK_EQ(errno, ERANGE);
}

TEST(atoi_and_abs)
{
	CHECK_EQ(atoi("123"), 123);
	CHECK_EQ(atoi("-8"), -8);
	CHECK_EQ(atol("  77"), 77);
	CHECK_EQ(abs(-3), 3);
	CHECK_EQ(labs(-4L), 4);
}

/* ---- printf ----------------------------------------------------------------- */

TEST(snprintf_formats)
{
	char buf[64];

	CHECK_EQ(snprintf(buf, sizeof(buf), "%d %s %x %c", -5, "str", 255, 'z'), 11);
	CHECK_STR(buf, "-5 str ff z");
	snprintf(buf, sizeof(buf), "[%5d|%-5d|%05d]", 42, 42, 42);
	CHECK_STR(buf, "[   42|42   |00042]");
	snprintf(buf, sizeof(buf), "%lu %lld %zu %p", 1UL << 40, -1LL, (size_t)7, (void *)0x10);
	CHECK_STR(buf, "1099511627776 -1 7 0x10");
	CHECK_EQ(snprintf(buf, 4, "truncated"), 9);
	CHECK_STR(buf, "tru");
	CHECK_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	sprintf(buf, "%s-%s", "a", "b");
	CHECK_STR(buf, "a-b");
}

TEST(stdio_writes_go_out)
{
	CHECK(printf("test_libc: printf to stdout\n") > 0);
	CHECK(fprintf(stderr, "test_libc: fprintf to stderr\n") > 0);
	CHECK(puts("test_libc: puts") >= 0);
	CHECK_EQ(fputs("test_libc: fputs\n", stdout), 0);
	CHECK_EQ(putchar('\n'), '\n');
	CHECK_EQ(fwrite("test_libc: fwrite\n", 1, 18, stdout), 18);
	CHECK_EQ(fflush(stdout), 0);
	CHECK(!ferror(stdout));
	CHECK_EQ(fileno(stderr), 2);
}

TEST(setvbuf_changes_buffering)
{
	static char buf[32];

	fflush(stdout);
	CHECK_EQ(setvbuf(stdout, NULL, 99, 0), -1);
	CHECK_EQ(setvbuf(stdout, NULL, _IONBF, 0), 0);
	CHECK(printf("test_libc: unbuffered stdout\n") > 0);
	CHECK_EQ(setvbuf(stdout, buf, _IOFBF, sizeof(buf)), 0);
	CHECK(printf("test_libc: fully buffered stdout, longer than its buffer\n") > 0);
	CHECK_EQ(fflush(stdout), 0);
	CHECK_EQ(setvbuf(stdout, NULL, _IOLBF, 0), 0);
	CHECK(printf("test_libc: line buffered again\n") > 0);
}
