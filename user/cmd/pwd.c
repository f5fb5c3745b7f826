// SPDX-License-Identifier: MIT
/*
 * pwd: the working directory. -L (the default) writes $PWD when it is an
 * absolute name of the working directory without "." or ".." components,
 * so that a path reached through a symbolic link is shown as it was
 * typed; otherwise, and with -P, it writes getcwd()'s answer with
 * symbolic links resolved.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    pwd - print the name of the working directory\n\n"
	"SYNOPSIS\n    pwd [-L|-P]\n\n"
	"DESCRIPTION\n"
	"    Writes the absolute name of the working directory.\n\n"
	"OPTIONS\n"
	"    -L  the logical name: $PWD if it names the working directory and has\n"
	"        no \".\" or \"..\" components, else as -P (the default)\n"
	"    -P  the physical name, without symbolic links\n"
	"    The last of -L and -P counts.\n\n"
	"EXIT STATUS\n    0 on success, 1 on an error, 2 on a usage error.\n";

/* $PWD when POSIX lets pwd -L use it. */
static bool pwd_logical_ok(const char *pwd)
{
	struct stat a, b;

	if (!pwd || pwd[0] != '/')
		return false;
	for (const char *p = pwd; (p = strchr(p, '/')); p++) {
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return false;
		if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
			return false;
	}
	return stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

int main(int argc, char **argv)
{
	bool logical = true;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "LP")) != -1)
		logical = c == 'L';
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	const char *pwd = getenv("PWD");
	if (logical && pwd_logical_ok(pwd)) {
		puts(pwd);
	} else {
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			cmd_die("cannot find the working directory: %s", strerror(errno));
		/* Tessera's getcwd is the name the directory was reached by
		 * (links unresolved); realpath makes it physical. */
		char *real = realpath(cwd, NULL);
		puts(real ? real : cwd);
		free(real);
		free(cwd);
	}
	cmd_flush_stdout();
	return 0;
}
