// SPDX-License-Identifier: MIT
/*
 * Removing files and trees (fileremove.h). A tree is removed depth
 * first: a directory's entries, then the directory. Symbolic links are
 * never followed (lstat), so removing a tree cannot escape it. When an
 * entry cannot be removed its directory is kept without a second
 * complaint, since the first one says why.
 *
 * Questions follow POSIX rm: -i asks before every removal (and before
 * descending into a directory); without -i or -f, a file one cannot
 * write is asked about only when standard input is a terminal.
 */
#include "fileremove.h"

#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool fileremove_confirm(const fileremove_t *r, const char *path, const struct stat *st)
{
	if (r->interactive)
		return fileutil_ask("remove %s '%s'? ", fileutil_type_name(st), path);
	if (!r->force && !S_ISLNK(st->st_mode) && isatty(STDIN_FILENO) && access(path, W_OK) != 0)
		return fileutil_ask("remove write-protected %s '%s'? ", fileutil_type_name(st), path);
	return true;
}

static int fileremove_dir_entries(const fileremove_t *r, const char *path)
{
	char **names;
	size_t n;
	int status = 0;

	if (fileutil_dir_names(path, 0, &names, &n) < 0) {
		/* An unreadable directory may still be empty: rmdir says. */
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char *child = fileutil_path_join(path, names[i]);
		int one = fileremove_path(r, child);
		if (one < 0 || (one > 0 && status == 0))
			status = one;
		free(child);
	}
	fileutil_names_free(names, n);
	return status;
}

static int fileremove_dir(const fileremove_t *r, const char *path, const struct stat *st)
{
	if (!r->recursive && !r->dirs) {
		cmd_error(path, EISDIR);
		return -1;
	}
	if (r->recursive) {
		if (r->interactive && !fileutil_ask("descend into directory '%s'? ", path))
			return 1;
		int kept = fileremove_dir_entries(r, path);
		if (kept != 0)
			return kept;    /* something inside stays, so the directory does */
	}
	if (!fileremove_confirm(r, path, st))
		return 1;
	if (rmdir(path) < 0) {
		cmd_error(path, errno);
		return -1;
	}
	if (r->verbose)
		printf("removed directory '%s'\n", path);
	return 0;
}

int fileremove_path(const fileremove_t *r, const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT && r->force)
			return 0;
		cmd_error(path, errno);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return fileremove_dir(r, path, &st);
	if (!fileremove_confirm(r, path, &st))
		return 1;
	if (unlink(path) < 0) {
		cmd_error(path, errno);
		return -1;
	}
	if (r->verbose)
		printf("removed '%s'\n", path);
	return 0;
}
