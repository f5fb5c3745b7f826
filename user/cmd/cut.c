// SPDX-License-Identifier: MIT
/*
 * cut: selected bytes, characters or fields of each line.
 *
 * A list is ranges separated by commas (N, N-M, N-, -M, numbered from 1),
 * kept as a sorted table of disjoint ranges, so "3,1-2" prints in input
 * order, like every cut. Characters are bytes in the C locale and UTF-8
 * sequences in a UTF-8 one (-b -n keeps bytes). Fields are separated by
 * one delimiter byte (tab by default); a line without it is printed whole
 * unless -s.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static const char help[] =
	"NAME\n    cut - remove sections from each line\n\n"
	"SYNOPSIS\n    cut -b LIST [-n] [FILE...]\n    cut -c LIST [FILE...]\n"
	"    cut -f LIST [-d DELIM] [-s] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes the selected parts of each line of the FILEs (standard\n"
	"    input when there is none, or for -). LIST is numbers and ranges\n"
	"    separated by commas: N, N-M, N- (to the end), -M (from the first);\n"
	"    they count from 1 and are written in input order.\n\n"
	"OPTIONS\n"
	"    -b LIST   select bytes\n"
	"    -c LIST   select characters\n"
	"    -f LIST   select fields\n"
	"    -d DELIM  fields are separated by the character DELIM (default tab)\n"
	"    -s        with -f, leave out lines without a delimiter\n"
	"    -n        with -b, do not split multibyte characters (ignored)\n\n"
	"EXIT STATUS\n    0, 1 if a file could not be read, 2 on a usage error.\n";

typedef struct {
	size_t lo, hi;          /* 1-based, inclusive; hi SIZE_MAX: to the end */
} cut_range_t;

typedef struct {
	cut_range_t *r;
	size_t n;
} cut_list_t;

static int cut_range_cmp(const void *a, const void *b)
{
	const cut_range_t *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static size_t cut_number(const char **p, const char *list)
{
	uintmax_t v = 0;
	size_t digits = strspn(*p, "0123456789");
	char tmp[32];

	if (digits == 0 || digits >= sizeof(tmp))
		cmd_usage_error("invalid list '%s'", list);
	memcpy(tmp, *p, digits);
	tmp[digits] = '\0';
	if (!textutil_count(tmp, SIZE_MAX - 1, &v))
		cmd_usage_error("invalid list '%s'", list);
	if (v == 0)
		cmd_usage_error("positions are numbered from 1");
	*p += digits;
	return (size_t)v;
}

static cut_list_t cut_parse_list(const char *list)
{
	cut_list_t l = { NULL, 0 };
	const char *p = list;

	for (;;) {
		cut_range_t r = { 1, SIZE_MAX };
		if (*p == '-') {
			p++;
			r.hi = cut_number(&p, list);
		} else {
			r.lo = r.hi = cut_number(&p, list);
			if (*p == '-') {
				p++;
				r.hi = (*p >= '0' && *p <= '9') ? cut_number(&p, list) : SIZE_MAX;
			}
		}
		if (r.hi < r.lo)
			cmd_usage_error("invalid decreasing range in '%s'", list);
		l.r = fileutil_realloc(l.r, sizeof(*l.r) * (l.n + 1));
		l.r[l.n++] = r;
		if (*p == '\0')
			break;
		if (*p != ',' && *p != ' ')
			cmd_usage_error("invalid list '%s'", list);
		p++;
	}
	/* Sort and merge, so membership is one pass. */
	qsort(l.r, l.n, sizeof(*l.r), cut_range_cmp);
	size_t out = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (out > 0 && (l.r[out - 1].hi == SIZE_MAX || l.r[i].lo <= l.r[out - 1].hi + 1)) {
			if (l.r[i].hi > l.r[out - 1].hi)
				l.r[out - 1].hi = l.r[i].hi;
		} else {
			l.r[out++] = l.r[i];
		}
	}
	l.n = out;
	return l;
}

static bool cut_selected(const cut_list_t *l, size_t pos)
{
	for (size_t i = 0; i < l->n; i++)
		if (pos >= l->r[i].lo && pos <= l->r[i].hi)
			return true;
	return false;
}

typedef struct {
	char mode;              /* 'b', 'c' or 'f' */
	cut_list_t list;
	char delim;
	bool only_delimited;
	bool multibyte;
} cut_opts_t;

static void cut_positions(const cut_opts_t *o, const char *line, size_t len)
{
	mbstate_t mb;
	size_t pos = 0;

	memset(&mb, 0, sizeof(mb));
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		if (o->mode == 'c' && o->multibyte) {
			n = mbrlen(line + i, len - i, &mb);
			if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
				n = 1;
				memset(&mb, 0, sizeof(mb));
			}
		}
		if (cut_selected(&o->list, ++pos))
			fwrite(line + i, 1, n, stdout);
		i += n;
	}
}

static void cut_fields(const cut_opts_t *o, const char *line, size_t len)
{
	if (!memchr(line, o->delim, len)) {
		if (!o->only_delimited)
			fwrite(line, 1, len, stdout);
		else
			return;
		putchar('\n');
		return;
	}
	size_t field = 1, start = 0;
	bool first = true;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != o->delim)
			continue;
		if (cut_selected(&o->list, field)) {
			if (!first)
				putchar(o->delim);
			fwrite(line + start, 1, i - start, stdout);
			first = false;
		}
		field++;
		start = i + 1;
	}
	putchar('\n');
}

static void cut_file(const cut_opts_t *o, FILE *fp, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n;
		if (line[len - 1] == '\n')
			len--;
		if (o->mode == 'f') {
			cut_fields(o, line, len);
		} else {
			cut_positions(o, line, len);
			putchar('\n');
		}
	}
	if (ferror(fp))
		cmd_error(name, errno);
	free(line);
}

int main(int argc, char **argv)
{
	cut_opts_t o = { .delim = '\t' };
	const char *list = NULL;
	bool delim_given = false;
	int c;

	cmd_start(argc, argv, help);
	setlocale(LC_CTYPE, "");
	o.multibyte = MB_CUR_MAX > 1;
	while ((c = fileutil_option_next(argc, argv, "b:c:f:d:sn")) != -1) {
		switch (c) {
		case 'b': case 'c': case 'f':
			if (o.mode && o.mode != c)
				cmd_usage_error("only one list may be specified");
			o.mode = (char)c;
			list = optarg;
			break;
		case 'd':
			if (strlen(optarg) > 1)
				cmd_usage_error("the delimiter must be a single character");
			o.delim = optarg[0];
			delim_given = true;
			break;
		case 's':
			o.only_delimited = true;
			break;
		}
	}
	if (!o.mode)
		cmd_usage_error("you must specify a list of bytes, characters, or fields");
	if (o.mode != 'f' && (delim_given || o.only_delimited))
		cmd_usage_error("-d and -s only make sense with -f");
	o.list = cut_parse_list(list);
	if (optind == argc)
		cut_file(&o, stdin, "-");
	for (int i = optind; i < argc; i++) {
		FILE *fp = textutil_open(argv[i]);
		if (!fp)
			continue;
		cut_file(&o, fp, argv[i]);
		textutil_close(fp);
	}
	free(o.list.r);
	cmd_flush_stdout();
	return cmd_status();
}
