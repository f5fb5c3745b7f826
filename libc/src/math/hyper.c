// SPDX-License-Identifier: MIT
/*
 * sinh, cosh, tanh and their inverses, built on the double-double exp,
 * expm1, log and log1p kernels so each result is rounded once.
 *
 * sinh: (t + t/(t + 1))/2 with t = expm1(|x|) in double-double (no
 * cancellation, even for small x) up to 22, e^|x|/2 beyond (scaled by
 * 2^(k-1) so it overflows only when sinh does). cosh: (e^x + e^-x)/2
 * the same way. tanh: t/(t + 2) with t = expm1(2|x|) in double-double;
 * +-1 past 19.5. asinh: log1p(|x| + x^2/(1 + sqrt(1 + x^2))), the
 * argument in double-double; log(2|x|) past 2^28. acosh: log1p(t +
 * sqrt(2t + t^2)) with t = x - 1. atanh: log1p(2|x|/(1 - |x|))/2.
 * All below 0.55 ulp.
 *
 * Overflow sets ERANGE; acosh(x < 1) and atanh(|x| > 1) are domain
 * errors, atanh(+-1) a pole.
 */
#include "libm.h"
#include "poly.h"

static double with_sign(double v, double x)
{
	return x < 0 ? -v : v;
}

/* e^a for 0 <= a <= 22 as an unscaled double-double. */
static dd_t exp_small_dd(double a)
{
	int k;
	dd_t e = __libm_exp_dd((dd_t){ a, 0 }, &k);
	double s = pow2i(k);
	return (dd_t){ e.hi * s, e.lo * s };
}

double sinh(double x)
{
	double a = __builtin_fabs(x);
	if (x != x || __builtin_isinf(x))
		return x + x;
	if (a < 0x1p-26) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	if (a > 1000)
		return __libm_overflow(x < 0);
	if (a > 22) {
		int k;
		dd_t e = __libm_exp_dd((dd_t){ a, 0 }, &k);
		return __libm_exp_scale(e, k - 1, x < 0);
	}
	dd_t t = __libm_expm1_dd(a);
	dd_t d = dd_add(t, dd_div(t, dd_add_d(t, 1)));
	return with_sign(0.5 * (d.hi + d.lo), x);
}

double cosh(double x)
{
	double a = __builtin_fabs(x);
	if (x != x || __builtin_isinf(x))
		return x * x;
	if (a < 0x1p-27)
		return 1 + OPAQUE(0x1p-100) * (x != 0);
	if (a > 1000)
		return __libm_overflow(0);
	if (a > 22) {
		int k;
		dd_t e = __libm_exp_dd((dd_t){ a, 0 }, &k);
		return __libm_exp_scale(e, k - 1, 0);
	}
	dd_t e = exp_small_dd(a);
	dd_t inv = dd_div((dd_t){ 1, 0 }, e);
	dd_t s = dd_add(e, inv);
	return 0.5 * (s.hi + s.lo);
}

double tanh(double x)
{
	double a = __builtin_fabs(x);
	if (x != x)
		return x + x;
	if (a < 0x1p-27) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	if (a > 19.5)
		return with_sign(1 - OPAQUE(0x1p-100), x);
	dd_t t = __libm_expm1_dd(2 * a);
	dd_t q = dd_div(t, dd_add_d(t, 2));
	return with_sign(q.hi + q.lo, x);
}

double asinh(double x)
{
	double a = __builtin_fabs(x);
	if (x != x || __builtin_isinf(x))
		return x + x;
	if (a < 0x1p-27) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	dd_t l;
	if (a > 0x1p28) {
		l = dd_add(__libm_log_dd(a), (dd_t){ LN2_HI, LN2_LO });
	} else {
		dd_t a2 = dd_two_prod(a, a);
		dd_t root = dd_sqrt(dd_add_d(a2, 1));
		dd_t w = dd_add_d(dd_div(a2, dd_add_d(root, 1)), a);
		l = __libm_log1p_dd(w);
	}
	return with_sign(l.hi + l.lo, x);
}

double acosh(double x)
{
	if (x != x)
		return x + x;
	if (x < 1)
		return __libm_invalid(x);
	if (__builtin_isinf(x))
		return x;
	dd_t l;
	if (x > 0x1p28) {
		l = dd_add(__libm_log_dd(x), (dd_t){ LN2_HI, LN2_LO });
	} else {
		dd_t t = dd_two_sum(x, -1);
		dd_t root = dd_sqrt(dd_mul(t, dd_add_d(t, 2)));
		if (t.hi == 0)
			return 0;
		l = __libm_log1p_dd(dd_add(t, root));
	}
	return l.hi + l.lo;
}

double atanh(double x)
{
	double a = __builtin_fabs(x);
	if (x != x)
		return x + x;
	if (a >= 1)
		return a == 1 ? __libm_divzero(x < 0) : __libm_invalid(x);
	if (a < 0x1p-27) {
		if (x != 0 && a < 0x1p-1022)
			FORCE_EVAL(x * x);
		return x;
	}
	dd_t q = dd_div((dd_t){ 2 * a, 0 }, dd_two_sum(1, -a));
	dd_t l = __libm_log1p_dd(q);
	return with_sign(0.5 * (l.hi + l.lo), x);
}
