// SPDX-License-Identifier: MIT
/*
 * Rounding to integral values: trunc, floor, ceil, round, rint and
 * nearbyint, for double, float and long double. All exact.
 *
 * trunc clears the fraction bits of the significand. floor, ceil and
 * round start from trunc and step by one when the dropped fraction says
 * so; x - trunc(x) and trunc(x) +- 1 are exact, so they never raise
 * inexact, and zero signs come out as C17 Annex F wants (ceil(-0.5) is
 * -0). rint and nearbyint follow the current rounding mode: for double
 * and float by adding and subtracting 2^52 (2^23), which makes the
 * hardware round at the units place, for long double with frndint.
 * nearbyint restores the exception flags afterwards so inexact stays as
 * it was.
 */
#include "libm.h"

double trunc(double x)
{
	uint64_t u = asu64(x);
	int e = (int)(u >> 52 & 0x7ff) - 1023;
	if (e >= 52)
		return x;	/* integral, inf or NaN */
	if (e < 0)
		return asdbl(u & (1ull << 63));
	return asdbl(u & ~((1ull << (52 - e)) - 1));
}

float truncf(float x)
{
	uint32_t u = asu32(x);
	int e = (int)(u >> 23 & 0xff) - 127;
	if (e >= 23)
		return x;
	if (e < 0)
		return asflt(u & (1u << 31));
	return asflt(u & ~((1u << (23 - e)) - 1));
}

long double truncl(long double x)
{
	ldbits_t u = { x };
	int e = (u.i.se & 0x7fff) - 16383;
	if (e >= 63)
		return x;
	if (e < 0)
		return copysignl(0.0L, x);
	u.i.m &= ~((1ull << (63 - e)) - 1);
	return u.f;
}

#define ROUNDING_FAMILY(T, sfx)                                       \
	T floor##sfx(T x)                                             \
	{                                                             \
		T t = trunc##sfx(x);                                  \
		return x < 0 && t != x ? t - 1 : t;                   \
	}                                                             \
	T ceil##sfx(T x)                                              \
	{                                                             \
		T t = trunc##sfx(x);                                  \
		return x > 0 && t != x ? t + 1 : t;                   \
	}                                                             \
	T round##sfx(T x)                                             \
	{                                                             \
		T t = trunc##sfx(x);                                  \
		if (t != x && fabs##sfx(x - t) >= (T)0.5)             \
			return t + copysign##sfx((T)1, x);            \
		return t;                                             \
	}

ROUNDING_FAMILY(double, )
ROUNDING_FAMILY(float, f)
ROUNDING_FAMILY(long double, l)

double rint(double x)
{
	if (!(fabs(x) < 0x1p52))
		return x + 0.0;	/* integral already; NaN quietened */
	double s = copysign(0x1p52, x);
	double r = OPAQUE(x + s) - s;
	return copysign(r, x);	/* rint(-0.2) is -0 */
}

float rintf(float x)
{
	if (!(fabsf(x) < 0x1p23f))
		return x + 0.0f;
	float s = copysignf(0x1p23f, x);
	float r = OPAQUE(x + s) - s;
	return copysignf(r, x);
}

long double rintl(long double x)
{
	__asm__("frndint" : "+t"(x));
	return x;
}

static unsigned mxcsr_save(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void mxcsr_restore(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

double nearbyint(double x)
{
	unsigned m = mxcsr_save();
	double r = rint(x);
	mxcsr_restore(m);
	return r;
}

float nearbyintf(float x)
{
	unsigned m = mxcsr_save();
	float r = rintf(x);
	mxcsr_restore(m);
	return r;
}

long double nearbyintl(long double x)
{
	/* One asm: the saved tag word must already show x on the stack, or
	 * fldenv would mark it empty again. */
	char env[28];
	__asm__ volatile("fnstenv %1\n\tfrndint\n\tfldenv %1" : "+t"(x), "=m"(env));
	return x;
}
