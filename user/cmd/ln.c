// SPDX-License-Identifier: MIT
/*
 * ln: make hard or symbolic links. With one SOURCE and a TARGET that is
 * not a directory, TARGET is the link's name; otherwise every SOURCE is
 * linked into the directory TARGET under its last component. -f removes
 * an existing TARGET first. For a hard link to a symbolic link, -P (the
 * default) links the symbolic link itself and -L what it points to.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    ln - make links between files\n\n"
	"SYNOPSIS\n"
	"    ln [-fs] [-L|-P] SOURCE TARGET\n"
	"    ln [-fs] [-L|-P] SOURCE... DIRECTORY\n\n"
	"DESCRIPTION\n"
	"    Makes TARGET a new name for SOURCE (a hard link), or with -s a\n"
	"    symbolic link whose contents are SOURCE as written. When the last\n"
	"    operand is a directory, each SOURCE is linked into it under its\n"
	"    last component.\n\n"
	"OPTIONS\n"
	"    -f  remove an existing TARGET (not a directory) first\n"
	"    -s  make symbolic links\n"
	"    -L  a hard link to a symbolic link SOURCE links what it points to\n"
	"    -P  a hard link to a symbolic link SOURCE links the link (default)\n"
	"    -v  write each link made\n\n"
	"EXIT STATUS\n"
	"    0 if every link was made, 1 otherwise, 2 on a usage error.\n";

typedef struct ln_opts {
	bool force, symbolic, follow, verbose;
} ln_opts_t;

static void ln_one(const ln_opts_t *o, const char *src, const char *dst)
{
	struct stat st, dst_st;

	if (!o->symbolic) {
		int r = o->follow ? stat(src, &st) : lstat(src, &st);
		if (r < 0) {
			cmd_error(src, errno);
			return;
		}
		if (S_ISDIR(st.st_mode)) {
			cmd_warn("%s: hard link not allowed for directory", src);
			return;
		}
	}
	if (o->force && lstat(dst, &dst_st) == 0) {
		if (S_ISDIR(dst_st.st_mode)) {
			cmd_error(dst, EISDIR);
			return;
		}
		if (!o->symbolic && stat(src, &st) == 0 && stat(dst, &dst_st) == 0 &&
		    st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
			cmd_warn("'%s' and '%s' are the same file", src, dst);
			return;
		}
		if (unlink(dst) < 0) {
			cmd_error(dst, errno);
			return;
		}
	}
	int r = o->symbolic ? symlink(src, dst)
		: linkat(AT_FDCWD, src, AT_FDCWD, dst, o->follow ? AT_SYMLINK_FOLLOW : 0);
	if (r < 0) {
		cmd_error(dst, errno);  /* the source was checked above */
		return;
	}
	if (o->verbose)
		printf("'%s' -> '%s'\n", dst, src);
}

int main(int argc, char **argv)
{
	ln_opts_t o = { 0 };
	struct stat st;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "fsLPv")) != -1) {
		switch (c) {
		case 'f': o.force = true; break;
		case 's': o.symbolic = true; break;
		case 'L': o.follow = true; break;
		case 'P': o.follow = false; break;
		case 'v': o.verbose = true; break;
		}
	}
	int n = argc - optind;
	if (n < 1)
		cmd_usage_error("missing file operand");
	const char *last = argv[argc - 1];
	if (n == 1) {
		/* GNU's one-operand form: a link in the working directory. */
		char *name = fileutil_entry_name(last);
		ln_one(&o, last, name);
		free(name);
	} else if (stat(last, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = optind; i < argc - 1; i++) {
			char *name = fileutil_entry_name(argv[i]);
			char *dst = fileutil_path_join(last, name);
			ln_one(&o, argv[i], dst);
			free(dst);
			free(name);
		}
	} else if (n == 2) {
		ln_one(&o, argv[optind], last);
	} else {
		cmd_error(last, ENOTDIR);
	}
	cmd_flush_stdout();
	return cmd_status();
}
