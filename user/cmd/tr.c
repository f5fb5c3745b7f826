// SPDX-License-Identifier: MIT
/*
 * tr: translates, deletes or squeezes bytes.
 *
 * Each SET is expanded into the sequence of bytes it stands for: plain
 * bytes, escapes (\n \t \\ \NNN ...), ranges a-z, classes [:alpha:] (in
 * byte order, so [:upper:] and [:lower:] line up for case conversion),
 * [=c=], and in SET2 repeats [c*n] and [c*] (as many as SET1 needs).
 * Translating maps the i-th byte of SET1 to the i-th of SET2, SET2
 * being extended with its last byte as GNU tr does; -c uses every byte
 * not in SET1, in ascending order. All the work is then one 256-entry
 * table per operation.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    tr - translate or delete characters\n\n"
	"SYNOPSIS\n    tr [-cs] SET1 SET2\n    tr -d [-c] SET1\n"
	"    tr -s [-c] SET1\n    tr -ds [-c] SET1 SET2\n\n"
	"DESCRIPTION\n"
	"    Copies standard input to standard output, replacing each byte of\n"
	"    SET1 by the byte at the same place in SET2 (the last byte of SET2\n"
	"    repeats if it is shorter). SETs are written with:\n"
	"      \\\\ \\a \\b \\f \\n \\r \\t \\v \\NNN  escapes (NNN octal)\n"
	"      a-z                          the bytes from a to z\n"
	"      [:alnum:] [:alpha:] [:blank:] [:cntrl:] [:digit:] [:graph:]\n"
	"      [:lower:] [:print:] [:punct:] [:space:] [:upper:] [:xdigit:]\n"
	"      [=c=]                        the byte c\n"
	"      [c*N] [c*]                   in SET2: c N times, or as often as\n"
	"                                   needed to reach SET1's length\n\n"
	"OPTIONS\n"
	"    -c  use the complement of SET1 (every byte not in it)\n"
	"    -d  delete the bytes in SET1\n"
	"    -s  squeeze each run of a repeated byte of the last SET into one\n\n"
	"EXIT STATUS\n    0, 1 on an error, 2 on a usage error.\n";

typedef struct {
	unsigned char *b;       /* the bytes */
	size_t n;
	size_t fill_at;         /* where a [c*] repeat goes, or SIZE_MAX */
	unsigned char fill;
	bool other_class;       /* holds a class other than upper/lower */
} tr_set_t;

static void tr_push(tr_set_t *s, unsigned char c)
{
	if ((s->n & 255) == 0)
		s->b = fileutil_realloc(s->b, s->n + 256);
	s->b[s->n++] = c;
}

/* One byte at *p (an escape or itself); advances *p. */
static unsigned char tr_byte(const char **p)
{
	if (**p == '\\' && (*p)[1]) {
		size_t used;
		int c = textutil_escape(*p + 1, TEXTUTIL_ESC_OCTAL, &used);
		if (c >= 0) {
			*p += 1 + used;
			return (unsigned char)c;
		}
		*p += 2;        /* an unknown escape is the character itself */
		return (unsigned char)(*p)[-1];
	}
	return (unsigned char)*(*p)++;
}

/* [:name:] at p: adds the class; returns the length taken, or 0. */
static size_t tr_class(const char *p, tr_set_t *s)
{
	static const char *const names[] = { "alnum", "alpha", "blank", "cntrl", "digit", "graph",
					     "lower", "print", "punct", "space", "upper", "xdigit" };
	static int (*const tests[])(int) = { isalnum, isalpha, isblank, iscntrl, isdigit, isgraph,
					     islower, isprint, ispunct, isspace, isupper, isxdigit };
	const char *end = strstr(p + 2, ":]");

	if (!end)
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i]) != (size_t)(end - p - 2) || memcmp(names[i], p + 2, strlen(names[i])))
			continue;
		for (int c = 0; c < 256; c++)
			if (tests[i](c))
				tr_push(s, (unsigned char)c);
		if (tests[i] != islower && tests[i] != isupper)
			s->other_class = true;
		return (size_t)(end - p) + 2;
	}
	cmd_die("invalid character class '%.*s'", (int)(end - p - 2), p + 2);
}

/* [c*n] or [c*] at p (SET2 only); the length taken, or 0. */
static size_t tr_repeat(const char *p, tr_set_t *s, bool allow)
{
	const char *q = p + 1;
	unsigned char c = tr_byte(&q);

	if (*q != '*')
		return 0;
	const char *digits = ++q;
	q += strspn(q, "0123456789");
	if (*q != ']')
		return 0;
	if (!allow)
		cmd_die("the [c*] repeat construct may not appear in string1");
	unsigned long n = strtoul(digits, NULL, digits[0] == '0' ? 8 : 10);
	if (q == digits || n == 0) {
		if (s->fill_at != (size_t)-1)
			cmd_die("only one [c*] repeat construct may appear in string2");
		s->fill_at = s->n;
		s->fill = c;
	} else {
		for (unsigned long i = 0; i < n; i++)
			tr_push(s, c);
	}
	return (size_t)(q - p) + 1;
}

