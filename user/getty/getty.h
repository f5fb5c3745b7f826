// SPDX-License-Identifier: MIT
/* getty's decisions (term.c); main.c applies them. */
#pragma once

#include <stddef.h>
#include <termios.h>

#define GETTY_ENV_MAX 6         /* HOME USER LOGNAME SHELL PATH TERM */

typedef struct {
	const char *name, *home, *shell;
} getty_user_t;

/* "console" -> "pty:console"; a path or URL ("/dev/pts/3", "pty:7") as is. */
const char *getty_tty_path(const char *tty, char *buf, size_t size);

/* A cooked terminal for a login (term.c says which flags). */
void getty_sane(struct termios *t);

/* The greeting: "\nTessera 0.1 (console)\n\n". */
void getty_issue(const char *sysname, const char *release, const char *tty, char *buf,
		 size_t size);

/* The login's environment into envp (GETTY_ENV_MAX + 1 entries), its
 * strings in buf; the count, or -1 if buf is too small. */
int getty_env(const getty_user_t *u, const char *term, char *envp[], char *buf, size_t size);
