// SPDX-License-Identifier: MIT
/*
 * Tokens: operators, words, newlines. Blanks and comments are skipped,
 * backslash-newline joins lines. A word made only of digits directly
 * before < or > is an IO_NUMBER. The parser looks at one token ahead
 * (lex_peek) and consumes it when it is used; nothing beyond that token is
 * read, so an interactive shell never waits for a line it does not need.
 *
 * Here-documents: the parser registers each << as it parses it; when the
 * lexer reads the newline that ends that line, it reads the bodies that
 * follow, one per registered redirection, in order.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "parse_int.h"
#include "sh.h"

static int lex_op(int c)
{
	int c2;

	switch (c) {
	case ';':
		c2 = input_getc();
		if (c2 == ';')
			return T_DSEMI;
		if (c2 == '&')
			return T_SEMIAMP;
		input_ungetc(c2);
		return T_SEMI;
	case '&':
		c2 = input_getc();
		if (c2 == '&')
			return T_AND_IF;
		input_ungetc(c2);
		return T_AMP;
	case '|':
		c2 = input_getc();
		if (c2 == '|')
			return T_OR_IF;
		input_ungetc(c2);
		return T_PIPE;
	case '(':
		return T_LPAREN;
	case ')':
		return T_RPAREN;
	case '<':
		c2 = input_getc();
		if (c2 == '<') {
			int c3 = input_getc();

			if (c3 == '-')
				return T_DLESSDASH;
			input_ungetc(c3);
			return T_DLESS;
		}
		if (c2 == '&')
			return T_LESSAND;
		if (c2 == '>')
			return T_LESSGREAT;
		input_ungetc(c2);
		return T_LESS;
	case '>':
		c2 = input_getc();
		if (c2 == '>')
			return T_DGREAT;
		if (c2 == '&')
			return T_GREATAND;
		if (c2 == '|')
			return T_CLOBBER;
		input_ungetc(c2);
		return T_GREAT;
	}
	return -1;
}

/* Reads one line of a here-document body (without its newline); false at EOF. */
static bool heredoc_line(sb_t *line, bool *had_newline)
{
	int c;

	line->len = 0;
	line->s[0] = '\0';
	*had_newline = false;
	while ((c = input_getc()) != INPUT_EOF) {
		if (c == '\n') {
			*had_newline = true;
			return true;
		}
		sb_putc(line, (char)c);
	}
	return line->len > 0;
}

static void heredoc_read(parser_t *p, heredoc_t *h)
{
	sb_t body, line;
	bool nl;
	int start_line = input_line();
	redir_t *r = h->redir;

	sb_init(&body);
	sb_init(&line);
	while (heredoc_line(&line, &nl)) {
		const char *s = line.s;

		if (r->strip_tabs)
			while (*s == '\t')
				s++;
		if (strcmp(s, h->delim) == 0)
			break;
		sb_puts(&body, s);
		if (nl)
			sb_putc(&body, '\n');
		if (!nl)
			break;
	}
	if (r->body_quoted) {
		word_t *w = arena_alloc(p->arena, sizeof(*w));
		wpart_t *part = arena_alloc(p->arena, sizeof(*part));

		part->kind = WP_LIT;
		part->quoted = true;
		part->lit.text = arena_strndup(p->arena, body.s, body.len);
		part->lit.len = body.len;
		w->parts = part;
		w->raw = "";
		r->body = w;
	} else {
		r->body = word_parse_heredoc(p, body.s, start_line);
	}
}

static void heredocs_read(parser_t *p)
{
	while (p->heredocs) {
		heredoc_t *h = p->heredocs;

		p->heredocs = h->next;
		heredoc_read(p, h);
	}
}

void lex_add_heredoc(parser_t *p, redir_t *r)
{
	heredoc_t *h = arena_alloc(p->arena, sizeof(*h)), **pp = &p->heredocs;
	bool quoted;

	h->redir = r;
	h->delim = word_unquoted_text(p->arena, r->target->raw, &quoted);
	r->body_quoted = quoted;
	while (*pp)
		pp = &(*pp)->next;
	*pp = h;
}

static bool all_digits(const word_t *w)
{
	if (!w->plain)
		return false;
	for (const char *s = w->parts->lit.text; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return w->parts->lit.len > 0 && w->parts->lit.len < 10;
}

static tok_t lex_token(parser_t *p)
{
	for (;;) {
		int c = input_getc();

		p->tok_line = input_line();
		switch (c) {
		case ' ':
		case '\t':
			continue;
		case '\\': {
			int c2 = input_getc();

			if (c2 == '\n')
				continue;
			input_ungetc(c2);
			break;
		}
		case '#':
			while ((c = input_getc()) != '\n' && c != INPUT_EOF)
				;
			input_ungetc(c);
			continue;
		case '\n':
			p->tok_line--;
			heredocs_read(p);
			return T_NEWLINE;
		case INPUT_EOF:
			heredocs_read(p);
			return T_EOF;
		default:
			break;
		}
		int op = lex_op(c);

		if (op >= 0)
			return (tok_t)op;
		input_ungetc(c);
		p->word = word_read(p);
		c = input_getc();
		input_ungetc(c);
		if ((c == '<' || c == '>') && all_digits(p->word)) {
			p->ionum = (int)strtol(p->word->parts->lit.text, NULL, 10);
			return T_IONUM;
		}
		return T_WORD;
	}
}

tok_t lex_peek(parser_t *p)
{
	if (!p->have_tok) {
		p->word = NULL;
		p->tok = lex_token(p);
		p->have_tok = true;
	}
	return p->tok;
}

void lex_consume(parser_t *p)
{
	p->have_tok = false;
}

const char *lex_tok_text(parser_t *p)
{
	static const char *const names[] = {
		[T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_SEMI] = ";",
		[T_AMP] = "&", [T_PIPE] = "|", [T_AND_IF] = "&&", [T_OR_IF] = "||",
		[T_DSEMI] = ";;", [T_SEMIAMP] = ";&", [T_LPAREN] = "(", [T_RPAREN] = ")",
		[T_LESS] = "<", [T_GREAT] = ">", [T_DGREAT] = ">>", [T_LESSAND] = "<&",
		[T_GREATAND] = ">&", [T_LESSGREAT] = "<>", [T_DLESS] = "<<",
		[T_DLESSDASH] = "<<-", [T_CLOBBER] = ">|",
	};

	lex_peek(p);
	if (p->tok == T_WORD || p->tok == T_IONUM)
		return p->word->raw;
	return names[p->tok];
}
