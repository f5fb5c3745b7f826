// SPDX-License-Identifier: MIT
/*
 * scanf's numeric input items. An item is the longest prefix of the input
 * that is, or could still grow into, a number of the conversion's kind,
 * within the field width; one byte of lookahead ends it and is pushed
 * back.
 *
 * Integers accumulate as they are read. Floating-point items are gathered
 * into a buffer (on the stack, or the heap past 128 bytes: a long digit
 * string is still read exactly) and converted by fp_parse, straight into
 * the target type's format. Like glibc, an item that stops short of a
 * complete number keeps the valid part: "0x" reads as 0 and "100e" as
 * 100; an incomplete "infinity" or "nan", and a "0x" followed by
 * neither a hex digit nor '.', are matching failures.
 */
#include "fpconv.h"
#include "scan.h"

#include <stdlib.h>

int scan_next(scan_in_t *in, size_t *used, size_t width)
{
	if (++*used >= width)
		return -2;
	return scan_get(in);
}

static int scan_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

static int scan_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Matches the rest of word (lowercase) after its first byte, which is c.
 * On a mismatch the wrong byte is pushed back. */
static bool scan_match_word(scan_in_t *in, int *c, const char *word, size_t *used,
			    size_t width)
{
	for (const char *w = word; *w; w++) {
		if (scan_lower(*c) != *w) {
			scan_unget(in, *c);
			return false;
		}
		if (w[1] != '\0')
			*c = scan_next(in, used, width);
	}
	return true;
}

