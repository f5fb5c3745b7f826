// SPDX-License-Identifier: MIT
/*
 * Pathname expansion (POSIX glob), with GNU's GLOB_PERIOD, GLOB_NOMAGIC,
 * GLOB_TILDE and GLOB_ONLYDIR. The flag and error values are glibc's.
 */
#pragma once

#include <stddef.h>

typedef struct {
	size_t gl_pathc;        /* paths matched */
	char **gl_pathv;        /* gl_offs NULLs, the paths, then NULL */
	size_t gl_offs;         /* NULL slots to reserve first (GLOB_DOOFFS) */
	int gl_flags;           /* the flags glob was called with */
} glob_t;

#define GLOB_ERR         (1 << 0)  /* stop at a directory that cannot be read */
#define GLOB_MARK        (1 << 1)  /* append '/' to directories */
#define GLOB_NOSORT      (1 << 2)  /* leave the paths in directory order */
#define GLOB_DOOFFS      (1 << 3)  /* reserve gl_offs slots */
#define GLOB_NOCHECK     (1 << 4)  /* no match: return the pattern itself */
#define GLOB_APPEND      (1 << 5)  /* add to the paths of an earlier call */
#define GLOB_NOESCAPE    (1 << 6)  /* '\' is an ordinary character */
#define GLOB_PERIOD      (1 << 7)  /* wildcards may match a leading '.' */
#define GLOB_MAGCHAR     (1 << 8)  /* set in gl_flags: the pattern had wildcards */
#define GLOB_NOMAGIC     (1 << 11) /* GLOB_NOCHECK, for patterns without wildcards */
#define GLOB_TILDE       (1 << 12) /* "~" and "~user" are home directories */
#define GLOB_ONLYDIR     (1 << 13) /* only directories are wanted (a hint) */
#define GLOB_TILDE_CHECK (1 << 14) /* GLOB_TILDE, and an unknown user is no match */

#define GLOB_NOSPACE 1
#define GLOB_ABORTED 2
#define GLOB_NOMATCH 3
#define GLOB_NOSYS   4

int glob(const char *restrict pattern, int flags,
	 int (*errfunc)(const char *path, int err), glob_t *restrict g);
void globfree(glob_t *g);
