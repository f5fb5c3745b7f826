// SPDX-License-Identifier: MIT
/*
 * seq: a sequence of numbers from FIRST (1) by INCREMENT (1) up to LAST.
 *
 * Numbers are long doubles, and the i-th is FIRST + i * INCREMENT (not a
 * running sum, so errors do not accumulate; a small tolerance keeps
 * "seq 0 0.1 1" from losing its last term to rounding). Without -f the
 * output has as many decimals as FIRST or INCREMENT has (integers have
 * none), as GNU seq does; -w pads with zeros to one width. Options come
 * before the numbers, so "-1" is a number, not an option.
 */
#include "cmd.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"NAME\n    seq - print a sequence of numbers\n\n"
	"SYNOPSIS\n    seq [-w] [-f FORMAT] [-s SEPARATOR] [FIRST [INCREMENT]] LAST\n\n"
	"DESCRIPTION\n"
	"    Prints the numbers from FIRST (default 1) by INCREMENT (default 1)\n"
	"    while they do not pass LAST, one per line. Numbers may be negative\n"
	"    and have fractions; the output has as many decimals as FIRST or\n"
	"    INCREMENT.\n\n"
	"OPTIONS\n"
	"    -f FORMAT     print each number with the printf FORMAT, which must\n"
	"                  hold one of %e %f %g %a (with flags, width, precision)\n"
	"    -s SEPARATOR  put SEPARATOR between numbers instead of a newline\n"
	"    -w            pad with leading zeros to the same width\n\n"
	"EXIT STATUS\n    0, or 2 on a usage error (a bad number, a zero INCREMENT).\n";

typedef struct {
	long double value;
	int decimals;           /* after the '.', or -1 with an exponent */
} seq_number_t;

static seq_number_t seq_parse(const char *arg)
{
	seq_number_t n;
	char *end;

	n.value = strtold(arg, &end);
	if (end == arg || *end || isnan(n.value) || isinf(n.value))
		cmd_usage_error("invalid floating point argument: '%s'", arg);
	const char *dot = strchr(arg, '.');
	n.decimals = 0;
	if (strpbrk(arg, "eExXpP"))
		n.decimals = -1;
	else if (dot)
		n.decimals = (int)strspn(dot + 1, "0123456789");
	return n;
}

/*
 * Checks a -f FORMAT: exactly one floating conversion. Returns it with
 * an L inserted before the conversion letter, for long doubles.
 */
static char *seq_check_format(const char *fmt)
{
	char *out = malloc(strlen(fmt) + 2);
	size_t o = 0;
	int conversions = 0;

	if (!out)
		cmd_die("out of memory");
	for (const char *p = fmt; *p; p++) {
		out[o++] = *p;
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			out[o++] = *++p;
			continue;
		}
		p++;
		size_t skip = strspn(p, "-+ #0'");
		skip += strspn(p + skip, "0123456789");
		if (p[skip] == '.') {
			skip++;
			skip += strspn(p + skip, "0123456789");
		}
		if (!p[skip] || !strchr("eEfFgGaA", p[skip]))
			cmd_usage_error("format '%s' has an invalid or missing conversion", fmt);
		memcpy(out + o, p, skip);
		o += skip;
		out[o++] = 'L';
		out[o++] = p[skip];
		p += skip;
		conversions++;
	}
	out[o] = '\0';
	if (conversions != 1)
		cmd_usage_error("format '%s' must have exactly one %% conversion", fmt);
	return out;
}

/* Writes v by fmt (or with decimals), zero-padded to width. */
static void seq_print(const char *fmt, int decimals, int width, long double v)
{
	char buf[512];

	if (fmt)
		snprintf(buf, sizeof(buf), fmt, v);
	else if (decimals < 0)
		snprintf(buf, sizeof(buf), "%Lg", v);
	else
		snprintf(buf, sizeof(buf), "%.*Lf", decimals, v);
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	int len = (int)strlen(buf);
	const char *digits = buf;
	if (*digits == '-') {
		putchar('-');
		digits++;
		len--;
		width--;
	}
	for (; len < width; len++)
		putchar('0');
	fputs(digits, stdout);
}

int main(int argc, char **argv)
{
	const char *sep = "\n", *format = NULL;
	bool equal_width = false;
	int i = 1;

	cmd_start(argc, argv, help);
	/* Options end at the first word that is not one (negative numbers are operands). */
	for (; i < argc && argv[i][0] == '-' && argv[i][1] &&
	       !(argv[i][1] >= '0' && argv[i][1] <= '9') && argv[i][1] != '.'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-w") == 0) {
			equal_width = true;
		} else if (a[1] == 's' || a[1] == 'f') {
			const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				cmd_usage_error("option requires an argument -- '%c'", a[1]);
			if (a[1] == 's')
				sep = v;
			else
				format = v;
		} else {
			cmd_usage_error("invalid option -- '%c'", a[1]);
		}
	}
	int n = argc - i;
	if (n < 1)
		cmd_usage_error("missing operand");
	if (n > 3)
		cmd_usage_error("extra operand '%s'", argv[i + 3]);
	seq_number_t first = { 1, 0 }, incr = { 1, 0 }, last = seq_parse(argv[argc - 1]);
	if (n >= 2)
		first = seq_parse(argv[i]);
	if (n == 3)
		incr = seq_parse(argv[i + 1]);
	if (incr.value == 0)
		cmd_usage_error("invalid Zero increment value: '%s'", argv[i + 1]);
	if (format && equal_width)
		cmd_usage_error("format string may not be specified when printing equal width strings");
	char *fmt = format ? seq_check_format(format) : NULL;
	int decimals = first.decimals < 0 || incr.decimals < 0 ? -1 :
		       (first.decimals > incr.decimals ? first.decimals : incr.decimals);

	/* How many terms: the last is within a hair of LAST, not past it. */
	long double span = (last.value - first.value) / incr.value;
	if (span < 0 && span > -1e-9L)
		span = 0;
	if (span < 0) {
		cmd_flush_stdout();
		return 0;
	}
	unsigned long long count = (unsigned long long)floorl(span + 1e-9L) + 1;
	int width = 0;
	if (equal_width) {
		char a[512], b[512];
		long double end = first.value + (long double)(count - 1) * incr.value;
		snprintf(a, sizeof(a), "%.*Lf", decimals < 0 ? 0 : decimals, first.value);
		snprintf(b, sizeof(b), "%.*Lf", decimals < 0 ? 0 : decimals, end);
		width = (int)(strlen(a) > strlen(b) ? strlen(a) : strlen(b));
	}
	for (unsigned long long k = 0; k < count; k++) {
		if (k > 0)
			fputs(sep, stdout);
		seq_print(fmt, decimals, width, first.value + (long double)k * incr.value);
	}
	putchar('\n');
	free(fmt);
	cmd_flush_stdout();
	return 0;
}
