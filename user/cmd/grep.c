// SPDX-License-Identifier: MIT
/*
 * grep: prints the lines that match any of the patterns.
 *
 * Patterns are basic regular expressions (or extended with -E, or fixed
 * strings with -F), one per line of each -e argument or -f file. Each
 * line is searched with REG_STARTEND, so it may hold NUL bytes. -w and
 * -x are checked on the match found, not by rewriting the pattern (which
 * would renumber its back-references): -x needs a match of the whole
 * line, which leftmost-longest matching finds if there is one; -w needs
 * a match with a non-word character (or the line's edge) on both sides,
 * and the search moves on one byte after each match that is not.
 *
 * Exit status as POSIX says: 0 if a line was selected, 1 if none, 2 on
 * an error (but -q with a selected line exits 0 at once).
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    grep - print lines that match patterns\n\n"
	"SYNOPSIS\n"
	"    grep [-EFGHhilLnoqrsvwxc] [-e PATTERN]... [-f FILE]... [PATTERN] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Searches the FILEs (standard input when there is none, or for -)\n"
	"    and writes each line that matches a PATTERN. PATTERNs are basic\n"
	"    regular expressions (see regex(7): . [] * ^ $ \\( \\) \\{m,n\\} \\1,\n"
	"    and \\| \\+ \\? \\< \\> \\b \\w \\s as in GNU grep). A PATTERN with\n"
	"    newlines is one pattern per line; an empty one matches every line.\n\n"
	"OPTIONS\n"
	"    -E          extended regular expressions (| + ? {} () unescaped)\n"
	"    -F          fixed strings, not regular expressions\n"
	"    -G          basic regular expressions (the default)\n"
	"    -e PATTERN  a pattern (may be given several times)\n"
	"    -f FILE     patterns from FILE, one per line\n"
	"    -i          ignore case\n"
	"    -v          select the lines that do not match\n"
	"    -w          match whole words only\n"
	"    -x          match whole lines only\n"
	"    -c          print only the count of selected lines of each file\n"
	"    -l          print only the names of files with a selected line\n"
	"    -L          print only the names of files without one\n"
	"    -n          prefix each line with its line number\n"
	"    -o          print only the matched parts, one per line\n"
	"    -H          prefix each line with its file name (the default\n"
	"                with several files)\n"
	"    -h          never prefix file names\n"
	"    -q          quiet: print nothing, exit 0 at the first selected line\n"
	"    -s          do not report missing or unreadable files\n"
	"    -r, -R      search directories recursively (. when no FILE)\n\n"
	"EXIT STATUS\n"
	"    0 if a line was selected, 1 if none was, 2 on an error.\n";

typedef struct {
	char *text;             /* -F */
	size_t len;
	regex_t re;
} grep_pattern_t;

typedef struct {
	grep_pattern_t *p;
	size_t n;
	char mode;              /* 'G', 'E' or 'F' */
	bool icase, invert, word, line, count, names, no_names, number, only, quiet, silent,
		recursive, with_names;
	bool errors;
	bool listed_any;        /* -L: a file was named */
	bool selected_any;
} grep_t;

static grep_t g = { .mode = 'G' };

/* --- patterns ------------------------------------------------------------ */

static void grep_add_pattern(const char *text, size_t len)
{
	g.p = fileutil_realloc(g.p, sizeof(*g.p) * (g.n + 1));
	grep_pattern_t *p = &g.p[g.n++];
	p->text = fileutil_alloc(len + 1);
	memcpy(p->text, text, len);
	p->text[len] = '\0';
	p->len = len;
}

/* Splits s at newlines into patterns. */
static void grep_add_patterns(const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		grep_add_pattern(s, nl ? (size_t)(nl - s) : strlen(s));
		if (!nl)
			return;
		s = nl + 1;
	}
}

static void grep_pattern_file(const char *name)
{
	FILE *fp = textutil_open(name);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!fp)
		exit(2);
	while ((n = getline(&line, &cap, fp)) > 0)
		grep_add_pattern(line, (size_t)n - (line[n - 1] == '\n'));
	if (ferror(fp)) {
		cmd_error(name, errno);
		exit(2);
	}
	free(line);
	textutil_close(fp);
}

