// SPDX-License-Identifier: MIT
/*
 * env: runs a command in a changed environment, or prints the
 * environment. Options (-i, -u NAME) come first and stop at the first
 * operand; then NAME=VALUE words are set, and the first word without
 * '=' is the command, found on PATH by execvp. A command that cannot be
 * found is status 127, one found but not run 126, as the shell does.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    env - run a command in a modified environment\n\n"
	"SYNOPSIS\n    env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG...]]\n\n"
	"DESCRIPTION\n"
	"    Sets each NAME=VALUE in the environment and runs COMMAND with its\n"
	"    ARGs there. Without COMMAND, prints the resulting environment, one\n"
	"    NAME=VALUE per line.\n\n"
	"OPTIONS\n"
	"    -i       start from an empty environment (a lone - does the same)\n"
	"    -u NAME  remove NAME from the environment\n\n"
	"EXIT STATUS\n"
	"    COMMAND's status; 127 if COMMAND was not found, 126 if it could\n"
	"    not be run, 125 (or 2 for usage) if env itself failed; without\n"
	"    COMMAND, 0.\n";

extern char **environ;

int main(int argc, char **argv)
{
	bool empty = false;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "+iu:")) != -1) {
		if (c == 'i') {
			empty = true;
		} else if (unsetenv(optarg) != 0) {
			cmd_warn("cannot unset '%s': %s", optarg, strerror(errno));
			return 125;
		}
	}
	int i = optind;
	if (i < argc && strcmp(argv[i], "-") == 0) {
		empty = true;
		i++;
	}
	if (empty && clearenv() != 0) {
		cmd_warn("cannot clear the environment");
		return 125;
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == argv[i]) {
			cmd_warn("cannot set '%s': %s", argv[i], strerror(EINVAL));
			return 125;
		}
		*eq = '\0';
		int r = setenv(argv[i], eq + 1, 1);
		*eq = '=';
		if (r != 0) {
			cmd_warn("cannot set '%s': %s", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i == argc) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		cmd_flush_stdout();
		return 0;
	}
	execvp(argv[i], argv + i);
	int err = errno;
	cmd_error(argv[i], err);
	return err == ENOENT ? 127 : 126;
}
