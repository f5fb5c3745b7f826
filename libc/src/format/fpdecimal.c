// SPDX-License-Identifier: MIT
/*
 * Exact binary-to-decimal conversion for printf's %e, %f and %g.
 *
 * A finite value mant * 2^exp has a finite decimal expansion. Its integer
 * part is a big integer, turned into base-10^9 chunks by repeated division;
 * its fraction f / 2^s yields nine more digits each time it is multiplied
 * by 10^9 (the digits are the bits that spill above 2^s). A digit stream
 * reads the integer chunks and then the fraction, most significant digit
 * first, and knows when only zeros remain. The converter skips the leading
 * zeros (which fixes the decimal exponent), keeps as many digits as the
 * mode asks for, looks at the next digit and whether anything non-zero
 * follows, and rounds half to even. Digits past the end of the exact
 * expansion are never generated: "%.5000f" of 0.5 produces one digit.
 *
 * Storage is sized from the value's exponent: a double needs at most
 * about two KiB of stack (fp_decimal_t holds a double's longest expansion);
 * long doubles with large exponents use malloc.
 */
#include "fpdecimal.h"

#include "bigint.h"

#include <stdlib.h>

typedef struct fp_digit_stream {
	uint32_t *chunk; /* integer part, base 10^9, least significant first */
	size_t nchunks;	 /* chunks not yet read */
	size_t low_nonzero; /* chunk[i] == 0 for every i < low_nonzero */
	char pend[9];	 /* digits of the chunk being read */
	int npend, pos;
	bigint_t frac; /* fraction numerator; the fraction is frac / 2^scale */
	size_t scale;
} fp_digit_stream_t;

static void fp_stream_load(fp_digit_stream_t *ds, uint32_t v, bool first)
{
	int n = 9;

	for (int i = 8; i >= 0; i--, v /= 10)
		ds->pend[i] = (char)('0' + v % 10);
	ds->pos = 0;
	ds->npend = n;
	if (first) { /* no leading zeros in the top chunk */
		while (ds->pos < 8 && ds->pend[ds->pos] == '0')
			ds->pos++;
	}
}

/* The next digit (0..9) of the expansion. */
static int fp_stream_next(fp_digit_stream_t *ds)
{
	if (ds->pos == ds->npend) {
		if (ds->nchunks > 0) {
			ds->nchunks--;
			fp_stream_load(ds, ds->chunk[ds->nchunks], false);
		} else {
			bigint_mul_add_small(&ds->frac, 1000000000, 0);
			uint64_t top = bigint_split_low(&ds->frac, ds->scale);
			fp_stream_load(ds, (uint32_t)top, false);
		}
	}
	return ds->pend[ds->pos++] - '0';
}

static bool fp_stream_rest_nonzero(const fp_digit_stream_t *ds)
{
	for (int i = ds->pos; i < ds->npend; i++) {
		if (ds->pend[i] != '0')
			return true;
	}
	return ds->nchunks > ds->low_nonzero || !bigint_is_zero(&ds->frac);
}

/* Words of storage the stream needs for an exponent. */
static size_t fp_stream_words(int exp)
{
	size_t int_bits = 64 + (exp > 0 ? (size_t)exp : 0);
	size_t frac_bits = exp < 0 ? (size_t)-exp : 0;

	return BIGINT_LIMBS(int_bits) + 1 + int_bits / 29 + 2 + BIGINT_LIMBS(frac_bits + 32) + 1;
}

/* Sets up the stream for mant * 2^exp in mem (fp_stream_words(exp)
 * words); returns the number of integer digits (0 when the integer part
 * is zero). */
