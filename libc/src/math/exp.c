// SPDX-License-Identifier: MIT
/*
 * exp, exp2 and expm1, and the exp kernel that pow, the hyperbolic
 * functions, erfc and tgamma share.
 *
 * Method (Tang's table-driven exp): write x = (128 m + j) ln2/128 + r
 * with |r| <= ln2/256, so exp(x) = 2^m * 2^(j/128) * exp(r). The table
 * holds 2^(j/128) as a double-double; exp(r) - 1 is r + r^2/2 + r^3 P(r)
 * with P of degree 3 (truncation error below 2^-75). ln2/128 is split
 * so k * ln2/128 is exact, and r is kept as a double-double, so the
 * kernel's result hi + lo is within 2^-61 of exp(x) (relative). exp
 * rounds it once: error below 0.51 ulp. exp2 reduces x - k/128 exactly
 * and multiplies by ln2 in double-double, with the same bound.
 *
 * expm1: for |x| <= 0.35, x + x^2/2 + x^3 Q(x) (Q of degree 10, fit
 * error 2^-56), the first two terms added exactly: below 0.55 ulp. Above, 2^m (hi + lo) - 1 with the
 * subtraction done exactly: below 0.51 ulp.
 *
 * Results that overflow or underflow to zero set ERANGE (not subnormal
 * ones, like glibc). Subnormal results are rounded twice (to 53 bits,
 * then to the subnormal's precision): below 0.75 subnormal ulp.
 */
#include "libm.h"
#include "poly.h"

/* 2^(ki/128) * exp(r) = 2^(ki >> 7) * result. */
static dd_t exp_kernel(int ki, dd_t r, int *k)
{
	const double *t = &__libm_exp_tab[2 * (ki & 127)];
	double r2 = r.hi * r.hi;
	double p = r.hi + (r2 * (0.5 + r.hi * poly_eval(poly_exp, POLY_LEN(poly_exp), r.hi)) +
			   r.lo * (1 + r.hi));
	*k = ki >> 7;
	return dd_fast_two_sum(t[0], t[1] + t[0] * p);
}

/* Nearest integer to z, |z| < 2^51, in any rounding mode's sense. */
static double exp_round(double z)
{
	return OPAQUE(z + 0x1.8p52) - 0x1.8p52;
}

dd_t __libm_exp_dd(dd_t x, int *k)
{
	double kn = exp_round(x.hi * INVLN2_128);
	double r1 = x.hi - kn * LN2_128_HI;	/* exact */
	dd_t r = dd_two_sum(r1, x.lo - kn * LN2_128_LO);
	return exp_kernel((int)kn, r, k);
}

double __libm_exp_scale(dd_t r, int k, int negative)
{
	double s = r.hi + r.lo;
	if (negative)
		s = -s;
	double res;
	if (k > 1000)
		res = s * asdbl((uint64_t)(0x3ff + k - 1000) << 52) * 0x1p1000;
	else if (k < -1000)
		res = s * asdbl((uint64_t)(0x3ff + k + 1000) << 52) * 0x1p-1000;
	else
		res = s * asdbl((uint64_t)(0x3ff + k) << 52);
	if (res == 0 || __builtin_isinf(res))
		errno = ERANGE;
	return res;
}

double exp(double x)
{
	if (x != x)
		return x + x;
	if (x > 710)
		return __builtin_isinf(x) ? x : __libm_overflow(0);
	if (x < -746)
		return __builtin_isinf(x) ? 0 : __libm_underflow(0);
	if (__builtin_fabs(x) < 0x1p-54)
		return 1 + x;
	int k;
	dd_t r = __libm_exp_dd((dd_t){ x, 0 }, &k);
	return __libm_exp_scale(r, k, 0);
}

double exp2(double x)
{
	if (x != x)
		return x + x;
	if (x >= 1024)
		return __builtin_isinf(x) ? x : __libm_overflow(0);
	if (x < -1076)
		return __builtin_isinf(x) ? 0 : __libm_underflow(0);
	if (__builtin_fabs(x) < 0x1p-54)
		return 1 + x;
	double kn = exp_round(x * 128);
	double d = x - kn * 0x1p-7;	/* exact */
	dd_t r = dd_two_prod(d, LN2_HI);
	r.lo += d * LN2_LO;
	int k;
	dd_t e = exp_kernel((int)kn, r, &k);
	return __libm_exp_scale(e, k, 0);
}

dd_t __libm_expm1_dd(double x)
{
	if (__builtin_fabs(x) <= 0.35) {
		dd_t h = dd_two_prod(x, 0.5 * x);	/* x^2/2 exactly */
		dd_t s = dd_two_sum(x, h.hi);
		double t = s.lo + h.lo + x * x * x * poly_eval(poly_expm1, POLY_LEN(poly_expm1), x);
		return dd_fast_two_sum(s.hi, t);
	}
	int k;
	dd_t e = __libm_exp_dd((dd_t){ x, 0 }, &k);
	double scale = asdbl((uint64_t)(0x3ff + k) << 52);	/* |k| <= 60 here */
	dd_t s = dd_two_sum(e.hi * scale, -1.0);
	return dd_fast_two_sum(s.hi, s.lo + e.lo * scale);
}

double expm1(double x)
{
	if (x != x)
		return x + x;
	if (x > 709.8)
		return __builtin_isinf(x) ? x : __libm_overflow(0);
	if (x < -40)
		return OPAQUE(0x1p-100) - 1;	/* -1, inexact */
	if (__builtin_fabs(x) < 0x1p-54) {
		if (x != 0 && __builtin_fabs(x) < 0x1p-1022)
			FORCE_EVAL(x * x);	/* underflow */
		return x;
	}
	if (x > 40) {
		int k;
		dd_t e = __libm_exp_dd((dd_t){ x, 0 }, &k);
		return __libm_exp_scale(e, k, 0);
	}
	dd_t r = __libm_expm1_dd(x);
	return r.hi + r.lo;
}
