// SPDX-License-Identifier: MIT
/*
 * Exact decimal digits of a binary floating-point value, rounded to nearest
 * with ties to even on the exact binary value (what glibc's printf does).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum fp_decimal_mode {
	FP_DECIMAL_SIGNIFICANT, /* keep n significant digits (n >= 1): %e %g */
	FP_DECIMAL_FIXED,	/* keep digits down to 10^-n (n >= 0): %f */
} fp_decimal_mode_t;

typedef struct fp_decimal {
	char *digits; /* '1'..'9' first; digits past ndigits are zeros */
	size_t ndigits; /* 0: the rounded value is zero */
	long exp10;	/* value = d0.d1d2... * 10^exp10 */
	void *heap;	/* storage to free with fp_decimal_free, or NULL */
	char local[1100]; /* enough for any double's exact expansion */
} fp_decimal_t;

/*
 * Converts mant * 2^exp (mant != 0) and rounds it as mode and n say.
 * Returns false (ENOMEM) only when it needed memory and got none.
 */
bool fp_decimal_convert(uint64_t mant, int exp, fp_decimal_mode_t mode, long n,
			fp_decimal_t *out);
void fp_decimal_free(fp_decimal_t *dec);
