// SPDX-License-Identifier: MIT
/*
 * lgamma, lgamma_r and tgamma.
 *
 * x >= 16: Stirling's series, log gamma(x) = (x - 1/2) log x - x +
 * log(2 pi)/2 + sum B2k / (2k (2k-1) x^(2k-1)), eleven terms (the first
 * omitted one is below 2^-90 of the result), in double-double with the
 * log kernel. Smaller x are shifted up by the recurrence: gamma(x) =
 * gamma(x + n) / (x (x+1) ... (x+n-1)), the product and x + n kept as
 * double-doubles, so log gamma(x) = S(x + n) - log|P| has an absolute
 * error near 2^-64. Near the zeros at 1 and 2, where that is not good
 * enough relative to the result, log gamma(1 + t) = t P1(t) and log
 * gamma(2 + t) = t P2(t) for |t| < 1/32 (fit error below 2^-60, the
 * constant term kept as a double-double). For x <= -16,
 * the reflection formula: log|gamma(x)| = log(pi) - log|x sin(pi x)| -
 * log gamma(-x), with sin(pi x) from the sin/cos kernels on the exactly
 * reduced argument.
 *
 * tgamma is exp of the same double-double, divided by the product when
 * shifted: below 1 ulp for x > -16 and below 2 ulp beyond (the
 * reflection's sin(pi x) is only as good as a double-double kernel).
 * lgamma is below 1 ulp except next to its zeros on the negative axis,
 * where the absolute error stays near 2^-60.
 *
 * Poles: lgamma(0), lgamma(-n), tgamma(+-0) set ERANGE; tgamma(-n) and
 * tgamma(-inf) are domain errors. Overflow sets ERANGE.
 */
#include "libm.h"
#include "poly.h"

dd_t __libm_lgamma_stirling(dd_t x)
{
	dd_t l = __libm_log_dd(x.hi);
	dd_t a = dd_mul_d(l, x.hi);	/* x log x */
	a = dd_add(a, (dd_t){ -0.5 * l.hi, -0.5 * l.lo });
	a = dd_add_d(a, -x.hi);
	a = dd_add(a, (dd_t){ HALF_LN2PI_HI, HALF_LN2PI_LO });
	/* the series' first term, 1/(12x), in double-double */
	dd_t w = dd_div((dd_t){ 1, 0 }, (dd_t){ x.hi, 0 });
	a = dd_add(a, dd_mul(w, (dd_t){ 0x1.5555555555555p-4, 0x1.5555555555555p-58 }));
	double w2 = w.hi * w.hi;
	double rest = w.hi * w2 * poly_eval(poly_stirling + 1, POLY_LEN(poly_stirling) - 1, w2);
	/* x.lo enters through the derivative, digamma(x) ~ log x - 1/(2x) */
	return dd_add_d(a, rest + x.lo * (l.hi - 0.5 * w.hi));
}

/* x (x+1) ... (x+n-1) with x + n >= 16, and x + n, both double-double. */
static dd_t gamma_shift(double x, dd_t *xn)
{
	dd_t p = { 1, 0 };
	dd_t f = { x, 0 };
	while (f.hi < 16) {
		p = dd_mul(p, f);
		f = dd_add_d(f, 1);
	}
	*xn = f;
	return p;
}

/* sin(pi x) for finite x, |x| < 2^52, as a double-double. */
dd_t __libm_sinpi_dd(double x)
{
	double y = x - 2 * __builtin_round(x * 0.5);	/* exact, in [-1, 1] */
	double j = __builtin_round(2 * y);
	double r = y - 0.5 * j;	/* exact, |r| <= 1/4 */
	dd_t pr = dd_mul_d((dd_t){ PI_HI, PI_LO }, r);
	int q = (int)j & 3;
	dd_t v = (q & 1) ? __libm_cos_dd(pr) : __libm_sin_dd(pr);
	return q >= 2 ? (dd_t){ -v.hi, -v.lo } : v;
}

/* log|gamma(x)| as a double-double for finite non-integral x, or x > 0;
 * x must not be near 1 or 2 (the caller uses the polynomials there). */
