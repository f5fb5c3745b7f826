// SPDX-License-Identifier: MIT
/*
 * atan, atan2, asin and acos.
 *
 * atan (after fdlibm's reduction, with our own coefficients): for
 * |x| < 7/16, atan(x) = x + x^3 P(x^2), P of degree 11 (fit error below
 * 2^-58 of the result). Larger |x| use atan(x) = atan(c) + atan(t), t =
 * (x - c)/(1 + c x) for c = 1/2, 1, 3/2, and atan(x) = pi/2 - atan(1/x)
 * above 39/16, so |t| < 7/16 again. t is formed as a double-double (its
 * numerator is exact by Sterbenz's lemma) and atan(c) is a double-double
 * constant, so the sum is rounded once: below 0.65 ulp (Horner's
 * rounding errors in the polynomial).
 *
 * atan2(y, x) takes atan of the double-double quotient |y/x| (scaled
 * to avoid overflow), then pi - that for x < 0; the special cases are
 * C17 F.10.1.4's. Below 0.65 ulp.
 *
 * asin: x + x^3 Q(x^2) for |x| <= 1/2 (Q of degree 12, fit error 2^-55
 * of the polynomial, 2^-58 of the result). Above, asin(x) = pi/2 - 2
 * asin(s) with s = sqrt((1 - x)/2) <= 1/2 as a double-double (1 - x is
 * exact). acos uses the same pieces: pi/2 - asin(x), 2 asin(s) and
 * pi - 2 asin(s). Both below 0.7 ulp. |x| > 1 is a domain error.
 */
#include "libm.h"
#include "poly.h"

/* atan(t.hi + t.lo) for |t.hi| < 7/16, without the leading term t.hi:
 * returns the rest (a small double). */
static double atan_poly_rest(dd_t t)
{
	double z = t.hi * t.hi;
	return t.hi * z * poly_eval(poly_atan, POLY_LEN(poly_atan), z) + t.lo / (1 + z);
}

/* atan(a) for finite a >= 0, as a double-double. */
static dd_t atan_dd(double a)
{
	dd_t t, base;
	if (a < 7.0 / 16) {
		t = (dd_t){ a, 0 };
		base = (dd_t){ 0, 0 };
	} else if (a < 11.0 / 16) {	/* (2a - 1) / (2 + a) */
		t = dd_div((dd_t){ 2 * a - 1, 0 }, dd_two_sum(2, a));
		base = (dd_t){ ATAN_HALF_HI, ATAN_HALF_LO };
	} else if (a < 19.0 / 16) {	/* (a - 1) / (a + 1) */
		t = dd_div((dd_t){ a - 1, 0 }, dd_two_sum(a, 1));
		base = (dd_t){ ATAN_ONE_HI, ATAN_ONE_LO };
	} else if (a < 39.0 / 16) {	/* (a - 3/2) / (1 + 3a/2) */
		t = dd_div((dd_t){ a - 1.5, 0 }, dd_add_d(dd_two_prod(1.5, a), 1));
		base = (dd_t){ ATAN_3HALF_HI, ATAN_3HALF_LO };
	} else if (a < 0x1p60) {	/* -1/a */
		t = dd_div((dd_t){ -1, 0 }, (dd_t){ a, 0 });
		base = (dd_t){ PIO2_HI, PIO2_LO };
	} else {
		return (dd_t){ PIO2_HI, PIO2_LO - 1 / a };
	}
	dd_t s = dd_two_sum(base.hi, t.hi);
	return dd_fast_two_sum(s.hi, s.lo + base.lo + atan_poly_rest(t));
}

double atan(double x)
{
	if (x != x)
		return x + x;
	double a = __builtin_fabs(x);
	if (a < 0x1p-27) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	dd_t r = atan_dd(a);
	double v = r.hi + r.lo;
	return x < 0 ? -v : v;
}

