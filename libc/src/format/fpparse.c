// SPDX-License-Identifier: MIT
/*
 * The strtod core: a subject sequence (decimal, hexadecimal, infinity or
 * NaN) to a correctly rounded binary value.
 *
 * Decimal input is converted exactly. The significant digits become a big
 * integer D and the value is D * 10^E; its leading 66 bits and whether
 * anything is left over (the sticky bit) are found with big-integer
 * arithmetic: directly from D * 10^E when E >= 0, and by long division of
 * D by 10^-E, one quotient bit at a time, when E < 0. fp_round then rounds
 * those bits to the format. Digits past the first fmt_max_digits(fmt)
 * significant ones cannot change the result except through whether they
 * are all zero: every halfway point between two adjacent values of the
 * format has fewer significant digits than that (the longest belongs to
 * the smallest subnormals: for long double about 11,500 digits), so
 * they are replaced by one sticky digit '1'. Values too large or too
 * small for the format are settled from the digit count alone, so huge
 * exponents cost nothing. The storage is sized from the input: "1.5"
 * needs a few words on the stack; only long-double extremes reach for
 * malloc.
 *
 * Short decimal inputs for doubles take Clinger's fast path instead.
 * Hexadecimal input is exact already: its first 128 significant bits and a
 * sticky bit go straight to fp_round.
 */
#include "bigint.h"
#include "fpconv.h"

#include <stdlib.h>

#define FP_EXP_CLAMP 100000000 /* exponents beyond this are all the same */

static bool fp_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int fp_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char fp_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does s start with word (lowercase), ignoring case? */
static bool fp_match_word(const char *s, const char *word)
{
	for (; *word; s++, word++) {
		if (fp_lower(*s) != *word)
			return false;
	}
	return true;
}

/* floor(x * log10(2)) for |x| < 2^20, within one. */
static long fp_log10_pow2(long x)
{
	return x * 78913 / 262144 - (x < 0);
}

static int fp_max_digits(const fp_format_t *fmt)
{
	long frac_digits = fmt->mant_bits - fmt->min_exp;
	return (int)(frac_digits - fp_log10_pow2(-fmt->min_exp) + 40);
}

/* Parses an exponent ("e-12", "p+3") at s; returns the end, or s when
 * there are no digits (the letter is then not part of the subject). */
static const char *fp_parse_exponent(const char *s, long *exp)
{
	const char *p = s + 1;
	bool neg = false;
	long v = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!fp_is_digit(*p))
		return s;
	for (; fp_is_digit(*p); p++) {
		if (v < FP_EXP_CLAMP)
			v = v * 10 + (*p - '0');
	}
	*exp = neg ? -v : v;
	return p;
}

/* The digits of a decimal subject, found in a first pass. */
typedef struct fp_digits {
	const char *first;  /* first significant (non-zero) digit, or NULL */
	const char *end;    /* just past the last digit */
	long count;	    /* significant digits from `first` on */
	long point_exp;	    /* value = 0.<digits> * 10^point_exp */
} fp_digits_t;

static const char *fp_scan_decimal(const char *s, fp_digits_t *dg)
{
	const char *p = s;
	long int_digits = 0, lead_zeros = 0;
	bool seen_point = false, any = false;

	dg->first = NULL;
	dg->count = 0;
	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (!fp_is_digit(*p))
			break;
		any = true;
		if (!seen_point && int_digits < FP_EXP_CLAMP)
			int_digits++;
		if (dg->first == NULL && *p == '0') {
			if (lead_zeros < FP_EXP_CLAMP)
				lead_zeros++;
			continue;
		}
		if (dg->first == NULL)
			dg->first = p;
		dg->count++;
	}
	if (!any)
		return s;
	dg->end = p;
	dg->point_exp = int_digits - lead_zeros;
	long e = 0;
	if (*p == 'e' || *p == 'E') {
		p = fp_parse_exponent(p, &e);
	}
	dg->point_exp += e;
	return p;
}

/* Builds D from the first `keep` significant digits (plus a sticky '1'
 * when a dropped digit is non-zero); returns the number of digits in D. */
static long fp_build_digits(const fp_digits_t *dg, long keep, bigint_t *d)
{
	const char *p = dg->first;
	long taken = 0;
	uint32_t chunk = 0, scale = 1;

	bigint_set_u64(d, 0);
	for (; taken < keep; p++) {
		if (*p == '.')
			continue;
		chunk = chunk * 10 + (uint32_t)(*p - '0');
		scale *= 10;
		taken++;
		if (scale == 1000000000) {
			bigint_mul_add_small(d, scale, chunk);
			chunk = 0;
			scale = 1;
		}
	}
	bigint_mul_add_small(d, scale, chunk);
	if (keep == dg->count)
		return taken;
	for (; p < dg->end; p++) {
		if (*p != '.' && *p != '0') {
			bigint_mul_add_small(d, 10, 1);
			return taken + 1;
		}
	}
	return taken;
}

