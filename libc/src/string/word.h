// SPDX-License-Identifier: MIT
/*
 * Eight bytes at a time: the word type and tests the string functions
 * share. word_t may alias anything, so loading chars as a word is
 * defined; loads are unaligned, which x86_64 allows at full speed except
 * across cache lines. A load may read past the string's terminator only
 * when the word is aligned (it then cannot cross into another page).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) word_t;

#define WORD_ONES  0x0101010101010101ull
#define WORD_HIGHS 0x8080808080808080ull

static inline word_t word_load(const void *p)
{
	return *(const word_t *)p;
}

static inline void word_store(void *p, word_t w)
{
	*(word_t *)p = w;
}

/* Whether some byte of w is zero (exact: no false positives). */
static inline bool word_has_zero(uint64_t w)
{
	return ((w - WORD_ONES) & ~w & WORD_HIGHS) != 0;
}
