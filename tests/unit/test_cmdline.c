// SPDX-License-Identifier: MIT
/*
 * Tests for lib/cmdline: whole-word key matching, quoting, last-wins, and
 * the error contract of cmdline_get and cmdline_get_u64.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/cmdline.h>

#include <string.h>

TEST(cmdline_has_finds_bare_and_valued_keys)
{
	const char *c = "quiet smp=4 console=ttyS0";

	CHECK(cmdline_has(c, "quiet"));
	CHECK(cmdline_has(c, "smp"));
	CHECK(cmdline_has(c, "console"));
	CHECK(!cmdline_has(c, "loud"));
}

TEST(cmdline_keys_match_whole_words_only)
{
	const char *c = "nosmp smpx=1 xsmp smp_debug=2 sm";

	CHECK(!cmdline_has(c, "smp"));
	CHECK(!cmdline_has(c, "smpx=1"));
	CHECK(cmdline_has(c, "smpx"));
	CHECK(cmdline_has(c, "sm"));
	CHECK(!cmdline_has(c, "s"));
}

TEST(cmdline_null_or_empty_line_has_nothing)
{
	char buf[8];

	CHECK(!cmdline_has(NULL, "a"));
	CHECK(!cmdline_has("", "a"));
	CHECK(!cmdline_has("   ", "a"));
	CHECK_EQ(cmdline_get(NULL, "a", buf, sizeof buf), -ENOENT);
}

TEST(cmdline_get_returns_value_or_empty_for_bare_key)
{
	char buf[16];

	CHECK_EQ(cmdline_get("a=1 debug b=xyz", "b", buf, sizeof buf), 0);
	CHECK_STR(buf, "xyz");
	CHECK_EQ(cmdline_get("a=1 debug b=xyz", "debug", buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	CHECK_EQ(cmdline_get("a= b", "a", buf, sizeof buf), 0);
	CHECK_STR(buf, "");
}

TEST(cmdline_get_absent_key_is_enoent)
{
	char buf[16] = "junk";

	CHECK_EQ(cmdline_get("a=1 b=2", "c", buf, sizeof buf), -ENOENT);
	CHECK_EQ(cmdline_get("a=1 b=2", "", buf, sizeof buf), -EINVAL);
}

TEST(cmdline_value_keeps_everything_after_first_equals)
{
	char buf[32];

	CHECK_EQ(cmdline_get("root=UUID=ab-cd x", "root", buf, sizeof buf), 0);
	CHECK_STR(buf, "UUID=ab-cd");
}

TEST(cmdline_quoted_value_may_contain_blanks)
{
	const char *c = "a=1 init=\"/bin/sh -x  -c\" b=2";
	char buf[32];

	CHECK_EQ(cmdline_get(c, "init", buf, sizeof buf), 0);
	CHECK_STR(buf, "/bin/sh -x  -c");
	CHECK_EQ(cmdline_get(c, "b", buf, sizeof buf), 0);
	CHECK_STR(buf, "2");
	CHECK(!cmdline_has(c, "-x"));
}

TEST(cmdline_quoted_equals_does_not_split_key)
{
	char buf[32];

	CHECK_EQ(cmdline_get("k=\"a=b c\" j", "k", buf, sizeof buf), 0);
	CHECK_STR(buf, "a=b c");
	CHECK(cmdline_has("k=\"a=b c\" j", "j"));
}

TEST(cmdline_unterminated_quote_runs_to_end)
{
	char buf[32];

	CHECK_EQ(cmdline_get("x=\"a b c", "x", buf, sizeof buf), 0);
	CHECK_STR(buf, "a b c");
}

TEST(cmdline_last_occurrence_wins)
{
	char buf[16];

	CHECK_EQ(cmdline_get("log=1 x log=2 y log=3", "log", buf, sizeof buf), 0);
	CHECK_STR(buf, "3");
	CHECK_EQ(cmdline_get("log=1 log", "log", buf, sizeof buf), 0);
	CHECK_STR(buf, "");
}

TEST(cmdline_tabs_and_newlines_separate_words)
{
	char buf[16];

	CHECK_EQ(cmdline_get("a=1\tb=2\nc=3\r\n", "c", buf, sizeof buf), 0);
	CHECK_STR(buf, "3");
}

TEST(cmdline_get_value_that_does_not_fit_is_erange)
{
	char buf[4];

	memset(buf, 'Z', sizeof buf);
	CHECK_EQ(cmdline_get("k=abcd", "k", buf, sizeof buf), -ERANGE);
	CHECK_STR(buf, "");
	CHECK_EQ(cmdline_get("k=abc", "k", buf, sizeof buf), 0);
	CHECK_STR(buf, "abc");
	CHECK_EQ(cmdline_get("k", "k", buf, 0), -ERANGE);
	CHECK_EQ(cmdline_get("k=\"ab\"", "k", buf, 3), 0);
	CHECK_STR(buf, "ab");
}

TEST(cmdline_get_u64_parses_decimal_and_hex)
{
	uint64_t v = 0;

	CHECK_EQ(cmdline_get_u64("smp=4", "smp", &v), 0);
	CHECK_EQ(v, 4);
	CHECK_EQ(cmdline_get_u64("mem=0x1F000 x", "mem", &v), 0);
	CHECK_EQ(v, 0x1f000);
	CHECK_EQ(cmdline_get_u64("m=0X10", "m", &v), 0);
	CHECK_EQ(v, 16);
	CHECK_EQ(cmdline_get_u64("m=0", "m", &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(cmdline_get_u64("m=\"12\"", "m", &v), 0);
	CHECK_EQ(v, 12);
}

TEST(cmdline_get_u64_accepts_64bit_limits)
{
	uint64_t v = 0;

	CHECK_EQ(cmdline_get_u64("m=18446744073709551615", "m", &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_EQ(cmdline_get_u64("m=0xffffffffffffffff", "m", &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_EQ(cmdline_get_u64("m=18446744073709551616", "m", &v), -ERANGE);
	CHECK_EQ(cmdline_get_u64("m=0x10000000000000000", "m", &v), -ERANGE);
}

TEST(cmdline_get_u64_rejects_non_numbers)
{
	uint64_t v = 77;

	CHECK_EQ(cmdline_get_u64("m=", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m=12k", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m=-1", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m=0x", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m=0xg", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m=abc", "m", &v), -EINVAL);
	CHECK_EQ(cmdline_get_u64("m= 1", "m", &v), -EINVAL);
	CHECK_EQ(v, 77);
	CHECK_EQ(cmdline_get_u64("x=1", "m", &v), -ENOENT);
}
