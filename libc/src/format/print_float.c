// SPDX-License-Identifier: MIT
/*
 * printf's floating-point conversions: %e %f %g (and capitals) from the
 * exact, correctly rounded digits of fpdecimal.c, %a from the bits, and
 * "inf"/"nan" for the rest.
 *
 * The digits come as a string d0 d1 ... (zeros past its end) and a decimal
 * exponent, so every style is a walk over decimal positions: %f prints the
 * positions from the integer part's top down to 10^-prec, %e the first
 * prec+1 positions. Long runs of zeros are emitted, never stored.
 *
 * %a follows glibc: a double prints as 1.hhh...p+e (0.hhh...p-1022 when
 * subnormal); a long double's leading hex digit is the top four bits of
 * its 64-bit mantissa (1.0L is 0x8p-3). Rounding to a precision is half to
 * even on the last kept digit; a carry out of the leading digit makes a
 * double's "0x2.0p+0" and a long double's "0x1.0p+4", as glibc prints.
 */
#include "fpconv.h"
#include "fpdecimal.h"
#include "print.h"

#include <errno.h>
#include <string.h>

typedef struct print_fp_style {
	bool exp_style;	 /* d.ddde+XX rather than ddd.ddd */
	long prec;	 /* digits after the point */
	bool point;	 /* print the decimal point */
	long exp10;	 /* exponent of the first digit */
} print_fp_style_t;

/* Emits the digits of dec at decimal positions q, q - 1, ... (count of
 * them); positions outside the digit string are zeros. */
static void print_fp_digits(print_out_t *out, const fp_decimal_t *dec, long q, size_t count)
{
	while (count > 0 && !out->failed) {
		long idx = dec->exp10 - q;
		size_t run;
		if (idx < 0) {
			run = (size_t)-idx < count ? (size_t)-idx : count;
			print_repeat(out, '0', run);
		} else if ((size_t)idx >= dec->ndigits) {
			run = count;
			print_repeat(out, '0', run);
		} else {
			run = dec->ndigits - (size_t)idx < count ? dec->ndigits - (size_t)idx : count;
			print_bytes(out, dec->digits + idx, run);
		}
		count -= run;
		q -= (long)run;
	}
	if (out->failed) /* count what could not be written */
		print_repeat(out, '0', count);
}

