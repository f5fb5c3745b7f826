// SPDX-License-Identifier: MIT
/*
 * uniq: collapses runs of equal adjacent lines to one. Lines are compared
 * after skipping -f fields (blanks then non-blanks) and then -s
 * characters, and without case with -i; the first line of each run is
 * the one written. -c prefixes counts as GNU does ("%7d "), -d keeps
 * only repeated lines and -u only unique ones.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    uniq - report or omit repeated lines\n\n"
	"SYNOPSIS\n    uniq [-c | -d | -u] [-i] [-f FIELDS] [-s CHARS] [INPUT [OUTPUT]]\n\n"
	"DESCRIPTION\n"
	"    Writes INPUT (standard input when absent or -) to OUTPUT (standard\n"
	"    output when absent) with each run of adjacent equal lines written\n"
	"    once. Equal lines that are not adjacent are not merged: sort first.\n\n"
	"OPTIONS\n"
	"    -c         prefix each line with the number of times it occurred\n"
	"    -d         write only lines that were repeated\n"
	"    -u         write only lines that were not repeated\n"
	"    -i         compare without regard to case\n"
	"    -f FIELDS  skip FIELDS fields (blanks then non-blanks) first\n"
	"    -s CHARS   then skip CHARS characters\n\n"
	"EXIT STATUS\n    0, 1 if a file could not be read or written, 2 on a usage error.\n";

typedef struct {
	bool count, repeated, unique, icase;
	uintmax_t fields, chars;
} uniq_opts_t;

/* Where comparison starts in line[0..len). */
static size_t uniq_key(const uniq_opts_t *o, const char *line, size_t len)
{
	size_t i = 0;

	for (uintmax_t f = 0; f < o->fields; f++) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
	}
	for (uintmax_t c = 0; c < o->chars && i < len; c++)
		i++;
	return i;
}

static bool uniq_equal(const uniq_opts_t *o, const char *a, size_t alen, const char *b,
		       size_t blen)
{
	size_t ka = uniq_key(o, a, alen), kb = uniq_key(o, b, blen);
	if (alen - ka != blen - kb)
		return false;
	if (o->icase) {
		for (size_t i = 0; i < alen - ka; i++)
			if (tolower((unsigned char)a[ka + i]) != tolower((unsigned char)b[kb + i]))
				return false;
		return true;
	}
	return memcmp(a + ka, b + kb, alen - ka) == 0;
}

static void uniq_emit(const uniq_opts_t *o, FILE *out, const char *line, size_t len,
		      uintmax_t n)
{
	if ((o->repeated && n < 2) || (o->unique && n > 1))
		return;
	if (o->count)
		fprintf(out, "%7ju ", n);
	fwrite(line, 1, len, out);
	putc('\n', out);
}

static uintmax_t uniq_number(const char *arg, const char *what)
{
	uintmax_t v;
	if (!textutil_count(arg, UINTMAX_MAX, &v))
		cmd_usage_error("invalid number of %s: '%s'", what, arg);
	return v;
}

int main(int argc, char **argv)
{
	uniq_opts_t o = { 0 };
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "cduif:s:")) != -1) {
		switch (c) {
		case 'c': o.count = true; break;
		case 'd': o.repeated = true; break;
		case 'u': o.unique = true; break;
		case 'i': o.icase = true; break;
		case 'f': o.fields = uniq_number(optarg, "fields"); break;
		case 's': o.chars = uniq_number(optarg, "bytes"); break;
		}
	}
	if (argc - optind > 2)
		cmd_usage_error("extra operand '%s'", argv[optind + 2]);
	const char *in_name = optind < argc ? argv[optind] : "-";
	FILE *in = textutil_open(in_name);
	if (!in)
		return 1;
	FILE *out = stdout;
	if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0) {
		out = fopen(argv[optind + 1], "w");
		if (!out) {
			cmd_error(argv[optind + 1], errno);
			return 1;
		}
	}
	char *prev = NULL, *line = NULL;
	size_t prev_cap = 0, cap = 0, prev_len = 0;
	uintmax_t run = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, in)) > 0) {
		size_t len = (size_t)n;
		if (line[len - 1] == '\n')
			len--;
		if (run > 0 && uniq_equal(&o, prev, prev_len, line, len)) {
			run++;
			continue;
		}
		if (run > 0)
			uniq_emit(&o, out, prev, prev_len, run);
		/* The new run's first line becomes prev (swap buffers). */
		char *t = prev;
		size_t tc = prev_cap;
		prev = line;
		prev_cap = cap;
		prev_len = len;
		line = t;
		cap = tc;
		run = 1;
	}
	if (ferror(in))
		cmd_error(in_name, errno);
	if (run > 0)
		uniq_emit(&o, out, prev, prev_len, run);
	free(prev);
	free(line);
	textutil_close(in);
	if (out != stdout && fclose(out) != 0)
		cmd_error(argv[optind + 1], errno);
	cmd_flush_stdout();
	return cmd_status();
}
