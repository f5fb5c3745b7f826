// SPDX-License-Identifier: MIT
/*
 * Tab completion's pure parts: which word the cursor is on, what it can
 * complete to, and how a name is quoted into the line.
 *
 * complete.c reads the line up to the cursor with the shell's lexical
 * rules (blanks, quotes, backslashes, operators) to find the start of the
 * word before the cursor, whether it is in command position and which
 * quote is open there, and gives the word as the shell would see it after
 * quote removal (a leading ~ and $NAME expanded, since the file system
 * sees those). complete_scan.c lists candidates: commands (given words
 * and $PATH's programs) or directory entries. Both sides are tested on
 * the host against a temporary directory.
 */
#pragma once

#include "edit_core.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct complete_word {
	size_t start;           /* byte offset in the line where the word begins */
	bool command;           /* in command position */
	char quote;             /* quote open at the cursor: 0, '\'' or '"' */
	char *text;             /* the word unquoted and expanded (malloc'd) */
} complete_word_t;

/*
 * Finds the word that ends at `pos` in line (the empty word if a blank or
 * an operator is before the cursor). Returns false if it cannot be
 * completed (a command substitution in it, or no memory).
 */
bool complete_word_find(const char *line, size_t pos, complete_word_t *w);
void complete_word_free(complete_word_t *w);

typedef struct complete_item {
	char *name;             /* the whole name: entry of the directory, or command */
	bool dir;               /* a directory: completes with '/' */
} complete_item_t;

typedef struct complete_list {
	complete_item_t *items; /* sorted by name, no duplicates */
	size_t count, cap;
	size_t typed;           /* bytes of each name the word already has */
} complete_list_t;

/*
 * The names w can complete to. In command position a word without '/'
 * completes from words (may be NULL) and the executable files of path's
 * directories (may be NULL: none); otherwise the word is a path and
 * completes from its directory (in command position only directories and
 * executables). Names starting with '.' only when the typed part does.
 * Returns false when out of memory.
 */
bool complete_candidates(const complete_word_t *w, const char *const *words, const char *path,
			 complete_list_t *out);
void complete_list_free(complete_list_t *l);

/* Length of the prefix every name shares (0 for an empty list). */
size_t complete_common(const complete_list_t *l);

/*
 * Appends s[0, n) as it must be typed inside `quote` (0, '\'' or '"')
 * to stand for itself: backslashes before the shell's special characters
 * outside quotes, '\'' as '\'' inside single quotes.
 */
void complete_quote(edit_buf_t *out, const char *s, size_t n, char quote);
