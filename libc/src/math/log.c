// SPDX-License-Identifier: MIT
/*
 * log, log2, log10, log1p, and the double-double log kernel pow and the
 * inverse hyperbolic functions use.
 *
 * Method (table-driven): x = 2^k * m with m in [0.6875, 1.375). The top
 * seven bits of m below that offset pick one of 128 intervals, and with
 * it c ~ 1/m (20 significant bits) and -log(c) as a double-double from
 * tables.c. Then r = m*c - 1 is computed exactly (two_prod), |r| <= 2^-7,
 * and log(x) = k log2 - log(c) + log1p(r), where log1p(r) = r - r^2/2 +
 * r^3 P(r), P of degree 7 (truncation below 2^-73 relative). The two
 * intervals around 1 use c = 1, so for x near 1 the result is log1p of
 * the exact x - 1 and keeps its relative accuracy. The sum is carried as
 * a double-double: the kernel's error is below 2^-68 of the result.
 * log, log2 and log10 round the kernel once (log2 and log10 after a
 * double-double multiplication by 1/log(2) or 1/log(10)): below 0.51
 * ulp, exact for powers of two (log2) and of ten (log10). log1p forms
 * 1 + x exactly as a double-double first (below 0.51 ulp), or for
 * |x| < 2^-20 sums x - x^2/2 + x^3/3 (below 0.51 ulp).
 *
 * log(0) is a pole (ERANGE, divide-by-zero), log of a negative a domain
 * error (EDOM, invalid).
 */
#include "libm.h"
#include "poly.h"

#define LOG_OFF 0x3fe6000000000000ull

dd_t __libm_log_dd(double x)
{
	uint64_t ix = asu64(x);
	int k = 0;
	if (ix < 0x0010000000000000ull) {	/* subnormal: scale up */
		ix = asu64(x * 0x1p52);
		k = -52;
	}
	uint64_t tmp = ix - LOG_OFF;
	int i = (int)(tmp >> 45 & 127);
	k += (int)((int64_t)tmp >> 52);
	double m = asdbl(ix - (tmp & 0xfffull << 52));
	const double *t = &__libm_log_tab[3 * i];

	dd_t p = dd_two_prod(m, t[0]);
	dd_t r = dd_two_sum(p.hi - 1, p.lo);	/* m*c - 1, exact */
	dd_t sq = dd_two_prod(r.hi, r.hi);
	dd_t q = dd_two_sum(r.hi, -0.5 * sq.hi);
	double r3 = r.hi * sq.hi;
	double tail = q.lo - 0.5 * sq.lo + r.lo * (1 - r.hi) +
		      r3 * poly_eval(poly_log, POLY_LEN(poly_log), r.hi);

	dd_t a = dd_two_sum(k * LN2_42, t[1]);
	dd_t b = dd_two_sum(a.hi, q.hi);
	double lo = a.lo + b.lo + tail + t[2] + k * LN2_42_LO;
	return dd_fast_two_sum(b.hi, lo);
}

dd_t __libm_log_dd2(dd_t x)
{
	dd_t l = __libm_log_dd(x.hi);
	return dd_add_d(l, x.lo / x.hi);
}

dd_t __libm_log1p_dd(dd_t a)
{
	dd_t s = dd_two_sum(1.0, a.hi);
	dd_t u = dd_fast_two_sum(s.hi, s.lo + a.lo);
	return __libm_log_dd2(u);
}

/* NaN, infinities, zero and negative arguments; 1 if x is ordinary. */
static int log_special(double x, double *out)
{
	if (x != x) {
		*out = x + x;
		return 1;
	}
	if (x == 0) {
		*out = __libm_divzero(1);
		return 1;
	}
	if (x < 0) {
		*out = __libm_invalid(x);
		return 1;
	}
	if (__builtin_isinf(x)) {
		*out = x;
		return 1;
	}
	return 0;
}

double log(double x)
{
	double r;
	if (log_special(x, &r))
		return r;
	dd_t l = __libm_log_dd(x);
	return l.hi + l.lo;
}

double log2(double x)
{
	double r;
	if (log_special(x, &r))
		return r;
	dd_t l = dd_mul(__libm_log_dd(x), (dd_t){ INVLN2_HI, INVLN2_LO });
	return l.hi + l.lo;
}

double log10(double x)
{
	double r;
	if (log_special(x, &r))
		return r;
	dd_t l = dd_mul(__libm_log_dd(x), (dd_t){ INVLN10_HI, INVLN10_LO });
	return l.hi + l.lo;
}

double log1p(double x)
{
	if (x != x)
		return x + x;
	if (x <= -1)
		return x == -1 ? __libm_divzero(1) : __libm_invalid(x);
	if (__builtin_isinf(x))
		return x;
	if (__builtin_fabs(x) < 0x1p-54) {
		if (x != 0 && __builtin_fabs(x) < 0x1p-1022)
			FORCE_EVAL(x * x);	/* underflow */
		return x;
	}
	if (__builtin_fabs(x) < 0x1p-20)	/* the series: 1 + x would round */
		return x + x * x * (x * (1.0 / 3) - 0.5);
	dd_t l = __libm_log1p_dd((dd_t){ x, 0 });
	return l.hi + l.lo;
}
