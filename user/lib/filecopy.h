// SPDX-License-Identifier: MIT
/*
 * Copying files and trees, as cp does and as mv does across file
 * systems. Errors are reported here (`cmd: path: reason`) and a tree
 * copy goes on with the other entries after one fails.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

typedef struct filecopy {
	bool recursive;         /* -R: directories with their contents */
	char follow;            /* symbolic links: 'P' copy them, 'H' follow operands, 'L' follow all */
	bool preserve;          /* -p: mode, owner and times */
	bool force;             /* -f: replace a destination that cannot be opened */
	bool interactive;       /* -i: ask before overwriting */
	bool verbose;           /* -v: say what is copied */
	mode_t umask;
	/* Kept during a copy: the directory the copy created first, which
	 * the walk must not descend into (cp -R d d/sub). */
	bool made_top;
	dev_t top_dev;
	ino_t top_ino;
} filecopy_t;

/*
 * Copies src to exactly dst (the caller has already turned "into a
 * directory" into a full name). 0, or -1 after reporting why not.
 */
int filecopy_path(filecopy_t *c, const char *src, const char *dst);
