// SPDX-License-Identifier: MIT
/*
 * Tests for lib/fmt: the formatter must agree with the host's glibc
 * snprintf, so most tests generate formats (every flag combination, widths,
 * precisions, length modifiers) and compare both implementations' output
 * and return value through fmt_same. Behaviour glibc does not define the
 * same way (unknown conversions) is checked against fixed strings.
 */
#include "unit.h"

#include <lib/fmt.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Formats with both implementations; reports and returns false on a diff. */
__attribute__((format(printf, 1, 2)))
static bool fmt_same(const char *f, ...)
{
	char want[512], got[512];
	va_list ap, ap2;

	va_start(ap, f);
	va_copy(ap2, ap);
	int nwant = vsnprintf(want, sizeof want, f, ap);
	int ngot = fmt_vsnprintf(got, sizeof got, f, ap2);
	va_end(ap2);
	va_end(ap);
	if (nwant == ngot && strcmp(want, got) == 0)
		return true;
	printf("    format \"%s\": got \"%s\" (%d), want \"%s\" (%d)\n", f, got,
	       ngot, want, nwant);
	return false;
}

static const char *const flag_chars = "-0+ #";
static const char *const widths[] = { "", "1", "7", "24" };
static const char *const precs[] = { "", ".", ".0", ".1", ".5", ".22" };

/* Builds "%<flags from mask><width><prec><len><conv>". */
static void fmt_build(char *out, unsigned mask, const char *width,
		      const char *prec, const char *len, char conv)
{
	char *p = out;

	*p++ = '%';
	for (unsigned i = 0; i < 5; i++)
		if (mask & (1u << i))
			*p++ = flag_chars[i];
	p += sprintf(p, "%s%s%s%c", width, prec, len, conv);
}

/* Passes v with the type the length modifier names. */
static bool fmt_same_typed(const char *f, const char *len, bool is_signed,
			   long long v)
{
	if (strcmp(len, "hh") == 0 || strcmp(len, "h") == 0 || !*len)
		return is_signed ? fmt_same(f, (int)v) : fmt_same(f, (unsigned)v);
	if (strcmp(len, "z") == 0)
		return fmt_same(f, (size_t)v);
	if (strcmp(len, "t") == 0)
		return fmt_same(f, (ptrdiff_t)v);
	if (strcmp(len, "j") == 0)
		return fmt_same(f, (intmax_t)v);
	if (strcmp(len, "l") == 0)
		return fmt_same(f, (long)v);
	return fmt_same(f, v);
}

/* Every flag/width/precision combination of conv for each value. */
static bool fmt_sweep(const char *convs, const char *len, const long long *vals,
		      size_t nvals)
{
	char f[32];
	bool ok = true;

	for (const char *c = convs; *c; c++)
		for (unsigned mask = 0; mask < 32; mask++)
			for (size_t w = 0; w < 4; w++)
				for (size_t p = 0; p < 6; p++)
					for (size_t v = 0; v < nvals; v++) {
						fmt_build(f, mask, widths[w],
							  precs[p], len, *c);
						ok &= fmt_same_typed(f, len,
							*c == 'd' || *c == 'i',
							vals[v]);
					}
	return ok;
}

static const long long int_vals[] = {
	0, 1, -1, 7, 8, 42, -42, 255, 4096, -123456, INT_MAX, INT_MIN,
	(long long)UINT_MAX, 0x7fff, -0x8000, 0x80, 0xff,
};

