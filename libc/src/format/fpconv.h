// SPDX-License-Identifier: MIT
/*
 * Binary floating-point values in a format-neutral form, shared by the
 * parser (strtod, scanf) and the printer (printf).
 *
 * A target format is its precision and exponent range; a value is a kind
 * plus, for finite numbers, an integer mantissa and a power of two. The
 * parser rounds an exact intermediate into a fp_value_t for the requested
 * format and only then packs it into a float, double or long double, so
 * one rounding routine serves all three. Long double is the x87 80-bit
 * extended format (explicit integer bit), as on every x86_64 System V
 * target.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef struct fp_format {
	int mant_bits; /* p, counting the leading bit */
	int min_exp;   /* normal values are >= 2^min_exp */
	int max_exp;   /* finite values are < 2^(max_exp + 1) */
} fp_format_t;

extern const fp_format_t fp_format_float, fp_format_double, fp_format_ldouble;

typedef enum fp_kind { FP_KIND_ZERO, FP_KIND_FINITE, FP_KIND_INF, FP_KIND_NAN } fp_kind_t;

typedef struct fp_value {
	fp_kind_t kind;
	bool neg;
	bool erange;	  /* overflowed, or underflowed (tiny and inexact) */
	int exp;	  /* finite: value = mant * 2^exp */
	uint64_t mant;	  /* finite: < 2^p; NaN: payload */
	bool nomem;	  /* parse needed memory it could not get */
} fp_value_t;

/*
 * Parses the longest initial part of s that is a strtod subject sequence
 * (no leading white space: the caller skips it) and rounds it to nearest,
 * ties to even, in format fmt. Returns a pointer just past the subject, or
 * s itself when there is none (then *out is a positive zero).
 */
const char *fp_parse(const char *s, const fp_format_t *fmt, fp_value_t *out);

/* Rounds the exact value (hi:lo + sticky) * 2^(k - 127), hi's top bit
 * set, into fmt; sets out->kind, mant, exp and erange. */
void fp_round(uint64_t hi, uint64_t lo, bool sticky, int k, const fp_format_t *fmt,
	      fp_value_t *out);

/* Packing into and unpacking from the machine types. Unpack gives mant and
 * exp with mant's top bit where the format keeps it (no normalization). */
float fp_pack_float(const fp_value_t *v);
double fp_pack_double(const fp_value_t *v);
long double fp_pack_ldouble(const fp_value_t *v);
void fp_unpack_double(double d, fp_value_t *out);
void fp_unpack_ldouble(long double d, fp_value_t *out);
