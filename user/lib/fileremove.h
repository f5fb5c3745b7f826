// SPDX-License-Identifier: MIT
/*
 * Removing files and trees, as rm does and as mv does after copying
 * across file systems. Errors are reported here (`cmd: path: reason`)
 * and the walk goes on with the rest, so one unremovable file does not
 * stop the others; the caller only learns whether all went well.
 */
#pragma once

#include <stdbool.h>

typedef struct fileremove {
	bool recursive;         /* -r: directories and everything in them */
	bool dirs;              /* -d: empty directories */
	bool force;             /* -f: missing files are fine, never ask */
	bool interactive;       /* -i: ask before each removal */
	bool verbose;           /* -v: say what was removed */
} fileremove_t;

/*
 * Removes path (not following a symbolic link in it): 0 when it is gone,
 * 1 when the user answered no (to it or to something inside it), -1
 * after reporting why it could not be removed.
 */
int fileremove_path(const fileremove_t *r, const char *path);