static long fp_stream_init(fp_digit_stream_t *ds, uint64_t mant, int exp, uint32_t *mem)
{
	size_t int_bits = 64 + (exp > 0 ? (size_t)exp : 0);
	size_t frac_bits = exp < 0 ? (size_t)-exp : 0;
	bigint_t n;

	bigint_init(&n, mem, BIGINT_LIMBS(int_bits) + 1);
	mem += n.cap;
	ds->chunk = mem;
	mem += int_bits / 29 + 2;
	bigint_init(&ds->frac, mem, BIGINT_LIMBS(frac_bits + 32) + 1);
	ds->nchunks = 0;
	ds->low_nonzero = 0;
	ds->npend = ds->pos = 0;
	ds->scale = frac_bits;
	bigint_set_u64(&n, mant);
	if (exp >= 0) {
		bigint_shl(&n, (size_t)exp);
	} else {
		bigint_set_u64(&ds->frac, mant);
		bigint_set_u64(&n, bigint_split_low(&ds->frac, frac_bits));
	}
	if (bigint_is_zero(&n))
		return 0;
	while (!bigint_is_zero(&n))
		ds->chunk[ds->nchunks++] = bigint_div_small(&n, 1000000000);
	ds->low_nonzero = 0;
	while (ds->chunk[ds->low_nonzero] == 0)
		ds->low_nonzero++;
	ds->nchunks--;
	fp_stream_load(ds, ds->chunk[ds->nchunks], true);
	return (long)ds->nchunks * 9 + (ds->npend - ds->pos);
}

/* Has everything but zeros been read? */
static bool fp_stream_done(const fp_digit_stream_t *ds)
{
	return !fp_stream_rest_nonzero(ds);
}

/* Adds one unit in the last of the n digits; returns true when it
 * carried out of the first (the digits are then "1000..."). */
static bool fp_decimal_increment(char *d, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		if (d[i] != '9') {
			d[i]++;
			return false;
		}
		d[i] = '0';
	}
	d[0] = '1';
	return true;
}

/* Reads up to keep digits after the first (already in d[0]) and rounds. */
static void fp_decimal_collect(fp_digit_stream_t *ds, fp_decimal_t *out, size_t keep)
{
	char *d = out->digits;
	size_t k = 1;

	for (; k < keep; k++) {
		if (fp_stream_done(ds))
			break;
		d[k] = (char)('0' + fp_stream_next(ds));
	}
	out->ndigits = k;
	if (k < keep || fp_stream_done(ds))
		return;
	int r = fp_stream_next(ds);
	bool sticky = !fp_stream_done(ds);
	if (r > 5 || (r == 5 && (sticky || (d[k - 1] - '0') % 2 == 1))) {
		if (fp_decimal_increment(d, k)) {
			out->ndigits = 1;
			out->exp10++;
		}
	}
}

/* An upper bound on the significant digits of mant * 2^exp. */
static size_t fp_decimal_max_digits(int exp)
{
	if (exp >= 0)
		return (size_t)(64 + exp) * 303 / 1000 + 2;
	return 21 + (size_t)-exp;
}

bool fp_decimal_convert(uint64_t mant, int exp, fp_decimal_mode_t mode, long n,
			fp_decimal_t *out)
{
	uint32_t local_words[192];
	size_t words = fp_stream_words(exp);
	size_t ndig = fp_decimal_max_digits(exp);

	if (mode == FP_DECIMAL_SIGNIFICANT && (size_t)n < ndig)
		ndig = (size_t)n;
	ndig += 2;
	out->heap = NULL;
	uint32_t *mem = local_words;
	out->digits = out->local;
	if (words > sizeof(local_words) / 4 || ndig > sizeof(out->local)) {
		out->heap = malloc(words * 4 + ndig);
		if (out->heap == NULL)
			return false;
		mem = out->heap;
		out->digits = (char *)(mem + words);
	}

	fp_digit_stream_t ds;
	long nint = fp_stream_init(&ds, mant, exp, mem);
	int d;
	out->exp10 = nint > 0 ? nint - 1 : -1;
	while ((d = fp_stream_next(&ds)) == 0)
		out->exp10--;
	long keep = mode == FP_DECIMAL_SIGNIFICANT ? n : out->exp10 + 1 + n;
	if (keep <= 0) {
		/* Rounds to zero or to one unit at 10^-n (half-even: 0 is even). */
		bool up = keep == 0 && (d > 5 || (d == 5 && !fp_stream_done(&ds)));
		out->ndigits = up;
		out->digits[0] = '1';
		out->exp10 = up ? -n : 0;
	} else {
		out->digits[0] = (char)('0' + d);
		fp_decimal_collect(&ds, out, (size_t)keep < ndig - 1 ? (size_t)keep : ndig - 1);
	}
	return true;
}

void fp_decimal_free(fp_decimal_t *dec)
{
	free(dec->heap);
	dec->heap = NULL;
}
