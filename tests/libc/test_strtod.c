// SPDX-License-Identifier: MIT
/*
 * strtod, strtof, strtold and atof: correct rounding (to nearest, ties to
 * even) at the hard places — exact halfway cases, the subnormal range and
 * its boundaries, the overflow threshold, very long digit strings — plus
 * hex floats, inf/nan, the endptr rules and errno (ERANGE on overflow, and
 * on underflow when the result is tiny and inexact).
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utest.h"

/* strtod(s) must be want exactly (bit for bit), consume all of s, and
 * leave errno as err. */
#define CHECK_STRTOD(s, want, err)                                 \
	do {                                                       \
		const char *s_ = (s);                              \
		char *end_;                                        \
		double want_ = (want);                             \
		errno = 0;                                         \
		double got_ = strtod(s_, &end_);                   \
		CHECK_EQ(errno, (err));                            \
		CHECK(memcmp(&got_, &want_, sizeof(got_)) == 0);   \
		CHECK_EQ(end_ - s_, (long)strlen(s_));             \
	} while (0)

#define CHECK_STRTOF(s, want, err)                                 \
	do {                                                       \
		const char *s_ = (s);                              \
		char *end_;                                        \
		float want_ = (want);                              \
		errno = 0;                                         \
		float got_ = strtof(s_, &end_);                    \
		CHECK_EQ(errno, (err));                            \
		CHECK(memcmp(&got_, &want_, sizeof(got_)) == 0);   \
		CHECK_EQ(end_ - s_, (long)strlen(s_));             \
	} while (0)

#define CHECK_STRTOLD(s, want, err)                                \
	do {                                                       \
		const char *s_ = (s);                              \
		char *end_;                                        \
		long double want_ = (want);                        \
		errno = 0;                                         \
		long double got_ = strtold(s_, &end_);             \
		CHECK_EQ(errno, (err));                            \
		CHECK(got_ == want_ && signbit(got_) == signbit(want_)); \
		CHECK_EQ(end_ - s_, (long)strlen(s_));             \
	} while (0)

TEST(strtod_simple_values_are_exact)
{
	CHECK_STRTOD("1.5", 1.5, 0);
	CHECK_STRTOD("-0.25", -0.25, 0);
	CHECK_STRTOD("0", 0.0, 0);
	CHECK_STRTOD("-0", -0.0, 0);
	CHECK_STRTOD("1e10", 1e10, 0);
	CHECK_STRTOD("+.5", 0.5, 0);
	CHECK_STRTOD("5.", 5.0, 0);
	CHECK_STRTOD("0.1", 0.1, 0);
	CHECK_STRTOD("1E-2", 0.01, 0);
	CHECK_STRTOD("123456789012345678901234567890", 1.2345678901234568e29, 0);
	CHECK_STRTOD("0.000000000000000000000000000000000000000000001e45", 1.0, 0);
	CHECK_STRTOD("00000000000000000001e-5", 1e-5, 0);
}

TEST(strtod_halfway_cases_round_to_even)
{
	/* 2^53 + 1 is halfway between 2^53 and 2^53 + 2: even is 2^53. */
	CHECK_STRTOD("9007199254740993", 9007199254740992.0, 0);
	CHECK_STRTOD("9007199254740995", 9007199254740996.0, 0);
	CHECK_STRTOD("9007199254740993.0000000000000000000001", 9007199254740994.0, 0);
	/* 1 + 2^-53, exactly halfway between 1 and the next double. */
	CHECK_STRTOD("1.00000000000000011102230246251565404236316680908203125", 1.0, 0);
	CHECK_STRTOD("1.00000000000000011102230246251565404236316680908203126", 0x1.0000000000001p0, 0);
	CHECK_STRTOD("1.00000000000000011102230246251565404236316680908203124", 1.0, 0);
	CHECK_STRTOD("0.5", 0.5, 0);
}

