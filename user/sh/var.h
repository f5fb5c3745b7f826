// SPDX-License-Identifier: MIT
/*
 * Variables, positional parameters, function frames and functions.
 *
 * Variables live in one hash table; values are malloc'd and owned by it.
 * A variable can exist with attributes but no value (`export x` before x
 * is set): its value is NULL and it counts as unset.
 *
 * `local` and assignments before a function call save the variable's old
 * state in the innermost frame; popping the frame puts it back. Frames also
 * hold the caller's positional parameters while a function runs.
 */
#pragma once

#include <stdbool.h>

#include "ast.h"

#define V_EXPORT   0x1
#define V_READONLY 0x2

typedef struct var {
	struct var *next;
	char *name;
	char *value;		/* NULL: unset */
	int flags;
} var_t;

void var_init(char **envp);
/* The value, or NULL if unset. LINENO reads the current line. */
const char *var_get(const char *name);
var_t *var_lookup(const char *name);
/*
 * Sets a variable (value NULL: unset it but keep it) and adds flags. With
 * -a every assignment exports. Returns -1 (after "NAME: is read only") if
 * the variable is read-only.
 */
int var_set(const char *name, const char *value, int flags);
/* var_set that raises an error on a read-only variable. */
void var_assign(const char *name, const char *value);
/* Unsets; -1 if read-only (message printed). */
int var_unset(const char *name);
/* Adds flags without changing the value (export x, readonly x). */
int var_set_flags(const char *name, int flags);
bool var_name_valid(const char *s, size_t n);
/* The length of the name at the start of s (0 if none). */
size_t var_name_len(const char *s);

/* "NAME=VALUE" of every exported variable with a value, on the stack. */
char **var_environ(void);
/* Every variable with all of `flags`, sorted by name, on the stack. */
var_t **var_sorted(int flags, size_t *count);

/* --- frames ---------------------------------------------------------- */

void frame_push(void);
void frame_pop(void);
int frame_depth(void);
void frame_pop_to(int depth);
/* Saves name's state in the innermost frame (local); false outside functions. */
bool var_make_local(const char *name);

/* --- positional parameters ------------------------------------------- */

typedef struct params {
	int n;
	char **v;		/* malloc'd, each malloc'd */
} params_t;

extern params_t sh_params;

/* Replaces the parameters with copies of args. */
void params_set(int n, char *const *args);
/* Saves them in the innermost frame and installs new ones (a function call). */
void params_push(int n, char *const *args);
void params_shift(int n);

/* --- functions ------------------------------------------------------- */

typedef struct func {
	struct func *next;
	char *name;
	node_t *body;
	arena_t *arena;
	int refs;
} func_t;

func_t *func_lookup(const char *name);
void func_define(const char *name, node_t *body, arena_t *arena);
void func_unset(const char *name);
void func_ref(func_t *f);
void func_unref(func_t *f);
/* Every function name, sorted, NULL-terminated, on the stack. */
const char **func_names(void);
