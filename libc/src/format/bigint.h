// SPDX-License-Identifier: MIT
/*
 * Unsigned big integers for exact decimal <-> binary floating-point
 * conversion.
 *
 * A number is little-endian 32-bit limbs in storage the caller provides
 * (usually a stack array sized from the value's exponent, so converting
 * 1.5 touches a few words while LDBL_TRUE_MIN touches a few KiB). Only the
 * operations the conversions need exist: multiply and add small numbers,
 * shifts, comparison, subtraction, division by a small number and keeping
 * the low bits. Limbs are 32 bits so every product fits in a uint64_t.
 * Callers size the storage from proven bounds; an operation that would
 * outgrow it sets `overflow` instead of writing past the end, which the
 * conversions treat as an internal error (it never happens with correct
 * bounds, and tests check for it).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bigint {
	uint32_t *limb;
	size_t len; /* limbs in use; limb[len - 1] != 0 unless len == 0 */
	size_t cap;
	bool overflow;
} bigint_t;

/* Limbs needed for a number of `bits` bits. */
#define BIGINT_LIMBS(bits) (((size_t)(bits) + 31) / 32 + 1)

void bigint_init(bigint_t *b, uint32_t *storage, size_t cap);
void bigint_set_u64(bigint_t *b, uint64_t v);
void bigint_copy(bigint_t *dst, const bigint_t *src);
bool bigint_is_zero(const bigint_t *b);
size_t bigint_bitlen(const bigint_t *b);
/* b = b * m + a */
void bigint_mul_add_small(bigint_t *b, uint32_t m, uint32_t a);
/* b *= 10^n */
void bigint_mul_pow10(bigint_t *b, unsigned n);
void bigint_shl(bigint_t *b, size_t bits);
/* b /= d; returns the remainder. */
uint32_t bigint_div_small(bigint_t *b, uint32_t d);
int bigint_cmp(const bigint_t *a, const bigint_t *b);
/* a -= b; requires a >= b. */
void bigint_sub(bigint_t *a, const bigint_t *b);
/* Keeps the low `bits` bits; returns the number b >> bits (the part
 * dropped), which must fit in 64 bits for the callers' uses. */
uint64_t bigint_split_low(bigint_t *b, size_t bits);
/* Bits [pos, pos + 64) of b as a number (bits past the top are 0). */
uint64_t bigint_bits_at(const bigint_t *b, size_t pos);
/* Any bit below pos set? */
bool bigint_any_below(const bigint_t *b, size_t pos);
