// SPDX-License-Identifier: MIT
/*
 * fnmatch: shell patterns in the C locale (bytes; classes are ASCII).
 *
 * With FNM_PATHNAME the pattern and the string are matched one
 * '/'-separated segment at a time, since no wildcard crosses a '/'. A
 * segment (or the whole string, without FNM_PATHNAME) is matched
 * greedily with a single backtracking point, the last '*' seen: when
 * what follows it fails, the '*' takes one more character and the rest
 * is tried again. An earlier '*' never needs revisiting, since the later
 * one can absorb anything it would, so the cost is O(pattern × string)
 * and no input makes it exponential.
 *
 * Bracket expressions take '!' or '^' for negation, ranges, ']' first as
 * itself, and [:class:], [=c=], [.c.]; one without its closing ']' is an
 * ordinary '['. With FNM_PERIOD a leading '.' (of the string, or of each
 * segment with FNM_PATHNAME) is matched only by a literal '.'.
 */
#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>

static unsigned char fold(unsigned char c, int flags)
{
	return (flags & FNM_CASEFOLD) && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static unsigned char unfold(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

static bool in_range(unsigned char lo, unsigned char hi, unsigned char c, int flags)
{
	if (c >= lo && c <= hi)
		return true;
	if (!(flags & FNM_CASEFOLD))
		return false;
	unsigned char l = fold(c, flags), u = unfold(c);
	return (l >= lo && l <= hi) || (u >= lo && u <= hi);
}

/* Whether c is in the class name[0..len); unknown classes hold nothing. */
static bool in_class(const char *name, size_t len, unsigned char c)
{
	static const char *const names[] = {
		"alpha", "digit", "alnum", "upper", "lower", "space",
		"blank", "punct", "print", "graph", "cntrl", "xdigit",
	};
	bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
	bool digit = c >= '0' && c <= '9', graph = c > 0x20 && c < 0x7f;
	const bool is[] = {
		upper || lower, digit, upper || lower || digit, upper, lower,
		c == ' ' || (c >= '\t' && c <= '\r'), c == ' ' || c == '\t',
		graph && !upper && !lower && !digit, graph || c == ' ', graph,
		c < 0x20 || c == 0x7f,
		digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'),
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return is[i];
	return false;
}

/*
 * One bracket element at *p (before end): a character, possibly escaped,
 * or [.c.] / [=c=]; false if it is malformed.
 */
static bool bracket_char(const char **p, const char *end, int flags, unsigned char *c)
{
	const char *q = *p;

	if (*q == '\\' && !(flags & FNM_NOESCAPE) && q + 1 < end) {
		*c = (unsigned char)q[1];
		*p = q + 2;
		return true;
	}
	if (*q == '[' && q + 1 < end && (q[1] == '.' || q[1] == '=')) {
		char kind = q[1];
		if (q + 4 < end && q[3] == kind && q[4] == ']') {
			*c = (unsigned char)q[2];
			*p = q + 5;
			return true;
		}
		return false;
	}
	*c = (unsigned char)*q;
	*p = q + 1;
	return true;
}

/*
 * The bracket expression at p ('[' at p[-1]) against c: sets *matched and
 * returns the pattern after the ']', or NULL if the expression never closes.
 */
static const char *bracket(const char *p, const char *end, unsigned char c, int flags,
			   bool *matched)
{
	bool negate = p < end && (*p == '!' || *p == '^');
	bool hit = false, first = true;

	if (negate)
		p++;
	while (p < end && (*p != ']' || first)) {
		first = false;
		if (*p == '[' && p + 1 < end && p[1] == ':') {
			const char *close = p + 2;
			while (close + 1 < end && !(close[0] == ':' && close[1] == ']'))
				close++;
			if (close + 1 >= end)
				return NULL;
			size_t len = (size_t)(close - (p + 2));
			hit |= in_class(p + 2, len, c) ||
			       ((flags & FNM_CASEFOLD) && (in_class(p + 2, len, fold(c, flags)) ||
							   in_class(p + 2, len, unfold(c))));
			p = close + 2;
			continue;
		}
		unsigned char lo, hi;
		if (!bracket_char(&p, end, flags, &lo))
			return NULL;
		hi = lo;
		if (p + 1 < end && *p == '-' && p[1] != ']') {
			p++;
			if (!bracket_char(&p, end, flags, &hi))
				return NULL;
		}
		hit |= in_range(lo, hi, c, flags);
	}
	if (p >= end)
		return NULL;
	*matched = hit != negate;
	return p + 1;
}

typedef struct span {
	const char *p, *pend;   /* pattern */
	const char *s, *send;   /* string */
} span_t;

/*
 * Whether the pattern element at *p matches the byte at s (not at the
 * end); advances *p past it. Elements are a character, '\'-escaped
 * character, '?' or bracket expression ('*' is the caller's).
 */
static bool element_matches(const char **p, const char *pend, const char *s, int flags,
			    bool leading_period)
{
	const char *q = *p;
	unsigned char c = (unsigned char)*s;

	if (*q == '?') {
		*p = q + 1;
		return !leading_period;
	}
	if (*q == '[') {
		bool matched;
		const char *after = bracket(q + 1, pend, c, flags, &matched);
		if (after) {
			*p = after;
			return matched && !leading_period;
		}
	}
	if (*q == '\\' && !(flags & FNM_NOESCAPE)) {
		if (q + 1 == pend) {
			*p = pend;
			return false;   /* a trailing '\' matches nothing, as in glibc */
		}
		q++;
	}
	*p = q + 1;
	return fold((unsigned char)*q, flags) == fold(c, flags);
}

/*
 * A segment: the whole of sp->s against the whole of sp->p, or (with
 * FNM_LEADING_DIR and no FNM_PATHNAME) a prefix of it followed by '/'.
 */
static bool match_span(const span_t *sp, int flags, bool period_at_start)
{
	const char *p = sp->p, *s = sp->s;
	const char *star_p = NULL, *star_s = NULL;

	while (s < sp->send) {
		bool leading = period_at_start && s == sp->s && *s == '.';
		if (p == sp->pend && (flags & FNM_LEADING_DIR) && *s == '/')
			return true;
		if (p < sp->pend && *p == '*') {
			while (p < sp->pend && *p == '*')
				p++;
			if (leading)
				return false;
			star_p = p;
			star_s = s;
			continue;
		}
		if (p < sp->pend && element_matches(&p, sp->pend, s, flags, leading)) {
			s++;
			continue;
		}
		if (!star_p)
			return false;
		p = star_p;
		s = ++star_s;
	}
	while (p < sp->pend && *p == '*')
		p++;
	return p == sp->pend;
}

/*
 * The end of the pattern segment at p: its next '/' outside a bracket
 * expression (an escaped "\\/" is one too), or its end. *next is where
 * the next segment starts, or NULL after the last.
 */
static const char *pattern_segment_end(const char *p, int flags, const char **next)
{
	const char *end = p + strlen(p);
	bool ignored;

	for (; p < end; p++) {
		if (*p == '/') {
			*next = p + 1;
			return p;
		}
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1] == '/') {
			*next = p + 2;
			return p;
		}
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1]) {
			p++;
		} else if (*p == '[') {
			const char *after = bracket(p + 1, end, 'a', flags, &ignored);
			if (after)
				p = after - 1;
		}
	}
	*next = NULL;
	return p;
}

static int match_pathname(const char *p, const char *s, int flags)
{
	for (;;) {
		const char *next;
		const char *pend = pattern_segment_end(p, flags, &next);
		const char *send = strchr(s, '/');
		span_t sp = { p, pend, s, send ? send : s + strlen(s) };

		if (!match_span(&sp, flags & ~FNM_LEADING_DIR, flags & FNM_PERIOD))
			return FNM_NOMATCH;
		if (!next)
			return !send || (flags & FNM_LEADING_DIR) ? 0 : FNM_NOMATCH;
		if (!send)
			return FNM_NOMATCH;
		p = next;
		s = send + 1;
	}
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	if (flags & FNM_PATHNAME)
		return match_pathname(pattern, string, flags);
	span_t sp = { pattern, pattern + strlen(pattern), string, string + strlen(string) };
	return match_span(&sp, flags, flags & FNM_PERIOD) ? 0 : FNM_NOMATCH;
}
