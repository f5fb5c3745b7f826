// SPDX-License-Identifier: MIT
/*
 * fmod, remainder and remquo with the x87 partial-remainder instruction
 * fprem (truncating quotient), which is exact; each pass reduces the
 * exponent difference by up to 63 and sets C2 while work remains, so we
 * loop on C2. remainder rounds the quotient to nearest-even afterwards
 * (r - |y| is exact when r > |y|/2). Loading a double or float into the x87 is exact, and so is storing
 * the remainder back, since an exact remainder fits the operands' format.
 * A pass leaves the three low bits of its quotient in C0, C3 and C1
 * (bits 2, 1 and 0);
 * remquo reduces modulo 8|y| first so that the last pass's quotient is
 * the whole quotient modulo 8, which is all it must return.
 *
 * fmod(x, 0), fmod(+-inf, y) and the same for remainder are domain
 * errors (EDOM), as in glibc.
 */
#include "libm.h"

#define X87_C0 0x0100
#define X87_C1 0x0200
#define X87_C2 0x0400
#define X87_C3 0x4000

static long double x87_fprem(long double x, long double y)
{
	unsigned short sw;
	do
		__asm__("fprem\n\tfnstsw %%ax" : "+t"(x), "=a"(sw) : "u"(y));
	while (sw & X87_C2);
	return x;
}

/* fmod(x, y) for finite x, y > 0, with the low three bits of the
 * truncated quotient in *q. A partial step's quotient is scaled by the
 * exponent difference left for the next step, which can be small, so
 * the flags of the last step alone are not the quotient's low bits;
 * reducing modulo 8y first leaves a quotient below 8, which one step
 * computes whole. */
static long double x87_fprem_quo(long double x, long double y, int *q)
{
	if (y <= 0x1p16380L)
		x = x87_fprem(x, 8 * y);
	unsigned short sw;
	do
		__asm__("fprem\n\tfnstsw %%ax" : "+t"(x), "=a"(sw) : "u"(y));
	while (sw & X87_C2);
	*q = (sw & X87_C0 ? 4 : 0) | (sw & X87_C3 ? 2 : 0) | (sw & X87_C1 ? 1 : 0);
	return x;
}

/* NaN for NaN operands, a domain error for x infinite or y zero, and
 * 1 when the partial remainder should run. */
static int rem_args_ok(long double x, long double y, long double *out)
{
	if (x != x || y != y) {
		*out = x + y;
		return 0;
	}
	if (__builtin_isinf(x) || y == 0) {
		*out = __libm_invalid(0.0);
		return 0;
	}
	if (__builtin_isinf(y)) {
		*out = x;
		return 0;
	}
	return 1;
}

long double fmodl(long double x, long double y)
{
	long double r;
	if (!rem_args_ok(x, y, &r))
		return r;
	return x87_fprem(x, y);
}

double fmod(double x, double y) { return (double)fmodl(x, y); }
float fmodf(float x, float y) { return (float)fmodl(x, y); }

long double remquol(long double x, long double y, int *quo)
{
	long double r;
	*quo = 0;
	if (!rem_args_ok(x, y, &r))
		return r;
	/* the truncated remainder of |x| by |y|, then round the quotient to
	 * nearest, ties to even (fprem1's quotient bits are not reliable
	 * after partial steps) */
	long double ax = __builtin_fabsl(x), ay = __builtin_fabsl(y);
	int q;
	r = x87_fprem_quo(ax, ay, &q);
	long double half = ay * 0.5L;
	if (r > half || (r == half && (q & 1))) {
		r -= ay;
		q = (q + 1) & 7;
	}
	if (__builtin_signbit(x))
		r = -r;
	*quo = (__builtin_signbit(x) != 0) != (__builtin_signbit(y) != 0) ? -q : q;
	return r;
}

double remquo(double x, double y, int *quo) { return (double)remquol(x, y, quo); }
float remquof(float x, float y, int *quo) { return (float)remquol(x, y, quo); }

long double remainderl(long double x, long double y)
{
	int q;
	return remquol(x, y, &q);
}

double remainder(double x, double y) { return (double)remainderl(x, y); }
float remainderf(float x, float y) { return (float)remainderl(x, y); }
