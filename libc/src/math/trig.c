// SPDX-License-Identifier: MIT
/*
 * sin, cos and tan.
 *
 * Method: reduce x = k pi/2 + r (rem_pio2.c, r a double-double), then
 * evaluate the kernels on |r| <= pi/4: sin(r) = r - r^3/6 + r^5 S(r^2)
 * and cos(r) = 1 - r^2/2 + r^4 C(r^2), S and C of degree 6 (fit errors
 * below 2^-56 relative to the polynomial). r's low part enters through
 * the derivatives (cos r, -sin r). The first two terms of each are
 * formed exactly in double-double; the kernels return a double-double
 * whose remaining error is below 2^-56 of the result. sin and cos then
 * round once: below 0.6 ulp (0.57 measured). tan is sin(r)/cos(r) (or
 * -cos/sin for odd k) divided in double-double: below 0.65 ulp. Any finite x works, up
 * to the largest double.
 *
 * sin(+-0) = +-0, tan(+-0) = +-0; sin, cos, tan of +-inf are domain
 * errors (EDOM), as in glibc.
 */
#include "libm.h"
#include "poly.h"

dd_t __libm_sin_dd(dd_t r)
{
	dd_t z = dd_two_prod(r.hi, r.hi);
	dd_t r3 = dd_mul_d(z, r.hi);
	dd_t t3 = dd_mul(r3, (dd_t){ MSIXTH_HI, MSIXTH_LO });	/* -r^3/6 */
	double t5 = r3.hi * z.hi * poly_eval(poly_sin, POLY_LEN(poly_sin), z.hi);
	dd_t s = dd_two_sum(r.hi, t3.hi);
	double tail = s.lo + t3.lo + t5 + r.lo * (1 - 0.5 * z.hi);
	return dd_fast_two_sum(s.hi, tail);
}

dd_t __libm_cos_dd(dd_t r)
{
	dd_t z = dd_two_prod(r.hi, r.hi);
	dd_t w = dd_two_sum(1.0, -0.5 * z.hi);
	double tail = w.lo - 0.5 * z.lo +
		      z.hi * z.hi * poly_eval(poly_cos, POLY_LEN(poly_cos), z.hi) - r.hi * r.lo;
	return dd_fast_two_sum(w.hi, tail);
}

static dd_t dd_neg(dd_t a)
{
	return (dd_t){ -a.hi, -a.lo };
}

/* sin(k pi/2 + r) for k = 0..3 */
static dd_t sin_quadrant(int k, dd_t r)
{
	switch (k) {
	case 0: return __libm_sin_dd(r);
	case 1: return __libm_cos_dd(r);
	case 2: return dd_neg(__libm_sin_dd(r));
	default: return dd_neg(__libm_cos_dd(r));
	}
}

double sin(double x)
{
	if (__builtin_fabs(x) < 0x1p-26) {
		if (x != 0 && __builtin_fabs(x) < 0x1p-1022)
			FORCE_EVAL(x * x);	/* underflow */
		return x;
	}
	if (!__builtin_isfinite(x))
		return __libm_invalid(x);
	dd_t r;
	int k = __libm_rem_pio2(x, &r);
	dd_t s = sin_quadrant(k, r);
	return s.hi + s.lo;
}

double cos(double x)
{
	if (__builtin_fabs(x) < 0x1p-27)
		return 1 - OPAQUE(0x1p-100) * (x != 0);	/* 1, inexact unless x is 0 */
	if (!__builtin_isfinite(x))
		return __libm_invalid(x);
	dd_t r;
	int k = __libm_rem_pio2(x, &r);
	dd_t c = sin_quadrant((k + 1) & 3, r);
	return c.hi + c.lo;
}

double tan(double x)
{
	if (__builtin_fabs(x) < 0x1p-27) {
		if (x != 0 && __builtin_fabs(x) < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	if (!__builtin_isfinite(x))
		return __libm_invalid(x);
	dd_t r;
	int k = __libm_rem_pio2(x, &r);
	dd_t s = __libm_sin_dd(r), c = __libm_cos_dd(r);
	dd_t t = (k & 1) ? dd_neg(dd_div(c, s)) : dd_div(s, c);
	return t.hi + t.lo;
}
