// SPDX-License-Identifier: MIT
/*
 * Bracket expressions and character classes, in the C locale.
 *
 * A bracket expression is read into a 256-bit set: ']' first is itself,
 * '-' first or last is itself, ranges go by byte value, [:class:] adds a
 * class, and [.c.] and [=c=] are the single byte c (collating elements
 * and equivalence classes of the C locale are single bytes; longer names
 * are REG_ECOLLATE). Backslash is an ordinary character inside brackets.
 * A range may not start or end with a class, and a '-' right after a
 * range other than the closing one (as in [a-c-e]) is REG_ERANGE, as in
 * glibc. REG_ICASE adds the other case of every letter before a '^'
 * complements the set, so [^a] matches neither 'a' nor 'A'; with
 * REG_NEWLINE a complemented set never holds '\n'.
 */
#include "regex_impl.h"

#include <string.h>

static bool class_has(int which, unsigned char c)
{
	bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
	bool digit = c >= '0' && c <= '9', graph = c > 0x20 && c < 0x7f;

	switch (which) {
	case 0: return upper || lower;
	case 1: return digit;
	case 2: return upper || lower || digit;
	case 3: return upper;
	case 4: return lower;
	case 5: return c == ' ' || (c >= '\t' && c <= '\r');
	case 6: return c == ' ' || c == '\t';
	case 7: return graph && !upper && !lower && !digit;
	case 8: return graph || c == ' ';
	case 9: return graph;
	case 10: return c < 0x20 || c == 0x7f;
	default: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}

bool rx_set_class(rx_set_t *set, const char *name, size_t len)
{
	static const char *const names[] = {
		"alpha", "digit", "alnum", "upper", "lower", "space",
		"blank", "punct", "print", "graph", "cntrl", "xdigit",
	};

	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++) {
		if (strlen(names[i]) != len || memcmp(names[i], name, len) != 0)
			continue;
		for (int c = 0; c < 256; c++)
			if (class_has(i, (unsigned char)c))
				rx_set_add(set, (unsigned char)c);
		return true;
	}
	return false;
}

void rx_set_fold_case(rx_set_t *set)
{
	for (int c = 'a'; c <= 'z'; c++) {
		if (rx_set_has(set, (unsigned char)c))
			rx_set_add(set, (unsigned char)(c - 32));
		if (rx_set_has(set, (unsigned char)(c - 32)))
			rx_set_add(set, (unsigned char)c);
	}
}

/*
 * One element at *p: a byte, or [.c.] / [=c=]. Returns 0 with *c set and
 * *p past it, or an error.
 */
static int bracket_element(const char **p, unsigned char *c)
{
	const char *q = *p;

	if (q[0] == '[' && (q[1] == '.' || q[1] == '=')) {
		char kind = q[1];
		const char *name = q + 2, *close = name;
		while (*close && !(close[0] == kind && close[1] == ']'))
			close++;
		if (!*close)
			return REG_EBRACK;
		if (close - name != 1)
			return REG_ECOLLATE;
		*c = (unsigned char)*name;
		*p = close + 2;
		return 0;
	}
	if (!*q)
		return REG_EBRACK;
	*c = (unsigned char)*q;
	*p = q + 1;
	return 0;
}

/* [:name:] at *p: adds the class and moves *p past it. */
static int bracket_class(const char **p, rx_set_t *set)
{
	const char *name = *p + 2, *close = name;

	while (*close && !(close[0] == ':' && close[1] == ']'))
		close++;
	if (!*close)
		return REG_EBRACK;
	if (!rx_set_class(set, name, (size_t)(close - name)))
		return REG_ECTYPE;
	*p = close + 2;
	return 0;
}

/* The items up to (not including) the closing ']'. */
static int bracket_items(const char **pp, rx_set_t *set)
{
	const char *p = *pp;
	bool first = true;

	for (;;) {
		if (!*p)
			return REG_EBRACK;
		if (*p == ']' && !first)
			break;
		first = false;
		if (p[0] == '[' && p[1] == ':') {
			int err = bracket_class(&p, set);
			if (err)
				return err;
			if (p[0] == '-' && p[1] && p[1] != ']')
				return REG_ERANGE;
			continue;
		}
		unsigned char lo, hi;
		int err = bracket_element(&p, &lo);
		if (err)
			return err;
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (p[0] == '[' && p[1] == ':')
				return REG_ERANGE;
			err = bracket_element(&p, &hi);
			if (err)
				return err;
			if (hi < lo)
				return REG_ERANGE;
			if (p[0] == '-' && p[1] && p[1] != ']')
				return REG_ERANGE;
		}
		for (int c = lo; c <= hi; c++)
			rx_set_add(set, (unsigned char)c);
	}
	*pp = p + 1;
	return 0;
}

int rx_bracket_parse(const char **p, int cflags, rx_set_t *set)
{
	bool negate = **p == '^';

	memset(set, 0, sizeof(*set));
	if (negate)
		(*p)++;
	if (!**p)       /* '[' or "[^" ending the pattern: glibc says "invalid" */
		return REG_BADPAT;
	int err = bracket_items(p, set);
	if (err)
		return err;
	if (cflags & REG_ICASE)
		rx_set_fold_case(set);
	if (negate) {
		for (int i = 0; i < 4; i++)
			set->w[i] = ~set->w[i];
		if (cflags & REG_NEWLINE)
			set->w['\n' >> 6] &= ~((uint64_t)1 << ('\n' & 63));
	}
	return 0;
}
