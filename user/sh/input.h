// SPDX-License-Identifier: MIT
/*
 * Where the parser's characters come from: a stack of sources (the script
 * or terminal at the bottom; `eval` strings, `.` files, backquoted
 * commands and alias text pushed on top). The parser only sees
 * input_getc()/input_ungetc(); reading stops at the end of the top source
 * (EOF), it never falls through to the one below.
 *
 * Standard input is shared with the commands the shell runs, so the shell
 * must not read past the command it is about to run: from a pipe it reads
 * byte by byte; from a regular file it reads blocks and input_sync() seeks
 * back over what it has not used before a command runs.
 *
 * The source also captures the text read while a word is lexed
 * (input_capture_*), which becomes the word's source text.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"

#define INPUT_EOF (-1)

/*
 * A copy of s; `line` is the line number its first line has. `capture`:
 * its text is part of the word being captured (false for text the shell
 * made: backquoted commands, here-document bodies, prompts).
 */
void input_push_string(const char *s, int line, bool capture);
/*
 * An alias's text: unlike other sources, reading goes on below it once it
 * is used up. The alias stays active (not expanded again) until then.
 */
void input_push_alias(const char *text, const char *name);
bool input_alias_active(const char *name);
/* A file: reads fd (closing it when popped if `owned`). */
void input_push_fd(int fd, bool owned);
/* The terminal, through the line editor (interactive shells). */
void input_push_interactive(int in_fd, int out_fd);
/* Loads the history from $HISTFILE or ~/.sh_history; saved by input_history_save. */
void input_history_start(void);
void input_history_save(void);
void input_pop(void);
int input_depth(void);
void input_pop_to(int depth);

int input_getc(void);
void input_ungetc(int c);
/* The line number of the next character of the top source. */
int input_line(void);
/* Moves the top source's descriptor away from fd if it is that one. */
void input_fd_avoid(int fd);
/* Gives unread bytes of a shared descriptor back (lseek) before a command runs. */
void input_sync(void);
/* The next line read is a new command's: prompt with PS1, not PS2. */
void input_new_command(void);
/* Drops the rest of the current interactive line (after a syntax error). */
void input_discard_line(void);

size_t input_capture_begin(void);
char *input_capture_end(size_t start, arena_t *a);
/* Forgets captures in progress (after a syntax error). */
void input_capture_reset(void);

/* Supplied by the shell: the prompt to show (1: PS1, 2: PS2), on the stack. */
char *sh_prompt(int level);
/* Supplied by the shell: builtin and function names for completion. */
const char **sh_command_words(void);