static void grep_compile(void)
{
	if (g.mode == 'F')
		return;
	for (size_t i = 0; i < g.n; i++) {
		int flags = (g.mode == 'E' ? REG_EXTENDED : 0) | (g.icase ? REG_ICASE : 0) |
			    (g.only || g.word || g.line ? 0 : REG_NOSUB);
		int err = regcomp(&g.p[i].re, g.p[i].text, flags);
		if (err) {
			char msg[256];
			regerror(err, &g.p[i].re, msg, sizeof(msg));
			cmd_warn("%s", msg);
			exit(2);
		}
	}
}

/* --- matching -------------------------------------------------------------- */

static bool grep_word_byte(const char *s, size_t len, size_t i)
{
	return i < len && (isalnum((unsigned char)s[i]) || s[i] == '_');
}

static bool grep_fixed_at(const grep_pattern_t *p, const char *s)
{
	if (!g.icase)
		return memcmp(s, p->text, p->len) == 0;
	for (size_t i = 0; i < p->len; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)p->text[i]))
			return false;
	return true;
}

/* The first match of pattern p in line[from..len): its span, or false. */
static bool grep_find_one(grep_pattern_t *p, const char *line, size_t len, size_t from,
			  size_t *so, size_t *eo)
{
	if (g.mode == 'F') {
		for (size_t i = from; p->len <= len && i <= len - p->len; i++)
			if (grep_fixed_at(p, line + i)) {
				*so = i;
				*eo = i + p->len;
				return true;
			}
		return false;
	}
	regmatch_t m[1] = { { (regoff_t)from, (regoff_t)len } };
	int r = regexec(&p->re, line, 1, m, REG_STARTEND);
	if (r == REG_NOMATCH)
		return false;
	if (r) {
		char msg[256];
		regerror(r, &p->re, msg, sizeof(msg));
		cmd_warn("%s", msg);
		g.errors = true;
		return false;
	}
	*so = (size_t)m[0].rm_so;
	*eo = (size_t)m[0].rm_eo;
	return true;
}

/*
 * A match of p from `from` on that satisfies -x (the first match must
 * be the whole line: leftmost-longest finds a whole-line match if there
 * is one) and -w (non-word bytes or the line's edges around it; else
 * the search goes on one byte later).
 */
static bool grep_find_valid(grep_pattern_t *p, const char *line, size_t len, size_t from,
			    size_t *so, size_t *eo)
{
	while (from <= len && grep_find_one(p, line, len, from, so, eo)) {
		if (g.line)
			return *so == 0 && *eo == len;
		if (!g.word)
			return true;
		bool before = *so > 0 && grep_word_byte(line, len, *so - 1);
		if (!before && !grep_word_byte(line, len, *eo) && *eo > *so)
			return true;
		from = *so + 1;
	}
	return false;
}

/* The earliest (then longest) valid match of any pattern, from `from`. */
static bool grep_find(const char *line, size_t len, size_t from, size_t *so, size_t *eo)
{
	bool found = false;

	for (size_t i = 0; i < g.n; i++) {
		size_t s, e;
		if (grep_find_valid(&g.p[i], line, len, from, &s, &e) &&
		    (!found || s < *so || (s == *so && e > *eo))) {
			found = true;
			*so = s;
			*eo = e;
		}
	}
	return found;
}

/* --- files ------------------------------------------------------------------- */

static void grep_prefix(const char *name, unsigned long long lineno, char sep)
{
	if (g.with_names)
		printf("%s%c", name, sep);
	if (g.number)
		printf("%llu%c", lineno, sep);
}

