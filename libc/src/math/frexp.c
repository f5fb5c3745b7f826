// SPDX-License-Identifier: MIT
/*
 * Taking numbers apart and scaling them by powers of two: frexp, ldexp,
 * scalbn, scalbln, ilogb, logb and modf. All exact except where scaling
 * lands in the subnormal range, where it rounds once.
 *
 * scalbn multiplies in at most three steps. The steps before the last
 * are exact: scaling down, the intermediate is kept at or above 2^-969 so
 * only the last multiplication can round (a subnormal result rounded
 * twice could be off by one). Like glibc, ldexp/scalbn set ERANGE only
 * when the result overflows or vanishes, and ilogb sets EDOM for 0, inf
 * and NaN.
 */
#include <limits.h>

#include "libm.h"

double frexp(double x, int *e)
{
	uint64_t u = asu64(x);
	int ex = (int)(u >> 52 & 0x7ff);
	if (ex == 0) {
		if (x == 0) {
			*e = 0;
			return x;
		}
		x *= 0x1p64;
		u = asu64(x);
		ex = (int)(u >> 52 & 0x7ff) - 64;
	} else if (ex == 0x7ff) {
		*e = 0;
		return x + x;
	}
	*e = ex - 1022;
	return asdbl((u & 0x800fffffffffffffull) | 0x3fe0000000000000ull);
}

float frexpf(float x, int *e)
{
	uint32_t u = asu32(x);
	int ex = (int)(u >> 23 & 0xff);
	if (ex == 0) {
		if (x == 0) {
			*e = 0;
			return x;
		}
		x *= 0x1p32f;
		u = asu32(x);
		ex = (int)(u >> 23 & 0xff) - 32;
	} else if (ex == 0xff) {
		*e = 0;
		return x + x;
	}
	*e = ex - 126;
	return asflt((u & 0x807fffffu) | 0x3f000000u);
}

long double frexpl(long double x, int *e)
{
	ldbits_t u = { x };
	int ex = u.i.se & 0x7fff;
	if (ex == 0x7fff || x == 0) {
		*e = 0;
		return x + x;
	}
	if (ex == 0) {
		int shift = __builtin_clzll(u.i.m);
		u.i.m <<= shift;
		ex = 1 - shift;
	}
	*e = ex - 16382;
	u.i.se = (uint16_t)((u.i.se & 0x8000) | 16382);
	return u.f;
}

double scalbn(double x, int n)
{
	double in = x;
	if (n > 1023) {
		x *= 0x1p1023;
		n -= 1023;
		if (n > 1023) {
			x *= 0x1p1023;
			n = n - 1023 > 1023 ? 1023 : n - 1023;
		}
	} else if (n < -1022) {
		x *= 0x1p-1022 * 0x1p53;
		n += 1022 - 53;
		if (n < -1022) {
			x *= 0x1p-1022 * 0x1p53;
			n = n + 1022 - 53 < -1022 ? -1022 : n + 1022 - 53;
		}
	}
	double r = x * asdbl((uint64_t)(0x3ff + n) << 52);
	if (in != 0 && !__builtin_isinf(in) && in == in)
		__libm_check(r);
	return r;
}

double ldexp(double x, int n) { return scalbn(x, n); }

double scalbln(double x, long n)
{
	return scalbn(x, n > INT_MAX ? INT_MAX : n < INT_MIN ? INT_MIN : (int)n);
}

/* float through double: x * 2^n is exact in double for |n| <= 300, so the
 * conversion is the only rounding. */
float scalbnf(float x, int n)
{
	n = n > 300 ? 300 : n < -300 ? -300 : n;
	double r = (double)x * asdbl((uint64_t)(0x3ff + n) << 52);
	if (x != 0 && !__builtin_isinf(x) && x == x)
		return __libm_checkf(r);
	return (float)r;
}

float ldexpf(float x, int n) { return scalbnf(x, n); }

float scalblnf(float x, long n)
{
	return scalbnf(x, n > 1000 ? 1000 : n < -1000 ? -1000 : (int)n);
}

/* fscale rounds once, to the x87 precision (64 bits by default). */
long double scalbnl(long double x, int n)
{
	long double r, nn = n;
	__asm__("fscale" : "=t"(r) : "0"(x), "u"(nn));
	if (x != 0 && !__builtin_isinf(x) && x == x)
		__libm_checkl(r);
	return r;
}

long double ldexpl(long double x, int n) { return scalbnl(x, n); }

long double scalblnl(long double x, long n)
{
	return scalbnl(x, n > 100000 ? 100000 : n < -100000 ? -100000 : (int)n);
}

/* ilogb's value for 0, inf and NaN: a domain error, as in glibc. */
static int ilogb_special(int is_zero_or_nan)
{
	__libm_invalid(0.0);
	return is_zero_or_nan ? FP_ILOGB0 : INT_MAX;
}

int ilogb(double x)
{
	uint64_t u = asu64(x) & ~(1ull << 63);
	int ex = (int)(u >> 52);
	if (ex == 0x7ff || u == 0)
		return ilogb_special(u == 0 || x != x);
	if (ex == 0)
		return -1011 - __builtin_clzll(u);	/* subnormal: 2^(63-clz) * 2^-1074 */
	return ex - 1023;
}

int ilogbf(float x)
{
	uint32_t u = asu32(x) & ~(1u << 31);
	int ex = (int)(u >> 23);
	if (ex == 0xff || u == 0)
		return ilogb_special(u == 0 || x != x);
	if (ex == 0)
		return -118 - __builtin_clz(u);	/* 2^(31-clz) * 2^-149 */
	return ex - 127;
}

int ilogbl(long double x)
{
	ldbits_t u = { x };
	int ex = u.i.se & 0x7fff;
	if (ex == 0x7fff || x == 0)
		return ilogb_special(x == 0 || x != x);
	if (ex == 0)
		return -16382 - __builtin_clzll(u.i.m);
	return ex - 16383;
}

/* logb: like ilogb but in floating point; logb(0) is a pole (-inf and
 * divide-by-zero, no errno, as glibc), logb(+-inf) = +inf. */
double logb(double x)
{
	if (x == 0)
		return -1 / __builtin_fabs(OPAQUE(x));
	if (x != x || __builtin_isinf(x))
		return x * x;
	return ilogb(x);
}

float logbf(float x)
{
	if (x == 0)
		return -1 / __builtin_fabsf(OPAQUE(x));
	if (x != x || __builtin_isinf(x))
		return x * x;
	return (float)ilogbf(x);
}

long double logbl(long double x)
{
	if (x == 0)
		return -1 / __builtin_fabsl(OPAQUE(x));
	if (x != x || __builtin_isinf(x))
		return x * x;
	return ilogbl(x);
}

/* modf: the integral part is trunc(x); the fraction keeps x's sign, and
 * is +-0 for infinities and integers. */
double modf(double x, double *ip)
{
	*ip = trunc(x);
	if (__builtin_isinf(x))
		return copysign(0.0, x);
	return copysign(x - *ip, x);
}

float modff(float x, float *ip)
{
	*ip = truncf(x);
	if (__builtin_isinf(x))
		return copysignf(0.0f, x);
	return copysignf(x - *ip, x);
}

long double modfl(long double x, long double *ip)
{
	*ip = truncl(x);
	if (__builtin_isinf(x))
		return copysignl(0.0L, x);
	return copysignl(x - *ip, x);
}
