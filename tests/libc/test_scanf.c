// SPDX-License-Identifier: MIT
/*
 * scanf's conversion language through sscanf (C17 7.21.6.2 and POSIX):
 * integers with every base and length, floats of every kind, %c %s and %[
 * sets, %n, '*' suppression, widths, %m allocation, positional arguments,
 * white-space rules, and the return value: the count of assignments, a
 * short count on a matching failure, EOF on an input failure before the
 * first conversion.
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utest.h"

TEST(scanf_decimal_integers)
{
	int a = 0, b = 0, c = 0;

	CHECK_EQ(sscanf("12 -34 +56", "%d %d %d", &a, &b, &c), 3);
	CHECK_EQ(a, 12);
	CHECK_EQ(b, -34);
	CHECK_EQ(c, 56);
	CHECK_EQ(sscanf("-2147483648", "%d", &a), 1);
	CHECK_EQ(a, INT_MIN);
	long long ll = 0;
	CHECK_EQ(sscanf("-9223372036854775808", "%lld", &ll), 1);
	CHECK_EQ(ll, LLONG_MIN);
	unsigned u = 0;
	CHECK_EQ(sscanf("4294967295", "%u", &u), 1);
	CHECK_EQ(u, UINT_MAX);
	unsigned long long ull = 0;
	CHECK_EQ(sscanf("18446744073709551615", "%llu", &ull), 1);
	CHECK(ull == ULLONG_MAX);
}

TEST(scanf_bases_and_i_detection)
{
	int i = 0;
	unsigned x = 0, o = 0;

	CHECK_EQ(sscanf("0x1A", "%i", &i), 1);
	CHECK_EQ(i, 26);
	CHECK_EQ(sscanf("017", "%i", &i), 1);
	CHECK_EQ(i, 15);
	CHECK_EQ(sscanf("-12", "%i", &i), 1);
	CHECK_EQ(i, -12);
	CHECK_EQ(sscanf("-0x10", "%i", &i), 1);
	CHECK_EQ(i, -16);
	CHECK_EQ(sscanf("ff 0XFF", "%x %X", &x, &o), 2);
	CHECK_EQ(x, 255);
	CHECK_EQ(o, 255);
	CHECK_EQ(sscanf("777 8", "%o", &o), 1);
	CHECK_EQ(o, 0777);
	int n = 0;
	CHECK_EQ(sscanf("0789", "%i%n", &i, &n), 1); /* octal stops at 8 */
	CHECK_EQ(i, 7);
	CHECK_EQ(n, 2);
}

TEST(scanf_length_modifiers_store_the_right_type)
{
	signed char hh = 0;
	short h = 0;
	long l = 0;
	intmax_t j = 0;
	size_t z = 0;
	ptrdiff_t t = 0;
	unsigned char uhh = 0;

	CHECK_EQ(sscanf("-5 -300 -7 -8 9 -10 200", "%hhd %hd %ld %jd %zu %td %hhu", &hh, &h, &l, &j, &z,
			&t, &uhh),
		 7);
	CHECK_EQ(hh, -5);
	CHECK_EQ(h, -300);
	CHECK_EQ(l, -7);
	CHECK_EQ(j, -8);
	CHECK_EQ(z, 9);
	CHECK_EQ(t, -10);
	CHECK_EQ(uhh, 200);
}

TEST(scanf_widths_split_items)
{
	int a = 0, b = 0;
	char s[8], r[8];

	CHECK_EQ(sscanf("12345", "%3d%d", &a, &b), 2);
	CHECK_EQ(a, 123);
	CHECK_EQ(b, 45);
	CHECK_EQ(sscanf("abcdefg", "%3s%s", s, r), 2);
	CHECK_STR(s, "abc");
	CHECK_STR(r, "defg");
	CHECK_EQ(sscanf("-123", "%2d%d", &a, &b), 2); /* the sign counts */
	CHECK_EQ(a, -1);
	CHECK_EQ(b, 23);
}

