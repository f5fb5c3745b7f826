// SPDX-License-Identifier: MIT
/*
 * String to integer conversions. Everything funnels into strto_parse,
 * which reads optional space, sign and base prefix ("0x" for 16 or 0,
 * "0" for 0) and accumulates an unsigned magnitude, noting overflow; the
 * public functions clamp that to their type and set ERANGE as C says.
 * An unsigned conversion of "-n" negates, as C requires. With no digits,
 * *end is s and the result 0.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct strto_result {
	unsigned long long magnitude;
	bool negative;
	bool overflow;
} strto_result_t;

static int strto_digit(int c)
{
	if (isdigit(c))
		return c - '0';
	if (islower(c))
		return c - 'a' + 10;
	if (isupper(c))
		return c - 'A' + 10;
	return 99;
}

static strto_result_t strto_parse(const char *s, char **end, int base)
{
	strto_result_t r = { 0 };
	const char *p = s;
	bool any = false;

	if (end)
		*end = (char *)s;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return r;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r.negative = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    strto_digit((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (int d; (d = strto_digit((unsigned char)*p)) < base; p++) {
		any = true;
		if (r.magnitude > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			r.overflow = true;
		else
			r.magnitude = r.magnitude * (unsigned)base + (unsigned)d;
	}
	if (any && end)
		*end = (char *)p;
	if (!any)
		r.negative = false;
	return r;
}

static long long strto_signed(const char *s, char **end, int base, long long min,
			      long long max)
{
	strto_result_t r = strto_parse(s, end, base);
	unsigned long long limit = r.negative ? (unsigned long long)max + 1 : (unsigned long long)max;

	if (r.overflow || r.magnitude > limit) {
		errno = ERANGE;
		return r.negative ? min : max;
	}
	return r.negative ? (long long)(0 - r.magnitude) : (long long)r.magnitude;
}

static unsigned long long strto_unsigned(const char *s, char **end, int base,
					 unsigned long long max)
{
	strto_result_t r = strto_parse(s, end, base);

	if (r.overflow || r.magnitude > max) {
		errno = ERANGE;
		return max;
	}
	return r.negative ? (0 - r.magnitude) & max : r.magnitude;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)strto_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return strto_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)strto_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return strto_unsigned(s, end, base, ULLONG_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strto_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strto_unsigned(s, end, base, UINTMAX_MAX);
}