static const long long wide_vals[] = {
	0, 1, -1, 077, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, 0x123456789abcdefLL,
	(long long)0xfedcba9876543210ULL, INT_MAX, (long long)INT_MIN - 1,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

TEST(fmt_int_flag_width_precision_combinations_match_host)
{
	CHECK(fmt_sweep("diuoxX", "", int_vals, N(int_vals)));
}

TEST(fmt_char_and_short_lengths_truncate_like_host)
{
	CHECK(fmt_sweep("diuoxX", "hh", int_vals, N(int_vals)));
	CHECK(fmt_sweep("diuoxX", "h", int_vals, N(int_vals)));
}

TEST(fmt_64bit_lengths_match_host_at_limits)
{
	static const char *const lens[] = { "l", "ll", "z", "t", "j" };

	for (size_t i = 0; i < N(lens); i++)
		CHECK(fmt_sweep("diuoxX", lens[i], wide_vals, N(wide_vals)));
}

TEST(fmt_precision_zero_with_value_zero_prints_no_digits)
{
	CHECK(fmt_same("[%.0d][%.0u][%.0x][%.0o][%#.0o][%#.0x][%5.0d][%-3.0i]",
		       0, 0u, 0u, 0u, 0u, 0u, 0, 0));
	CHECK(fmt_same("[%+.0d][% .0d][%+5.0d]", 0, 0, 0));
}

TEST(fmt_star_width_and_precision_match_host_including_negative)
{
	CHECK(fmt_same("[%*d][%-*d][%*d]", 6, 42, 6, 42, -6, 42));
	CHECK(fmt_same("[%.*d][%.*d][%*.*x]", 4, 7, -1, 7, 8, 3, 0xabu));
	CHECK(fmt_same("[%.*s][%*s][%.*s]", 2, "hello", -8, "hi", -3, "abc"));
	const char *zero_with_prec = "[%0*d][%0*.*d]";

	CHECK(fmt_same(zero_with_prec, 5, -3, 7, 2, -3));
}

TEST(fmt_strings_respect_width_precision_and_left_flag)
{
	CHECK(fmt_same("[%s][%10s][%-10s][%.3s][%10.2s][%-6.9s]", "abc",
		       "abc", "abc", "abcdef", "abcdef", "ab"));
	CHECK(fmt_same("[%s][%5s][%.0s]", "", "", "xyz"));
}

TEST(fmt_null_string_prints_null_marker_like_glibc)
{
	const char *volatile nul = NULL;

	CHECK(fmt_same("[%s][%8s][%-8s][%.6s][%.3s]", nul, nul, nul, nul, nul));
}

TEST(fmt_chars_and_percent_match_host)
{
	CHECK(fmt_same("[%c][%3c][%-3c][%c%c]", 'a', 'b', 'c', 'x', 0x7f));
	CHECK(fmt_same("[%%][100%%][%d%%]", 5));
}

TEST(fmt_pointers_print_like_glibc)
{
	void *volatile nul = NULL;
	void *p = (void *)0x1234abcdUL;
	void *hi = (void *)0xffff800000001000UL;

	CHECK(fmt_same("[%p][%p][%p]", p, hi, nul));
	CHECK(fmt_same("[%20p][%-20p][%8p][%-8p]", p, p, nul, nul));
}

TEST(fmt_pointer_flags_match_glibc)
{
	void *volatile nul = NULL;
	void *p = (void *)0x1234UL;
	const char *f = "[%010p][%+p][% p][%.8p][%.3p][%08p]";

	CHECK(fmt_same(f, p, p, p, p, nul, nul));
}

TEST(fmt_mixed_literal_text_and_conversions_match_host)
{
	CHECK(fmt_same("cpu %u: apic %#x at %p, %s (%lld KiB)%c", 3u, 0xfeu,
		       (void *)0xfee00000UL, "ok", 524288LL, '!'));
	CHECK(fmt_same("no conversions at all"));
	CHECK(fmt_same("%s", "only a string"));
}

TEST(fmt_truncates_to_buffer_and_returns_full_length)
{
	char buf[8];

	memset(buf, 'Z', sizeof buf);
	CHECK_EQ(fmt_snprintf(buf, 5, "hello %s", "world"), 11);
	CHECK_STR(buf, "hell");
	CHECK_EQ(buf[5], 'Z');
	CHECK_EQ(fmt_snprintf(buf, 1, "%d", 12345), 5);
	CHECK_STR(buf, "");
	CHECK_EQ(fmt_snprintf(buf, sizeof buf, "%7d", 1), 7);
	CHECK_STR(buf, "      1");
	CHECK_EQ(fmt_snprintf(buf, sizeof buf, "%8d", 1), 8);
	CHECK_STR(buf, "       ");
}

TEST(fmt_size_zero_writes_nothing_and_returns_length)
{
	char c = 'Z';

	CHECK_EQ(fmt_snprintf(NULL, 0, "%s=%d", "abc", 42), 6);
	CHECK_EQ(fmt_snprintf(&c, 0, "xyz"), 3);
	CHECK_EQ(c, 'Z');
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
TEST(fmt_unknown_conversions_are_copied_literally)
{
	char buf[64];

	CHECK_EQ(fmt_snprintf(buf, sizeof buf, "a%yb"), 4);
	CHECK_STR(buf, "a%yb");
	fmt_snprintf(buf, sizeof buf, "[%-5.2hhq][%d]", 7);
	CHECK_STR(buf, "[%-5.2hhq][7]");
	fmt_snprintf(buf, sizeof buf, "[%n][%f]");
	CHECK_STR(buf, "[%n][%f]");
	CHECK_EQ(fmt_snprintf(buf, sizeof buf, "end%"), 4);
	CHECK_STR(buf, "end%");
}
#pragma GCC diagnostic pop

typedef struct sink_log {
	char text[64];
	size_t len;
	unsigned calls;
} sink_log_t;

static void sink_log_append(void *ctx, const char *s, size_t n)
{
	sink_log_t *log = ctx;

	memcpy(log->text + log->len, s, n);
	log->len += n;
	log->calls++;
}

static int fmt_format_to_log(sink_log_t *log, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = fmt_vformat(sink_log_append, log, f, ap);
	va_end(ap);
	return n;
}

TEST(fmt_vformat_streams_to_sink_and_counts_characters)
{
	sink_log_t log = { .len = 0 };

	CHECK_EQ(fmt_format_to_log(&log, "x=%-4d|%s", -5, "end"), 10);
	CHECK_EQ(log.len, 10);
	log.text[log.len] = '\0';
	CHECK_STR(log.text, "x=-5  |end");
	CHECK(log.calls >= 3);
}

TEST(fmt_long_padding_is_emitted_in_full)
{
	char buf[128];

	CHECK(fmt_same("[%100d]", 1));
	CHECK_EQ(fmt_snprintf(buf, sizeof buf, "%-70s|%050x", "a", 0xbeefu), 121);
	CHECK_EQ(strlen(buf), 121);
	CHECK_EQ(buf[70], '|');
}
