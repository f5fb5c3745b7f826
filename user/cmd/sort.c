// SPDX-License-Identifier: MIT
/*
 * sort: sorts, merges or checks lines of text.
 *
 * All input is read into memory (each file whole, split into lines in
 * place), then sorted with a merge sort over an index, which is stable:
 * -s only switches off the last-resort comparison of whole lines, and
 * with -u the first of equal lines is the one kept.
 *
 * A key (-k F[.C][OPTS][,F[.C][OPTS]]) is located afresh at each
 * comparison: fields are separated by the -t byte, or else each field is
 * its leading blanks and the non-blanks after them, as POSIX says. A key
 * with any ordering option of its own ignores the global ones. Numeric
 * comparison (-n) works on the digits as text, so it is exact for any
 * length; -g converts to long double and so also takes exponents. Bytes
 * are compared as unsigned values, the C locale's order.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    sort - sort lines of text\n\n"
	"SYNOPSIS\n"
	"    sort [-bdfginrsu] [-t CHAR] [-k KEYDEF]... [-o FILE] [FILE...]\n"
	"    sort -c|-C [-bdfginrsu] [-t CHAR] [-k KEYDEF]... [FILE]\n\n"
	"DESCRIPTION\n"
	"    Writes the lines of the FILEs (standard input when there is none,\n"
	"    or for -) in sorted order. Lines compare by their keys in turn, and\n"
	"    then (unless -s or -u) as whole lines. Without -k the key is the\n"
	"    whole line.\n\n"
	"OPTIONS\n"
	"    -b         ignore leading blanks of keys\n"
	"    -d         dictionary order: only blanks and letters and digits count\n"
	"    -f         fold lower case to upper case\n"
	"    -g         general numeric order (floating point, exponents)\n"
	"    -i         ignore unprintable characters\n"
	"    -n         numeric order: an optional '-', digits, a '.' fraction\n"
	"    -r         reverse the order\n"
	"    -s         stable: equal lines keep their input order\n"
	"    -u         write only the first of lines with equal keys\n"
	"    -t CHAR    fields are separated by CHAR (default: blank to non-blank)\n"
	"    -k KEYDEF  a key: F[.C][OPTS][,F[.C][OPTS]], from field F (character\n"
	"               C) to field F (character C; the end of field F without\n"
	"               .C, the end of the line without the second part). OPTS\n"
	"               are letters of bdfginr for this key alone.\n"
	"    -o FILE    write to FILE (which may be one of the inputs)\n"
	"    -c         check that the input is sorted; report the first disorder\n"
	"    -C         the same, silently\n"
	"    -m         merge already sorted files (they are simply sorted)\n\n"
	"EXIT STATUS\n"
	"    0; with -c/-C, 1 if the input was not sorted; 2 on an error.\n";

enum {
	SORT_BLANKS_START = 0x1, SORT_BLANKS_END = 0x2, SORT_DICT = 0x4, SORT_FOLD = 0x8,
	SORT_GENERAL = 0x10, SORT_PRINT = 0x20, SORT_NUMERIC = 0x40, SORT_REVERSE = 0x80,
};

typedef struct {
	size_t sf, sc;          /* start field and character, 1-based */
	size_t ef, ec;          /* end field (0: end of line), character (0: end of field) */
	int flags;
} sort_key_t;

typedef struct {
	const char *s;
	size_t len;
} sort_line_t;

typedef struct {
	sort_key_t *keys;
	size_t nkeys;
	int global;             /* flags of the command line */
	int tab;                /* -t byte, or -1 */
	bool stable, unique;
} sort_opts_t;

static sort_opts_t opts = { .tab = -1 };

static bool sort_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The offset where field f (1-based) starts in line. */
static size_t sort_field_start(const sort_line_t *l, size_t f)
{
	size_t i = 0;

	for (size_t k = 1; k < f && i < l->len; k++) {
		if (opts.tab >= 0) {
			const char *sep = memchr(l->s + i, opts.tab, l->len - i);
			i = sep ? (size_t)(sep - l->s) + 1 : l->len;
		} else {
			while (i < l->len && sort_blank(l->s[i]))
				i++;
			while (i < l->len && !sort_blank(l->s[i]))
				i++;
		}
	}
	return i;
}