/* value = n / den exactly, den > 0: the leading bits and exponent. */
static void fp_divide(bigint_t *n, bigint_t *den, const fp_format_t *fmt, fp_value_t *out)
{
	long shift = (long)bigint_bitlen(n) - (long)bigint_bitlen(den);

	if (shift >= 0)
		bigint_shl(den, (size_t)shift);
	else
		bigint_shl(n, (size_t)-shift);
	if (bigint_cmp(n, den) < 0) {
		bigint_shl(n, 1);
		shift--;
	}
	/* Now den <= n < 2 * den: produce quotient bits. */
	uint64_t hi = 0, lo = 0;
	for (int i = 0; i < 128; i++) {
		uint64_t bit = 0;
		if (bigint_cmp(n, den) >= 0) {
			bigint_sub(n, den);
			bit = 1;
		}
		if (i < 64)
			hi |= bit << (63 - i);
		else
			lo |= bit << (127 - i);
		/* 70 bits are enough for any format; the rest is sticky. */
		if (i >= 70 || bigint_is_zero(n))
			break;
		bigint_shl(n, 1);
	}
	fp_round(hi, lo, !bigint_is_zero(n), (int)shift, fmt, out);
}

static void fp_from_integer(const bigint_t *n, const fp_format_t *fmt, fp_value_t *out)
{
	size_t bits = bigint_bitlen(n);
	uint64_t hi, lo;
	bool sticky;

	if (bits >= 128) {
		hi = bigint_bits_at(n, bits - 64);
		lo = bigint_bits_at(n, bits - 128);
		sticky = bigint_any_below(n, bits - 128);
	} else {
		/* Left-align the whole number in hi:lo. */
		uint64_t h = bigint_bits_at(n, 64), l = bigint_bits_at(n, 0);
		unsigned sh = (unsigned)(128 - bits);
		hi = sh >= 64 ? l << (sh - 64) : (h << sh) | (sh ? l >> (64 - sh) : 0);
		lo = sh >= 64 ? 0 : l << sh;
		sticky = false;
	}
	fp_round(hi, lo, sticky, (int)bits - 1, fmt, out);
}

/*
 * Clinger's fast path for doubles: with at most 15 digits D is exact in a
 * double, and so is 10^k for k <= 22, so one IEEE multiply or divide
 * (correctly rounded by the hardware) gives the correctly rounded result.
 * Results here are never subnormal or overflowing.
 */
