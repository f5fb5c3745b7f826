// SPDX-License-Identifier: MIT
/*
 * read and getopts: the builtins that take input apart.
 *
 * read reads standard input one byte at a time — it must not consume
 * anything past its line, which belongs to whatever runs next — and splits
 * the line by IFS like field splitting does, the last variable taking the
 * rest of the line. Without -r a backslash protects the next character
 * (from splitting and from being the delimiter) and backslash-newline
 * continues the line.
 *
 * getopts keeps its place inside a group of options (-abc) in a static,
 * and starts over whenever OPTIND is not what it last set.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "expand.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

typedef struct line {
	sb_t c;
	sb_t quoted;		/* one flag byte per character */
} line_t;

/* Reads up to the delimiter; 0 if found, 1 at end of input, 128+sig if a trap interrupted. */
static int read_line(line_t *l, bool raw, char delim)
{
	bool escaped = false;
	char ch;

	for (;;) {
		ssize_t n = read(0, &ch, 1);

		if (n < 0 && errno == EINTR) {
			int sig = trap_pending_signal();

			if (sig)
				return 128 + sig;
			continue;
		}
		if (n <= 0)
			return 1;
		if (escaped) {
			escaped = false;
			if (ch == '\n')
				continue;	/* a continued line */
			sb_putc(&l->c, ch);
			sb_putc(&l->quoted, 1);
			continue;
		}
		if (ch == '\\' && !raw) {
			escaped = true;
			continue;
		}
		if (ch == delim)
			return 0;
		sb_putc(&l->c, ch);
		sb_putc(&l->quoted, 0);
	}
}

static bool is_ifs(const line_t *l, size_t i, const char *ifs)
{
	return !l->quoted.s[i] && l->c.s[i] && strchr(ifs, l->c.s[i]);
}

static bool is_ifs_white(const line_t *l, size_t i, const char *ifs)
{
	char c = l->c.s[i];

	return is_ifs(l, i, ifs) && (c == ' ' || c == '\t' || c == '\n');
}

static int read_assign(line_t *l, char **names, int n)
{
	const char *ifs = ifs_value();
	size_t i = 0, len = l->c.len;

	while (i < len && is_ifs_white(l, i, ifs))
		i++;
	for (int v = 0; v < n; v++) {
		size_t start = i, end;

		if (v == n - 1) {
			end = len;
			while (end > start && is_ifs_white(l, end - 1, ifs))
				end--;
		} else {
			while (i < len && !is_ifs(l, i, ifs))
				i++;
			end = i;
			/* The delimiter: IFS white space around at most one other IFS character. */
			while (i < len && is_ifs_white(l, i, ifs))
				i++;
			if (i < len && is_ifs(l, i, ifs) && !is_ifs_white(l, i, ifs)) {
				i++;
				while (i < len && is_ifs_white(l, i, ifs))
					i++;
			}
		}
		if (var_set(names[v], stk_strndup(l->c.s + start, end - start), 0) < 0)
			return 2;
	}
	return 0;
}

int bi_read(int argc, char **argv)
{
	bool raw = false;
	char delim = '\n';
	const char *prompt = NULL;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'r') {
				raw = true;
			} else if (*o == 'd' || *o == 'p') {
				const char *val = o[1] ? o + 1 : argv[++i];

				if (!val)
					return bi_usage("read [-r] [-d delim] [-p prompt] [name...]");
				if (*o == 'd')
					delim = val[0];
				else
					prompt = val;
				break;
			} else {
				return bi_usage("read [-r] [-d delim] [-p prompt] [name...]");
			}
		}
	}
	for (int k = i; k < argc; k++) {
		if (!var_name_valid(argv[k], strlen(argv[k]))) {
			bi_warn("read: %s: bad variable name", argv[k]);
			return 2;
		}
	}
	if (prompt && isatty(0))
		sh_write_all(2, prompt, strlen(prompt));
	line_t l;

	sb_init(&l.c);
	sb_init(&l.quoted);
	int st = read_line(&l, raw, delim);

	if (st > 1)
		return st;
	if (i == argc) {
		if (var_set("REPLY", l.c.s, 0) < 0)
			return 2;
		return st;
	}
	int r = read_assign(&l, argv + i, argc - i);

	return r ? r : st;
}

/* --- getopts --------------------------------------------------------- */

static int getopts_char = 1;		/* the next option letter within the argument */
static long getopts_optind = -1;	/* OPTIND as getopts last set it */

static void getopts_set_optind(long optind)
{
	var_set("OPTIND", stk_printf("%ld", optind), 0);
	getopts_optind = optind;
}

/*
 * An option that takes an argument: the rest of this word or the next
 * one. Returns false when it is missing (reported, name set to ? or :).
 */
static bool getopts_optarg(const char *arg, char **args, int nargs, long *optind,
			   bool silent, const char *name, char opt)
{
	char letter[2] = { opt, 0 };

	if (arg[getopts_char]) {
		var_set("OPTARG", arg + getopts_char, 0);
		return true;
	}
	if (*optind < nargs) {
		var_set("OPTARG", args[*optind], 0);
		(*optind)++;
		return true;
	}
	if (silent) {
		var_set("OPTARG", letter, 0);
		var_set(name, ":", 0);
	} else {
		bi_warn("option requires an argument -- %c", opt);
		var_unset("OPTARG");
		var_set(name, "?", 0);
	}
	return false;
}

int bi_getopts(int argc, char **argv)
{
	if (argc < 3)
		return bi_usage("getopts optstring name [arg...]");
	const char *optstring = argv[1], *name = argv[2];
	char **args = argc > 3 ? argv + 3 : sh_params.v;
	int nargs = argc > 3 ? argc - 3 : sh_params.n;
	bool silent = optstring[0] == ':';
	const char *ov = var_get("OPTIND");
	long optind = ov ? atol(ov) : 1;

	if (optind != getopts_optind || optind < 1)
		getopts_char = 1;
	if (optind < 1)
		optind = 1;
	const char *arg = optind <= nargs ? args[optind - 1] : NULL;

	if (getopts_char == 1 &&
	    (!arg || arg[0] != '-' || arg[1] == '\0' || strcmp(arg, "--") == 0)) {
		if (arg && strcmp(arg, "--") == 0)
			optind++;
		getopts_set_optind(optind);
		var_unset("OPTARG");
		var_set(name, "?", 0);
		return 1;
	}
	char c = arg[getopts_char++];
	const char *spec = c != ':' ? strchr(optstring + silent, c) : NULL;
	char opt[2] = { c, 0 };
	bool next_word = arg[getopts_char] == '\0';

	if (!spec) {
		if (silent) {
			var_set("OPTARG", opt, 0);
		} else {
			bi_warn("illegal option -- %c", c);
			var_unset("OPTARG");
		}
		var_set(name, "?", 0);
	} else if (spec[1] == ':') {
		if (getopts_optarg(arg, args, nargs, &optind, silent, name, c))
			var_set(name, opt, 0);
		next_word = true;
	} else {
		var_unset("OPTARG");
		var_set(name, opt, 0);
	}
	if (next_word) {
		optind++;
		getopts_char = 1;
	}
	getopts_set_optind(optind);
	return 0;
}