scan_result_t scan_read_integer(scan_in_t *in, const scan_spec_t *spec, unsigned long long *mag,
				bool *neg, bool *overflow)
{
	unsigned base = spec->conv == 'o' ? 8 : spec->conv == 'i' ? 0 : (spec->conv == 'd' || spec->conv == 'u') ? 10 : 16;
	size_t used = 0;
	bool any = false;
	int c = scan_get(in);

	*mag = 0;
	*neg = *overflow = false;
	if (c < 0)
		return SCAN_INPUT_FAIL;
	if (c == '+' || c == '-') {
		*neg = c == '-';
		c = scan_next(in, &used, spec->width);
	}
	if (c == '(' && spec->conv == 'p') { /* glibc prints a null pointer as (nil) */
		c = scan_next(in, &used, spec->width);
		return scan_match_word(in, &c, "nil)", &used, spec->width) ? SCAN_OK : SCAN_MATCH_FAIL;
	}
	if (c == '0' && (base == 0 || base == 16)) {
		any = true;
		c = scan_next(in, &used, spec->width);
		if (c == 'x' || c == 'X') {
			base = 16;
			c = scan_next(in, &used, spec->width);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (;; c = scan_next(in, &used, spec->width)) {
		unsigned d = (unsigned)scan_digit_value(c);
		if (c < 0 || d >= base)
			break;
		any = true;
		if (*mag > (~0ULL - d) / base)
			*overflow = true;
		else
			*mag = *mag * base + d;
	}
	scan_unget(in, c);
	return any ? SCAN_OK : SCAN_MATCH_FAIL;
}

typedef struct scan_fbuf {
	char *p;
	size_t len, cap;
	char local[128];
} scan_fbuf_t;

static bool scan_fbuf_push(scan_fbuf_t *b, int c)
{
	if (b->len + 1 == b->cap) {
		char *n = malloc(b->cap * 2);
		if (n == NULL)
			return false;
		for (size_t i = 0; i < b->len; i++)
			n[i] = b->p[i];
		if (b->p != b->local)
			free(b->p);
		b->p = n;
		b->cap *= 2;
	}
	b->p[b->len++] = (char)c;
	return true;
}

/* Gathers digits (hex or decimal), one '.', and an exponent; c is the
 * current byte. Returns the byte that ended the item. */
static int scan_float_digits(scan_in_t *in, scan_fbuf_t *b, int c, bool hex, size_t *used,
			     size_t width, bool *nomem)
{
	bool point = false, digits = b->len > 0 && b->p[b->len - 1] == '0';

	for (;; c = scan_next(in, used, width)) {
		int d = scan_digit_value(c);
		if (c == '.' && !point)
			point = true;
		else if (c >= 0 && d < (hex ? 16 : 10))
			digits = true;
		else
			break;
		*nomem |= !scan_fbuf_push(b, c);
	}
	if (!digits || scan_lower(c) != (hex ? 'p' : 'e'))
		return c;
	*nomem |= !scan_fbuf_push(b, c);
	c = scan_next(in, used, width);
	if (c == '+' || c == '-') {
		*nomem |= !scan_fbuf_push(b, c);
		c = scan_next(in, used, width);
	}
	for (; c >= '0' && c <= '9'; c = scan_next(in, used, width))
		*nomem |= !scan_fbuf_push(b, c);
	return c;
}

/* Reads the item into b; false on a matching failure already settled
 * (an incomplete "inf"/"nan" word, whose wrong byte was pushed back). */
static bool scan_float_gather(scan_in_t *in, const scan_spec_t *spec, scan_fbuf_t *b, int c,
			      bool *nomem)
{
	size_t used = 0;

	if (c == '+' || c == '-') {
		*nomem |= !scan_fbuf_push(b, c);
		c = scan_next(in, &used, spec->width);
	}
	int lc = scan_lower(c);
	if (lc == 'i' || lc == 'n') {
		const char *word = lc == 'i' ? "inf" : "nan";
		if (!scan_match_word(in, &c, word, &used, spec->width))
			return false;
		for (const char *w = word; *w; w++)
			*nomem |= !scan_fbuf_push(b, *w);
		c = scan_next(in, &used, spec->width);
		if (lc == 'i' && scan_lower(c) == 'i') /* committed to "infinity" */
			return scan_match_word(in, &c, "inity", &used, spec->width);
		scan_unget(in, c);
		return true;
	}
	bool hex = false;
	if (c == '0') {
		*nomem |= !scan_fbuf_push(b, c);
		c = scan_next(in, &used, spec->width);
		if (c == 'x' || c == 'X') {
			hex = true;
			*nomem |= !scan_fbuf_push(b, c);
			c = scan_next(in, &used, spec->width);
			if (c != '.' && scan_digit_value(c) >= 16) {
				/* glibc: "0x" must go on with digits or '.' */
				scan_unget(in, c);
				return false;
			}
		}
	}
	c = scan_float_digits(in, b, c, hex, &used, spec->width, nomem);
	scan_unget(in, c);
	return true;
}

static void scan_float_store(const scan_spec_t *spec, const char *s, void *dst, bool *ok)
{
	const fp_format_t *fmt = spec->len == SCAN_LEN_BIG_L ? &fp_format_ldouble
				 : spec->len == SCAN_LEN_L ? &fp_format_double : &fp_format_float;
	fp_value_t v;
	const char *end = fp_parse(s, fmt, &v);

	*ok = end != s && !v.nomem;
	if (!*ok || dst == NULL)
		return;
	if (fmt == &fp_format_ldouble)
		*(long double *)dst = fp_pack_ldouble(&v);
	else if (fmt == &fp_format_double)
		*(double *)dst = fp_pack_double(&v);
	else
		*(float *)dst = fp_pack_float(&v);
}

scan_result_t scan_read_float(scan_in_t *in, const scan_spec_t *spec, void *dst)
{
	scan_fbuf_t b = { .len = 0, .cap = sizeof(b.local) };
	bool nomem = false, ok = false;
	int c = scan_get(in);

	b.p = b.local;
	if (c < 0)
		return SCAN_INPUT_FAIL;
	bool gathered = scan_float_gather(in, spec, &b, c, &nomem);
	if (gathered && !nomem) {
		b.p[b.len] = '\0';
		scan_float_store(spec, b.p, dst, &ok);
	}
	if (b.p != b.local)
		free(b.p);
	if (nomem)
		return SCAN_NO_MEMORY;
	return ok ? SCAN_OK : SCAN_MATCH_FAIL;
}
