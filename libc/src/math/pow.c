// SPDX-License-Identifier: MIT
/*
 * pow(x, y) = exp(y log x), with the special values of C17 F.10.4.4.
 *
 * Method: log|x| from the double-double log kernel (error below 2^-68
 * relative), y * log|x| formed as a double-double, and exp of that from
 * the exp kernel (error below 2^-61), rounded once. The result's error
 * is below 0.52 ulp for normal results (0.6 when |y log x| is large,
 * 0.75 for subnormal results, which are rounded twice); exact results (pow(3, 2), pow(x, 1)) come out
 * exact, since nothing that close to a representable number rounds away
 * from it.
 *
 * Errors as glibc: negative x with non-integral y is a domain error,
 * zero to a negative power a pole (ERANGE), and overflow or underflow to
 * zero a range error.
 */
#include "libm.h"

/* 0: y is not an integer, 1: odd integer, 2: even integer. */
static int pow_yclass(double y)
{
	if (__builtin_isinf(y) || __builtin_trunc(y) != y)
		return 0;
	if (__builtin_fabs(y) >= 0x1p53)
		return 2;
	return ((int64_t)y & 1) ? 1 : 2;
}

/* pow(+-0, y) and pow(+-inf, y) for y != 0, not NaN. */
static double pow_zero_inf(double x, double y, int yclass)
{
	int neg = __builtin_signbit(x) && yclass == 1;
	if (x == 0) {
		if (y > 0)
			return neg ? -0.0 : 0.0;
		if (__builtin_isinf(y))
			return __builtin_inf();
		return __libm_divzero(neg);
	}
	if (y > 0)
		return neg ? -__builtin_inf() : __builtin_inf();
	return neg ? -0.0 : 0.0;
}

/* pow(x, +-inf) for x != 0, finite or not. */
static double pow_yinf(double x, double y)
{
	double ax = __builtin_fabs(x);
	if (ax == 1)
		return 1;
	return (ax < 1) == (y < 0) ? __builtin_inf() : 0.0;
}

double pow(double x, double y)
{
	if (y == 0 || x == 1)
		return 1;
	if (x != x || y != y)
		return x + y;
	if (__builtin_isinf(y) && x != 0)
		return pow_yinf(x, y);
	int yclass = pow_yclass(y);
	if (x == 0 || __builtin_isinf(x))
		return pow_zero_inf(x, y, yclass);
	if (x < 0 && yclass == 0)
		return __libm_invalid(x);
	int neg = x < 0 && yclass == 1;

	dd_t l = __libm_log_dd(__builtin_fabs(x));
	double zh = y * l.hi;
	if (zh > 710)
		return __libm_overflow(neg);
	if (zh < -746)
		return __libm_underflow(neg);
	dd_t z = dd_two_prod(y, l.hi);
	z = dd_fast_two_sum(z.hi, z.lo + y * l.lo);
	int k;
	dd_t e = __libm_exp_dd(z, &k);
	return __libm_exp_scale(e, k, neg);
}
