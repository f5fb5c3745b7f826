// SPDX-License-Identifier: MIT
/*
 * Unsigned big integers (see bigint.h). Every operation is the schoolbook
 * one on 32-bit limbs with 64-bit intermediates; the numbers here are at
 * most a few thousand limbs, where nothing cleverer pays for itself.
 */
#include "bigint.h"

static void bigint_trim(bigint_t *b)
{
	while (b->len > 0 && b->limb[b->len - 1] == 0)
		b->len--;
}

void bigint_init(bigint_t *b, uint32_t *storage, size_t cap)
{
	b->limb = storage;
	b->len = 0;
	b->cap = cap;
	b->overflow = false;
}

void bigint_set_u64(bigint_t *b, uint64_t v)
{
	b->len = 0;
	if (v != 0 && b->cap < 2) {
		b->overflow = true;
		return;
	}
	b->limb[0] = (uint32_t)v;
	b->limb[1] = (uint32_t)(v >> 32);
	b->len = v == 0 ? 0 : 2;
	bigint_trim(b);
}

void bigint_copy(bigint_t *dst, const bigint_t *src)
{
	if (src->len > dst->cap) {
		dst->overflow = true;
		dst->len = 0;
		return;
	}
	for (size_t i = 0; i < src->len; i++)
		dst->limb[i] = src->limb[i];
	dst->len = src->len;
}

bool bigint_is_zero(const bigint_t *b)
{
	return b->len == 0;
}

size_t bigint_bitlen(const bigint_t *b)
{
	if (b->len == 0)
		return 0;
	uint32_t top = b->limb[b->len - 1];
	return (b->len - 1) * 32 + 32 - (size_t)__builtin_clz(top);
}

void bigint_mul_add_small(bigint_t *b, uint32_t m, uint32_t a)
{
	uint64_t carry = a;

	for (size_t i = 0; i < b->len; i++) {
		uint64_t t = (uint64_t)b->limb[i] * m + carry;
		b->limb[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry == 0)
		return;
	if (b->len == b->cap) {
		b->overflow = true;
		return;
	}
	b->limb[b->len++] = (uint32_t)carry;
}

void bigint_mul_pow10(bigint_t *b, unsigned n)
{
	static const uint32_t pow10[10] = { 1,	     10,	100,	   1000,      10000,
					    100000, 1000000, 10000000, 100000000, 1000000000 };

	for (; n >= 9; n -= 9)
		bigint_mul_add_small(b, pow10[9], 0);
	if (n > 0)
		bigint_mul_add_small(b, pow10[n], 0);
}

void bigint_shl(bigint_t *b, size_t bits)
{
	if (b->len == 0 || bits == 0)
		return;
	size_t words = bits / 32;
	unsigned sh = bits % 32;
	size_t len = b->len + words + 1;

	if (len > b->cap) {
		b->overflow = true;
		return;
	}
	b->limb[len - 1] = 0;
	for (size_t i = b->len; i-- > 0;) {
		uint64_t v = (uint64_t)b->limb[i] << sh;
		b->limb[i + words + 1] |= (uint32_t)(v >> 32);
		b->limb[i + words] = (uint32_t)v;
	}
	for (size_t i = 0; i < words; i++)
		b->limb[i] = 0;
	b->len = len;
	bigint_trim(b);
}

uint32_t bigint_div_small(bigint_t *b, uint32_t d)
{
	uint64_t rem = 0;

	for (size_t i = b->len; i-- > 0;) {
		uint64_t cur = rem << 32 | b->limb[i];
		b->limb[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	bigint_trim(b);
	return (uint32_t)rem;
}

int bigint_cmp(const bigint_t *a, const bigint_t *b)
{
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	for (size_t i = a->len; i-- > 0;) {
		if (a->limb[i] != b->limb[i])
			return a->limb[i] < b->limb[i] ? -1 : 1;
	}
	return 0;
}

void bigint_sub(bigint_t *a, const bigint_t *b)
{
	uint64_t borrow = 0;

	for (size_t i = 0; i < a->len; i++) {
		uint64_t sub = (i < b->len ? b->limb[i] : 0) + borrow;
		borrow = a->limb[i] < sub;
		a->limb[i] = (uint32_t)(a->limb[i] - sub);
	}
	bigint_trim(a);
}

uint64_t bigint_split_low(bigint_t *b, size_t bits)
{
	uint64_t high = bigint_bits_at(b, bits);
	size_t words = bits / 32;

	if (words < b->len) {
		b->limb[words] &= (uint32_t)((1ULL << (bits % 32)) - 1);
		b->len = words + 1;
		bigint_trim(b);
	}
	return high;
}

uint64_t bigint_bits_at(const bigint_t *b, size_t pos)
{
	size_t word = pos / 32;
	unsigned sh = pos % 32;
	uint64_t v = 0;

	/* Gather three limbs: 64 bits starting mid-limb span up to three. */
	for (unsigned k = 0; k < 3; k++) {
		if (word + k >= b->len)
			break;
		unsigned at = 32 * k;
		uint64_t limb = b->limb[word + k];
		if (at == 0)
			v |= limb >> sh;
		else if (at - sh < 64)
			v |= limb << (at - sh);
	}
	return v;
}

bool bigint_any_below(const bigint_t *b, size_t pos)
{
	size_t word = pos / 32;

	for (size_t i = 0; i < word && i < b->len; i++) {
		if (b->limb[i] != 0)
			return true;
	}
	if (word < b->len && pos % 32 != 0)
		return (b->limb[word] & ((1U << (pos % 32)) - 1)) != 0;
	return false;
}
