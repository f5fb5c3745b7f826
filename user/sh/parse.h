// SPDX-License-Identifier: MIT
/*
 * The parser: POSIX shell grammar to the tree of ast.h, one complete
 * command at a time, reading characters from the input stack (input.h).
 *
 * parse_command() returns the next complete command — everything up to a
 * newline that is not inside a compound command — so a script runs line by
 * line as it is read, and a syntax error further down does not stop the
 * lines before it. Here-document bodies are read at the newline that ends
 * the line they appear on. A syntax error prints "syntax error: ..." and
 * raises EXC_ERROR (sh.h).
 */
#pragma once

#include <stdbool.h>

#include "ast.h"

/*
 * The next complete command, its nodes in arena a. NULL for an empty line;
 * NULL with *eof set at the end of the input.
 */
node_t *parse_command(arena_t *a, bool *eof);

/*
 * Parses text as the inside of a here-document (only $ ` \ are special):
 * how the shell reads PS1 and other strings it expands.
 */
word_t *parse_expansion_string(arena_t *a, const char *text);

/* Reserved words, for `type` and `command -V`. */
bool parse_is_keyword(const char *s);

/* Aliases (alias/unalias), expanded in command position. */
void alias_set(const char *name, const char *value);
const char *alias_get(const char *name);
int alias_unset(const char *name);
void alias_unset_all(void);
/* name=value of every alias, sorted, NULL-terminated, on the stack. */
const char **alias_list(void);