TEST(strtod_long_inputs_are_rounded_on_every_digit)
{
	static char buf[12000];
	const char *half = "1.00000000000000011102230246251565404236316680908203125";
	size_t n = strlen(half);

	memcpy(buf, half, n);
	memset(buf + n, '0', 10000);
	buf[n + 10000] = '\0';
	CHECK_STRTOD(buf, 1.0, 0); /* still exactly halfway */
	buf[n + 9999] = '1';
	CHECK_STRTOD(buf, 0x1.0000000000001p0, 0); /* just above it */
	memset(buf, '9', 5000);
	buf[5000] = '\0';
	CHECK_STRTOD(buf, HUGE_VAL, ERANGE);
}

TEST(strtod_subnormals_and_underflow)
{
	CHECK_STRTOD("4.9406564584124654e-324", 0x1p-1074, ERANGE); /* inexact */
	CHECK_STRTOD("0x1p-1074", 0x1p-1074, 0);			 /* exact */
	CHECK_STRTOD("2.4703282292062327e-324", 0.0, ERANGE);	 /* below half */
	CHECK_STRTOD("2.4703282292062328e-324", 0x1p-1074, ERANGE); /* above half */
	CHECK_STRTOD("0x1.8p-1074", 0x1p-1073, ERANGE);		 /* tie: even */
	CHECK_STRTOD("1e-400", 0.0, ERANGE);
	CHECK_STRTOD("-1e-400", -0.0, ERANGE);
	CHECK_STRTOD("2.2250738585072014e-308", DBL_MIN, 0);
	CHECK_STRTOD("2.2250738585072011e-308", 0x0.fffffffffffffp-1022, ERANGE);
	/* Rounds up to DBL_MIN: not tiny after rounding, so no ERANGE. */
	CHECK_STRTOD("0x1.fffffffffffff8p-1023", DBL_MIN, 0);
	CHECK_STRTOD("1e-99999999999999999999", 0.0, ERANGE);
}

TEST(strtod_overflow_gives_huge_val)
{
	CHECK_STRTOD("1.7976931348623157e308", DBL_MAX, 0);
	CHECK_STRTOD("1.7976931348623158e308", DBL_MAX, 0); /* below the threshold */
	CHECK_STRTOD("1.7976931348623159e308", HUGE_VAL, ERANGE);
	CHECK_STRTOD("0x1.fffffffffffff8p1023", HUGE_VAL, ERANGE); /* tie rounds up */
	CHECK_STRTOD("1e400", HUGE_VAL, ERANGE);
	CHECK_STRTOD("-1e400", -HUGE_VAL, ERANGE);
	CHECK_STRTOD("1e99999999999999999999", HUGE_VAL, ERANGE);
}

TEST(strtod_hex_floats)
{
	CHECK_STRTOD("0x1.8p3", 12.0, 0);
	CHECK_STRTOD("0X1P-2", 0.25, 0);
	CHECK_STRTOD("-0x.8", -0.5, 0);
	CHECK_STRTOD("0x10", 16.0, 0);
	CHECK_STRTOD("0x1.fffffffffffffp1023", DBL_MAX, 0);
	/* 0x1.00000000000008 is halfway: even; a bit more goes up. */
	CHECK_STRTOD("0x1.00000000000008", 1.0, 0);
	CHECK_STRTOD("0x1.000000000000080000000000000001", 0x1.0000000000001p0, 0);
	CHECK_STRTOD("0x123456789abcdef0123456789abcdef0p-128", 0x1.23456789abcdfp-4, 0);
}

TEST(strtod_inf_and_nan)
{
	CHECK_STRTOD("inf", INFINITY, 0);
	CHECK_STRTOD("-Infinity", -INFINITY, 0);
	CHECK_STRTOD("INF", INFINITY, 0);
	char *end;
	const char *s = "infinit";
	CHECK(isinf(strtod(s, &end)));
	CHECK(end == s + 3); /* "inf", not a broken "infinity" */
	s = "nan";
	CHECK(isnan(strtod(s, &end)) && end == s + 3);
	s = "-NaN";
	double d = strtod(s, &end);
	CHECK(isnan(d) && signbit(d) && end == s + 4);
	s = "nan(123abc_)x";
	CHECK(isnan(strtod(s, &end)) && end == s + 12);
	s = "nan(12";
	CHECK(isnan(strtod(s, &end)) && end == s + 3); /* no ')': just "nan" */
	s = "nan( )";
	CHECK(isnan(strtod(s, &end)) && end == s + 3);
}

