// SPDX-License-Identifier: MIT
/*
 * basename: the last component of a path, as POSIX defines it (trailing
 * slashes dropped, "/" for a string of slashes), less a suffix when one
 * is given and is not the whole of what is left. -a and -s (from GNU)
 * take several names.
 */
#include "cmd.h"
#include "fileutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    basename - strip the directory (and a suffix) from a path\n\n"
	"SYNOPSIS\n    basename STRING [SUFFIX]\n    basename -a [-s SUFFIX] STRING...\n\n"
	"DESCRIPTION\n"
	"    Writes the last component of STRING: trailing slashes are dropped,\n"
	"    then everything up to the last remaining slash. A string of slashes\n"
	"    gives \"/\", an empty string an empty line. SUFFIX is removed from the\n"
	"    end of the result unless it is all of it.\n\n"
	"OPTIONS\n"
	"    -a         every operand is a STRING\n"
	"    -s SUFFIX  remove SUFFIX (implies -a)\n\n"
	"EXIT STATUS\n    0 on success, 2 on a usage error.\n";

static void basename_print(const char *s, const char *suffix)
{
	char *base = fileutil_basename(s);
	size_t n = strlen(base), sn = suffix ? strlen(suffix) : 0;

	if (sn > 0 && sn < n && strcmp(base + n - sn, suffix) == 0)
		base[n - sn] = '\0';
	puts(base);
	free(base);
}

int main(int argc, char **argv)
{
	bool all = false;
	const char *suffix = NULL;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "+as:")) != -1) {
		if (c == 's')
			suffix = optarg;
		all = true;
	}
	int n = argc - optind;
	if (n < 1)
		cmd_usage_error("missing operand");
	if (!all && n > 2)
		cmd_usage_error("extra operand '%s'", argv[optind + 2]);
	if (all) {
		for (int i = optind; i < argc; i++)
			basename_print(argv[i], suffix);
	} else {
		basename_print(argv[optind], n == 2 ? argv[optind + 1] : NULL);
	}
	cmd_flush_stdout();
	return 0;
}