static tr_set_t tr_parse(const char *p, bool second)
{
	tr_set_t s = { .fill_at = (size_t)-1 };

	while (*p) {
		if (p[0] == '[' && p[1] == ':') {
			size_t used = tr_class(p, &s);
			if (used) {
				p += used;
				continue;
			}
		}
		if (p[0] == '[' && p[1] == '=' && p[2] && p[3] == '=' && p[4] == ']') {
			tr_push(&s, (unsigned char)p[2]);
			p += 5;
			continue;
		}
		if (p[0] == '[' && p[1]) {
			size_t used = tr_repeat(p, &s, second);
			if (used) {
				p += used;
				continue;
			}
		}
		unsigned char lo = tr_byte(&p);
		if (p[0] == '-' && p[1]) {
			p++;
			unsigned char hi = tr_byte(&p);
			if (hi < lo)
				cmd_die("range-endpoints of '%c-%c' are in reverse collating sequence order",
					lo, hi);
			for (int c = lo; c <= hi; c++)
				tr_push(&s, (unsigned char)c);
			continue;
		}
		tr_push(&s, lo);
	}
	return s;
}

/* SET1, complemented: every byte not in it, ascending. */
static void tr_complement(tr_set_t *s)
{
	bool in[256] = { false };
	tr_set_t c = { .fill_at = (size_t)-1 };

	for (size_t i = 0; i < s->n; i++)
		in[s->b[i]] = true;
	for (int b = 0; b < 256; b++)
		if (!in[b])
			tr_push(&c, (unsigned char)b);
	free(s->b);
	*s = c;
}

/* Expands SET2's [c*] so it is as long as SET1, then its last byte. */
static void tr_fit(tr_set_t *s2, size_t want)
{
	if (s2->fill_at != (size_t)-1) {
		size_t add = want > s2->n ? want - s2->n : 0;
		unsigned char *b = fileutil_alloc(s2->n + add + 1);
		memcpy(b, s2->b, s2->fill_at);
		memset(b + s2->fill_at, s2->fill, add);
		memcpy(b + s2->fill_at + add, s2->b + s2->fill_at, s2->n - s2->fill_at);
		free(s2->b);
		s2->b = b;
		s2->n += add;
	}
	while (s2->n < want)
		tr_push(s2, s2->b[s2->n - 1]);
}

int main(int argc, char **argv)
{
	bool complement = false, delete = false, squeeze = false;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "cCds")) != -1) {
		if (c == 'c' || c == 'C')
			complement = true;
		else if (c == 'd')
			delete = true;
		else
			squeeze = true;
	}
	int nsets = argc - optind;
	int want = delete ? (squeeze ? 2 : 1) : (squeeze ? (nsets == 2 ? 2 : 1) : 2);
	if (nsets < want)
		cmd_usage_error(nsets == 0 ? "missing operand" : "missing operand after '%s'",
				argv[argc - 1]);
	if (nsets > want)
		cmd_usage_error("extra operand '%s'", argv[optind + want]);

	tr_set_t s1 = tr_parse(argv[optind], false), s2 = { .fill_at = (size_t)-1 };
	if (complement)
		tr_complement(&s1);
	bool translate = !delete && nsets == 2;
	if (nsets == 2)
		s2 = tr_parse(argv[optind + 1], true);
	int map[256];
	bool del[256] = { false }, squeezable[256] = { false };
	for (int b = 0; b < 256; b++)
		map[b] = b;
	if (translate) {
		if (s2.other_class)
			cmd_die("when translating, the only character classes that may appear in "
				"string2 are 'upper' and 'lower'");
		if (s2.n == 0 && s2.fill_at == (size_t)-1 && s1.n > 0)
			cmd_die("when not truncating set1, string2 must be non-empty");
		tr_fit(&s2, s1.n);
		for (size_t i = 0; i < s1.n; i++)
			map[s1.b[i]] = s2.b[i];
	}
	if (delete)
		for (size_t i = 0; i < s1.n; i++)
			del[s1.b[i]] = true;
	if (squeeze) {
		const tr_set_t *last = nsets == 2 ? &s2 : &s1;
		for (size_t i = 0; i < last->n; i++)
			squeezable[last->b[i]] = true;
	}

	static unsigned char in[65536], out[65536];
	int prev = -1;
	for (;;) {
		ssize_t got = read(STDIN_FILENO, in, sizeof(in));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			cmd_die("read error: %s", strerror(errno));
		if (got == 0)
			break;
		size_t o = 0;
		for (ssize_t i = 0; i < got; i++) {
			if (del[in[i]])
				continue;
			int b = map[in[i]];
			if (squeezable[b] && b == prev)
				continue;
			out[o++] = (unsigned char)b;
			prev = b;
		}
		if (fwrite(out, 1, o, stdout) != o)
			break;
	}
	free(s1.b);
	free(s2.b);
	cmd_flush_stdout();
	return 0;
}