/* The offset where the field starting at i ends. */
static size_t sort_field_end(const sort_line_t *l, size_t i)
{
	if (opts.tab >= 0) {
		const char *sep = memchr(l->s + i, opts.tab, l->len - i);
		return sep ? (size_t)(sep - l->s) : l->len;
	}
	while (i < l->len && sort_blank(l->s[i]))
		i++;
	while (i < l->len && !sort_blank(l->s[i]))
		i++;
	return i;
}

static void sort_key_span(const sort_key_t *k, const sort_line_t *l, size_t *from, size_t *to)
{
	size_t s = sort_field_start(l, k->sf), e = l->len;

	if (k->flags & SORT_BLANKS_START)
		while (s < l->len && sort_blank(l->s[s]))
			s++;
	size_t field_end = sort_field_end(l, sort_field_start(l, k->sf));
	s = s + (k->sc - 1) <= field_end ? s + (k->sc - 1) : field_end;
	if (k->ef > 0) {
		size_t fs = sort_field_start(l, k->ef);
		if (k->ec == 0) {
			e = sort_field_end(l, fs);
		} else {
			if (k->flags & SORT_BLANKS_END)
				while (fs < l->len && sort_blank(l->s[fs]))
					fs++;
			size_t fe = sort_field_end(l, sort_field_start(l, k->ef));
			e = fs + k->ec <= fe ? fs + k->ec : fe;
		}
	}
	*from = s;
	*to = e > s ? e : s;
}

/* -n: compares two numbers written as text, exactly. */
static int sort_numeric(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && sort_blank(a[i]))
		i++;
	while (j < bn && sort_blank(b[j]))
		j++;
	bool na = i < an && a[i] == '-', nb = j < bn && b[j] == '-';
	i += na;
	j += nb;
	while (i < an && a[i] == '0')
		i++;
	while (j < bn && b[j] == '0')
		j++;
	size_t ai = i, bj = j;
	while (ai < an && isdigit((unsigned char)a[ai]))
		ai++;
	while (bj < bn && isdigit((unsigned char)b[bj]))
		bj++;
	/* The fractions, without trailing zeros, decide "0" and "-0.0" alike. */
	const char *fa = ai < an && a[ai] == '.' ? a + ai + 1 : NULL, *fb = NULL;
	size_t fan = 0, fbn = 0;
	if (fa)
		while (ai + 1 + fan < an && isdigit((unsigned char)fa[fan]))
			fan++;
	if (bj < bn && b[bj] == '.') {
		fb = b + bj + 1;
		while (bj + 1 + fbn < bn && isdigit((unsigned char)fb[fbn]))
			fbn++;
	}
	while (fan > 0 && fa[fan - 1] == '0')
		fan--;
	while (fbn > 0 && fb[fbn - 1] == '0')
		fbn--;
	bool za = ai == i && fan == 0, zb = bj == j && fbn == 0;
	if (za)
		na = false;
	if (zb)
		nb = false;
	if (na != nb)
		return na ? -1 : 1;
	int sign = na ? -1 : 1, r;
	if (ai - i != bj - j) {
		r = ai - i < bj - j ? -1 : 1;
	} else {
		r = memcmp(a + i, b + j, ai - i);
		if (r == 0) {
			size_t m = fan < fbn ? fan : fbn;
			r = m ? memcmp(fa, fb, m) : 0;
			if (r == 0)
				r = fan < fbn ? -1 : fan > fbn;
		}
	}
	return sign * (r < 0 ? -1 : r > 0);
}

static long double sort_general_value(const char *s, size_t n)
{
	char buf[128];
	size_t m = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
	char *end;

	memcpy(buf, s, m);
	buf[m] = '\0';
	long double v = strtold(buf, &end);
	return end == buf ? -INFINITY : v;      /* non-numbers first, as GNU does */
}

/* Text comparison with -d, -i and -f applied. */
static int sort_text(int flags, const char *a, size_t an, const char *b, size_t bn)
{
	if (!(flags & (SORT_DICT | SORT_PRINT | SORT_FOLD))) {
		int r = memcmp(a, b, an < bn ? an : bn);
		return r ? r : (an < bn ? -1 : an > bn);
	}
	size_t i = 0, j = 0;
	for (;;) {
		while (i < an && (((flags & SORT_DICT) && !isalnum((unsigned char)a[i]) &&
				   !sort_blank(a[i])) || ((flags & SORT_PRINT) && !isprint((unsigned char)a[i]))))
			i++;
		while (j < bn && (((flags & SORT_DICT) && !isalnum((unsigned char)b[j]) &&
				   !sort_blank(b[j])) || ((flags & SORT_PRINT) && !isprint((unsigned char)b[j]))))
			j++;
		if (i == an || j == bn)
			return i < an ? 1 : j < bn ? -1 : 0;
		int ca = (unsigned char)a[i], cb = (unsigned char)b[j];
		if (flags & SORT_FOLD) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca < cb ? -1 : 1;
		i++;
		j++;
	}
}

