// SPDX-License-Identifier: MIT
/*
 * Tessera's libm (libc/src/math) against glibc on random arguments.
 *
 * The math sources are compiled for the host like libc (freestanding,
 * against libc/include) and every symbol they define gets a tessera_
 * prefix (see the unit.mk rule), so both libraries live in one binary.
 * The reference for a double function is glibc's long double version,
 * about 2^11 times more precise, so the error is measured in fractions of
 * a double ulp; each function must stay within the bound its source
 * comment states. Float functions are compared with glibc's double ones,
 * and the exact functions (rounding, remainders, fma, sqrt, manipulation)
 * must agree bit for bit, long double ones included.
 *
 * LIBM_SAMPLES (default 1000000) sets the number of arguments per range.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define D1(f) double tessera_##f(double);
#define D2(f) double tessera_##f(double, double);
D1(exp) D1(exp2) D1(expm1) D1(log) D1(log2) D1(log10) D1(log1p) D1(sin) D1(cos) D1(tan)
D1(asin) D1(acos) D1(atan) D1(sinh) D1(cosh) D1(tanh) D1(asinh) D1(acosh) D1(atanh)
D1(erf) D1(erfc) D1(tgamma) D1(lgamma) D1(cbrt) D1(sqrt) D1(floor) D1(ceil) D1(trunc)
D1(round) D1(rint) D1(nearbyint) D1(logb)
D2(pow) D2(atan2) D2(hypot) D2(fmod) D2(remainder) D2(nextafter) D2(fmin) D2(fmax)
double tessera_fma(double, double, double);
double tessera_remquo(double, double, int *);
double tessera_frexp(double, int *);
double tessera_ldexp(double, int);
float tessera_sinf(float), tessera_expf(float), tessera_logf(float), tessera_powf(float, float);
float tessera_fmaf(float, float, float), tessera_floorf(float), tessera_fmodf(float, float);
long double tessera_floorl(long double), tessera_ceill(long double), tessera_roundl(long double);
long double tessera_truncl(long double), tessera_sqrtl(long double);
long double tessera_fmodl(long double, long double), tessera_remainderl(long double, long double);
long double tessera_fmal(long double, long double, long double);
long double tessera_frexpl(long double, int *), tessera_ldexpl(long double, int);

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Uniform in [a, b]. */
static double uniform(double a, double b)
{
	return a + (b - a) * ((double)(rng() >> 11) * 0x1p-53);
}

/* Random bit pattern: every binade equally likely. */
static double any_double(void)
{
	double x;
	do {
		uint64_t u = rng();
		memcpy(&x, &u, sizeof(x));
	} while (!isfinite(x));
	return x;
}

static long samples(void)
{
	const char *s = getenv("LIBM_SAMPLES");
	return s ? atol(s) : 1000000;
}

/* |got - ref| in ulps of the double nearest ref (subnormal ulp below). */
static double ulp_error(double got, long double ref)
{
	double r = (double)ref;
	if (isnan(r) || isnan(got))
		return isnan(r) && isnan(got) ? 0 : 1e9;
	if (isinf(r) || isinf(got)) {
		if (got == r)
			return 0;
		/* a finite result next to the overflow threshold */
		long double big = ldexpl(1, 1024);
		return (double)(fabsl((long double)got - ref) / ldexpl(1, 971)) +
		       (fabsl(ref) > big ? 1e9 : 0);
	}
	int e = r == 0 ? -1074 : ilogb(r) - 52;
	if (e < -1074)
		e = -1074;
	return (double)(fabsl((long double)got - ref) / ldexpl(1, e));
}

typedef struct {
	const char *name;
	double (*mine)(double);
	long double (*ref)(long double);
	double lo, hi;
	double bound;
} libm_case1_t;

static bool libm_check1(const libm_case1_t *c)
{
	double worst = 0, at = 0;
	long n = samples();
	for (long i = 0; i < n; i++) {
		double x = c->lo == c->hi ? any_double() : uniform(c->lo, c->hi);
		if (c->lo == c->hi && c->lo != 0 && fabs(x) > c->lo)
			continue;
		double err = ulp_error(c->mine(x), c->ref(x));
		if (err > worst) {
			worst = err;
			at = x;
		}
	}
	printf("  %-7s [%10.3g, %10.3g]  max %.3f ulp (bound %.2f) at %a\n", c->name, c->lo, c->hi,
	       worst, c->bound, at);
	return worst <= c->bound;
}

#define CASE(f, lo, hi, b) { #f, tessera_##f, f##l, lo, hi, b }

