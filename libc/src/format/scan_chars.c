// SPDX-License-Identifier: MIT
/*
 * scanf's character conversions: %c (exactly width bytes, default 1, no
 * white-space skipping, no terminator), %s (a run of non-space) and %[
 * (a run of set members), narrow or, with 'l', decoded from UTF-8 into
 * wchar_t. With 'm' the destination is a malloc'd buffer, grown as the
 * item is read and handed to the caller's pointer only on success.
 */
#include "scan.h"

#include <stdlib.h>

typedef struct scan_out {
	char *buf;	/* where the next element goes; NULL: discard */
	size_t n, cap;	/* elements written; capacity when allocating */
	size_t elem;	/* 1, or sizeof(wchar_t) */
	bool alloc;
} scan_out_t;

static bool scan_out_put(scan_out_t *o, uint32_t c)
{
	if (o->buf == NULL && !o->alloc) {
		o->n++;
		return true;
	}
	if (o->alloc && o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 32;
		char *b = realloc(o->buf, cap * o->elem);
		if (b == NULL)
			return false;
		o->buf = b;
		o->cap = cap;
	}
	if (o->elem == 1)
		o->buf[o->n] = (char)c;
	else
		((wchar_t *)(void *)o->buf)[o->n] = (wchar_t)c;
	o->n++;
	return true;
}

/* Completes a UTF-8 sequence whose lead byte is c; -1 if invalid (the
 * offending byte is pushed back). */
static long scan_decode(scan_in_t *in, int c)
{
	uint32_t v;
	int len = scan_utf8_length((unsigned char)c, &v);

	if (len == 0)
		return -1;
	for (int i = 1; i < len; i++) {
		int b = scan_get(in);
		if (b < 0 || (b & 0xc0) != 0x80) {
			scan_unget(in, b);
			return -1;
		}
		v = v << 6 | (uint32_t)(b & 0x3f);
	}
	return scan_utf8_valid(v, len) ? (long)v : -1;
}

static bool scan_in_set(const scan_spec_t *spec, uint32_t c)
{
	if (c > 0xff)
		return spec->set_negated;
	return spec->set[c / 8] >> (c % 8) & 1;
}

/* Does c (a byte or, when wide, a character) continue the item? */
static bool scan_char_fits(const scan_spec_t *spec, uint32_t c)
{
	switch (spec->conv) {
	case 's': return !scan_is_space((int)c);
	case '[': return scan_in_set(spec, c);
	default: return true;
	}
}

/* Reads the characters into o: SCAN_OK, SCAN_MATCH_FAIL on bad UTF-8, or
 * SCAN_NO_MEMORY. */
static scan_result_t scan_chars_loop(scan_in_t *in, const scan_spec_t *spec, scan_out_t *o,
				     bool *eof_first)
{
	size_t width = spec->width != SIZE_MAX ? spec->width : spec->conv == 'c' ? 1 : SIZE_MAX;
	bool wide = spec->len == SCAN_LEN_L;

	for (size_t i = 0; i < width; i++) {
		int c = scan_get(in);
		if (c < 0) {
			*eof_first = i == 0;
			break;
		}
		/* Only whole characters are pushed back: a byte, or a wide
		 * character's lead byte when it cannot be decoded. */
		long wc = wide ? scan_decode(in, c) : c;
		if (wc < 0)
			return SCAN_MATCH_FAIL;
		if (!scan_char_fits(spec, (uint32_t)wc)) {
			if (wc < 0x80)
				scan_unget(in, c);
			break;
		}
		if (!scan_out_put(o, (uint32_t)wc))
			return SCAN_NO_MEMORY;
	}
	return SCAN_OK;
}

scan_result_t scan_read_chars(scan_in_t *in, const scan_spec_t *spec, void *dst)
{
	scan_out_t o = { .elem = spec->len == SCAN_LEN_L ? sizeof(wchar_t) : 1 };
	bool eof_first = false;

	o.alloc = spec->alloc && dst != NULL;
	o.buf = o.alloc ? NULL : dst;
	scan_result_t r = scan_chars_loop(in, spec, &o, &eof_first);
	if (r == SCAN_OK && o.n == 0)
		r = eof_first ? SCAN_INPUT_FAIL : SCAN_MATCH_FAIL;
	if (r == SCAN_OK && spec->conv != 'c' && !scan_out_put(&o, 0))
		r = SCAN_NO_MEMORY;
	if (o.alloc) {
		if (r == SCAN_OK)
			*(void **)dst = o.buf;
		else
			free(o.buf);
	}
	return r;
}
