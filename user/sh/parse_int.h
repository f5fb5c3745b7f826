// SPDX-License-Identifier: MIT
/*
 * What the lexer (lex.c, word.c) and the grammar (parse.c) share: the
 * parser state and the tokens. A parser_t exists per nesting: a command
 * substitution's body is parsed by a parser of its own reading the same
 * input, which stops at the closing parenthesis.
 */
#pragma once

#include <stdbool.h>

#include "ast.h"

typedef enum tok {
	T_EOF,
	T_NEWLINE,
	T_WORD,
	T_IONUM,	/* digits right before < or > */
	T_SEMI,
	T_AMP,
	T_PIPE,
	T_AND_IF,	/* && */
	T_OR_IF,	/* || */
	T_DSEMI,	/* ;; */
	T_SEMIAMP,	/* ;& */
	T_LPAREN,
	T_RPAREN,
	T_LESS,
	T_GREAT,
	T_DGREAT,	/* >> */
	T_LESSAND,	/* <& */
	T_GREATAND,	/* >& */
	T_LESSGREAT,	/* <> */
	T_DLESS,	/* << */
	T_DLESSDASH,	/* <<- */
	T_CLOBBER,	/* >| */
} tok_t;

typedef struct heredoc {
	struct heredoc *next;
	redir_t *redir;
	char *delim;
} heredoc_t;

typedef struct parser {
	arena_t *arena;
	bool have_tok;		/* tok/word/ionum hold a token not yet consumed */
	tok_t tok;
	word_t *word;
	int ionum;
	int tok_line;
	heredoc_t *heredocs;	/* read at the next newline, in order */
	int err_line;		/* the line to name in a syntax error, if not the input's */
} parser_t;

/* --- lex.c --- */
tok_t lex_peek(parser_t *p);
void lex_consume(parser_t *p);
/* The text of the current token for messages ("newline", "end of file", ...). */
const char *lex_tok_text(parser_t *p);
void lex_add_heredoc(parser_t *p, redir_t *r);

/* --- word.c --- */
/* Reads a word whose first character is next in the input. */
word_t *word_read(parser_t *p);
/* Reads a here-document body (unquoted delimiter) from a string. */
word_t *word_parse_heredoc(parser_t *p, const char *text, int line);
/* The text of a word after quote removal (here-document delimiters). */
char *word_unquoted_text(arena_t *a, const char *raw, bool *quoted);

/* --- parse.c --- */
/* Parses a command substitution's body up to ")" (the "$(" is read). */
node_t *parse_cmdsub(parser_t *p);
/* Parses a whole string as commands (the body of `...`). */
node_t *parse_string_commands(parser_t *p, const char *text, int line);
__attribute__((noreturn)) void parse_syntax_error(parser_t *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