TEST(scanf_floats_of_every_form)
{
	float f = 0;
	double d = 0;
	long double ld = 0;

	CHECK_EQ(sscanf("1.5 -2.5e3 0.1", "%f %lf %Lf", &f, &d, &ld), 3);
	CHECK(f == 1.5f);
	CHECK(d == -2500.0);
	CHECK(ld == 0.1L);
	CHECK_EQ(sscanf("0x1.8p1", "%la", &d), 1);
	CHECK(d == 3.0);
	CHECK_EQ(sscanf("inf", "%le", &d), 1);
	CHECK(isinf(d) && d > 0);
	CHECK_EQ(sscanf("-Infinity", "%lg", &d), 1);
	CHECK(isinf(d) && d < 0);
	CHECK_EQ(sscanf("NaN", "%lE", &d), 1);
	CHECK(isnan(d));
	CHECK_EQ(sscanf("1e400", "%lf", &d), 1);
	CHECK(d == HUGE_VAL);
	CHECK_EQ(sscanf(".5", "%f", &f), 1);
	CHECK(f == 0.5f);
	CHECK_EQ(sscanf("0.1", "%f", &f), 1);
	CHECK(f == 0.1f); /* rounded once, straight to float */
	CHECK_EQ(sscanf("9007199254740993", "%lf", &d), 1);
	CHECK(d == 9007199254740992.0);
	int n = 0;
	CHECK_EQ(sscanf("2.5e+2x", "%lf%n", &d, &n), 1);
	CHECK(d == 250.0);
	CHECK_EQ(n, 6);
	CHECK_EQ(sscanf("1234.5", "%4lf%n", &d, &n), 1);
	CHECK(d == 1234.0);
	CHECK_EQ(n, 4);
}

TEST(scanf_float_matching_failures)
{
	double d = 7;

	CHECK_EQ(sscanf(".", "%lf", &d), 0);
	CHECK_EQ(sscanf("-", "%lf", &d), 0);
	CHECK_EQ(sscanf("x1", "%lf", &d), 0);
	CHECK_EQ(sscanf("infin", "%lf", &d), 0); /* an incomplete "infinity" */
	CHECK(d == 7);
}

TEST(scanf_chars_do_not_skip_space_or_terminate)
{
	char c[4] = { 'Q', 'Q', 'Q', 'Q' };
	char d = 0;

	CHECK_EQ(sscanf(" x", "%c", &d), 1);
	CHECK_EQ(d, ' ');
	CHECK_EQ(sscanf("abcd", "%3c", c), 1);
	CHECK(memcmp(c, "abcQ", 4) == 0);
	CHECK_EQ(sscanf("  y", " %c", &d), 1); /* a format space skips */
	CHECK_EQ(d, 'y');
}

TEST(scanf_strings_stop_at_space)
{
	char a[16], b[16];

	CHECK_EQ(sscanf("  hello \t world  ", "%s%s", a, b), 2);
	CHECK_STR(a, "hello");
	CHECK_STR(b, "world");
	CHECK_EQ(sscanf("toolongword", "%4s", a), 1);
	CHECK_STR(a, "tool");
}

TEST(scanf_scansets)
{
	char s[32];
	int n = 0;

	CHECK_EQ(sscanf("abcxyz", "%[a-c]%n", s, &n), 1);
	CHECK_STR(s, "abc");
	CHECK_EQ(n, 3);
	CHECK_EQ(sscanf("key=value", "%[^=]", s), 1);
	CHECK_STR(s, "key");
	CHECK_EQ(sscanf("]]a]b", "%[]a]", s), 1); /* ']' first is a member */
	CHECK_STR(s, "]]a]");
	CHECK_EQ(sscanf("ab]cd", "%[^]]", s), 1);
	CHECK_STR(s, "ab");
	CHECK_EQ(sscanf("a-b-c+", "%[-a-c]", s), 1); /* '-' first is literal */
	CHECK_STR(s, "a-b-c");
	CHECK_EQ(sscanf("  x", "%[ ]", s), 1); /* no white-space skipping */
	CHECK_STR(s, "  ");
	CHECK_EQ(sscanf("123", "%[a-z]", s), 0); /* no member: matching failure */
	CHECK_EQ(sscanf("abcdef", "%2[a-z]", s), 1);
	CHECK_STR(s, "ab");
}

