// SPDX-License-Identifier: MIT
/*
 * What the math library's files share: bit access to floating-point
 * values, double-double arithmetic, the errno/exception helpers and the
 * kernels that several functions build on.
 *
 * Double-double ("dd"): a value hi + lo with |lo| <= ulp(hi)/2 carries
 * about 106 bits. The kernels return their results this way so callers
 * (pow, hyperbolic, gamma, erf) can combine them without losing the bits
 * a plain double would round away; the final rounding happens once.
 * two_prod needs an exact product: Dekker's splitting without FMA, the
 * fused instruction when the compiler targets one. Both rely on the
 * compiler not contracting a*b+c, which GCC only does when FMA exists,
 * and then two_prod uses it deliberately.
 *
 * Errors follow math_errhandling == MATH_ERRNO | MATH_ERREXCEPT and glibc:
 * a domain error sets EDOM and returns NaN (raising invalid), a pole
 * error sets ERANGE and returns an infinity (raising divide-by-zero), and
 * a range error sets ERANGE when the result overflows to infinity or
 * underflows to zero; a subnormal non-zero result leaves errno alone.
 */
#pragma once

#include <errno.h>
#include <math.h>
#include <stdint.h>

/* --- bits -------------------------------------------------------------- */

static inline uint64_t asu64(double x)
{
	union { double f; uint64_t i; } u = { x };
	return u.i;
}

static inline double asdbl(uint64_t i)
{
	union { uint64_t i; double f; } u = { i };
	return u.f;
}

static inline uint32_t asu32(float x)
{
	union { float f; uint32_t i; } u = { x };
	return u.i;
}

static inline float asflt(uint32_t i)
{
	union { uint32_t i; float f; } u = { i };
	return u.f;
}

/* 2^n for -1022 <= n <= 1023. */
static inline double pow2i(int n)
{
	return asdbl((uint64_t)(0x3ff + n) << 52);
}

/* x87 extended: 64-bit significand with explicit integer bit, then sign
 * and 15-bit exponent. */
typedef union {
	long double f;
	struct {
		uint64_t m;
		uint16_t se;
	} i;
} ldbits_t;

/* Keeps a value alive so its computation (and the exception it raises)
 * is not optimised away. */
#define FORCE_EVAL(x)                                    \
	do {                                             \
		__typeof__(x) force_eval_ = (x);         \
		__asm__ volatile("" : : "m"(force_eval_)); \
	} while (0)

/* Hides a value from constant folding. */
#define OPAQUE(x)                                        \
	({                                               \
		__typeof__(x) opaque_ = (x);             \
		__asm__("" : "+m"(opaque_));             \
		opaque_;                                 \
	})

/* --- double-double ----------------------------------------------------- */

typedef struct {
	double hi, lo;
} dd_t;

/* a + b exactly, when |a| >= |b| or a == 0. */
static inline dd_t dd_fast_two_sum(double a, double b)
{
	double s = a + b;
	return (dd_t){ s, b - (s - a) };
}

/* a + b exactly, any order. */
static inline dd_t dd_two_sum(double a, double b)
{
	double s = a + b;
	double bb = s - a;
	return (dd_t){ s, (a - (s - bb)) + (b - bb) };
}

/* a * b exactly (barring overflow and underflow). */
static inline dd_t dd_two_prod(double a, double b)
{
	double p = a * b;
#ifdef __FP_FAST_FMA
	return (dd_t){ p, __builtin_fma(a, b, -p) };
#else
	const double split = 0x1p27 + 1;
	double ta = split * a, tb = split * b;
	double ah = ta - (ta - a), al = a - ah;
	double bh = tb - (tb - b), bl = b - bh;
	return (dd_t){ p, ((ah * bh - p) + ah * bl + al * bh) + al * bl };
#endif
}

static inline dd_t dd_add(dd_t a, dd_t b)
{
	dd_t s = dd_two_sum(a.hi, b.hi);
	return dd_fast_two_sum(s.hi, s.lo + a.lo + b.lo);
}

