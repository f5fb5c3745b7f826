// SPDX-License-Identifier: MIT
/*
 * The scanf engine: walks the format as C17 7.21.6.2 describes. White
 * space in the format skips any amount of input white space; other plain
 * characters must match the input; each conversion skips white space
 * (except %[ %c %n), reads the longest input item it accepts, up to the
 * field width, converts it and, unless suppressed with '*', stores it.
 *
 * A mismatch is a matching failure: the offending byte is pushed back and
 * the assignments made so far are returned. Running out of input is an
 * input failure: EOF if nothing was assigned yet (glibc's reading of
 * "before the first conversion"), else the count. Only one byte can be
 * pushed back, so an item that turns out invalid after several bytes
 * (such as "1e+x" for %f) keeps those bytes consumed, like every scanf.
 *
 * POSIX positional conversions (%2$d) are served by walking a copy of the
 * va_list to the n-th argument: every scanf argument is a pointer, so the
 * ones skipped over can be read as void * without knowing their types.
 */
#include "scan.h"

#include <limits.h>
#include <string.h>

int scan_get(scan_in_t *in)
{
	int c = in->src->get(in->src);

	if (c < 0) {
		in->eof = true;
		return -1;
	}
	in->count++;
	return c;
}

void scan_unget(scan_in_t *in, int c)
{
	if (c < 0)
		return;
	in->src->unget(in->src, c);
	in->count--;
}

bool scan_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

bool scan_skip_space(scan_in_t *in)
{
	int c;

	while (scan_is_space(c = scan_get(in)))
		;
	scan_unget(in, c);
	return c >= 0;
}

/* "%[...]": fills the set from the format after '['; returns the end of
 * the set (past ']') or NULL when ']' is missing. A ']' right after '['
 * or "[^" is a member; "a-z" is a range unless '-' is first or last. */
static const char *scan_parse_set(const char *f, scan_spec_t *spec)
{
	bool negate = *f == '^';
	const unsigned char *p = (const unsigned char *)f + negate;

	memset(spec->set, 0, sizeof(spec->set));
	if (*p == ']') {
		spec->set[']' / 8] |= 1 << (']' % 8);
		p++;
	}
	for (; *p != ']'; p++) {
		if (*p == '\0')
			return NULL;
		unsigned lo = *p, hi = *p;
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0' && p[2] >= *p) {
			hi = p[2];
			p += 2;
		}
		for (unsigned c = lo; c <= hi; c++)
			spec->set[c / 8] |= (unsigned char)(1 << (c % 8));
	}
	spec->set_negated = negate;
	if (negate) {
		for (size_t i = 0; i < sizeof(spec->set); i++)
			spec->set[i] = (unsigned char)~spec->set[i];
	}
	return (const char *)p + 1;
}

static scan_len_t scan_parse_len(const char **fmt)
{
	const char *s = *fmt;
	scan_len_t len;

	switch (*s++) {
	case 'h': len = *s == 'h' ? (s++, SCAN_LEN_HH) : SCAN_LEN_H; break;
	case 'l': len = *s == 'l' ? (s++, SCAN_LEN_LL) : SCAN_LEN_L; break;
	case 'q': len = SCAN_LEN_LL; break;
	case 'j': len = SCAN_LEN_J; break;
	case 'z': len = SCAN_LEN_Z; break;
	case 't': len = SCAN_LEN_T; break;
	case 'L': len = SCAN_LEN_BIG_L; break;
	default: return SCAN_LEN_NONE;
	}
	*fmt = s;
	return len;
}

static size_t scan_parse_num(const char **s)
{
	size_t v = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++)
		v = v > SIZE_MAX / 10 - 10 ? SIZE_MAX / 2 : v * 10 + (size_t)(**s - '0');
	return v;
}

/* Parses the directive after '%'; returns the format past it, or NULL
 * when it is invalid. */
static const char *scan_parse_spec(const char *f, scan_spec_t *spec)
{
	spec->arg_pos = 0;
	spec->suppress = spec->alloc = false;
	spec->width = SIZE_MAX;
	const char *num = f;
	size_t n = scan_parse_num(&f);
	if (f != num && *f == '$') {
		if (n == 0 || n > INT_MAX)
			return NULL;
		spec->arg_pos = (int)n;
		f++;
	} else {
		f = num;
	}
	if (*f == '*') {
		spec->suppress = true;
		f++;
	}
	if (*f >= '1' && *f <= '9')
		spec->width = scan_parse_num(&f);
	if (*f == 'm') {
		spec->alloc = true;
		f++;
	}
	spec->len = scan_parse_len(&f);
	spec->conv = *f;
	if (*f == '\0' || !strchr("diouxXpnaAeEfFgGcsS[C%", *f))
		return NULL;
	f++;
	if (spec->conv == '[')
		f = scan_parse_set(f, spec);
	if (spec->conv == 'S' || spec->conv == 'C') {
		spec->conv = spec->conv == 'S' ? 's' : 'c';
		spec->len = SCAN_LEN_L;
	}
	return f;
}

typedef struct scan_args {
	va_list ap;	 /* sequential arguments */
	va_list start;	 /* the first argument, for positional ones */
} scan_args_t;

