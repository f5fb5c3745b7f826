// SPDX-License-Identifier: MIT
/*
 * rm: remove files, and with -r whole trees (fileremove.c does the
 * work). Operands whose last component is "." or "..", and the root
 * directory, are refused before anything is removed, as POSIX asks.
 */
#include "cmd.h"
#include "fileremove.h"
#include "fileutil.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    rm - remove files or directories\n\n"
	"SYNOPSIS\n    rm [-dfiRrv] FILE...\n\n"
	"DESCRIPTION\n"
	"    Removes each FILE. A symbolic link is removed, never what it points\n"
	"    to. A directory needs -r (or -d when it is empty). \".\", \"..\" and\n"
	"    \"/\" are refused.\n\n"
	"OPTIONS\n"
	"    -d      remove empty directories too\n"
	"    -f      never ask; a FILE that does not exist is not an error, nor\n"
	"            is no FILE at all\n"
	"    -i      ask before removing each file (and before entering each\n"
	"            directory with -r); the last of -f and -i counts\n"
	"    -r, -R  remove directories and everything in them\n"
	"    -v      write what is removed\n"
	"    Without -f or -i, a file the caller may not write is asked about\n"
	"    when standard input is a terminal.\n\n"
	"EXIT STATUS\n"
	"    0 if every FILE was removed (or skipped by answer), 1 otherwise,\n"
	"    2 on a usage error.\n";

static bool rm_is_root(const char *path)
{
	if (path[0] != '/')
		return false;
	while (*path == '/')
		path++;
	return *path == '\0';
}

int main(int argc, char **argv)
{
	fileremove_t r = { 0 };
	int c, status = 0;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "dfirRv")) != -1) {
		switch (c) {
		case 'd': r.dirs = true; break;
		case 'f': r.force = true; r.interactive = false; break;
		case 'i': r.interactive = true; r.force = false; break;
		case 'r': case 'R': r.recursive = true; break;
		case 'v': r.verbose = true; break;
		}
	}
	if (optind >= argc && !r.force)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		if (fileutil_is_dot_or_dotdot(path)) {
			cmd_warn("%s: refusing to remove '.' or '..'", path);
			continue;
		}
		if (rm_is_root(path)) {
			cmd_warn("%s: refusing to remove the root directory", path);
			continue;
		}
		if (fileremove_path(&r, path) < 0)
			status = 1;
	}
	cmd_flush_stdout();
	return status | cmd_status();
}
