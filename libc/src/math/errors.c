// SPDX-License-Identifier: MIT
/*
 * The one place where math functions report errors: errno (EDOM,
 * ERANGE) and the exception flags, the latter raised by doing an
 * operation that raises them (kept from constant folding with OPAQUE),
 * so a program that unmasked a trap gets it where glibc would trap too.
 */
#include "libm.h"

int signgam;

double __libm_invalid(double x)
{
	if (x != x)
		return x + x;
	errno = EDOM;
	double z = OPAQUE(0.0);
	return z / z;
}

double __libm_divzero(int negative)
{
	errno = ERANGE;
	double one = OPAQUE(negative ? -1.0 : 1.0);
	return one / 0.0;
}

double __libm_overflow(int negative)
{
	errno = ERANGE;
	double big = OPAQUE(negative ? -0x1p1023 : 0x1p1023);
	return big * 0x1p1023;
}

double __libm_underflow(int negative)
{
	errno = ERANGE;
	double tiny = OPAQUE(negative ? -0x1p-1022 : 0x1p-1022);
	return tiny * 0x1p-1022;
}

double __libm_check(double r)
{
	if (r == 0 || __builtin_isinf(r))
		errno = ERANGE;
	return r;
}

float __libm_checkf(double r)
{
	float f = (float)r;
	if ((f == 0 && r != 0) || (__builtin_isinf(f) && !__builtin_isinf(r)))
		errno = ERANGE;
	return f;
}

long double __libm_checkl(long double r)
{
	if (r == 0 || __builtin_isinf(r))
		errno = ERANGE;
	return r;
}
