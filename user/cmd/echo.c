// SPDX-License-Identifier: MIT
/*
 * echo: its operands separated by spaces, then a newline. This is GNU's
 * echo: leading words made only of the letters n, e and E are options
 * (-n: no newline; -e: backslash escapes; -E: none, the default), and
 * anything else, "--" included, is printed as it is. With -e, \c ends
 * the output at once (no newline either), \0NNN is a byte in octal and
 * \xHH in hex; an unknown escape is printed unchanged.
 */
#include "cmd.h"
#include "textutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"NAME\n    echo - write arguments to standard output\n\n"
	"SYNOPSIS\n    echo [-neE] [STRING...]\n\n"
	"DESCRIPTION\n"
	"    Writes the STRINGs separated by single spaces and followed by a\n"
	"    newline. Leading arguments made only of the option letters are\n"
	"    options; everything after them, including \"--\", is printed.\n\n"
	"OPTIONS\n"
	"    -n  do not write the newline\n"
	"    -e  interpret backslash escapes: \\\\ \\a \\b \\c (stop here, no\n"
	"        newline) \\e \\f \\n \\r \\t \\v \\0NNN (octal) \\xHH (hex)\n"
	"    -E  do not interpret escapes (the default)\n\n"
	"EXIT STATUS\n    0, or 1 if writing failed.\n";

static bool echo_is_option(const char *arg)
{
	return arg[0] == '-' && arg[1] && strspn(arg + 1, "neE") == strlen(arg + 1);
}

/* Writes s with escapes decoded; false after \c. */
static bool echo_escaped(const char *s)
{
	while (*s) {
		if (*s != '\\') {
			putchar(*s++);
			continue;
		}
		size_t used;
		int c = textutil_escape(s + 1, TEXTUTIL_ESC_OCTAL0 | TEXTUTIL_ESC_HEX |
					       TEXTUTIL_ESC_STOP | TEXTUTIL_ESC_ESCAPE, &used);
		if (c == TEXTUTIL_STOP)
			return false;
		if (c < 0) {
			putchar(*s++);
			continue;
		}
		putchar(c);
		s += 1 + used;
	}
	return true;
}

int main(int argc, char **argv)
{
	bool newline = true, escapes = false;
	int i = 1;

	cmd_start(argc, argv, help);
	for (; i < argc && echo_is_option(argv[i]); i++)
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = false;
			else
				escapes = *p == 'e';
		}
	for (; i < argc; i++) {
		if (escapes) {
			if (!echo_escaped(argv[i])) {
				cmd_flush_stdout();
				return 0;
			}
		} else {
			fputs(argv[i], stdout);
		}
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	cmd_flush_stdout();
	return 0;
}