static const libm_case1_t libm_cases[] = {
	CASE(exp, -745, 709.8, 0.75), CASE(exp, -1, 1, 0.52), CASE(exp2, -1075, 1023.9, 0.75),
	CASE(expm1, -40, 709, 0.55), CASE(expm1, -0.4, 0.4, 0.55),
	CASE(log, 0, 0, 0.52), CASE(log, 0.5, 2, 0.52), CASE(log2, 0, 0, 0.52),
	CASE(log10, 0, 0, 0.52), CASE(log1p, -1, 1, 0.52), CASE(log1p, 0, 0, 0.65),
	CASE(sin, -10, 10, 0.6), CASE(sin, 0, 0, 0.6), CASE(cos, -10, 10, 0.6),
	CASE(cos, 0, 0, 0.6), CASE(tan, -10, 10, 0.65), CASE(tan, 0, 0, 0.65),
	CASE(asin, -1, 1, 0.7), CASE(acos, -1, 1, 0.7), CASE(atan, -4, 4, 0.65),
	CASE(atan, 0, 0, 0.65), CASE(sinh, -30, 30, 0.55), CASE(sinh, -711, 711, 0.55),
	CASE(cosh, -711, 711, 0.55), CASE(tanh, -20, 20, 0.55), CASE(asinh, 0, 0, 0.55),
	CASE(asinh, -2, 2, 0.55), CASE(acosh, 1, 3, 0.55), CASE(acosh, 1, 1e300, 0.55),
	CASE(atanh, -1, 1, 0.55), CASE(erf, -6, 6, 0.8), CASE(erfc, -6, 6, 1.1),
	CASE(erfc, 0.7, 27.5, 1.0), CASE(tgamma, 0, 171.6, 1.0), CASE(tgamma, -15, 0, 1.0),
	CASE(tgamma, -184, -15, 2.0), CASE(lgamma, 0, 20, 1.0), CASE(lgamma, 20, 1e300, 1.0),
	CASE(lgamma, -1000, -15, 1.0), CASE(cbrt, 0, 0, 0.51), CASE(sqrt, 0, 0, 0.5),
	/* a range [x, x] with x != 0 means any double with |x| below that */
	CASE(sin, 1e5, 1e5, 0.6), CASE(exp, 700, 700, 0.52),
};

TEST(double_functions_stay_within_their_ulp_bounds)
{
	bool ok = true;
	for (size_t i = 0; i < sizeof(libm_cases) / sizeof(libm_cases[0]); i++)
		ok &= libm_check1(&libm_cases[i]);
	CHECK(ok);
}

/* lgamma near its negative zeros: only the absolute error is small. */
TEST(lgamma_negative_arguments_have_small_absolute_error)
{
	double worst = 0;
	for (long i = 0; i < samples(); i++) {
		double x = uniform(-15, 0);
		long double ref = lgammal(x);
		double err = (double)fabsl(tessera_lgamma(x) - ref) /
			     (fabsl(ref) > 1 ? (double)fabsl(ref) : 1) * 0x1p53;
		if (err > worst)
			worst = err;
	}
	printf("  lgamma(-15..0): max error %.3f ulp of max(1, |lgamma|)\n", worst);
	CHECK(worst < 1.0);
}

typedef struct {
	const char *name;
	double (*mine)(double, double);
	long double (*ref)(long double, long double);
	double xlo, xhi, ylo, yhi, bound;
} libm_case2_t;

static const libm_case2_t libm_cases2[] = {
	{ "pow", tessera_pow, powl, 0, 100, -150, 150, 0.75 },
	{ "pow", tessera_pow, powl, 0.999, 1.001, -1e6, 1e6, 0.75 },
	{ "pow", tessera_pow, powl, -10, 0, -300, 300, 0.75 },
	{ "atan2", tessera_atan2, atan2l, -10, 10, -10, 10, 0.65 },
	{ "atan2", tessera_atan2, atan2l, -1e300, 1e300, -1e-300, 1e-300, 0.65 },
	{ "hypot", tessera_hypot, hypotl, -1e300, 1e300, -1e300, 1e300, 0.51 },
	{ "hypot", tessera_hypot, hypotl, -1e-300, 1e-300, -1e-300, 1e-300, 0.51 },
};

TEST(two_argument_functions_stay_within_their_ulp_bounds)
{
	bool ok = true;
	for (size_t k = 0; k < sizeof(libm_cases2) / sizeof(libm_cases2[0]); k++) {
		const libm_case2_t *c = &libm_cases2[k];
		double worst = 0, ax = 0, ay = 0;
		for (long i = 0; i < samples(); i++) {
			double x = uniform(c->xlo, c->xhi), y = uniform(c->ylo, c->yhi);
			if (c->mine == tessera_pow && x < 0)
				y = round(y);	/* keep pow real */
			double err = ulp_error(c->mine(x, y), c->ref(x, y));
			if (err > worst) {
				worst = err;
				ax = x;
				ay = y;
			}
		}
		printf("  %-7s max %.3f ulp (bound %.2f) at %a, %a\n", c->name, worst, c->bound,
		       ax, ay);
		ok &= worst <= c->bound;
	}
	CHECK(ok);
}

static bool same_bits(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof(a)) == 0;
}

static bool same_bits_ld(long double a, long double b)
{
	return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b));
}

