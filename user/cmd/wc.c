// SPDX-License-Identifier: MIT
/*
 * wc: counts lines (newlines), words (runs of non-space bytes), characters
 * and bytes of each file, and their totals when there are several.
 *
 * Characters are bytes in the C locale; in a UTF-8 locale a multibyte
 * sequence counts once (an invalid byte counts as one character). The
 * columns come in the order lines, words, characters, bytes, each
 * right-aligned to the width of the largest number printed (so one
 * count of one file has no padding: "3 file"), which is GNU's layout for
 * files, made the same for standard input.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static const char help[] =
	"NAME\n    wc - count lines, words and bytes\n\n"
	"SYNOPSIS\n    wc [-clmw] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Prints the counts of each FILE (standard input when there is none,\n"
	"    or for -) and its name, then a \"total\" line when there are\n"
	"    several. Without options it prints lines, words and bytes.\n\n"
	"OPTIONS\n"
	"    -l  newlines\n"
	"    -w  words: runs of characters other than white space\n"
	"    -m  characters (multibyte characters in a UTF-8 locale)\n"
	"    -c  bytes\n\n"
	"EXIT STATUS\n    0, 1 if a file could not be read, 2 on a usage error.\n";

enum { WC_LINES, WC_WORDS, WC_CHARS, WC_BYTES, WC_COLUMNS };

typedef struct {
	unsigned long long n[WC_COLUMNS];
	const char *name;       /* NULL for standard input without a name */
	bool failed;
} wc_count_t;

/* Counts fd into *c; false after a read error (reported). */
static bool wc_fd(int fd, const char *name, bool multibyte, wc_count_t *c)
{
	static char buf[65536];
	bool in_word = false;
	mbstate_t mb;

	memset(&mb, 0, sizeof(mb));
	for (;;) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			return false;
		}
		if (got == 0)
			return true;
		c->n[WC_BYTES] += (unsigned long long)got;
		for (ssize_t i = 0; i < got; i++) {
			unsigned char b = (unsigned char)buf[i];
			if (b == '\n')
				c->n[WC_LINES]++;
			bool space = isspace(b);
			if (!space && !in_word)
				c->n[WC_WORDS]++;
			in_word = !space;
			if (!multibyte) {
				c->n[WC_CHARS]++;
				continue;
			}
			wchar_t wc;
			size_t r = mbrtowc(&wc, (const char *)&buf[i], 1, &mb);
			if (r == (size_t)-2)
				continue;               /* the character goes on */
			if (r == (size_t)-1)
				memset(&mb, 0, sizeof(mb));
			c->n[WC_CHARS]++;
		}
	}
}

static void wc_print(const wc_count_t *c, const bool *show, int width)
{
	bool first = true;

	for (int k = 0; k < WC_COLUMNS; k++) {
		if (!show[k])
			continue;
		printf(first ? "%*llu" : " %*llu", width, c->n[k]);
		first = false;
	}
	if (c->name)
		printf(" %s", c->name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	bool show[WC_COLUMNS] = { false };
	int c;

	cmd_start(argc, argv, help);
	setlocale(LC_CTYPE, "");
	while ((c = fileutil_option_next(argc, argv, "clmw")) != -1)
		show[c == 'l' ? WC_LINES : c == 'w' ? WC_WORDS : c == 'm' ? WC_CHARS : WC_BYTES] = true;
	if (!show[WC_LINES] && !show[WC_WORDS] && !show[WC_CHARS] && !show[WC_BYTES])
		show[WC_LINES] = show[WC_WORDS] = show[WC_BYTES] = true;
	bool multibyte = MB_CUR_MAX > 1;

	int nfiles = argc - optind;
	size_t slots = (size_t)(nfiles > 0 ? nfiles : 1) + 1;     /* the files and the total */
	wc_count_t *counts = fileutil_alloc(sizeof(*counts) * slots);
	memset(counts, 0, sizeof(*counts) * slots);
	if (nfiles == 0) {
		wc_fd(STDIN_FILENO, "-", multibyte, &counts[0]);
		nfiles = 1;
	} else {
		for (int i = 0; i < nfiles; i++) {
			const char *name = argv[optind + i];
			counts[i].name = name;
			if (strcmp(name, "-") == 0) {
				counts[i].failed = !wc_fd(STDIN_FILENO, name, multibyte, &counts[i]);
				continue;
			}
			int fd = open(name, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				cmd_error(name, errno);
				counts[i].failed = true;
				continue;
			}
			counts[i].failed = !wc_fd(fd, name, multibyte, &counts[i]);
			close(fd);
		}
	}
	wc_count_t *total = &counts[nfiles];
	total->name = "total";
	unsigned long long widest = 0;
	for (int i = 0; i < nfiles; i++)
		for (int k = 0; k < WC_COLUMNS; k++) {
			total->n[k] += counts[i].n[k];
			if (show[k] && total->n[k] > widest)
				widest = total->n[k];
		}
	int width = snprintf(NULL, 0, "%llu", widest);
	for (int i = 0; i < nfiles; i++)
		if (!counts[i].failed)
			wc_print(&counts[i], show, width);
	if (nfiles > 1)
		wc_print(total, show, width);
	free(counts);
	cmd_flush_stdout();
	return cmd_status();
}