static void *scan_arg(scan_args_t *args, int pos)
{
	if (pos == 0)
		return va_arg(args->ap, void *);
	va_list ap;
	va_copy(ap, args->start);
	for (int i = 1; i < pos; i++)
		(void)va_arg(ap, void *);
	void *p = va_arg(ap, void *);
	va_end(ap);
	return p;
}

static void scan_store_int(const scan_spec_t *spec, void *p, unsigned long long v)
{
	switch (spec->len) {
	case SCAN_LEN_HH: *(unsigned char *)p = (unsigned char)v; break;
	case SCAN_LEN_H: *(unsigned short *)p = (unsigned short)v; break;
	case SCAN_LEN_L: *(unsigned long *)p = (unsigned long)v; break;
	case SCAN_LEN_LL: case SCAN_LEN_BIG_L: *(unsigned long long *)p = v; break;
	case SCAN_LEN_J: *(uintmax_t *)p = v; break;
	case SCAN_LEN_Z: *(size_t *)p = (size_t)v; break;
	case SCAN_LEN_T: *(ptrdiff_t *)p = (ptrdiff_t)v; break;
	default: *(unsigned int *)p = (unsigned int)v; break;
	}
}

/* Integers: strtoll's clamping for signed conversions, strtoull's for
 * unsigned ones, then the value is narrowed to the target type. */
static scan_result_t scan_integer(scan_in_t *in, const scan_spec_t *spec, void *dst)
{
	unsigned long long mag, v;
	bool neg, overflow;
	scan_result_t r = scan_read_integer(in, spec, &mag, &neg, &overflow);

	if (r != SCAN_OK || dst == NULL)
		return r;
	if (spec->conv == 'd' || spec->conv == 'i') {
		if (neg)
			v = overflow || mag > 1ULL << 63 ? 1ULL << 63 : 0 - mag;
		else
			v = overflow || mag > LLONG_MAX ? LLONG_MAX : mag;
	} else {
		v = overflow ? ULLONG_MAX : neg ? 0 - mag : mag;
	}
	if (spec->conv == 'p')
		*(void **)dst = (void *)(uintptr_t)v;
	else
		scan_store_int(spec, dst, v);
	return SCAN_OK;
}

/* Runs one conversion (not %n or %%); *assigned is set when it stored. */
static scan_result_t scan_convert(scan_in_t *in, const scan_spec_t *spec, scan_args_t *args,
				  bool *assigned)
{
	void *dst = spec->suppress ? NULL : scan_arg(args, spec->arg_pos);

	if (spec->conv != '[' && spec->conv != 'c' && !scan_skip_space(in))
		return SCAN_INPUT_FAIL;
	scan_result_t r;
	switch (spec->conv) {
	case 'c': case 's': case '[':
		r = scan_read_chars(in, spec, dst);
		break;
	case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		r = scan_read_float(in, spec, dst);
		break;
	default:
		r = scan_integer(in, spec, dst);
		break;
	}
	*assigned = r == SCAN_OK && dst != NULL;
	return r;
}

/* A plain format character (or %%'s '%') against the input. */
static scan_result_t scan_literal(scan_in_t *in, unsigned char want)
{
	int c = scan_get(in);

	if (c < 0)
		return SCAN_INPUT_FAIL;
	if (c != want) {
		scan_unget(in, c);
		return SCAN_MATCH_FAIL;
	}
	return SCAN_OK;
}

/* One step of the format at *fmt; advances it. */
static scan_result_t scan_step(scan_in_t *in, const char **fmt, scan_args_t *args, int *done)
{
	const char *f = *fmt;

	if (scan_is_space((unsigned char)*f)) {
		while (scan_is_space((unsigned char)*f))
			f++;
		*fmt = f;
		scan_skip_space(in);
		return SCAN_OK;
	}
	if (*f != '%' || f[1] == '%') {
		if (*f == '%') {
			f++;
			if (!scan_skip_space(in))
				return SCAN_INPUT_FAIL;
		}
		*fmt = f + 1;
		return scan_literal(in, (unsigned char)*f);
	}
	scan_spec_t spec;
	f = scan_parse_spec(f + 1, &spec);
	if (f == NULL)
		return SCAN_MATCH_FAIL;
	*fmt = f;
	if (spec.conv == '%') { /* "%5%" and the like */
		if (!scan_skip_space(in))
			return SCAN_INPUT_FAIL;
		return scan_literal(in, '%');
	}
	if (spec.conv == 'n') {
		if (!spec.suppress)
			scan_store_int(&spec, scan_arg(args, spec.arg_pos), in->count);
		return SCAN_OK;
	}
	bool assigned = false;
	scan_result_t r = scan_convert(in, &spec, args, &assigned);
	*done += assigned;
	return r;
}

int format_vscan(format_source_t *src, const char *fmt, va_list ap)
{
	scan_in_t in = { .src = src };
	scan_args_t args;
	int done = 0;
	scan_result_t r = SCAN_OK;

	va_copy(args.ap, ap);
	va_copy(args.start, ap);
	while (*fmt != '\0' && r == SCAN_OK)
		r = scan_step(&in, &fmt, &args, &done);
	va_end(args.ap);
	va_end(args.start);
	if ((r == SCAN_INPUT_FAIL || r == SCAN_NO_MEMORY) && done == 0)
		return -1;
	return done;
}