TEST(exact_double_functions_match_glibc_bit_for_bit)
{
	for (long i = 0; i < samples(); i++) {
		double x = any_double(), y = any_double(), z = any_double();
		double s = uniform(-1e6, 1e6);
		int qa, qb, ea, eb;
		CHECK(same_bits(tessera_floor(s), floor(s)) && same_bits(tessera_ceil(s), ceil(s)));
		CHECK(same_bits(tessera_trunc(s), trunc(s)) && same_bits(tessera_round(s), round(s)));
		CHECK(same_bits(tessera_rint(s), rint(s)) && same_bits(tessera_nearbyint(x), nearbyint(x)));
		CHECK(same_bits(tessera_fmod(x, y), fmod(x, y)));
		CHECK(same_bits(tessera_remainder(x, y), remainder(x, y)));
		CHECK(same_bits(tessera_remquo(x, y, &qa), remquo(x, y, &qb)) && (qa & 7) == (qb & 7));
		CHECK(same_bits(tessera_fma(x, y, z), fma(x, y, z)));
		CHECK(same_bits(tessera_fma(s, x, -s * x), fma(s, x, -s * x)));
		CHECK(same_bits(tessera_sqrt(fabs(x)), sqrt(fabs(x))));
		CHECK(same_bits(tessera_frexp(x, &ea), frexp(x, &eb)) && ea == eb);
		int n = (int)(rng() % 4400) - 2200;
		CHECK(same_bits(tessera_ldexp(x, n), ldexp(x, n)));
		CHECK(same_bits(tessera_nextafter(x, y), nextafter(x, y)));
		CHECK(same_bits(tessera_logb(x), logb(x)));
		CHECK(same_bits(tessera_fmin(x, y), fmin(x, y)) && same_bits(tessera_fmax(x, y), fmax(x, y)));
	}
}

TEST(fma_matches_glibc_on_near_cancellation)
{
	for (long i = 0; i < samples(); i++) {
		double x = uniform(-2, 2), y = uniform(-2, 2);
		double p = x * y;
		double z = -p + uniform(-1, 1) * 0x1p-60 * (rng() & 1);
		CHECK(same_bits(tessera_fma(x, y, z), fma(x, y, z)));
		float xf = (float)x, yf = (float)y, zf = (float)-p;
		float a = tessera_fmaf(xf, yf, zf), b = fmaf(xf, yf, zf);
		CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	}
}

static long double any_ld(void)
{
	long double x;
	do {
		uint64_t m = rng() | 1ull << 63;
		uint16_t se = (uint16_t)rng();
		memset(&x, 0, sizeof(x));
		memcpy(&x, &m, 8);
		memcpy((char *)&x + 8, &se, 2);
	} while (!isfinite(x));
	return x;
}

TEST(exact_long_double_functions_match_glibc)
{
	for (long i = 0; i < samples(); i++) {
		long double x = any_ld(), y = any_ld(), z = any_ld();
		long double s = (long double)uniform(-1e6, 1e6) * (1 + 0x1p-60L);
		int ea, eb;
		CHECK(same_bits_ld(tessera_floorl(s), floorl(s)) && same_bits_ld(tessera_ceill(s), ceill(s)));
		CHECK(same_bits_ld(tessera_roundl(s), roundl(s)) && same_bits_ld(tessera_truncl(x), truncl(x)));
		CHECK(same_bits_ld(tessera_sqrtl(fabsl(x)), sqrtl(fabsl(x))));
		CHECK(same_bits_ld(tessera_fmodl(x, y), fmodl(x, y)));
		CHECK(same_bits_ld(tessera_remainderl(x, y), remainderl(x, y)));
		CHECK(same_bits_ld(tessera_fmal(x, y, z), fmal(x, y, z)));
		CHECK(same_bits_ld(tessera_fmal(s, x, -s * x), fmal(s, x, -s * x)));
		CHECK(same_bits_ld(tessera_frexpl(x, &ea), frexpl(x, &eb)) && ea == eb);
		int n = (int)(rng() % 40000) - 20000;
		CHECK(same_bits_ld(tessera_ldexpl(x, n), ldexpl(x, n)));
	}
}

TEST(float_functions_round_the_double_results)
{
	double worst = 0;
	for (long i = 0; i < samples(); i++) {
		float x = (float)uniform(-80, 80), y = (float)uniform(0, 4);
		float got[4] = { tessera_sinf(x), tessera_expf(x), tessera_logf(fabsf(x)),
				 tessera_powf(y, x) };
		double ref[4] = { sin(x), exp(x), log(fabsf(x)), pow(y, x) };
		for (int k = 0; k < 4; k++) {
			if (isinf(got[k]) && isinf((float)ref[k]))
				continue;
			float r = (float)ref[k];
			double ulp = r == 0 ? 0x1p-149 : ldexp(1, ilogbf(r) - 23);
			if (ulp < 0x1p-149)
				ulp = 0x1p-149;	/* subnormal */
			double err = fabs(got[k] - ref[k]) / ulp;
			if (err > worst)
				worst = err;
		}
		CHECK(tessera_floorf(x) == floorf(x) && tessera_fmodf(x, y) == fmodf(x, y));
	}
	printf("  float: max %.3f ulp\n", worst);
	CHECK(worst <= 0.51);
}