/* "e+05", "E-123": at least two exponent digits. */
static size_t print_fp_exponent(char *buf, char e, long x)
{
	char tmp[24];
	size_t n = 0, k = 0;
	unsigned long u = x < 0 ? 0UL - (unsigned long)x : (unsigned long)x;

	buf[n++] = e;
	buf[n++] = x < 0 ? '-' : '+';
	do {
		tmp[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (k < 2 && e != 'p' && e != 'P')
		tmp[k++] = '0';
	while (k > 0)
		buf[n++] = tmp[--k];
	return n;
}

static void print_fp_emit(print_out_t *out, const print_spec_t *spec, const char *sign,
			  const fp_decimal_t *dec, const print_fp_style_t *st)
{
	char expbuf[32];
	size_t explen = 0, intlen;
	bool upper = spec->conv >= 'A' && spec->conv <= 'Z';

	if (st->exp_style) {
		intlen = 1;
		explen = print_fp_exponent(expbuf, upper ? 'E' : 'e', st->exp10);
	} else {
		intlen = st->exp10 >= 0 ? (size_t)st->exp10 + 1 : 1;
	}
	size_t len = intlen + st->point + (size_t)st->prec + explen;
	print_pad_t pad;
	print_pad_begin(out, spec, len, true, sign, strlen(sign), &pad);
	long q = st->exp_style || st->exp10 >= 0 ? st->exp10 : 0;
	print_fp_digits(out, dec, q, intlen);
	if (st->point)
		print_bytes(out, ".", 1);
	print_fp_digits(out, dec, q - (long)intlen, (size_t)st->prec);
	print_bytes(out, expbuf, explen);
	print_pad_end(out, &pad);
}

/* Significant digits left once trailing zeros are dropped (%g). */
static size_t print_fp_significant(const fp_decimal_t *dec)
{
	size_t n = dec->ndigits;

	while (n > 0 && dec->digits[n - 1] == '0')
		n--;
	return n;
}

/* Chooses %g's style from the rounded digits, as C17 7.21.6.1 says. */
static void print_fp_style_g(const print_spec_t *spec, long p, const fp_decimal_t *dec,
			     print_fp_style_t *st)
{
	bool hash = spec->flags & PRINT_HASH;
	long x = dec->ndigits ? dec->exp10 : 0;
	long nsig = hash ? p : (long)print_fp_significant(dec);

	st->exp10 = x;
	if (p > x && x >= -4) {
		st->exp_style = false;
		st->prec = hash ? p - 1 - x : (nsig - 1 - x > 0 ? nsig - 1 - x : 0);
	} else {
		st->exp_style = true;
		st->prec = nsig > 1 ? nsig - 1 : 0;
	}
}

static int print_fp_decimal(print_out_t *out, const print_spec_t *spec, const char *sign,
			    const fp_value_t *v)
{
	char c = spec->conv | 0x20;
	long prec = spec->prec < 0 ? 6 : spec->prec;
	fp_decimal_t dec = { .digits = NULL, .ndigits = 0, .exp10 = 0, .heap = NULL };
	fp_decimal_mode_t mode = c == 'f' ? FP_DECIMAL_FIXED : FP_DECIMAL_SIGNIFICANT;
	long n = c == 'f' ? prec : c == 'e' ? prec + 1 : (prec == 0 ? 1 : prec);

	dec.digits = dec.local;
	if (v->kind == FP_KIND_FINITE && !fp_decimal_convert(v->mant, v->exp, mode, n, &dec))
		return ENOMEM;
	if (dec.ndigits == 0)
		dec.exp10 = 0;
	print_fp_style_t st = { .exp_style = c == 'e', .prec = prec, .exp10 = dec.exp10 };
	if (c == 'g')
		print_fp_style_g(spec, n, &dec, &st);
	st.point = st.prec > 0 || (spec->flags & PRINT_HASH);
	print_fp_emit(out, spec, sign, &dec, &st);
	fp_decimal_free(&dec);
	return 0;
}

/* %a: lead.frac (nfrac hex digits) times 2^pexp. */
static void print_fp_hex(print_out_t *out, const print_spec_t *spec, const char *sign,
			 const fp_value_t *v, bool ldbl)
{
	int nfrac = ldbl ? 15 : 13;
	uint64_t mant = v->kind == FP_KIND_FINITE ? v->mant : 0;
	uint64_t lead = mant >> (4 * nfrac);
	uint64_t frac = mant & ((1ULL << (4 * nfrac)) - 1);
	long pexp = v->kind == FP_KIND_FINITE ? v->exp + 4 * nfrac : 0;
	long prec = spec->prec;

	if (prec < 0) {
		prec = nfrac;
		while (prec > 0 && (frac & 0xf) == 0 && frac != 0) {
			frac >>= 4;
			prec--;
		}
		if (frac == 0)
			prec = 0;
	} else if (prec < nfrac) {
		int drop = 4 * (nfrac - (int)prec);
		uint64_t rem = frac & ((1ULL << drop) - 1), half = 1ULL << (drop - 1);
		frac >>= drop;
		uint64_t last = prec == 0 ? lead : frac;
		if (rem > half || (rem == half && (last & 1))) {
			if (++frac >> (4 * prec) != 0) {
				frac = 0;
				lead++;
			}
		}
		if (lead == 16) { /* long double only: renormalize */
			lead = 1;
			pexp += 4;
		}
	}
	/* frac now holds min(prec, nfrac) digits; more are zeros. */
	long have = prec < nfrac ? prec : nfrac;
	bool upper = spec->conv == 'A';
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char body[40];
	size_t n = 0;
	body[n++] = hex[lead];
	if (prec > 0 || (spec->flags & PRINT_HASH))
		body[n++] = '.';
	for (long i = have - 1; i >= 0; i--)
		body[n++] = hex[(frac >> (4 * i)) & 0xf];
	char expbuf[24];
	size_t explen = print_fp_exponent(expbuf, upper ? 'P' : 'p', pexp);
	char prefix[4];
	size_t plen = strlen(sign);
	memcpy(prefix, sign, plen);
	prefix[plen++] = '0';
	prefix[plen++] = upper ? 'X' : 'x';
	print_pad_t pad;
	print_pad_begin(out, spec, n + (size_t)(prec - have) + explen, true, prefix, plen, &pad);
	print_bytes(out, body, n);
	print_repeat(out, '0', (size_t)(prec - have));
	print_bytes(out, expbuf, explen);
	print_pad_end(out, &pad);
}

int print_float(print_out_t *out, const print_spec_t *spec, const print_arg_t *arg)
{
	bool ldbl = spec->len == PRINT_LEN_BIG_L;
	bool upper = spec->conv >= 'A' && spec->conv <= 'Z';
	fp_value_t v;

	if (ldbl)
		fp_unpack_ldouble(arg->ld, &v);
	else
		fp_unpack_double(arg->d, &v);
	const char *sign = v.neg ? "-" : (spec->flags & PRINT_PLUS) ? "+" : (spec->flags & PRINT_SPACE) ? " " : "";
	if (v.kind == FP_KIND_INF || v.kind == FP_KIND_NAN) {
		const char *word = v.kind == FP_KIND_INF ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
		print_pad_t pad;
		print_pad_begin(out, spec, 3, false, sign, strlen(sign), &pad);
		print_bytes(out, word, 3);
		print_pad_end(out, &pad);
		return 0;
	}
	if ((spec->conv | 0x20) == 'a') {
		print_fp_hex(out, spec, sign, &v, ldbl);
		return 0;
	}
	return print_fp_decimal(out, spec, sign, &v);
}