static inline dd_t dd_add_d(dd_t a, double b)
{
	dd_t s = dd_two_sum(a.hi, b);
	return dd_fast_two_sum(s.hi, s.lo + a.lo);
}

static inline dd_t dd_mul(dd_t a, dd_t b)
{
	dd_t p = dd_two_prod(a.hi, b.hi);
	return dd_fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

static inline dd_t dd_mul_d(dd_t a, double b)
{
	dd_t p = dd_two_prod(a.hi, b);
	return dd_fast_two_sum(p.hi, p.lo + a.lo * b);
}

static inline dd_t dd_div(dd_t a, dd_t b)
{
	double q = a.hi / b.hi;
	dd_t p = dd_mul_d(b, q);
	double r = ((a.hi - p.hi) - p.lo + a.lo) / b.hi;
	return dd_fast_two_sum(q, r);
}

/* sqrt(a) for a > 0: one Newton step from the double root. */
static inline dd_t dd_sqrt(dd_t a)
{
	double s = __builtin_sqrt(a.hi);
	dd_t sq = dd_two_prod(s, s);
	double r = ((a.hi - sq.hi) - sq.lo + a.lo) / (2 * s);
	return dd_fast_two_sum(s, r);
}

/* Horner's rule; c lowest degree first. */
static inline double poly_eval(const double *c, int n, double x)
{
	double p = c[n - 1];
	for (int i = n - 2; i >= 0; i--)
		p = p * x + c[i];
	return p;
}

/* --- errors ------------------------------------------------------------ */

double __libm_invalid(double x);	/* EDOM, NaN (from x if x is NaN) */
double __libm_divzero(int negative);	/* ERANGE, +-inf */
double __libm_overflow(int negative);	/* ERANGE, +-inf, overflow raised */
double __libm_underflow(int negative);	/* ERANGE, +-0, underflow raised */
/* Sets ERANGE if r is an infinity or zero that came from finite or
 * non-zero exact results; returns r. */
double __libm_check(double r);
float __libm_checkf(double r);	/* (float)r, with ERANGE as above */
long double __libm_checkl(long double r);

/* --- kernels ----------------------------------------------------------- */

extern const double __libm_exp_tab[256];
extern const double __libm_log_tab[384];
extern const uint64_t __libm_two_over_pi[24];

/*
 * exp(x.hi + x.lo) = 2^k * (r.hi + r.lo) with r in [0.7, 1.5), for
 * |x.hi| < 1100; relative error below 2^-62 before rounding.
 */
dd_t __libm_exp_dd(dd_t x, int *k);
/* 2^k * (r.hi + r.lo) rounded once to a double, with ERANGE on
 * overflow and underflow to zero. */
double __libm_exp_scale(dd_t r, int k, int negative);
/* log(x) for finite x > 0 (subnormals included); error below 2^-68
 * relative to the result. */
dd_t __libm_log_dd(double x);
/* log(x.hi + x.lo) for x.hi > 0. */
dd_t __libm_log_dd2(dd_t x);
/* log1p(a.hi + a.lo) for a.hi > -1, accurate relative to the result. */
dd_t __libm_log1p_dd(dd_t a);
/* expm1(x) as a double-double, for |x| <= 40. */
dd_t __libm_expm1_dd(double x);

/* x = k*pi/2 + r, |r| <= pi/4 (a little more); returns k mod 4 (any
 * multiple of 4 when x is small). */
int __libm_rem_pio2(double x, dd_t *r);
/* sin and cos of r, |r.hi| <= 0.79, to about 2^-60 relative. */
dd_t __libm_sin_dd(dd_t r);
dd_t __libm_cos_dd(dd_t r);
/* sin(pi * x) as a double-double, for finite x. */
dd_t __libm_sinpi_dd(double x);
/* log gamma(x.hi + x.lo) as a double-double for x.hi >= 16 (Stirling). */
dd_t __libm_lgamma_stirling(dd_t x);

/* rounding mode helpers (fenv.c) */
int __libm_round_mode(void);