/* Searches fp; true when it had a selected line. */
static bool grep_stream(FILE *fp, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long long lineno = 0, selected = 0;

	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n - (line[n - 1] == '\n');
		size_t so, eo;
		lineno++;
		bool match = grep_find(line, len, 0, &so, &eo);
		if (match == g.invert)
			continue;
		selected++;
		g.selected_any = true;
		if (g.quiet) {
			free(line);
			cmd_flush_stdout();
			exit(0);
		}
		if (g.names || g.count)
			continue;
		if (g.only) {
			for (size_t from = 0; !g.invert && from <= len && grep_find(line, len, from, &so, &eo);) {
				if (eo > so) {
					grep_prefix(name, lineno, ':');
					fwrite(line + so, 1, eo - so, stdout);
					putchar('\n');
				}
				from = eo > so ? eo : so + 1;
			}
			continue;
		}
		grep_prefix(name, lineno, ':');
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	if (ferror(fp)) {
		if (!g.silent)
			cmd_error(name, errno);
		g.errors = true;
	}
	free(line);
	if (g.count) {
		if (g.with_names)
			printf("%s:", name);
		printf("%llu\n", selected);
	}
	if (g.names && (selected > 0) != g.no_names) {
		puts(name);
		g.listed_any = true;
	}
	return selected > 0;
}

static void grep_path(const char *path, bool top);

static void grep_directory(const char *path)
{
	char **names;
	size_t count;

	if (fileutil_dir_names(path, 0, &names, &count) != 0) {
		if (!g.silent)
			cmd_error(path, errno);
		g.errors = true;
		return;
	}
	for (size_t i = 0; i < count; i++) {
		char *child = fileutil_path_join(path, names[i]);
		grep_path(child, false);
		free(child);
	}
	fileutil_names_free(names, count);
}

static void grep_path(const char *path, bool top)
{
	if (strcmp(path, "-") == 0 && top) {
		grep_stream(stdin, TEXTUTIL_STDIN_NAME);
		return;
	}
	struct stat st;
	if (g.recursive && (top ? stat(path, &st) : lstat(path, &st)) == 0) {
		if (S_ISDIR(st.st_mode)) {
			grep_directory(path);
			return;
		}
		if (!top && !S_ISREG(st.st_mode))
			return;         /* links, devices met on the way are skipped */
	}
	FILE *fp = fopen(path, "r");
	if (!fp) {
		if (!g.silent)
			cmd_error(path, errno);
		g.errors = true;
		return;
	}
	grep_stream(fp, path);
	fclose(fp);
}

int main(int argc, char **argv)
{
	bool have_patterns = false;
	int names_opt = 0;      /* -H: 1, -h: -1, the last one given wins */
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "EFGe:f:ivwxclLnoHhqsrR")) != -1) {
		switch (c) {
		case 'E': case 'F': case 'G': g.mode = (char)c; break;
		case 'e': grep_add_patterns(optarg); have_patterns = true; break;
		case 'f': grep_pattern_file(optarg); have_patterns = true; break;
		case 'i': g.icase = true; break;
		case 'v': g.invert = true; break;
		case 'w': g.word = true; break;
		case 'x': g.line = true; break;
		case 'c': g.count = true; break;
		case 'l': g.names = true; g.no_names = false; break;
		case 'L': g.names = true; g.no_names = true; break;
		case 'n': g.number = true; break;
		case 'o': g.only = true; break;
		case 'H': names_opt = 1; break;
		case 'h': names_opt = -1; break;
		case 'q': g.quiet = true; break;
		case 's': g.silent = true; break;
		case 'r': case 'R': g.recursive = true; break;
		}
	}
	if (!have_patterns) {
		if (optind == argc)
			cmd_usage_error("no pattern given");
		grep_add_patterns(argv[optind++]);
	}
	grep_compile();
	int nfiles = argc - optind;
	struct stat st;
	bool one_file = nfiles == 1 && !(g.recursive && stat(argv[optind], &st) == 0 &&
					  S_ISDIR(st.st_mode));
	g.with_names = names_opt > 0 || (names_opt == 0 && (nfiles > 1 || (g.recursive && !one_file)));
	if (nfiles == 0)
		grep_path(g.recursive ? "." : "-", true);
	for (int i = optind; i < argc; i++)
		grep_path(argv[i], true);
	cmd_flush_stdout();
	if (g.errors)
		return 2;
	if (g.names && g.no_names)
		return g.listed_any ? 0 : 1;
	return g.selected_any ? 0 : 1;
}
