// SPDX-License-Identifier: MIT
/*
 * cbrt and hypot (and hypotl).
 *
 * cbrt: x = m 2^(3q + s) with m in [1, 2), s in {0, 1, 2}; the root of
 * m 2^s in [1, 8) starts from a linear guess (within 12%), three Halley
 * steps take it to about 2^-60, and a last Newton step with the residual
 * y^3 - a computed exactly in double-double corrects the final bit:
 * below 0.51 ulp. The result is scaled by 2^q exactly.
 *
 * hypot: both arguments scaled by the same power of two near the larger
 * one's magnitude, x^2 + y^2 formed exactly as a double-double, its
 * double-double square root rounded once, then scaled back: below 0.51
 * ulp, overflow only when the result overflows (ERANGE). hypot(+-inf,
 * NaN) is +inf, as C17 F.10.4.3 says. hypotl does the same in long
 * double with the x87's extended products: below 1 ulp.
 */
#include "libm.h"

/* cube root of m in [1, 8) */
static double cbrt_unit(double m)
{
	double y = 1 + (m - 1) * (1.0 / 7);
	for (int i = 0; i < 3; i++) {
		double y3 = y * y * y;
		y = y * (y3 + 2 * m) / (2 * y3 + m);
	}
	dd_t y2 = dd_two_prod(y, y);
	dd_t y3 = dd_mul_d(y2, y);
	double res = (y3.hi - m) + y3.lo;
	return y - res / (3 * y2.hi);
}

double cbrt(double x)
{
	if (x == 0 || x != x || __builtin_isinf(x))
		return x + x;
	double a = __builtin_fabs(x);
	int adj = 0;
	if (a < 0x1p-1022) {
		a *= 0x1p54;
		adj = -18;
	}
	int e = ilogb(a);
	int q = e >= 0 ? e / 3 : -((-e + 2) / 3);	/* floor(e / 3) */
	int s = e - 3 * q;
	double m = asdbl((asu64(a) & ((1ull << 52) - 1)) | 0x3ff0000000000000ull) * (1 << s);
	double y = cbrt_unit(m) * pow2i(q + adj);
	return x < 0 ? -y : y;
}

double hypot(double x, double y)
{
	if (__builtin_isinf(x) || __builtin_isinf(y))
		return __builtin_inf();
	if (x != x || y != y)
		return x + y;
	double a = __builtin_fabs(x), b = __builtin_fabs(y);
	if (a < b) {
		double t = a;
		a = b;
		b = t;
	}
	if (b == 0)
		return a;
	int e = ilogb(a);
	if (e - ilogb(b) > 60)
		return a + b;
	a = scalbn(a, -e);
	b = scalbn(b, -e);
	dd_t s = dd_add(dd_two_prod(a, a), dd_two_prod(b, b));
	dd_t r = dd_sqrt(s);
	double h = scalbn(r.hi + r.lo, e);
	if (__builtin_isinf(h))
		errno = ERANGE;
	return h;
}

long double hypotl(long double x, long double y)
{
	if (__builtin_isinf(x) || __builtin_isinf(y))
		return __builtin_infl();
	if (x != x || y != y)
		return x + y;
	long double a = __builtin_fabsl(x), b = __builtin_fabsl(y);
	if (a < b) {
		long double t = a;
		a = b;
		b = t;
	}
	if (b == 0)
		return a;
	int e = ilogbl(a);
	if (e - ilogbl(b) > 70)
		return a + b;
	a = scalbnl(a, -e);
	b = scalbnl(b, -e);
	long double h = scalbnl(sqrtl(a * a + b * b), e);
	if (__builtin_isinf(h))
		errno = ERANGE;
	return h;
}
