// SPDX-License-Identifier: MIT
/*
 * Redirections. Applied to the shell itself for builtins, functions and
 * compound commands, they must be undone afterwards: with REDIR_SAVE each
 * descriptor's old state is kept (a close-on-exec copy at 10 or above, or
 * "was closed") on a stack, and redir_restore_to() puts them back.
 * Without it (in a child, or `exec`) the change is permanent.
 */
#pragma once

#include "ast.h"

#define REDIR_SAVE 0x1

/* Applies the list in order; -1 (message printed, earlier ones still applied) on error. */
int redir_apply(redir_t *list, int flags);
int redir_depth(void);
void redir_restore_to(int depth);
/* Keeps the changes above depth: they become permanent (exec inside a saved scope). */
void redir_forget_to(int depth);
/* pipe(2) with both ends close-on-exec. */
int sh_pipe(int fds[2]);
/* Opens the null device for reading (asynchronous lists' stdin); -1 if none. */
int redir_open_null(void);