static int sort_compare_key(const sort_key_t *k, const sort_line_t *x, const sort_line_t *y)
{
	size_t xs, xe, ys, ye;
	int r;

	sort_key_span(k, x, &xs, &xe);
	sort_key_span(k, y, &ys, &ye);
	if (k->flags & SORT_NUMERIC) {
		r = sort_numeric(x->s + xs, xe - xs, y->s + ys, ye - ys);
	} else if (k->flags & SORT_GENERAL) {
		long double a = sort_general_value(x->s + xs, xe - xs);
		long double b = sort_general_value(y->s + ys, ye - ys);
		r = a < b ? -1 : a > b;
	} else {
		r = sort_text(k->flags, x->s + xs, xe - xs, y->s + ys, ye - ys);
	}
	return (k->flags & SORT_REVERSE) ? -r : r;
}

/* Keys only (what -u calls equal). */
static int sort_compare_keys(const sort_line_t *x, const sort_line_t *y)
{
	for (size_t i = 0; i < opts.nkeys; i++) {
		int r = sort_compare_key(&opts.keys[i], x, y);
		if (r)
			return r;
	}
	return 0;
}

static int sort_compare(const sort_line_t *x, const sort_line_t *y)
{
	int r = sort_compare_keys(x, y);
	if (r || opts.stable || opts.unique)
		return r;
	r = sort_text(0, x->s, x->len, y->s, y->len);
	return (opts.global & SORT_REVERSE) ? -r : r;
}

static void sort_merge_sort(sort_line_t *a, size_t n)
{
	sort_line_t *tmp = fileutil_alloc(sizeof(*tmp) * (n ? n : 1));

	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = sort_compare(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, sizeof(*a) * n);
	}
	free(tmp);
}

/* "F[.C][OPTS]": *field, *chr and flags; end: C may be 0. */
static const char *sort_parse_pos(const char *p, const char *def, bool end, size_t *field,
				  size_t *chr, int *flags)
{
	char *q;
	errno = 0;
	unsigned long long f = strtoull(p, &q, 10);
	if (q == p || errno || !isdigit((unsigned char)*p))
		cmd_usage_error("invalid number at field start: invalid count at start of '%s'", def);
	if (f == 0)
		cmd_usage_error("field number is zero: invalid field specification '%s'", def);
	*field = (size_t)f;
	*chr = end ? 0 : 1;
	p = q;
	if (*p == '.') {
		unsigned long long c = strtoull(p + 1, &q, 10);
		if (q == p + 1)
			cmd_usage_error("invalid number after '.': invalid count at start of '%s'", def);
		if (c == 0 && !end)
			cmd_usage_error("character offset is zero: invalid field specification '%s'", def);
		*chr = (size_t)c;
		p = q;
	}
	for (; *p && *p != ','; p++) {
		const char *letters = "bdfginr";
		const int bits[] = { end ? SORT_BLANKS_END : SORT_BLANKS_START, SORT_DICT, SORT_FOLD,
				     SORT_GENERAL, SORT_PRINT, SORT_NUMERIC, SORT_REVERSE };
		const char *at = strchr(letters, *p);
		if (!at)
			cmd_usage_error("invalid option in key '%s'", def);
		*flags |= bits[at - letters];
	}
	return p;
}

static void sort_add_key(const char *def)
{
	sort_key_t k = { 0 };
	const char *p = sort_parse_pos(def, def, false, &k.sf, &k.sc, &k.flags);
	if (*p == ',')
		sort_parse_pos(p + 1, def, true, &k.ef, &k.ec, &k.flags);
	opts.keys = fileutil_realloc(opts.keys, sizeof(*opts.keys) * (opts.nkeys + 1));
	opts.keys[opts.nkeys++] = k;
}

