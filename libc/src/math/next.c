// SPDX-License-Identifier: MIT
/*
 * nextafter and nexttoward: step the bit pattern by one, which moves to
 * the adjacent representable number in magnitude (the encodings of
 * same-sign numbers are ordered like their values). Like glibc, a result
 * that overflows or is subnormal sets ERANGE, except the first step away
 * from zero, which only raises underflow.
 */
#include "libm.h"

static void next_range(double r, int from_zero)
{
	if (__builtin_isinf(r)) {
		errno = ERANGE;
		FORCE_EVAL(OPAQUE(0x1p1023) * 0x1p1023);
	} else if (__builtin_fabs(r) < 0x1p-1022 || from_zero) {
		if (!from_zero)
			errno = ERANGE;
		FORCE_EVAL(OPAQUE(0x1p-1022) * 0x1p-1022);
	}
}

/* x's successor toward y, for finite x != y, as double bits. */
static double next_double(double x, int up)
{
	uint64_t u = asu64(x);
	if (x == 0)
		return asdbl(up ? 1 : (1ull << 63) | 1);
	u += (up == (x > 0)) ? 1 : (uint64_t)-1;
	return asdbl(u);
}

double nextafter(double x, double y)
{
	if (x != x || y != y)
		return x + y;
	if (x == y)
		return y;
	double r = next_double(x, y > x);
	next_range(r, x == 0);
	return r;
}

double nexttoward(double x, long double y)
{
	if (x != x || y != y)
		return (double)(x + y);
	if (x == y)
		return (double)y;
	double r = next_double(x, y > x);
	next_range(r, x == 0);
	return r;
}

static float next_float(float x, int up)
{
	uint32_t u = asu32(x);
	if (x == 0)
		return asflt(up ? 1 : (1u << 31) | 1);
	u += (up == (x > 0)) ? 1 : (uint32_t)-1;
	return asflt(u);
}

static void next_rangef(float r, int from_zero)
{
	if (__builtin_isinf(r)) {
		errno = ERANGE;
		FORCE_EVAL(OPAQUE(0x1p127f) * 0x1p127f);
	} else if (__builtin_fabsf(r) < 0x1p-126f || from_zero) {
		if (!from_zero)
			errno = ERANGE;
		FORCE_EVAL(OPAQUE(0x1p-126f) * 0x1p-126f);
	}
}

float nextafterf(float x, float y)
{
	if (x != x || y != y)
		return x + y;
	if (x == y)
		return y;
	float r = next_float(x, y > x);
	next_rangef(r, x == 0);
	return r;
}

float nexttowardf(float x, long double y)
{
	if (x != x || y != y)
		return (float)(x + y);
	if (x == y)
		return (float)y;
	float r = next_float(x, y > x);
	next_rangef(r, x == 0);
	return r;
}

/* The x87 format has an explicit integer bit: carrying out of the
 * significand bumps the exponent, and crossing the subnormal boundary
 * moves between exponent fields 0 and 1. */
static long double next_ld(long double x, int up)
{
	ldbits_t u = { x };
	int neg = u.i.se >> 15, e = u.i.se & 0x7fff;
	if (x == 0) {
		u.i.m = 1;
		u.i.se = (uint16_t)(up ? 0 : 0x8000);
		return u.f;
	}
	if (up != neg) {	/* away from zero */
		if (u.i.m == ~0ull) {
			u.i.m = 1ull << 63;
			e++;
		} else if (++u.i.m == 1ull << 63 && e == 0) {
			e = 1;
		}
	} else {	/* toward zero */
		if (u.i.m == 1ull << 63 && e > 1) {
			u.i.m = ~0ull;
			e--;
		} else if (u.i.m-- == 1ull << 63 && e == 1) {
			e = 0;
		}
	}
	u.i.se = (uint16_t)(neg << 15 | e);
	return u.f;
}

long double nextafterl(long double x, long double y)
{
	if (x != x || y != y)
		return x + y;
	if (x == y)
		return y;
	long double r = next_ld(x, y > x);
	if (__builtin_isinf(r)) {
		errno = ERANGE;
	} else if (__builtin_fabsl(r) < 0x1p-16382L) {
		if (x != 0)
			errno = ERANGE;
		FORCE_EVAL(OPAQUE(0x1p-1022) * 0x1p-1022);
	}
	return r;
}

long double nexttowardl(long double x, long double y) { return nextafterl(x, y); }
