// SPDX-License-Identifier: MIT
/*
 * Internals of the scanf engine shared by its files: the input (a source
 * plus the count %n reports), a parsed conversion specification, and the
 * readers for each kind of input item.
 */
#pragma once

#include "format.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct scan_in {
	format_source_t *src;
	size_t count; /* bytes consumed so far */
	bool eof;     /* the source has reported end of input (or an error) */
} scan_in_t;

int scan_get(scan_in_t *in);
void scan_unget(scan_in_t *in, int c);
bool scan_is_space(int c);
/* Skips white space in the input; false at end of input. */
bool scan_skip_space(scan_in_t *in);

typedef enum scan_len {
	SCAN_LEN_NONE,
	SCAN_LEN_HH,
	SCAN_LEN_H,
	SCAN_LEN_L,
	SCAN_LEN_LL,
	SCAN_LEN_J,
	SCAN_LEN_Z,
	SCAN_LEN_T,
	SCAN_LEN_BIG_L,
} scan_len_t;

typedef struct scan_spec {
	int arg_pos;	  /* n of %n$, 0 when sequential */
	bool suppress;	  /* '*' */
	bool alloc;	  /* 'm' */
	size_t width;	  /* SIZE_MAX: none */
	scan_len_t len;
	char conv;
	unsigned char set[32]; /* %[: bit c set when byte c is in the set */
	bool set_negated;      /* %[^: wide characters past 0xff match */
} scan_spec_t;

/* The outcome of reading one input item. */
typedef enum scan_result {
	SCAN_OK,
	SCAN_MATCH_FAIL, /* the input did not match: stop, keep the count */
	SCAN_INPUT_FAIL, /* end of input before the item: EOF if nothing assigned */
	SCAN_NO_MEMORY,
} scan_result_t;

/* d i o u x X p: the magnitude (saturated; *overflow when it did not
 * fit) and the sign. */
scan_result_t scan_read_integer(scan_in_t *in, const scan_spec_t *spec, unsigned long long *mag,
				bool *neg, bool *overflow);
/* The next byte of an item that has used *used of width bytes, or -2
 * (never a byte, never pushed back) when the width is used up. */
int scan_next(scan_in_t *in, size_t *used, size_t width);
/* a e f g and capitals, rounded for the spec's length (float, double,
 * long double) and stored through dst unless dst is NULL. */
scan_result_t scan_read_float(scan_in_t *in, const scan_spec_t *spec, void *dst);
/* c s [ : characters stored through dst (or a malloc'd buffer put in
 * *(char **)dst with 'm'), wide with 'l'. */
scan_result_t scan_read_chars(scan_in_t *in, const scan_spec_t *spec, void *dst);

/* UTF-8 decoding: the sequence length a lead byte starts (0: invalid) and
 * its payload bits; whether a decoded value is a valid character for a
 * sequence of that length (no overlong forms or surrogates). */
int scan_utf8_length(unsigned char lead, uint32_t *bits);
bool scan_utf8_valid(uint32_t c, int len);
