// SPDX-License-Identifier: MIT
/*
 * erf and erfc.
 *
 * |x| < 0.75: erf(x) = x + x E(x^2), E of degree 13 (fit error 2^-56 of
 * E, which is at most 0.13); x E is added exactly, so erf is below 0.8
 * ulp (Horner's rounding errors near 0.75, where E's terms cancel), and
 * erfc = 1 - erf there is formed in double-double: below 1.1 ulp.
 *
 * x >= 0.75: erfc(x) = exp(-x^2) g(x) where g = erfc(x) e^(x^2) is
 * smooth and slowly varying; it is fitted piecewise (mkcoef.py): as a
 * polynomial in x - mid on [0.75, 7), and as g(x) = P(1/x - mid)/x on
 * [7, 28), 12 pieces of degree 15 with relative error below 2^-56 (the
 * constant term kept as a double-double). exp(-x^2) comes from the exp
 * kernel with x^2 exact as a double-double; the product is rounded once.
 * erfc below 1 ulp (0.75 for x >= 7); erf = 1 - erfc there, below 0.8
 * ulp. erfc(x) underflows past 27.3 (ERANGE
 * once it is zero), erfc(x) = 2 - erfc(-x) for x < 0, erf(-x) = -erf(x).
 */
#include "libm.h"
#include "poly.h"

/* erf(a) - a for |a| < 0.75, as a double-double. */
static dd_t erf_small_rest(double a)
{
	double e = poly_eval(poly_erf, POLY_LEN(poly_erf), a * a);
	return dd_two_prod(a, e);
}

/* erfc(a) for 0.75 <= a < 28 as 2^k * (hi + lo). */
static dd_t erfc_big(double a, int *k)
{
	const struct erfc_piece *p = erfc_pieces;
	while (a >= p->hi)
		p++;
	dd_t q = { 0, 0 };
	double d = a - p->mid;
	if (a >= 7) {
		q = dd_div((dd_t){ 1, 0 }, (dd_t){ a, 0 });
		d = (q.hi - p->mid) + q.lo;
	}
	int n = POLY_LEN(p->c);
	dd_t g = dd_fast_two_sum(p->c[0], p->c0lo + d * poly_eval(p->c + 1, n - 1, d));
	if (a >= 7)
		g = dd_mul(g, q);
	dd_t sq = dd_two_prod(a, a);
	dd_t e = __libm_exp_dd((dd_t){ -sq.hi, -sq.lo }, k);
	return dd_mul(e, g);
}

double erf(double x)
{
	if (x != x)
		return x + x;
	double a = __builtin_fabs(x);
	double v;
	if (a < 0.75) {
		if (a < 0x1p-1000)	/* keep x E(x^2) from underflowing early */
			return (x * 0x1p60 + x * 0x1p60 * poly_erf[0]) * 0x1p-60;
		dd_t r = erf_small_rest(a);
		dd_t s = dd_two_sum(a, r.hi);
		v = s.hi + (s.lo + r.lo);
	} else if (a < 6) {
		int k;
		dd_t e = erfc_big(a, &k);
		double sc = pow2i(k);
		dd_t s = dd_two_sum(1, -e.hi * sc);
		v = s.hi + (s.lo - e.lo * sc);
	} else {
		v = 1 - OPAQUE(0x1p-100) * (a < __builtin_inf());
	}
	return x < 0 ? -v : v;
}

double erfc(double x)
{
	if (x != x)
		return x + x;
	double a = __builtin_fabs(x);
	if (a < 0.75) {
		dd_t r = erf_small_rest(a);
		dd_t s = dd_add_d(r, a);	/* erf(|x|) */
		if (x < 0)
			s = dd_add_d(s, 1);
		else
			s = dd_add_d((dd_t){ -s.hi, -s.lo }, 1);
		return s.hi + s.lo;
	}
	if (x < 0) {
		if (a >= 6)
			return 2 - OPAQUE(0x1p-100) * (a < __builtin_inf());
		int k;
		dd_t e = erfc_big(a, &k);
		double sc = pow2i(k);
		dd_t s = dd_two_sum(2, -e.hi * sc);
		return s.hi + (s.lo - e.lo * sc);
	}
	if (a >= 28)
		return __builtin_isinf(a) ? 0 : __libm_underflow(0);
	int k;
	dd_t e = erfc_big(a, &k);
	return __libm_exp_scale(e, k, 0);
}
