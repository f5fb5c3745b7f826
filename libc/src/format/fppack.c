// SPDX-License-Identifier: MIT
/*
 * Rounding an exact binary value into a format, and moving values between
 * fp_value_t and the machine's float, double and 80-bit long double bit
 * layouts.
 *
 * Rounding is to nearest, ties to even. Underflow follows x86: a result is
 * tiny when, rounded to p bits with an unbounded exponent, it is still
 * below the smallest normal ("tininess after rounding"), and ERANGE is
 * reported only for a tiny result that is also inexact, as glibc does.
 */
#include "fpconv.h"

const fp_format_t fp_format_float = { 24, -126, 127 };
const fp_format_t fp_format_double = { 53, -1022, 1023 };
const fp_format_t fp_format_ldouble = { 64, -16382, 16383 };

/* The top n bits (0 <= n <= 64) of the 128-bit hi:lo, the next bit, and
 * whether any bit after that is set. */
static uint64_t fp_take_bits(uint64_t hi, uint64_t lo, int n, bool *round, bool *rest)
{
	uint64_t m;

	if (n == 0) {
		m = 0;
		*round = hi >> 63;
		*rest = (hi << 1) != 0 || lo != 0;
	} else if (n < 64) {
		m = hi >> (64 - n);
		*round = (hi >> (63 - n)) & 1;
		*rest = (n < 63 && (hi << (n + 1)) != 0) || lo != 0;
	} else {
		m = hi;
		*round = lo >> 63;
		*rest = (lo << 1) != 0;
	}
	return m;
}

/* Tininess after rounding: is k == min_exp - 1 and does rounding to p bits
 * carry up to 2^min_exp? */
static bool fp_is_tiny(uint64_t hi, uint64_t lo, int k, const fp_format_t *fmt)
{
	if (k >= fmt->min_exp)
		return false;
	if (k < fmt->min_exp - 1)
		return true;
	bool round, rest;
	uint64_t m = fp_take_bits(hi, lo, fmt->mant_bits, &round, &rest);
	uint64_t ones = fmt->mant_bits == 64 ? ~0ULL : (1ULL << fmt->mant_bits) - 1;
	(void)rest; /* m is all ones, so odd: the round bit alone decides */
	return !(m == ones && round);
}

static void fp_set_inf(fp_value_t *out)
{
	out->kind = FP_KIND_INF;
	out->mant = 0;
	out->exp = 0;
	out->erange = true;
}

void fp_round(uint64_t hi, uint64_t lo, bool sticky, int k, const fp_format_t *fmt,
	      fp_value_t *out)
{
	int p = fmt->mant_bits;

	if (k > fmt->max_exp) {
		fp_set_inf(out);
		return;
	}
	int n = k >= fmt->min_exp ? p : p - (fmt->min_exp - k);
	bool tiny = fp_is_tiny(hi, lo, k, fmt);
	if (n < 0) {
		/* Below half the smallest subnormal: rounds to zero. */
		out->kind = FP_KIND_ZERO;
		out->mant = 0;
		out->exp = 0;
		out->erange = true;
		return;
	}
	bool round, rest;
	uint64_t m = fp_take_bits(hi, lo, n, &round, &rest);
	rest = rest || sticky;
	int exp = k - n + 1;
	if (round && (rest || (m & 1))) {
		m++;
		if (n == 64 ? m == 0 : m >> n != 0) {
			/* Carried out of n bits: 1000...0, one bit longer. */
			if (n == p) {
				m = 1ULL << (p - 1);
				exp++;
				if (k + 1 > fmt->max_exp) {
					fp_set_inf(out);
					return;
				}
			}
		}
	}
	out->kind = m == 0 ? FP_KIND_ZERO : FP_KIND_FINITE;
	out->mant = m;
	out->exp = m == 0 ? 0 : exp;
	out->erange = tiny && (round || rest);
}

typedef union {
	double d;
	uint64_t bits;
} fp_double_bits_t;

typedef union {
	long double ld;
	struct {
		uint64_t mant;
		uint16_t sign_exp;
	} parts;
} fp_ldouble_bits_t;

typedef union {
	float f;
	uint32_t bits;
} fp_float_bits_t;

