// SPDX-License-Identifier: MIT
/*
 * dirname: a path without its last component, as POSIX defines it
 * ("." when there is no slash, "/" for the root). Several operands give
 * one line each, as GNU's does.
 */
#include "cmd.h"
#include "fileutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    dirname - strip the last component from a path\n\n"
	"SYNOPSIS\n    dirname STRING...\n\n"
	"DESCRIPTION\n"
	"    Writes STRING without its last component and the slashes before it:\n"
	"    \"a/b/\" gives \"a\", \"a\" gives \".\", \"/a\" and \"/\" give \"/\".\n"
	"    Each STRING gives one line.\n\n"
	"OPTIONS\n    none\n\n"
	"EXIT STATUS\n    0 on success, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	cmd_start(argc, argv, help);
	while (fileutil_option_next(argc, argv, "+") != -1)
		;
	if (optind >= argc)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		char *dir = fileutil_dirname(argv[i]);
		puts(dir);
		free(dir);
	}
	cmd_flush_stdout();
	return 0;
}
