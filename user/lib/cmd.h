// SPDX-License-Identifier: MIT
/*
 * What every command shares: its name for messages, `--help`, and errors
 * in one form, `cmd: path: reason` (or `cmd: message`). A command starts
 * with cmd_start(), which handles `--help` (the help text on stdout, exit
 * 0) before the command parses its own options with getopt. Usage errors
 * say what was wrong and exit 2, as POSIX utilities do; other failures
 * are reported with cmd_error() and make the command exit 1 at its end
 * (cmd_status()).
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* The command's name as called (argv[0]'s last component). */
extern const char *cmd_name;

/*
 * Records the name; if argv[1] is "--help", prints help (a man-page-like
 * text: NAME/SYNOPSIS/DESCRIPTION/OPTIONS/EXIT STATUS, ending in '\n')
 * and exits 0.
 */
void cmd_start(int argc, char **argv, const char *help);

/* "cmd: path: strerror(err)" on stderr; the exit status becomes 1. */
void cmd_error(const char *path, int err);
/* "cmd: <formatted>" on stderr; the exit status becomes 1. */
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cmd: <formatted>" on stderr, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void cmd_die(const char *fmt, ...);
/* "cmd: <formatted>\nTry 'cmd --help' for more information." then exit 2. */
__attribute__((noreturn, format(printf, 1, 2))) void cmd_usage_error(const char *fmt, ...);
/* 0, or 1 once any error was reported. */
int cmd_status(void);
/* Writes stdout out; on failure reports it ("cmd: write error: ...") and exits 1. */
void cmd_flush_stdout(void);