static dd_t lgamma_dd(double x)
{
	if (x >= 16)
		return __libm_lgamma_stirling((dd_t){ x, 0 });
	if (x > -16) {
		dd_t xn;
		dd_t p = gamma_shift(x, &xn);
		if (p.hi < 0)
			p = (dd_t){ -p.hi, -p.lo };
		dd_t lp = __libm_log_dd2(p);
		return dd_add(__libm_lgamma_stirling(xn), (dd_t){ -lp.hi, -lp.lo });
	}
	dd_t s = dd_mul_d(__libm_sinpi_dd(x), -x);	/* |x sin(pi x)| up to sign */
	if (s.hi < 0)
		s = (dd_t){ -s.hi, -s.lo };
	dd_t a = dd_add(__libm_log_dd2(s), __libm_lgamma_stirling((dd_t){ -x, 0 }));
	return dd_add((dd_t){ LNPI_HI, LNPI_LO }, (dd_t){ -a.hi, -a.lo });
}

/* The sign of gamma(x) for finite non-integral x < 0: negative iff
 * floor(x) is odd. */
static int gamma_negative(double x)
{
	if (x > 0)
		return 0;
	if (x < -0x1p53)
		return 0;
	return ((int64_t)__builtin_floor(x) & 1) != 0;
}

/* t P(t), with P's constant term c[0] + c0lo multiplied exactly. */
static double lgamma_near_zero(double t, const double *c, int n, double c0lo)
{
	dd_t p = dd_two_prod(t, c[0]);
	return p.hi + (p.lo + t * (c0lo + t * poly_eval(c + 1, n - 1, t)));
}

double lgamma_r(double x, int *sign)
{
	*sign = 1;
	if (x != x)
		return x + x;
	if (__builtin_isinf(x))
		return x * x;
	if (x == 0) {
		*sign = __builtin_signbit(x) ? -1 : 1;
		return __libm_divzero(0);
	}
	if (x < 0 && __builtin_floor(x) == x)
		return __libm_divzero(0);
	if (x < 0 && gamma_negative(x))
		*sign = -1;
	if (x > 0x1p1020)
		return __libm_overflow(0);
	if (__builtin_fabs(x) < 0x1p-70) {
		dd_t l = __libm_log_dd(__builtin_fabs(x));
		return -(l.hi + l.lo);
	}
	if (__builtin_fabs(x - 1) < 0x1p-5)
		return lgamma_near_zero(x - 1, poly_lgamma1, POLY_LEN(poly_lgamma1), LGAMMA1_C0LO);
	if (__builtin_fabs(x - 2) < 0x1p-5)
		return lgamma_near_zero(x - 2, poly_lgamma2, POLY_LEN(poly_lgamma2), LGAMMA2_C0LO);
	dd_t l = lgamma_dd(x);
	return __libm_check(l.hi + l.lo);
}

double lgamma(double x) { return lgamma_r(x, &signgam); }

double tgamma(double x)
{
	if (x != x)
		return x + x;
	if (x == 0)
		return __libm_divzero(__builtin_signbit(x) != 0);
	if (__builtin_isinf(x))
		return x > 0 ? x : __libm_invalid(x);
	if (x < 0 && __builtin_floor(x) == x)
		return __libm_invalid(x);
	if (x > 171.7)
		return __libm_overflow(0);
	if (x < -190)
		return __libm_underflow(gamma_negative(x));
	if (__builtin_fabs(x) < 0x1p-60)
		return __libm_check(1 / x);
	int k;
	if (x >= 16) {
		dd_t e = __libm_exp_dd(__libm_lgamma_stirling((dd_t){ x, 0 }), &k);
		return __libm_exp_scale(e, k, 0);
	}
	if (x > -16) {
		dd_t xn;
		dd_t p = gamma_shift(x, &xn);
		dd_t e = __libm_exp_dd(__libm_lgamma_stirling(xn), &k);
		dd_t q = dd_div(e, p);
		int neg = q.hi < 0;
		if (neg)
			q = (dd_t){ -q.hi, -q.lo };
		return __libm_exp_scale(q, k, neg);
	}
	dd_t l = lgamma_dd(x);
	if (l.hi < -746)
		return __libm_underflow(gamma_negative(x));
	dd_t e = __libm_exp_dd(l, &k);
	return __libm_exp_scale(e, k, gamma_negative(x));
}