typedef struct {
	sort_line_t *v;
	size_t n, cap;
	char **buffers;
	size_t nbuffers;
} sort_input_t;

static void sort_read(sort_input_t *in, const char *name)
{
	FILE *fp = textutil_open(name);
	size_t len;

	if (!fp)
		exit(2);
	char *buf = textutil_slurp(fp, &len);
	if (!buf) {
		cmd_error(name, errno);
		exit(2);
	}
	textutil_close(fp);
	in->buffers = fileutil_realloc(in->buffers, sizeof(char *) * (in->nbuffers + 1));
	in->buffers[in->nbuffers++] = buf;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;
		if (in->n == in->cap) {
			in->cap = in->cap ? in->cap * 2 : 1024;
			in->v = fileutil_realloc(in->v, sizeof(*in->v) * in->cap);
		}
		in->v[in->n++] = (sort_line_t){ buf + i, end - i };
		i = end + 1;
	}
}

/* -c/-C: 0 if sorted, else 1 (reporting the first disorder unless quiet). */
static int sort_check(const sort_input_t *in, const char *name, bool quiet)
{
	for (size_t i = 1; i < in->n; i++) {
		int r = sort_compare(&in->v[i - 1], &in->v[i]);
		if (r > 0 || (r == 0 && opts.unique)) {
			if (!quiet)
				fprintf(stderr, "%s: %s:%zu: disorder: %.*s\n", cmd_name, name, i + 1,
					(int)in->v[i].len, in->v[i].s);
			return 1;
		}
	}
	return 0;
}

/* Writes the sorted lines (to output if given); 0, or 2 on an error. */
static int sort_write(const sort_input_t *in, const char *output)
{
	if (output && !freopen(output, "w", stdout)) {
		cmd_error(output, errno);
		return 2;
	}
	for (size_t i = 0; i < in->n; i++) {
		if (opts.unique && i > 0 && sort_compare_keys(&in->v[i - 1], &in->v[i]) == 0)
			continue;
		fwrite(in->v[i].s, 1, in->v[i].len, stdout);
		putchar('\n');
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_warn("write error: %s", strerror(errno));
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *output = NULL;
	int check = 0;          /* 'c' or 'C' */
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "bdfginrsut:k:o:cCmS:T:")) != -1) {
		switch (c) {
		case 'b': opts.global |= SORT_BLANKS_START | SORT_BLANKS_END; break;
		case 'd': opts.global |= SORT_DICT; break;
		case 'f': opts.global |= SORT_FOLD; break;
		case 'g': opts.global |= SORT_GENERAL; break;
		case 'i': opts.global |= SORT_PRINT; break;
		case 'n': opts.global |= SORT_NUMERIC; break;
		case 'r': opts.global |= SORT_REVERSE; break;
		case 's': opts.stable = true; break;
		case 'u': opts.unique = true; break;
		case 'k': sort_add_key(optarg); break;
		case 'o': output = optarg; break;
		case 'c': case 'C': check = c; break;
		case 't':
			if (strlen(optarg) != 1)
				cmd_usage_error(optarg[0] ? "multi-character tab '%s'" : "empty tab%s", optarg);
			opts.tab = (unsigned char)optarg[0];
			break;
		default:        /* -m (inputs are sorted anyway), -S, -T: nothing to do */
			break;
		}
	}
	if (opts.nkeys == 0)
		sort_add_key("1");
	/* Keys without ordering options of their own take the global ones. */
	for (size_t i = 0; i < opts.nkeys; i++)
		if ((opts.keys[i].flags & ~(SORT_BLANKS_START | SORT_BLANKS_END)) == 0)
			opts.keys[i].flags |= opts.global;
	if (check && argc - optind > 1)
		cmd_usage_error("extra operand '%s' not allowed with -%c", argv[optind + 1], check);

	sort_input_t in = { 0 };
	if (optind == argc)
		sort_read(&in, "-");
	for (int i = optind; i < argc; i++)
		sort_read(&in, argv[i]);
	int status = 0;
	if (check) {
		status = sort_check(&in, optind < argc ? argv[optind] : "-", check == 'C');
	} else {
		sort_merge_sort(in.v, in.n);
		status = sort_write(&in, output);
	}
	for (size_t i = 0; i < in.nbuffers; i++)
		free(in.buffers[i]);
	free(in.v);
	free(in.buffers);
	free(opts.keys);
	return status;
}
