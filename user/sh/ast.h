// SPDX-License-Identifier: MIT
/*
 * The syntax tree the parser builds and the evaluator walks.
 *
 * A word keeps its structure from the lexer: a list of parts, each a run
 * of literal text, a parameter expansion, a command substitution (already
 * parsed into a tree, so `$(case x in x) ...; esac)` needs no special
 * rescanning) or an arithmetic expansion. Every part knows whether it was
 * quoted, which is all field splitting, pathname expansion and quote
 * removal need to know later. The word's source text is kept too, for
 * `jobs`, `set -x` of keywords and messages.
 *
 * Commands are nodes; lists (`a; b & c`) are chains through `next`.
 * Everything lives in the arena of the parse that made it (mem.h).
 */
#pragma once

#include <stdbool.h>

#include "mem.h"

typedef struct node node_t;
typedef struct word word_t;

typedef enum wpart_kind {
	WP_LIT,		/* text */
	WP_PARAM,	/* $name ${name...} */
	WP_CMDSUB,	/* $(...) `...` */
	WP_ARITH,	/* $((...)) */
} wpart_kind_t;

/* Parameter expansion operators. */
typedef enum pe_op {
	PE_PLAIN,	/* ${x} */
	PE_LENGTH,	/* ${#x} */
	PE_DEFAULT,	/* ${x-w} ${x:-w} */
	PE_ASSIGN,	/* ${x=w} ${x:=w} */
	PE_ERROR,	/* ${x?w} ${x:?w} */
	PE_ALT,		/* ${x+w} ${x:+w} */
	PE_TRIM_SUFFIX,	/* ${x%w} */
	PE_TRIM_SUFFIX_LONG, /* ${x%%w} */
	PE_TRIM_PREFIX,	/* ${x#w} */
	PE_TRIM_PREFIX_LONG, /* ${x##w} */
} pe_op_t;

typedef struct wpart {
	struct wpart *next;
	wpart_kind_t kind;
	bool quoted;		/* inside quotes (or escaped, for literals) */
	union {
		struct {
			char *text;
			size_t len;
		} lit;
		struct {
			char *name;
			pe_op_t op;
			bool colon;	/* ${x:-w}: null counts as unset */
			word_t *arg;
		} param;
		node_t *cmdsub;
		word_t *arith;
	};
} wpart_t;

struct word {
	word_t *next;		/* in lists of words */
	wpart_t *parts;
	char *raw;		/* the source text */
	bool plain;		/* one unquoted literal: may be a keyword */
	int line;
};

typedef enum redir_kind {
	R_IN,		/* <  */
	R_OUT,		/* >  */
	R_APPEND,	/* >> */
	R_CLOBBER,	/* >| */
	R_RDWR,		/* <> */
	R_DUPIN,	/* <& */
	R_DUPOUT,	/* >& */
	R_HEREDOC,	/* << <<- */
} redir_kind_t;

typedef struct redir {
	struct redir *next;
	redir_kind_t kind;
	int fd;			/* the descriptor redirected */
	word_t *target;		/* file, fd number or here-document delimiter */
	word_t *body;		/* here-document text (expanded unless quoted) */
	bool body_quoted;	/* quoted delimiter: the body is literal */
	bool strip_tabs;	/* <<- */
} redir_t;

typedef enum node_kind {
	N_SIMPLE,
	N_PIPE,
	N_AND,
	N_OR,
	N_NOT,
	N_LIST,		/* commands chained through next */
	N_ASYNC,
	N_SUBSHELL,
	N_GROUP,
	N_IF,
	N_WHILE,
	N_UNTIL,
	N_FOR,
	N_CASE,
	N_FUNCDEF,
} node_kind_t;

typedef struct case_item {
	struct case_item *next;
	word_t *patterns;
	node_t *body;		/* NULL when empty */
	bool fallthrough;	/* ;& */
} case_item_t;

struct node {
	node_kind_t kind;
	int line;
	node_t *next;		/* the next command of an N_LIST */
	redir_t *redirs;	/* simple and compound commands */
	union {
		struct {
			word_t *assigns;
			word_t *args;
		} simple;
		struct {
			node_t *first;	/* members chained through next */
		} pipe;
		struct {
			node_t *left, *right;
		} binary;	/* N_AND, N_OR */
		node_t *body;	/* N_NOT, N_ASYNC, N_SUBSHELL, N_GROUP */
		struct {
			node_t *first;
		} list;
		struct {
			node_t *cond, *then, *els;
		} if_;
		struct {
			node_t *cond, *body;
		} loop;		/* N_WHILE, N_UNTIL */
		struct {
			char *var;
			word_t *words;
			bool has_in;	/* `for x; do` iterates "$@" */
			node_t *body;
		} for_;
		struct {
			word_t *subject;
			case_item_t *items;
		} case_;
		struct {
			char *name;
			node_t *body;
			arena_t *arena;
		} func;
	};
};

/*
 * The command's text, rebuilt from the tree (unparse.c): for `jobs`,
 * `type` and traces. On the stack.
 */
char *node_to_text(const node_t *n);