TEST(scanf_n_and_suppression_do_not_count)
{
	int a = 0, n1 = -1, n2 = -1;

	CHECK_EQ(sscanf("10 20 30", "%*d %d%n %*d%n", &a, &n1, &n2), 1);
	CHECK_EQ(a, 20);
	CHECK_EQ(n1, 5);
	CHECK_EQ(n2, 8);
	CHECK_EQ(sscanf("abc", "%*s%n", &n1), 0);
	CHECK_EQ(n1, 3);
}

TEST(scanf_literals_and_percent)
{
	int a = 0, b = 0;

	CHECK_EQ(sscanf("(1,2)", "(%d,%d)", &a, &b), 2);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(sscanf("50%", "%d%%", &a), 1);
	CHECK_EQ(sscanf("50 %", "%d%%", &a), 1); /* %% skips white space */
	CHECK_EQ(sscanf("1;2", "%d,%d", &a, &b), 1); /* mismatch: stop */
	CHECK_EQ(sscanf("x", "x%d", &a), EOF);	     /* input failure */
}

TEST(scanf_return_value_eof_vs_matching_failure)
{
	int a = 0, b = 0;

	CHECK_EQ(sscanf("", "%d", &a), EOF);
	CHECK_EQ(sscanf("   ", "%d", &a), EOF);
	CHECK_EQ(sscanf("", "abc"), EOF);
	CHECK_EQ(sscanf("x", "%d", &a), 0);
	CHECK_EQ(sscanf("-", "%d", &a), 0);
	CHECK_EQ(sscanf("5", "%d %d", &a, &b), 1); /* EOF after one: the count */
	CHECK_EQ(sscanf("5 x", "%d %d", &a, &b), 1);
	CHECK_EQ(sscanf("", "%n", &a), 0);
}

TEST(scanf_pointers_round_trip)
{
	char buf[64];
	void *p = NULL;

	static int target;
	snprintf(buf, sizeof(buf), "%p", (void *)&target);
	CHECK_EQ(sscanf(buf, "%p", &p), 1);
	CHECK(p == (void *)&target);
}

TEST(scanf_m_allocates)
{
	char *s = NULL, *t = NULL;

	CHECK_EQ(sscanf("  hello wor", "%ms %m[a-z]", &s, &t), 2);
	CHECK(s != NULL && t != NULL);
	CHECK_STR(s, "hello");
	CHECK_STR(t, "wor");
	free(s);
	free(t);
	CHECK_EQ(sscanf("123", "%m[a-z]", &s), 0);
	static char longword[5000];
	memset(longword, 'z', sizeof(longword) - 1);
	CHECK_EQ(sscanf(longword, "%ms", &s), 1);
	CHECK_EQ(strlen(s), sizeof(longword) - 1);
	free(s);
}

TEST(scanf_wide_conversions)
{
	wchar_t ws[8];
	wchar_t wc = 0;

	CHECK_EQ(sscanf("ab cd", "%ls %lc", ws, &wc), 2);
	CHECK(ws[0] == L'a' && ws[1] == L'b' && ws[2] == 0);
	CHECK(wc == L'c');
}

TEST(scanf_positional_arguments)
{
	int a = 0, b = 0;
	char s[8];

	CHECK_EQ(sscanf("7 8 xy", "%2$d %1$d %3$s", &a, &b, s), 3);
	CHECK_EQ(a, 8);
	CHECK_EQ(b, 7);
	CHECK_STR(s, "xy");
}
