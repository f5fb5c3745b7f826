// SPDX-License-Identifier: MIT
/*
 * Word expansion (XCU 2.6) in POSIX order: tilde, parameter, command
 * substitution and arithmetic expansion, left to right in one pass; then
 * field splitting on the results of unquoted expansions; then pathname
 * expansion; then quote removal.
 *
 * The first pass produces characters each marked with where it came from:
 * quoted (never split, never a pattern character), from an unquoted
 * expansion (may be split by IFS), or plain literal text. Two invisible
 * markers carry the rest: "an empty quoted string was here" (so "" and
 * "$empty" still make a field) and "a field ends here" (between the
 * parameters of "$@"). Results are on the stack.
 */
#pragma once

#include <stdbool.h>

#include "ast.h"

#define EXP_SPLIT   0x01	/* field splitting */
#define EXP_GLOB    0x02	/* pathname expansion */
#define EXP_TILDE   0x04	/* ~ at the start */
#define EXP_ASSIGN  0x08	/* ~ after : too (assignments) */
#define EXP_PATTERN 0x10	/* a pattern: quoted characters stay literal */
#define EXP_FULL (EXP_SPLIT | EXP_GLOB | EXP_TILDE)

/* Expands words into fields; NULL-terminated, count in *n. */
char **expand_words(word_t *words, int flags, int *n);
/* Expands one word to one string: no splitting or pathname expansion. */
char *expand_string(word_t *w, int flags);
/* Expands a word as a pattern for case or ${x%pattern}. */
char *expand_pattern(word_t *w);
/* Expands a prompt string (PS1...); on error the text as it is. */
char *expand_prompt(const char *text);

/* fnmatch without FNM_PATHNAME/FNM_PERIOD: how case and ${x#p} match. */
bool pattern_match(const char *pattern, const char *s);
/* Does the pattern have unescaped * ? or [...]? */
bool pattern_has_magic(const char *pattern);

/* The current IFS (default " \t\n" when unset). */
const char *ifs_value(void);
