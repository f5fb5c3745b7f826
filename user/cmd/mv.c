// SPDX-License-Identifier: MIT
/*
 * mv: move (rename) files. Each move is one rename(); when that fails
 * with EXDEV (another file system: in Tessera another scheme), the file
 * or tree is copied with its attributes (filecopy.c, as cp -pRP) and the
 * source removed (fileremove.c). With two operands and a TARGET that is
 * not a directory, SOURCE becomes TARGET; otherwise every SOURCE moves
 * into the directory TARGET.
 */
#include "cmd.h"
#include "filecopy.h"
#include "fileremove.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    mv - move or rename files\n\n"
	"SYNOPSIS\n"
	"    mv [-fiv] SOURCE TARGET\n"
	"    mv [-fiv] SOURCE... DIRECTORY\n\n"
	"DESCRIPTION\n"
	"    Renames SOURCE to TARGET, or moves each SOURCE into DIRECTORY under\n"
	"    its last component. An existing TARGET is replaced (a directory only\n"
	"    by a directory, and only when empty). Across file systems the\n"
	"    SOURCE is copied, keeping mode, owner and times, then removed.\n\n"
	"OPTIONS\n"
	"    -f  never ask (the last of -f and -i counts)\n"
	"    -i  ask before replacing an existing TARGET\n"
	"    -v  write each move made\n\n"
	"EXIT STATUS\n"
	"    0 if every SOURCE was moved, 1 otherwise, 2 on a usage error.\n";

typedef struct mv_opts {
	bool interactive, verbose;
} mv_opts_t;

/* Across file systems: copy everything, then remove the source. */
static int mv_copy(const char *src, const char *dst)
{
	filecopy_t c = { .recursive = true, .follow = 'P', .preserve = true, .force = true,
			 .umask = fileutil_umask() };
	fileremove_t r = { .recursive = true, .force = true };
	struct stat st;

	/* rename would replace an empty directory; the copy needs it gone first. */
	if (lstat(dst, &st) == 0 && S_ISDIR(st.st_mode) && rmdir(dst) < 0) {
		cmd_error(dst, errno);
		return -1;
	}
	if (filecopy_path(&c, src, dst) < 0)
		return -1;
	return fileremove_path(&r, src) == 0 ? 0 : -1;
}

static int mv_one(const mv_opts_t *o, const char *src, const char *dst)
{
	struct stat st, dst_st;

	if (lstat(src, &st) < 0) {
		cmd_error(src, errno);
		return -1;
	}
	if (lstat(dst, &dst_st) == 0) {
		if (st.st_ino != 0 && st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
			cmd_warn("'%s' and '%s' are the same file", src, dst);
			return -1;
		}
		if (o->interactive && !fileutil_ask("overwrite '%s'? ", dst))
			return 0;
	}
	if (rename(src, dst) < 0) {
		int err = errno;
		if (err == EXDEV)
			return mv_copy(src, dst);
		if (err == EINVAL && S_ISDIR(st.st_mode))
			cmd_warn("%s: cannot move a directory into itself (%s)", src, dst);
		else
			cmd_warn("%s -> %s: %s", src, dst, strerror(err));
		return -1;
	}
	if (o->verbose)
		printf("renamed '%s' -> '%s'\n", src, dst);
	return 0;
}

int main(int argc, char **argv)
{
	mv_opts_t o = { 0 };
	struct stat st;
	int c, status = 0;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "fiv")) != -1) {
		if (c == 'v')
			o.verbose = true;
		else
			o.interactive = c == 'i';
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
			status |= mv_one(&o, argv[i], last) < 0;
			continue;
		}
		char *name = fileutil_entry_name(argv[i]);
		char *dst = fileutil_path_join(last, name);
		status |= mv_one(&o, argv[i], dst) < 0;
		free(dst);
		free(name);
	}
	cmd_flush_stdout();
	return status | cmd_status();
}