static bool fp_fast_path(const fp_digits_t *dg, const fp_format_t *fmt, fp_value_t *out)
{
	static const double pow10[23] = { 1e0,	1e1,  1e2,  1e3,  1e4,	1e5,  1e6,  1e7,
					  1e8,	1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
					  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	long e10 = dg->point_exp - dg->count;

	if (fmt != &fp_format_double || dg->count > 15 || e10 < -22 || e10 > 22)
		return false;
	uint64_t d = 0;
	for (const char *p = dg->first; p < dg->end; p++) {
		if (*p != '.')
			d = d * 10 + (uint64_t)(*p - '0');
	}
	double v = (double)d;
	v = e10 < 0 ? v / pow10[-e10] : v * pow10[e10];
	bool neg = out->neg;
	fp_unpack_double(v, out);
	out->neg = neg;
	return true;
}

static void fp_convert_decimal(const fp_digits_t *dg, const fp_format_t *fmt, fp_value_t *out)
{
	if (fp_fast_path(dg, fmt, out))
		return;
	long keep = dg->count < fp_max_digits(fmt) ? dg->count : fp_max_digits(fmt);
	long nd = keep + (keep < dg->count); /* digits in D, at most */

	/* 10^(point_exp - 1) <= value < 10^point_exp */
	if (dg->point_exp - 1 > fp_log10_pow2(fmt->max_exp + 1) + 1) {
		out->kind = FP_KIND_INF;
		out->erange = true;
		return;
	}
	if (dg->point_exp < fp_log10_pow2(fmt->min_exp - fmt->mant_bits) - 1) {
		out->kind = FP_KIND_ZERO;
		out->erange = true;
		return;
	}
	long e10 = dg->point_exp - nd; /* value ~ D * 10^e10 */
	size_t bits_d = (size_t)nd * 10 / 3 + 8;
	size_t bits_f = (size_t)(e10 < 0 ? -e10 : e10) * 10 / 3 + 8;
	size_t cap = BIGINT_LIMBS((e10 >= 0 ? bits_d + bits_f : (bits_d > bits_f ? bits_d : bits_f)) + 64);
	uint32_t local[256];
	uint32_t *mem = 2 * cap <= 256 ? local : malloc(2 * cap * sizeof(uint32_t));
	if (mem == NULL) {
		out->nomem = true;
		return;
	}
	bigint_t d, den;
	bigint_init(&d, mem, cap);
	bigint_init(&den, mem + cap, cap);
	long got = fp_build_digits(dg, keep, &d);
	e10 = dg->point_exp - got;
	if (e10 >= 0) {
		bigint_mul_pow10(&d, (unsigned)e10);
		fp_from_integer(&d, fmt, out);
	} else {
		bigint_set_u64(&den, 1);
		bigint_mul_pow10(&den, (unsigned)-e10);
		fp_divide(&d, &den, fmt, out);
	}
	if (d.overflow || den.overflow)
		out->nomem = true; /* a bound above is wrong: never expected */
	if (mem != local)
		free(mem);
}

static const char *fp_parse_hex(const char *s, const fp_format_t *fmt, fp_value_t *out)
{
	const char *p = s;
	uint64_t hi = 0, lo = 0;
	bool sticky = false, seen_point = false, any = false;
	int nbits = 0;	 /* significant bits held in hi:lo */
	long exp2 = 0;	 /* value = hi:lo * 2^(exp2 + the "p" exponent) */

	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		int v = fp_hex_value(*p);
		if (v < 0)
			break;
		any = true;
		if (nbits > 124) {
			/* A dropped digit: a fraction digit changes nothing, an
			 * integer digit scales what was kept. */
			sticky |= v != 0;
			if (!seen_point && exp2 < FP_EXP_CLAMP)
				exp2 += 4;
			continue;
		}
		if (seen_point && exp2 > -FP_EXP_CLAMP)
			exp2 -= 4;
		if (nbits == 0 && v == 0)
			continue;
		hi = hi << 4 | lo >> 60;
		lo = lo << 4 | (uint64_t)v;
		nbits += nbits == 0 ? 32 - __builtin_clz((unsigned)v) : 4;
	}
	if (!any)
		return NULL;
	long e = 0;
	if (*p == 'p' || *p == 'P')
		p = fp_parse_exponent(p, &e);
	if (nbits == 0) {
		out->kind = FP_KIND_ZERO;
		return p;
	}
	/* The integer hi:lo (nbits bits) times 2^(exp2 + e): left-align it. */
	int sh = 128 - nbits;
	if (sh >= 64) {
		hi = lo << (sh - 64);
		lo = 0;
	} else if (sh > 0) {
		hi = hi << sh | lo >> (64 - sh);
		lo <<= sh;
	}
	long k = nbits - 1 + exp2 + e;
	if (k > FP_EXP_CLAMP)
		k = FP_EXP_CLAMP;
	if (k < -FP_EXP_CLAMP)
		k = -FP_EXP_CLAMP;
	fp_round(hi, lo, sticky, (int)k, fmt, out);
	return p;
}

/* "nan" has been matched at s: an optional "(n-char-sequence)" follows,
 * whose number, if it is one, becomes the payload. */
static const char *fp_parse_nan(const char *s, fp_value_t *out)
{
	const char *p = s + 3;

	out->kind = FP_KIND_NAN;
	out->mant = 0;
	if (*p != '(')
		return p;
	const char *q = p + 1;
	while (fp_is_digit(*q) || (fp_lower(*q) >= 'a' && fp_lower(*q) <= 'z') || *q == '_')
		q++;
	if (*q != ')')
		return p;
	char *num_end;
	unsigned long long payload = strtoull(p + 1, &num_end, 0);
	if (num_end == q)
		out->mant = payload;
	return q + 1;
}

const char *fp_parse(const char *s, const fp_format_t *fmt, fp_value_t *out)
{
	const char *p = s;

	*out = (fp_value_t){ .kind = FP_KIND_ZERO };
	if (*p == '+' || *p == '-')
		out->neg = *p++ == '-';
	if (fp_match_word(p, "inf")) {
		out->kind = FP_KIND_INF;
		return p + (fp_match_word(p, "infinity") ? 8 : 3);
	}
	if (fp_match_word(p, "nan"))
		return fp_parse_nan(p, out);
	if (p[0] == '0' && fp_lower(p[1]) == 'x') {
		const char *end = fp_parse_hex(p + 2, fmt, out);
		if (end != NULL)
			return end;
		return p + 1; /* just the "0" */
	}
	fp_digits_t dg;
	const char *end = fp_scan_decimal(p, &dg);
	if (end == p) {
		out->neg = false;
		return s;
	}
	if (dg.first != NULL) {
		out->kind = FP_KIND_FINITE;
		fp_convert_decimal(&dg, fmt, out);
	}
	return end;
}
