// SPDX-License-Identifier: MIT
/*
 * The evaluator: runs command trees (eval.c), simple commands and the
 * command search (command.c).
 *
 * eval() returns the command's exit status and leaves it in sh.status. It
 * stops early while sh.skip says a break, continue or return is unwinding.
 * Flags say how the command is run:
 *   EV_EXIT    the shell exits right after it (the last command of a
 *              subshell): an external command is exec'd without a fork.
 *   EV_TESTED  its status is tested (if/while conditions, && || !), so
 *              set -e does not apply to it.
 */
#pragma once

#include <stdbool.h>

#include "ast.h"
#include "var.h"

#define EV_EXIT   0x1
#define EV_TESTED 0x2

struct builtin;

int eval(node_t *n, int flags);
/* Runs a command substitution's body in a child; its output into out. */
int eval_cmdsub(node_t *n, sb_t *out);
/* Parses and runs text as commands (eval, traps); returns the status. */
int eval_string(const char *text, int flags);
/*
 * Runs every command of the top input source until its end (a script, a
 * `.` file, the interactive loop when `interactive`). Returns the last
 * status.
 */
int eval_input(bool interactive);

/* --- command.c --- */

int eval_simple(node_t *n, int flags);

typedef enum cmd_kind {
	CMD_NONE,	/* not found */
	CMD_SPECIAL,	/* special builtin */
	CMD_FUNCTION,
	CMD_BUILTIN,	/* regular builtin */
	CMD_EXTERNAL,
} cmd_kind_t;

typedef struct cmd_info {
	cmd_kind_t kind;
	const struct builtin *bi;
	func_t *fn;
	char *path;		/* CMD_EXTERNAL: on the stack */
	int err;		/* CMD_NONE: ENOENT or EACCES */
} cmd_info_t;

/* Finds what name runs: builtins, functions (if funcs), then PATH (path or $PATH). */
void cmd_lookup(const char *name, cmd_info_t *ci, bool funcs, const char *path);
/* Searches path (NULL: $PATH) for an executable file; NULL with *err. */
char *path_search(const char *name, const char *path, int *err);
/* The default PATH when none is set. */
#define SH_DEFAULT_PATH "/bin:/usr/bin"
/* Calls a function with arguments (argv[0] is its name). */
int call_function(func_t *fn, int argc, char **argv, int flags);
/*
 * Replaces the shell with an external program (in a child, or `exec`):
 * never returns; a failure prints the message and exits 126 or 127.
 */
__attribute__((noreturn)) void exec_program(const char *path, char **argv);
/* Quotes s for the shell to read back ('...'), on the stack; s itself if it needs none. */
char *sh_quote(const char *s);