TEST(strtod_endptr_rules)
{
	char *end;
	const char *s;

	s = "  \t\n+42.5e1xyz";
	CHECK(strtod(s, &end) == 425.0 && end == s + 11);
	s = "abc";
	CHECK(strtod(s, &end) == 0.0 && end == s); /* no digits: endptr = nptr */
	s = "  .";
	CHECK(strtod(s, &end) == 0.0 && end == s);
	s = "-";
	CHECK(strtod(s, &end) == 0.0 && end == s);
	s = " -.e1";
	CHECK(strtod(s, &end) == 0.0 && end == s);
	s = "0x";
	CHECK(strtod(s, &end) == 0.0 && end == s + 1); /* just the "0" */
	s = "0xg";
	CHECK(strtod(s, &end) == 0.0 && end == s + 1);
	s = "1e";
	CHECK(strtod(s, &end) == 1.0 && end == s + 1); /* no exponent digits */
	s = "1e+";
	CHECK(strtod(s, &end) == 1.0 && end == s + 1);
	s = "0x1p";
	CHECK(strtod(s, &end) == 1.0 && end == s + 3);
	s = "1.2.3";
	CHECK(strtod(s, &end) == 1.2 && end == s + 3);
	CHECK(strtod("7", NULL) == 7.0); /* endptr may be NULL */
}

TEST(strtod_leaves_errno_alone_on_success)
{
	errno = 1234;
	CHECK(strtod("2.5", NULL) == 2.5);
	CHECK_EQ(errno, 1234);
}

TEST(strtof_rounds_once_not_through_double)
{
	CHECK_STRTOF("1.5", 1.5f, 0);
	CHECK_STRTOF("3.40282346638528859811704183484516925440e+38", FLT_MAX, 0);
	CHECK_STRTOF("3.5e38", HUGE_VALF, ERANGE);
	CHECK_STRTOF("1e-46", 0.0f, ERANGE);
	CHECK_STRTOF("1.40129846432481707092e-45", 0x1p-149f, ERANGE);
	CHECK_STRTOF("0x1p-149", 0x1p-149f, 0);
	/* 1 + 2^-24 + 2^-60: through double it would become the tie 1 + 2^-24
	 * and then 1.0; rounded once it is above the tie. */
	CHECK_STRTOF("1.000000059604644776257986737988403547205962240695953369140625", 0x1.000002p0f, 0);
	CHECK_STRTOF("1.000000059604644775390625", 1.0f, 0); /* the exact tie */
	CHECK_STRTOF("16777217", 16777216.0f, 0);
}

TEST(strtold_uses_the_full_long_double)
{
	CHECK_STRTOLD("1.5", 1.5L, 0);
	CHECK_STRTOLD("0.1", 0.1L, 0);
	CHECK_STRTOLD("18446744073709551617", 18446744073709551616.0L, 0); /* 2^64 + 1: tie */
	CHECK_STRTOLD("18446744073709551619", 18446744073709551620.0L, 0);
	CHECK_STRTOLD("1.18973149535723176502e+4932", LDBL_MAX, 0);
	CHECK_STRTOLD("1.2e+4932", HUGE_VALL, ERANGE);
	CHECK_STRTOLD("0x1p-16445", 0x1p-16445L, 0);
	CHECK_STRTOLD("1e-4950", 0x3p-16445L, ERANGE);
	CHECK_STRTOLD("1e-5000", 0.0L, ERANGE);
	CHECK_STRTOLD("0x8p-3", 1.0L, 0);
	CHECK_STRTOLD("3.36210314311209350626e-4932", LDBL_MIN, 0);
}

TEST(atof_is_strtod)
{
	CHECK(atof("  -2.5e1xyz") == -25.0);
	CHECK(atof("nonsense") == 0.0);
}