/* The cases of C17 F.10.1.4 with a zero or an infinity. */
static double atan2_special(double y, double x)
{
	double pi = OPAQUE(PI_HI) + PI_LO, pio2 = OPAQUE(PIO2_HI) + PIO2_LO;
	double v;
	if (y == 0)
		v = __builtin_signbit(x) ? pi : 0;
	else if (__builtin_isinf(y))
		v = __builtin_isinf(x) ? (x < 0 ? 3 * (pio2 / 2) : pio2 / 2) : pio2;
	else if (x == 0)
		v = pio2;
	else	/* x infinite, y finite */
		v = x < 0 ? pi : 0;
	return __builtin_signbit(y) ? -v : v;
}

double atan2(double y, double x)
{
	if (x != x || y != y)
		return x + y;
	if (y == 0 || x == 0 || __builtin_isinf(x) || __builtin_isinf(y))
		return atan2_special(y, x);
	double ay = __builtin_fabs(y), ax = __builtin_fabs(x);
	int ey = ilogb(ay), ex = ilogb(ax);
	dd_t a;
	if (ey - ex > 60) {
		a = (dd_t){ PIO2_HI, PIO2_LO };
	} else if (ex - ey > 60 && x > 0) {
		double q = ay / ax;	/* atan(q) = q to within 2^-120 */
		if (q < 0x1p-1022)
			FORCE_EVAL(q * q);
		return y < 0 ? -q : q;
	} else {
		/* scale both to near 1 so the double-double quotient is safe */
		double sy = scalbn(ay, -ey), sx = scalbn(ax, -ey);
		dd_t q = dd_div((dd_t){ sy, 0 }, (dd_t){ sx, 0 });
		a = atan_dd(q.hi);
		a = dd_add_d(a, q.lo / (1 + q.hi * q.hi));
	}
	if (x < 0)
		a = dd_add(dd_two_sum(PI_HI, -a.hi), (dd_t){ PI_LO - a.lo, 0 });
	double v = a.hi + a.lo;
	return y < 0 ? -v : v;
}

/* asin(s.hi + s.lo) for 0 <= s.hi <= 1/2, minus the leading s.hi. */
static double asin_poly_rest(dd_t s)
{
	double z = s.hi * s.hi;
	return s.hi * z * poly_eval(poly_asin, POLY_LEN(poly_asin), z) + s.lo * (1 + 0.5 * z);
}

/* sqrt((1 - a)/2) for 1/2 < a < 1, as a double-double. */
static dd_t asin_half_angle(double a)
{
	return dd_sqrt((dd_t){ (1 - a) * 0.5, 0 });
}

double asin(double x)
{
	double a = __builtin_fabs(x);
	if (!(a < 1)) {
		if (a == 1)
			return x * (OPAQUE(PIO2_HI) + PIO2_LO);
		return __libm_invalid(x);
	}
	if (a < 0x1p-27) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	double v;
	if (a <= 0.5) {
		v = a + asin_poly_rest((dd_t){ a, 0 });
	} else {
		dd_t s = asin_half_angle(a);
		dd_t d = dd_two_sum(PIO2_HI, -2 * s.hi);
		v = d.hi + (d.lo + PIO2_LO - 2 * asin_poly_rest(s));
	}
	return x < 0 ? -v : v;
}

double acos(double x)
{
	double a = __builtin_fabs(x);
	if (!(a < 1)) {
		if (x == 1)
			return 0;
		if (x == -1)
			return OPAQUE(PI_HI) + PI_LO;
		return __libm_invalid(x);
	}
	if (a <= 0.5) {
		dd_t d = dd_two_sum(PIO2_HI, -x);
		double rest = a < 0x1p-27 ? 0 : asin_poly_rest((dd_t){ a, 0 });
		return d.hi + (d.lo + PIO2_LO - (x < 0 ? -rest : rest));
	}
	dd_t s = asin_half_angle(a);
	if (x > 0) {
		dd_t v = dd_fast_two_sum(2 * s.hi, 2 * asin_poly_rest(s));
		return v.hi + v.lo;
	}
	dd_t d = dd_two_sum(PI_HI, -2 * s.hi);
	return d.hi + (d.lo + PI_LO - 2 * asin_poly_rest(s));
}
