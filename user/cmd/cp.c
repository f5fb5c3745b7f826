// SPDX-License-Identifier: MIT
/*
 * cp: copy files, and with -R trees (filecopy.c does the work). With two
 * operands and a TARGET that is not a directory, SOURCE is copied to
 * TARGET; otherwise every SOURCE is copied into the directory TARGET
 * under its last component.
 */
#include "cmd.h"
#include "filecopy.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    cp - copy files and directories\n\n"
	"SYNOPSIS\n"
	"    cp [-fipv] SOURCE TARGET\n"
	"    cp [-fipv] SOURCE... DIRECTORY\n"
	"    cp -R [-H|-L|-P] [-fipv] SOURCE... TARGET\n\n"
	"DESCRIPTION\n"
	"    Copies SOURCE to TARGET, or each SOURCE into DIRECTORY under its\n"
	"    last component. An existing regular TARGET is overwritten in place\n"
	"    (it keeps its mode); a new one gets SOURCE's permissions less the\n"
	"    umask. A directory SOURCE needs -R.\n\n"
	"OPTIONS\n"
	"    -f      if an existing TARGET cannot be opened, remove it and try\n"
	"            again\n"
	"    -i      ask before overwriting; the last of -f and -i counts\n"
	"    -p      keep mode, owner (when allowed) and access and\n"
	"            modification times\n"
	"    -R, -r  copy directories with everything in them\n"
	"    -H      with -R, follow symbolic links named as SOURCE\n"
	"    -L      with -R, follow every symbolic link\n"
	"    -P      with -R, copy symbolic links as links (the default)\n"
	"    -v      write each copy made\n"
	"    Without -R symbolic links are always followed.\n\n"
	"EXIT STATUS\n"
	"    0 if every SOURCE was copied, 1 otherwise, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	filecopy_t c = { .follow = 'P', .umask = fileutil_umask() };
	struct stat st;
	int opt, status = 0;

	cmd_start(argc, argv, help);
	while ((opt = fileutil_option_next(argc, argv, "fiprRHLPv")) != -1) {
		switch (opt) {
		case 'f': c.force = true; c.interactive = false; break;
		case 'i': c.interactive = true; c.force = false; break;
		case 'p': c.preserve = true; break;
		case 'r': case 'R': c.recursive = true; break;
		case 'H': case 'L': case 'P': c.follow = (char)opt; break;
		case 'v': c.verbose = true; break;
		}
	}
	int n = argc - optind;
	if (n < 1)
		cmd_usage_error("missing file operand");
	if (n < 2)
		cmd_usage_error("missing destination file operand after '%s'", argv[optind]);
	const char *last = argv[argc - 1];
	bool into = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
	if (!into && n > 2) {
		cmd_error(last, ENOTDIR);
		return 1;
	}
	for (int i = optind; i < argc - 1; i++) {
		if (!into) {
			status |= filecopy_path(&c, argv[i], last) < 0;
			continue;
		}
		char *name = fileutil_entry_name(argv[i]);
		char *dst = fileutil_path_join(last, name);
		status |= filecopy_path(&c, argv[i], dst) < 0;
		free(dst);
		free(name);
	}
	cmd_flush_stdout();
	return status | cmd_status();
}