/* The IEEE bits (without sign) of v in a format with an implicit leading
 * bit, `frac` fraction bits and exponent bias `bias`. */
static uint64_t fp_pack_ieee(const fp_value_t *v, int frac, int bias, uint64_t nan_quiet)
{
	uint64_t exp_all = (uint64_t)(2 * bias + 1);
	uint64_t frac_mask = (1ULL << frac) - 1;

	switch (v->kind) {
	case FP_KIND_ZERO:
		return 0;
	case FP_KIND_INF:
		return exp_all << frac;
	case FP_KIND_NAN:
		return exp_all << frac | nan_quiet | (v->mant & frac_mask);
	default:
		break;
	}
	if (v->mant >> frac == 0) /* subnormal */
		return v->mant;
	uint64_t biased = (uint64_t)(v->exp + frac + bias);
	return biased << frac | (v->mant & frac_mask);
}

float fp_pack_float(const fp_value_t *v)
{
	fp_float_bits_t u;

	u.bits = (uint32_t)fp_pack_ieee(v, 23, 127, 1ULL << 22) | (uint32_t)v->neg << 31;
	return u.f;
}

double fp_pack_double(const fp_value_t *v)
{
	fp_double_bits_t u;

	u.bits = fp_pack_ieee(v, 52, 1023, 1ULL << 51) | (uint64_t)v->neg << 63;
	return u.d;
}

long double fp_pack_ldouble(const fp_value_t *v)
{
	fp_ldouble_bits_t u = { 0 };
	uint16_t sign = (uint16_t)(v->neg ? 0x8000 : 0);

	switch (v->kind) {
	case FP_KIND_ZERO:
		u.parts.mant = 0;
		u.parts.sign_exp = sign;
		break;
	case FP_KIND_INF:
		u.parts.mant = 1ULL << 63;
		u.parts.sign_exp = sign | 0x7fff;
		break;
	case FP_KIND_NAN:
		u.parts.mant = 3ULL << 62 | (v->mant & ((1ULL << 62) - 1));
		u.parts.sign_exp = sign | 0x7fff;
		break;
	default:
		u.parts.mant = v->mant;
		/* Subnormals have biased exponent 0 and no integer bit. */
		u.parts.sign_exp = sign | (uint16_t)(v->mant >> 63 ? v->exp + 63 + 16383 : 0);
		break;
	}
	return u.ld;
}

void fp_unpack_double(double d, fp_value_t *out)
{
	fp_double_bits_t u = { .d = d };
	int biased = (int)(u.bits >> 52 & 0x7ff);
	uint64_t frac = u.bits & ((1ULL << 52) - 1);

	out->neg = u.bits >> 63;
	out->erange = false;
	out->nomem = false;
	out->mant = frac;
	out->exp = 0;
	if (biased == 0x7ff) {
		out->kind = frac ? FP_KIND_NAN : FP_KIND_INF;
	} else if (biased == 0) {
		out->kind = frac ? FP_KIND_FINITE : FP_KIND_ZERO;
		out->exp = 1 - 1023 - 52;
	} else {
		out->kind = FP_KIND_FINITE;
		out->mant = frac | 1ULL << 52;
		out->exp = biased - 1023 - 52;
	}
}

void fp_unpack_ldouble(long double d, fp_value_t *out)
{
	fp_ldouble_bits_t u;

	u.ld = d;
	int biased = u.parts.sign_exp & 0x7fff;
	uint64_t mant = u.parts.mant;

	out->neg = u.parts.sign_exp >> 15;
	out->erange = false;
	out->nomem = false;
	out->mant = mant;
	out->exp = (biased == 0 ? 1 : biased) - 16383 - 63;
	if (biased == 0x7fff)
		/* Pseudo-infinities/NaNs without the integer bit print as NaN. */
		out->kind = (mant << 1) == 0 && (mant >> 63) ? FP_KIND_INF : FP_KIND_NAN;
	else if (biased != 0 && !(mant >> 63))
		out->kind = FP_KIND_NAN; /* an "unnormal": the FPU rejects it too */
	else if (mant == 0)
		out->kind = FP_KIND_ZERO;
	else
		out->kind = FP_KIND_FINITE;
}
