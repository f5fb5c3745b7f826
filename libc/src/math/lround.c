// SPDX-License-Identifier: MIT
/*
 * Rounding to long and long long (the same 64-bit type on x86_64):
 * lrint/llrint convert in the current rounding mode with cvtsd2si,
 * cvtss2si or the x87 fistp; lround/llround round half away from zero
 * first. Out-of-range and NaN arguments raise invalid and give LONG_MIN
 * (the hardware's "integer indefinite"), without errno, like glibc.
 */
#include <limits.h>

#include "libm.h"

long lrint(double x)
{
	long r;
	__asm__("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
	return r;
}

long lrintf(float x)
{
	long r;
	__asm__("cvtss2si %1, %0" : "=r"(r) : "x"(x));
	return r;
}

long lrintl(long double x)
{
	long r;
	__asm__("fistpll %0" : "=m"(r) : "t"(x) : "st");
	return r;
}

long long llrint(double x) { return lrint(x); }
long long llrintf(float x) { return lrintf(x); }
long long llrintl(long double x) { return lrintl(x); }

/* r is integral; converts it if it fits, else raises invalid. */
static long lround_convert(long double r)
{
	if (r >= -0x1p63L && r < 0x1p63L)
		return (long)r;
	double z = OPAQUE(0.0);
	FORCE_EVAL(z / z);
	return LONG_MIN;
}

long lround(double x) { return lround_convert(round(x)); }
long lroundf(float x) { return lround_convert(roundf(x)); }
long lroundl(long double x) { return lround_convert(roundl(x)); }
long long llround(double x) { return lround(x); }
long long llroundf(float x) { return lroundf(x); }
long long llroundl(long double x) { return lroundl(x); }
