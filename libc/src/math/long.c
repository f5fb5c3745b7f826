// SPDX-License-Identifier: MIT
/*
 * The long double transcendental functions, computed through double: the
 * argument is rounded to double and the double function's result is
 * returned, so they are as accurate as double precision allows (about
 * 2^-53 relative, not the 2^-64 of the format). The exp and log families
 * keep long double's wider exponent range by reducing by powers of two
 * in long double first; the others see their argument rounded to double
 * (sinl of a huge argument is sin of the nearest double). The exact long
 * double functions (sqrtl, fmodl, floorl, ...) live with their double
 * versions and are exact.
 */
#include "libm.h"

#define LONG1(name) \
	long double name##l(long double x) { return name((double)x); }
#define LONG2(name) \
	long double name##l(long double x, long double y) { return name((double)x, (double)y); }

LONG1(sin)
LONG1(cos)
LONG1(tan)
LONG1(asin)
LONG1(acos)
LONG1(atan)
LONG2(atan2)
LONG1(sinh)
LONG1(cosh)
LONG1(tanh)
LONG1(asinh)
LONG1(acosh)
LONG1(atanh)
LONG1(expm1)
LONG1(log1p)
LONG1(cbrt)
LONG1(erf)
LONG1(erfc)
LONG1(tgamma)

long double lgammal_r(long double x, int *sign) { return lgamma_r((double)x, sign); }
long double lgammal(long double x) { return lgammal_r(x, &signgam); }

#define LN2L 0.693147180559945309417232121458176568L

/* exp(x) = 2^k exp(x - k ln2), the reduction in long double. */
long double expl(long double x)
{
	if (!(__builtin_fabsl(x) > 700) || __builtin_isinf(x))
		return exp((double)x);
	long double k = __builtin_roundl(x / LN2L);
	if (k > 20000)
		return __libm_overflow(0);
	if (k < -20000)
		return __libm_underflow(0);
	return __libm_checkl(scalbnl(exp((double)(x - k * LN2L)), (int)k));
}

long double exp2l(long double x)
{
	if (!(__builtin_fabsl(x) > 1000) || __builtin_isinf(x))
		return exp2((double)x);
	long double k = __builtin_roundl(x);
	if (k > 20000)
		return __libm_overflow(0);
	if (k < -20000)
		return __libm_underflow(0);
	return __libm_checkl(scalbnl(exp2((double)(x - k)), (int)k));
}

/* log(x) = log(m) + e log 2 with x = m 2^e, m in [1/2, 1). */
static long double logl_parts(long double x, double (*f)(double), long double per_e)
{
	if (!(x > 0) || __builtin_isinf(x) || (x >= 0x1p-1000L && x <= 0x1p1000L))
		return f((double)x);
	int e;
	long double m = frexpl(x, &e);
	return f((double)m) + e * per_e;
}

long double logl(long double x) { return logl_parts(x, log, LN2L); }
long double log2l(long double x) { return logl_parts(x, log2, 1.0L); }
long double log10l(long double x)
{
	return logl_parts(x, log10, 0.301029995663981195213738894724493027L);
}

long double powl(long double x, long double y) { return pow((double)x, (double)y); }
