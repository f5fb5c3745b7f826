// SPDX-License-Identifier: MIT
/*
 * The functions that only look at signs and order: fabs, copysign,
 * fmin, fmax, fdim, and nan. All are exact. fmin and fmax treat a NaN
 * as missing data (the other argument wins) and order -0 below +0, as
 * IEEE 754-2019's minimumNumber/maximumNumber do; fdim overflows like a
 * subtraction and sets ERANGE when it does.
 */
#include <stdlib.h>

#include "libm.h"

double fabs(double x) { return asdbl(asu64(x) & ~(1ull << 63)); }
float fabsf(float x) { return asflt(asu32(x) & ~(1u << 31)); }

long double fabsl(long double x)
{
	ldbits_t u = { x };
	u.i.se &= 0x7fff;
	return u.f;
}

double copysign(double x, double y)
{
	return asdbl((asu64(x) & ~(1ull << 63)) | (asu64(y) & (1ull << 63)));
}

float copysignf(float x, float y)
{
	return asflt((asu32(x) & ~(1u << 31)) | (asu32(y) & (1u << 31)));
}

long double copysignl(long double x, long double y)
{
	ldbits_t ux = { x }, uy = { y };
	ux.i.se = (uint16_t)((ux.i.se & 0x7fff) | (uy.i.se & 0x8000));
	return ux.f;
}

/* One body for the three types: NaN loses, and -0 < +0. */
#define MINMAX(name, T, less_wins)                                     \
	T name(T x, T y)                                               \
	{                                                              \
		if (x != x)                                            \
			return y;                                      \
		if (y != y)                                            \
			return x;                                      \
		if (x == y)                                            \
			return (__builtin_signbit(x) != 0) == (less_wins) ? x : y; \
		return (x < y) == (less_wins) ? x : y;                 \
	}

MINMAX(fmin, double, 1)
MINMAX(fminf, float, 1)
MINMAX(fminl, long double, 1)
MINMAX(fmax, double, 0)
MINMAX(fmaxf, float, 0)
MINMAX(fmaxl, long double, 0)

double fdim(double x, double y)
{
	if (x != x || y != y)
		return x + y;
	if (x <= y)
		return 0;
	double r = x - y;
	if (__builtin_isinf(r) && !__builtin_isinf(x) && !__builtin_isinf(y))
		errno = ERANGE;
	return r;
}

float fdimf(float x, float y)
{
	if (x != x || y != y)
		return x + y;
	if (x <= y)
		return 0;
	float r = x - y;
	if (__builtin_isinf(r) && !__builtin_isinf(x) && !__builtin_isinf(y))
		errno = ERANGE;
	return r;
}

long double fdiml(long double x, long double y)
{
	if (x != x || y != y)
		return x + y;
	if (x <= y)
		return 0;
	long double r = x - y;
	if (__builtin_isinf(r) && !__builtin_isinf(x) && !__builtin_isinf(y))
		errno = ERANGE;
	return r;
}

/*
 * nan("n-char-sequence"): a quiet NaN whose payload is the sequence read
 * as an integer (decimal, 0x hex or 0 octal, as strtoull reads it); any
 * other text gives the default NaN, as glibc does.
 */
static uint64_t nan_payload(const char *tag)
{
	char *end;
	if (!tag || !*tag)
		return 0;
	unsigned long long v = strtoull(tag, &end, 0);
	return *end ? 0 : v;
}

double nan(const char *tag)
{
	uint64_t p = nan_payload(tag) & ((1ull << 51) - 1);
	return asdbl(0x7ff8000000000000ull | p);
}

float nanf(const char *tag)
{
	uint32_t p = (uint32_t)nan_payload(tag) & ((1u << 22) - 1);
	return asflt(0x7fc00000u | p);
}

long double nanl(const char *tag)
{
	ldbits_t u;
	u.i.m = 0xc000000000000000ull | (nan_payload(tag) & ((1ull << 62) - 1));
	u.i.se = 0x7fff;
	return u.f;
}
