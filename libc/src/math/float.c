// SPDX-License-Identifier: MIT
/*
 * The float versions of the transcendental functions, computed in
 * double. A double result within 0.55 ulp (double) rounds to a float
 * within 0.5 + 2^-28 float ulp, so these are correctly rounded except
 * in the rarest double-rounding cases. A float result can overflow or
 * vanish where the double one did not: __libm_checkf sets ERANGE then.
 * Domain and pole errors come from the double functions.
 */
#include "libm.h"

#define FLOAT1(name) \
	float name##f(float x) { return __libm_checkf(name(x)); }
#define FLOAT2(name) \
	float name##f(float x, float y) { return __libm_checkf(name(x, y)); }

FLOAT1(sin)
FLOAT1(cos)
FLOAT1(tan)
FLOAT1(asin)
FLOAT1(acos)
FLOAT1(atan)
FLOAT2(atan2)
FLOAT1(sinh)
FLOAT1(cosh)
FLOAT1(tanh)
FLOAT1(asinh)
FLOAT1(acosh)
FLOAT1(atanh)
FLOAT1(exp)
FLOAT1(exp2)
FLOAT1(expm1)
FLOAT1(log)
FLOAT1(log2)
FLOAT1(log10)
FLOAT1(log1p)
FLOAT2(pow)
FLOAT1(cbrt)
FLOAT2(hypot)
FLOAT1(erf)
FLOAT1(erfc)
FLOAT1(tgamma)

float lgammaf_r(float x, int *sign) { return __libm_checkf(lgamma_r(x, sign)); }
float lgammaf(float x) { return lgammaf_r(x, &signgam); }
