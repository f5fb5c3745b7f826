// SPDX-License-Identifier: MIT
/*
 * The shell's line editor: what the rest of sh calls.
 *
 * edit_open takes a terminal; edit_read shows a prompt and returns one
 * edited line. The terminal is in a raw-ish mode (no canonical input, no
 * echo, no signals from keys, CR not translated; output processing left
 * alone) only while edit_read runs: it is switched with TCSADRAIN, never
 * TCSAFLUSH, so input typed ahead — a script pasted or piped into the
 * console — is kept for the next read or for the command that runs next,
 * and input is read one byte at a time so nothing past the end of the line
 * is taken from the terminal. If the terminal refuses the raw mode,
 * edit_read falls back to a plain line read (the terminal's own editing).
 *
 * Keys, history and Tab completion are described in docs/shell.md ("Line editing").
 * The editing logic is a pure core (edit_core.h, complete.h) that turns
 * input bytes into output bytes; this interface is the thin part around it
 * that does read, write and tcsetattr.
 */
#pragma once

typedef struct edit edit_t;

#define EDIT_OK          0
#define EDIT_INTERRUPTED 1

/* NULL if in_fd is not a terminal (or no memory). */
edit_t *edit_open(int in_fd, int out_fd);

/*
 * Reads one line after showing prompt. Returns it malloc'd, without '\n';
 * NULL at end of input (Ctrl-D on an empty line, or end of file). Ctrl-C
 * prints "^C" and a newline and returns "" with *status EDIT_INTERRUPTED;
 * otherwise *status is EDIT_OK. status may be NULL.
 */
char *edit_read(edit_t *e, const char *prompt, int *status);

/* Appends line to the history; empty lines and repeats of the last are skipped. */
void edit_history_add(edit_t *e, const char *line);

/*
 * Loads the history from path (one entry per line, added after what is
 * there) or saves it to path (the history's entries, up to 500, those
 * holding a newline left out). Both return 0, or -1 with errno set.
 */
int edit_history_load(edit_t *e, const char *path);
int edit_history_save(edit_t *e, const char *path);

/*
 * The words Tab completes in command position besides $PATH's programs:
 * builtins and functions. NULL-terminated; copied, so the caller keeps
 * ownership. A later call replaces the earlier list.
 */
void edit_set_command_words(edit_t *e, const char *const *words);

/* Restores the terminal mode if needed and frees e. e may be NULL. */
void edit_close(edit_t *e);
