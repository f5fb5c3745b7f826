// SPDX-License-Identifier: MIT
/*
 * Square roots with the hardware instructions, which IEEE 754 requires to
 * be correctly rounded in the current rounding mode: sqrtsd, sqrtss, and
 * the x87 fsqrt (at the 64-bit precision the x87 control word keeps by
 * default). A negative argument other than -0 is a domain error.
 */
#include "libm.h"

double sqrt(double x)
{
	if (x < 0)
		return __libm_invalid(x);
	__asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
	return x;
}

float sqrtf(float x)
{
	if (x < 0)
		return (float)__libm_invalid(x);
	__asm__("sqrtss %1, %0" : "=x"(x) : "x"(x));
	return x;
}

long double sqrtl(long double x)
{
	if (x < 0)
		return __libm_invalid((double)x);
	__asm__("fsqrt" : "+t"(x));
	return x;
}
