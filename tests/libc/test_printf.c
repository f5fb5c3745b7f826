// SPDX-License-Identifier: MIT
/*
 * printf's conversion language through snprintf: every conversion, flag,
 * width, precision and length modifier, with the edge cases where
 * implementations tend to differ (INT_MIN, zero with precision 0, the '#'
 * forms of 0, ties in decimal rounding, extreme doubles printed in full,
 * hex floats, inf and nan), plus snprintf's truncation contract, %n, %m
 * and POSIX positional arguments. Expected strings are what C17 and
 * POSIX require; where they leave a choice (%p, %a's leading digit, nan's
 * sign) they are glibc's, which Tessera's libc follows.
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "utest.h"

/* The tests use flag combinations on purpose ("%+ d", "%-05d") and ask
 * snprintf to truncate: GCC's format checks would reject both. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static char out[4096];

/* snprintf into out; checks the text and that the return value is its
 * length. */
#define CHECK_FMT(want, ...)                                                  \
	do {                                                                  \
		int r_ = snprintf(out, sizeof(out), __VA_ARGS__);             \
		CHECK_STR(out, want);                                         \
		CHECK_EQ(r_, (int)strlen(want));                              \
	} while (0)

TEST(printf_signed_integers_and_extremes)
{
	CHECK_FMT("-2147483648 2147483647", "%d %i", INT_MIN, INT_MAX);
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("9223372036854775807", "%lld", LLONG_MAX);
	CHECK_FMT("-9223372036854775808", "%ld", LONG_MIN);
	CHECK_FMT("-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK_FMT("0", "%d", 0);
	CHECK_FMT("-1", "%d", -1);
}

TEST(printf_length_modifiers_narrow_the_argument)
{
	CHECK_FMT("44 44", "%hhd %hhu", 300, 300);
	CHECK_FMT("-1 255", "%hhd %hhu", 255, -1);
	CHECK_FMT("4464 -32768", "%hd %hd", 70000, 32768);
	CHECK_FMT("65535", "%hu", -1);
	CHECK_FMT("18446744073709551615", "%zu", (size_t)-1);
	CHECK_FMT("-5", "%zd", (ssize_t)-5);
	CHECK_FMT("-7", "%td", (ptrdiff_t)-7);
	CHECK_FMT("ffffffffffffffff", "%jx", UINTMAX_MAX);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("4294967295", "%u", UINT_MAX);
}

TEST(printf_zero_with_precision_zero_prints_nothing)
{
	CHECK_FMT("[]", "[%.0d]", 0);
	CHECK_FMT("[]", "[%.0x]", 0);
	CHECK_FMT("[]", "[%.0u]", 0);
	CHECK_FMT("[   ]", "[%3.0d]", 0);
	CHECK_FMT("[+]", "[%+.0d]", 0);
	CHECK_FMT("[0]", "[%#.0o]", 0); /* but the '#' form of octal keeps its 0 */
	CHECK_FMT("[]", "[%#.0x]", 0);
}

TEST(printf_alternative_forms)
{
	CHECK_FMT("0 0", "%#o %#x", 0, 0);
	CHECK_FMT("010 0xff 0XFF", "%#o %#x %#X", 8, 255, 255);
	CHECK_FMT("  010", "%#5.3o", 8);
	CHECK_FMT("0x001", "%#.3x", 1);
	CHECK_FMT("0x0000ff", "%#08x", 255);
	CHECK_FMT("1.", "%#.0f", 1.0);
	CHECK_FMT("6.e+00", "%#.0e", 5.5);
	CHECK_FMT("1.00000", "%#g", 1.0);
	CHECK_FMT("0.00000", "%#g", 0.0);
	CHECK_FMT("0x1.p+0", "%#a", 1.0);
}

TEST(printf_sign_space_and_padding_flags)
{
	CHECK_FMT("+5 -5", "%+d %+d", 5, -5);
	CHECK_FMT(" 5", "% d", 5);
	CHECK_FMT("+5", "%+ d", 5); /* '+' wins over ' ' */
	CHECK_FMT("+5", "% +d", 5);
	CHECK_FMT("5    |", "%-05d|", 5); /* '-' wins over '0' */
	CHECK_FMT("-0005", "%05d", -5);
	CHECK_FMT(" 0003", "% 05d", 3);
	CHECK_FMT("  003", "%05.3d", 3); /* a precision turns '0' off */
	CHECK_FMT("   42", "%5d", 42);
	CHECK_FMT("42   |", "%-5d|", 42);
	CHECK_FMT("1234567", "%'d", 1234567); /* no grouping in the C locale */
	CHECK_FMT("ff FF 377 255", "%x %X %o %u", 255, 255, 255, 255);
}

TEST(printf_star_width_and_precision)
{
	CHECK_FMT("   42", "%*d", 5, 42);
	CHECK_FMT("42   |", "%*d|", -5, 42); /* negative width: '-' flag */
	CHECK_FMT("00042", "%.*d", 5, 42);
	CHECK_FMT("42", "%.*d", -3, 42); /* negative precision: none */
	CHECK_FMT("abc", "%.*s", 3, "abcdef");
	CHECK_FMT("  3.14", "%*.*f", 6, 2, 3.14159);
}

TEST(printf_chars_and_strings)
{
	CHECK_FMT("x", "%c", 'x');
	CHECK_FMT("    x|y  |", "%5c|%-3c|", 'x', 'y');
	CHECK_FMT("hel", "%.3s", "hello");
	CHECK_FMT("     hello", "%10s", "hello");
	CHECK_FMT("hi   |", "%-5s|", "hi");
	CHECK_FMT("", "%s", "");
	CHECK_FMT("%", "%%");
	char unterminated[3] = { 'a', 'b', 'c' }; /* precision bounds the read */
	CHECK_FMT("ab", "%.2s", unterminated);
	CHECK_FMT("a", "%lc", (wint_t)L'a');
	CHECK_FMT("wide", "%ls", L"wide");
	CHECK_FMT("  wi", "%4.2ls", L"wide");
}

TEST(printf_embedded_nul_char_counts)
{
	int r = snprintf(out, sizeof(out), "a%cb", 0);
	CHECK_EQ(r, 3);
	CHECK(out[0] == 'a' && out[1] == '\0' && out[2] == 'b' && out[3] == '\0');
}

TEST(printf_pointers)
{
	CHECK_FMT("0x1234", "%p", (void *)0x1234);
	CHECK_FMT("  0xff", "%6p", (void *)0xff);
	CHECK_FMT("(nil)", "%p", (void *)0);
	char buf[64];
	static int target;
	snprintf(buf, sizeof(buf), "%p", (void *)&target);
	void *back = NULL;
	CHECK_EQ(sscanf(buf, "%p", &back), 1);
	CHECK(back == (void *)&target);
}

TEST(printf_fixed_rounds_ties_to_even)
{
	CHECK_FMT("0 2 2 4", "%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5);
	CHECK_FMT("-0 -2", "%.0f %.0f", -0.5, -2.5);
	CHECK_FMT("0.1 0.2", "%.1f %.1f", 0.125, 0.25); /* exact ties */
	CHECK_FMT("0.13", "%.2f", 0.125000001);
	/* 2.675 is 2.67499999... in binary: exact rounding goes down. */
	CHECK_FMT("2.67", "%.2f", 2.675);
	CHECK_FMT("1.000", "%.3f", 0.9995000000000001);
	CHECK_FMT("10.0", "%.1f", 9.96);
}

TEST(printf_fixed_prints_exact_binary_values)
{
	CHECK_FMT("0.100000000000000005551115123125782702118158340454101562500000", "%.60f", 0.1);
	CHECK_FMT("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000",
		  "%f", DBL_MAX);
	CHECK_FMT("0.000000", "%f", DBL_MIN);
	CHECK_FMT("-0.000000", "%f", -0.0);
	CHECK_FMT("100000000000000000000.000000", "%f", 1e20);
	CHECK_FMT("1.500000", "%F", 1.5);
}

TEST(printf_exponent_style)
{
	CHECK_FMT("1.00000000000000005551e-01", "%.20e", 0.1);
	CHECK_FMT("0.000000e+00", "%e", 0.0);
	CHECK_FMT("1.000000e+100", "%e", 1e100);
	CHECK_FMT("1.000000E-300", "%E", 1e-300);
	CHECK_FMT("6e+00", "%.0e", 5.5);
	CHECK_FMT("2e+00", "%.0e", 2.5); /* tie: even */
	CHECK_FMT("1.000e+01", "%.3e", 9.9996);
	CHECK_FMT("4.940656e-324", "%e", 4.9406564584124654e-324);
	CHECK_FMT("-1.797693e+308", "%e", -DBL_MAX);
}

TEST(printf_general_style_switches_and_trims)
{
	CHECK_FMT("100000 1e+06", "%g %g", 100000.0, 1000000.0);
	CHECK_FMT("0.0001 1e-05", "%g %g", 0.0001, 0.00001);
	CHECK_FMT("1.23457e+08", "%g", 123456789.0);
	CHECK_FMT("0.1 0.5 0", "%g %g %g", 0.1, 0.5, 0.0);
	CHECK_FMT("0.10000000000000001", "%.17g", 0.1);
	CHECK_FMT("0.33333333333333331", "%.17g", 1.0 / 3);
	CHECK_FMT("1e+02", "%.0g", 123.0); /* precision 0 means 1 */
	CHECK_FMT("1E+02", "%.1G", 99.5);
	CHECK_FMT("9.5", "%.2g", 9.5);
	CHECK_FMT("1.50 0.00010", "%#.3g %#.2g", 1.5, 0.0001);
	CHECK_FMT("1.00e+05", "%#.3g", 99999.9);
	CHECK_FMT("-0", "%g", -0.0);
}

/* 2^-1074 has 751 significant digits; %.1000g prints them all. */
TEST(printf_smallest_subnormal_prints_in_full)
{
	CHECK_FMT("4.940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359923797965646954457177309266567103559397963987747960107818781263007131903114045278458171678489821036887186360569987307230500063874091535649843873124733972731696151400317153853980741262385655911710266585566867681870395603106249319452715914924553293054565444011274801297099995419319894090804165633245247571478690147267801593552386115501348035264934720193790268107107491703332226844753335720832431936092382893458368060106011506169809753078342277318329247904982524730776375927247874656084778203734469699533647017972677717585125660551199131504891101451037862738167250955837389733598993664809941164205702637090279242767544565229087538682506419718265533447265625e-324",
		  "%.1000g", 4.9406564584124654e-324);
}

TEST(printf_hex_floats)
{
	CHECK_FMT("0x1p+0 0x1p-1 0x1.8p+1", "%a %a %a", 1.0, 0.5, 3.0);
	CHECK_FMT("-0x0p+0", "%a", -0.0);
	CHECK_FMT("0X1.FP+4", "%A", 31.0);
	CHECK_FMT("0x1.fffffffffffffp+1023", "%a", DBL_MAX);
	CHECK_FMT("0x1p-1022", "%a", DBL_MIN);
	CHECK_FMT("0x0.0000000000001p-1022", "%a", 4.9406564584124654e-324);
	CHECK_FMT("0x2p+0 0x1p+1", "%.0a %.0a", 1.5, 2.5); /* ties: even */
	CHECK_FMT("0x1.0000000000000000000000000000000000000000p+0", "%.40a", 1.0);
	CHECK_FMT("0x1.00p+0", "%.2a", 1.0);
	CHECK_FMT("  0x1p+0|0x1p+0  |", "%8a|%-8a|", 1.0, 1.0);
	CHECK_FMT("0x0001p+0 +0x1p+0", "%09a %+a", 1.0, 1.0);
}

TEST(printf_long_double)
{
	CHECK_FMT("1.500000", "%Lf", 1.5L);
	CHECK_FMT("0.667", "%.3Lf", 2.0L / 3);
	CHECK_FMT("0.1000000000000000000013553", "%.25Lf", 0.1L);
	CHECK_FMT("1.189731e+4932", "%Le", LDBL_MAX);
	CHECK_FMT("3.3621e-4932", "%Lg", LDBL_MIN);
	CHECK_FMT("0x8p-3 0xcp-2", "%La %La", 1.0L, 3.0L);
	CHECK_FMT("-inf", "%Lf", -(long double)INFINITY);
}

TEST(printf_inf_and_nan_ignore_zero_padding)
{
	CHECK_FMT("inf INF -inf", "%f %F %e", INFINITY, INFINITY, -INFINITY);
	CHECK_FMT("nan NAN", "%g %G", NAN, NAN);
	CHECK_FMT("  inf|-inf    |", "%05f|%-8f|", INFINITY, -INFINITY);
	CHECK_FMT("+inf  inf", "%+f % f", INFINITY, INFINITY);
	CHECK_FMT("   nan", "%06.2f", NAN);
	CHECK_FMT("inf", "%a", INFINITY);
}

TEST(printf_snprintf_truncates_and_returns_full_length)
{
	char small[6];

	memset(small, 'x', sizeof(small));
	CHECK_EQ(snprintf(small, sizeof(small), "hello world"), 11);
	CHECK_STR(small, "hello");
	CHECK_EQ(snprintf(small, 1, "abc"), 3);
	CHECK_EQ(small[0], '\0');
	small[0] = 'q';
	CHECK_EQ(snprintf(small, 0, "abc%d", 12345), 8);
	CHECK_EQ(small[0], 'q'); /* size 0: nothing written */
	CHECK_EQ(snprintf(NULL, 0, "%.3f", 2.0), 5);
	CHECK_EQ(snprintf(NULL, 0, "%100000d", 1), 100000);
	CHECK_EQ(snprintf(small, sizeof(small), "%.2000f", 1.0), 2002);
	CHECK_STR(small, "1.000");
}

TEST(printf_n_stores_the_count_so_far)
{
	signed char hh = 0;
	short h = 0;
	int n = 0;
	long l = 0;
	long long ll = 0;
	intmax_t j = 0;
	size_t z = 0;
	ptrdiff_t t = 0;

	CHECK_FMT("abc12345", "abc%hhn1%hn2%n3%ln4%lln5%jn%zn%tn", &hh, &h, &n, &l, &ll, &j, &z, &t);
	CHECK_EQ(hh, 3);
	CHECK_EQ(h, 4);
	CHECK_EQ(n, 5);
	CHECK_EQ(l, 6);
	CHECK_EQ(ll, 7);
	CHECK_EQ(j, 8);
	CHECK_EQ(z, 8);
	CHECK_EQ(t, 8);
	char tiny[2];
	CHECK_EQ(snprintf(tiny, sizeof(tiny), "%s%n", "long text", &n), 9);
	CHECK_EQ(n, 9); /* counts what did not fit too */
}

TEST(printf_m_prints_strerror_of_errno)
{
	char want[256];

	snprintf(want, sizeof(want), "<%s>", strerror(ENOENT));
	errno = ENOENT;
	CHECK_FMT(want, "<%m>");
}

TEST(printf_positional_arguments)
{
	CHECK_FMT("world hello", "%2$s %1$s", "hello", "world");
	CHECK_FMT("3 1 3", "%3$d %1$d %3$d", 1, 2, 3);
	CHECK_FMT("   ab|2.50", "%3$*1$s|%2$.*4$f", 5, 2.5, "ab", 2);
	CHECK_FMT("x 1.5 -1 7", "%4$c %2$Lg %1$hhd %3$zu", 255, 1.5L, (size_t)7, 'x');
}

static int vformat(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

TEST(printf_vsnprintf_takes_a_va_list)
{
	CHECK_EQ(vformat(out, sizeof(out), "%s=%d %.1f", "x", 7, 0.25), 7);
	CHECK_STR(out, "x=7 0.2");
}

TEST(printf_long_outputs_are_complete)
{
	static char big[20000];
	int r = snprintf(big, sizeof(big), "%.15000f", 1.0 / 3);
	CHECK_EQ(r, 15002);
	CHECK_EQ(strncmp(big, "0.333333333333333314829616256247390992939472198486328125000", 59), 0);
	CHECK_EQ(big[15001], '0');
	r = snprintf(big, sizeof(big), "%-15000d|", 7);
	CHECK_EQ(r, 15001);
	CHECK_EQ(big[15000], '|');
}
