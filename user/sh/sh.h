// SPDX-License-Identifier: MIT
/*
 * The state of the shell as a whole, and how errors unwind.
 *
 * A shell is one big piece of state — options, $?, the current line for
 * messages, whether a break or return is unwinding — consulted from
 * everywhere, so it is one global, `sh`, documented field by field here.
 *
 * Errors that abandon a command (syntax errors, expansion errors, errors of
 * special builtins) print their message and call sh_raise(), which
 * longjmps to the innermost handler: the interactive loop, `eval`, `.`,
 * `command`, or — when there is none — exits the shell (a script, a
 * subshell). A handler (sh_try) records the depths of the other stacks
 * (saved redirections, function frames, the input stack, the temporary
 * stack) and sh_catch() restores them, so unwinding leaves the shell as it
 * was before the command began.
 */
#pragma once

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "mem.h"

/* Options of `set`, in the order `set -o` lists them. */
typedef enum opt {
	OPT_ALLEXPORT,	/* -a */
	OPT_NOTIFY,	/* -b */
	OPT_NOCLOBBER,	/* -C */
	OPT_ERREXIT,	/* -e */
	OPT_NOGLOB,	/* -f */
	OPT_HASHALL,	/* -h */
	OPT_IGNOREEOF,
	OPT_INTERACTIVE, /* -i */
	OPT_MONITOR,	/* -m */
	OPT_NOEXEC,	/* -n */
	OPT_NOLOG,
	OPT_NOUNSET,	/* -u */
	OPT_PIPEFAIL,
	OPT_STDIN,	/* -s */
	OPT_VERBOSE,	/* -v */
	OPT_VI,
	OPT_XTRACE,	/* -x */
	OPT_COUNT
} opt_t;

typedef struct opt_info {
	char letter;		/* 0: long name only */
	const char *name;
} opt_info_t;

extern const opt_info_t opt_table[OPT_COUNT];

/* What is unwinding through the evaluator. */
typedef enum skip {
	SKIP_NONE,
	SKIP_BREAK,
	SKIP_CONTINUE,
	SKIP_RETURN,
} skip_t;

typedef struct shell {
	bool opt[OPT_COUNT];
	int status;		/* $? */
	int cmdsub_status;	/* of the last command substitution */
	pid_t rootpid;		/* $$: the shell's, not a subshell's */
	pid_t lastbg;		/* $!, 0 if none */
	bool interactive;	/* -i, or terminals */
	bool login;
	bool subshell;		/* a forked child of the shell */
	int lineno;		/* the line being run, for messages and LINENO */
	const char *script;	/* script file name for messages, or NULL */
	bool cmd_string;	/* running sh -c */
	char *arg0;		/* $0 */

	skip_t skip;		/* break/continue/return unwinding */
	int skip_count;		/* levels of break/continue left */
	int loop_depth;		/* loops enclosing the command (in this function) */
	int func_depth;		/* function calls active */
	int dot_depth;		/* `.` files active */
	int ttyfd;		/* the terminal for job control, or -1 */
	pid_t pgrp;		/* the shell's process group */

	volatile sig_atomic_t int_pending;	/* SIGINT caught (interactive) */
	volatile sig_atomic_t trap_pending;	/* some trapped signal caught */
} shell_t;

extern shell_t sh;

#define SHELL_NAME "sh"

/* --- errors ---------------------------------------------------------- */

typedef enum exc {
	EXC_ERROR = 1,	/* a command was abandoned; $? is 2 unless set */
	EXC_EXIT,	/* `exit`: leave with sh.status */
	EXC_INT,	/* interrupted by SIGINT (interactive) */
} exc_t;

typedef struct handler {
	jmp_buf jb;
	struct handler *prev;
	stk_mark_t stk;
	int redir_depth;
	int frame_depth;
	int input_depth;
	int loop_depth;
	int func_depth;
	int dot_depth;
	int arena_depth;
} handler_t;

extern handler_t *sh_handler;

/* Usage: if (sh_try(&h) == 0) { ... sh_untry(&h); } else { sh_catch(&h); ... } */
#define sh_try(h) (sh_handler_push(h), setjmp((h)->jb))
void sh_handler_push(handler_t *h);
void sh_untry(handler_t *h);
void sh_catch(handler_t *h);
__attribute__((noreturn)) void sh_raise(exc_t e);
extern exc_t sh_exc;	/* what was raised */

/*
 * Messages: "sh: [script: ]LINE: text" when not interactive, "sh: text"
 * when interactive. sh_warn only prints; sh_error prints and raises
 * EXC_ERROR with $? = 2.
 */
void sh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void sh_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Runs a file that is not a program (ENOEXEC) as a script, in this child. */
__attribute__((noreturn)) void sh_run_script_child(const char *path, int argc, char **argv);
/* The shell's entry point (main.c). */
int sh_main(int argc, char **argv);

/* Leaves the shell: runs the EXIT trap, restores the terminal, exits. */
__attribute__((noreturn)) void sh_exit(int status);

/* Writes all of buf to fd; -1 with errno on failure. */
int sh_write_all(int fd, const char *buf, size_t len);

/* Option letters in effect, for $-. On the stack. */
char *opt_letters(void);
int opt_by_letter(char c);
int opt_by_name(const char *name);
/* Turns an option on or off with its side effects (monitor mode). */
void opt_set(int opt, bool on);
