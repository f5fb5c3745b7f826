// SPDX-License-Identifier: MIT
/*
 * Builtins: the table and what their implementations share.
 *
 * A builtin is int fn(argc, argv) returning its exit status. Output goes
 * through bi_printf/bi_write into a buffer written to fd 1 when the
 * builtin returns (or when it fills), so `echo` in a loop is one write per
 * call; a failed write makes the builtin report "NAME: write error: ..."
 * and exit 1. Errors are reported with bi_warn ("sh: LINE: " + text) by
 * the shell's own builtins; those that mirror a command (echo, printf,
 * test, pwd, kill, true, false) print exactly what the command prints.
 * Errors that POSIX says end a non-interactive shell (of special builtins)
 * use sh_error instead, which unwinds.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef int (*builtin_fn_t)(int argc, char **argv);

typedef struct builtin {
	const char *name;
	builtin_fn_t fn;
	bool special;
	bool help_external;	/* `NAME --help` shows the command's help */
} builtin_t;

const builtin_t *builtin_lookup(const char *name);
/* Every builtin's name, sorted, NULL-terminated (static). */
const char *const *builtin_names(void);
/* Runs a builtin: output flushed, write errors reported. */
int builtin_run(const builtin_t *bi, int argc, char **argv);

void bi_write(const char *s, size_t n);
void bi_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes the buffered output now (before running other commands). */
void bi_flush(void);
/* "sh: LINE: text" on stderr. */
void bi_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "text" on stderr, as a command would print it. */
void bi_cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "sh: LINE: usage: synopsis"; returns 2. */
int bi_usage(const char *synopsis);
/* Parses a non-negative decimal number; -1 if it is not one. */
long bi_number(const char *s);

/* The builtins, by file. */
int bi_colon(int argc, char **argv);
int bi_true(int argc, char **argv);
int bi_false(int argc, char **argv);
int bi_break(int argc, char **argv);
int bi_continue(int argc, char **argv);
int bi_return(int argc, char **argv);
int bi_exit(int argc, char **argv);
int bi_shift(int argc, char **argv);
int bi_eval(int argc, char **argv);
int bi_dot(int argc, char **argv);
int bi_exec(int argc, char **argv);
int bi_set(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_readonly(int argc, char **argv);
int bi_unset(int argc, char **argv);
int bi_local(int argc, char **argv);
int bi_times(int argc, char **argv);
int bi_cd(int argc, char **argv);
int bi_pwd(int argc, char **argv);
int bi_umask(int argc, char **argv);
int bi_echo(int argc, char **argv);
int bi_printf_cmd(int argc, char **argv);
int bi_test(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_hash(int argc, char **argv);
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);
