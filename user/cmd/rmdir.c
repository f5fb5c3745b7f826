// SPDX-License-Identifier: MIT
/*
 * rmdir: remove empty directories. With -p each operand's parents are
 * removed after it, right to left ("a/b/c", then "a/b", then "a"),
 * stopping at the first that cannot be.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    rmdir - remove empty directories\n\n"
	"SYNOPSIS\n    rmdir [-p] DIR...\n\n"
	"DESCRIPTION\n"
	"    Removes each DIR, which must be an empty directory.\n\n"
	"OPTIONS\n"
	"    -p  also remove each parent named in DIR, the innermost first, as\n"
	"        long as they become empty (\"rmdir -p a/b/c\" removes a/b/c,\n"
	"        a/b and a)\n\n"
	"EXIT STATUS\n"
	"    0 if every directory was removed, 1 otherwise, 2 on a usage error.\n";

static int rmdir_one(const char *path)
{
	if (rmdir(path) < 0) {
		cmd_error(path, errno);
		return -1;
	}
	return 0;
}

/* Removes path, then its parents while the name has any. */
static void rmdir_parents(const char *path)
{
	char *p = fileutil_strdup(path);
	size_t n = strlen(p);

	for (;;) {
		while (n > 1 && p[n - 1] == '/')
			p[--n] = '\0';
		if (rmdir_one(p) < 0)
			break;
		while (n > 0 && p[n - 1] != '/')
			n--;
		while (n > 0 && p[n - 1] == '/')
			n--;
		if (n == 0)
			break;
		p[n] = '\0';
	}
	free(p);
}

int main(int argc, char **argv)
{
	bool parents = false;

	cmd_start(argc, argv, help);
	while (fileutil_option_next(argc, argv, "p") != -1)
		parents = true;
	if (optind >= argc)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		if (parents)
			rmdir_parents(argv[i]);
		else
			rmdir_one(argv[i]);
	}
	cmd_flush_stdout();
	return cmd_status();
}
