// SPDX-License-Identifier: MIT
/*
 * which: where a command is found in $PATH. A name with a slash is
 * checked as it is. An empty PATH component means the working directory,
 * as it does for the shell. A candidate is a regular file with execute
 * permission for the caller (access(X_OK)).
 */
#include "cmd.h"
#include "fileutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    which - locate a command in PATH\n\n"
	"SYNOPSIS\n    which [-a] NAME...\n\n"
	"DESCRIPTION\n"
	"    Writes, for each NAME, the path of the executable file the shell\n"
	"    would run: the first directory of $PATH holding a regular file NAME\n"
	"    that may be executed. An empty entry in PATH is the working\n"
	"    directory (shown as ./NAME). A NAME containing '/' is checked as it\n"
	"    is. A NAME not found is reported on standard error.\n\n"
	"OPTIONS\n"
	"    -a  write every match in PATH, not only the first\n\n"
	"EXIT STATUS\n"
	"    0 if every NAME was found, 1 if any was not, 2 on a usage error.\n";

static bool which_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Writes the matches for name; true if there was one. */
static bool which_find(const char *name, bool all)
{
	if (strchr(name, '/')) {
		if (!which_executable(name))
			return false;
		puts(name);
		return true;
	}
	const char *path = getenv("PATH");
	bool found = false;
	if (!path)
		path = "/bin";
	for (const char *p = path;;) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *dir = fileutil_alloc(len + 1);
		memcpy(dir, p, len);
		dir[len] = '\0';
		char *cand = fileutil_path_join(len ? dir : ".", name);
		if (which_executable(cand)) {
			puts(cand);
			found = true;
		}
		free(cand);
		free(dir);
		if (!end || (found && !all))
			break;
		p = end + 1;
	}
	return found;
}

int main(int argc, char **argv)
{
	bool all = false;
	int status = 0;

	cmd_start(argc, argv, help);
	while (fileutil_option_next(argc, argv, "a") != -1)
		all = true;
	if (optind >= argc)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		if (!which_find(argv[i], all)) {
			fprintf(stderr, "%s: %s: %s\n", cmd_name, argv[i],
				strchr(argv[i], '/') ? "not an executable file" : "not found in PATH");
			status = 1;
		}
	}
	cmd_flush_stdout();
	return status;
}
