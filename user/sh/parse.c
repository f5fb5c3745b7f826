// SPDX-License-Identifier: MIT
/*
 * The grammar of XCU 2.10 by recursive descent, one function per rule:
 *
 *   command line  = and_or { (";" | "&") and_or } [";" | "&"] newline
 *   and_or        = pipeline { ("&&" | "||") linebreak pipeline }
 *   pipeline      = ["!"] command { "|" linebreak command }
 *   command       = simple | compound redirections | name "(" ")" compound
 *   compound      = { list } | ( list ) | if | while | until | for | case
 *
 * Reserved words are only words in the right place: the first word of a
 * command, and `in`/`do`/`esac`/... where those rules expect them. Aliases
 * are expanded for a command's first word before anything else looks at
 * it.
 */
#include "parse.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "parse_int.h"
#include "sh.h"
#include "var.h"

static node_t *parse_and_or(parser_t *p);
static node_t *parse_command_(parser_t *p);
static node_t *parse_list(parser_t *p);

static const char *const keywords[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for",
	"if", "in", "then", "until", "while", NULL,
};

bool parse_is_keyword(const char *s)
{
	for (int i = 0; keywords[i]; i++)
		if (strcmp(keywords[i], s) == 0)
			return true;
	return false;
}

void parse_syntax_error(parser_t *p, const char *fmt, ...)
{
	sb_t msg;
	va_list ap;

	sb_init(&msg);
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	sh.lineno = p->err_line ? p->err_line : input_line();
	input_capture_reset();
	sh_warn("syntax error: %s", msg.s);
	sh.status = 2;
	sh_raise(EXC_ERROR);
}

static __attribute__((noreturn)) void unexpected(parser_t *p, const char *expecting)
{
	const char *what = lex_tok_text(p);
	bool eof = p->tok == T_EOF || p->tok == T_NEWLINE;

	if (p->tok != T_EOF) {
		p->err_line = p->tok_line;
		input_discard_line();
	}
	if (expecting)
		parse_syntax_error(p, eof ? "%s unexpected (expecting \"%s\")" :
				   "\"%s\" unexpected (expecting \"%s\")", what, expecting);
	parse_syntax_error(p, eof ? "%s unexpected" : "\"%s\" unexpected", what);
}

static node_t *node_new(parser_t *p, node_kind_t kind)
{
	node_t *n = arena_alloc(p->arena, sizeof(*n));

	n->kind = kind;
	n->line = p->tok_line;
	return n;
}

/* True if the next token is the reserved word kw. */
static bool is_kw(parser_t *p, const char *kw)
{
	return lex_peek(p) == T_WORD && p->word->plain && strcmp(p->word->parts->lit.text, kw) == 0;
}

static void expect_kw(parser_t *p, const char *kw)
{
	if (!is_kw(p, kw))
		unexpected(p, kw);
	lex_consume(p);
}

static void expect(parser_t *p, tok_t tok, const char *text)
{
	if (lex_peek(p) != tok)
		unexpected(p, text);
	lex_consume(p);
}

static void skip_newlines(parser_t *p)
{
	while (lex_peek(p) == T_NEWLINE)
		lex_consume(p);
}

/* Can the next token start a command, or does it end a list? */
static bool at_list_end(parser_t *p)
{
	static const char *const ends[] = {
		"}", "do", "done", "elif", "else", "esac", "fi", "then", NULL,
	};
	tok_t t = lex_peek(p);

	if (t == T_EOF || t == T_RPAREN || t == T_DSEMI || t == T_SEMIAMP)
		return true;
	if (t != T_WORD || !p->word->plain)
		return false;
	for (int i = 0; ends[i]; i++)
		if (strcmp(p->word->parts->lit.text, ends[i]) == 0)
			return true;
	return false;
}

/* A compound_list: commands separated by ; & or newlines; NULL if empty. */
static node_t *parse_list(parser_t *p)
{
	node_t *first = NULL, **tail = &first;
	int count = 0, line;

	skip_newlines(p);
	line = p->tok_line;
	while (!at_list_end(p)) {
		node_t *n = parse_and_or(p);
		tok_t t = lex_peek(p);

		if (t == T_AMP) {
			node_t *a = node_new(p, N_ASYNC);

			a->line = n->line;
			a->body = n;
			n = a;
		}
		*tail = n;
		tail = &n->next;
		count++;
		if (t != T_AMP && t != T_SEMI && t != T_NEWLINE)
			break;
		lex_consume(p);
		skip_newlines(p);
	}
	if (count <= 1)
		return first;
	node_t *list = node_new(p, N_LIST);

	list->line = line;
	list->list.first = first;
	return list;
}

static node_t *parse_nonempty_list(parser_t *p, const char *what)
{
	node_t *n = parse_list(p);

	if (!n)
		unexpected(p, lex_peek(p) == T_EOF ? what : NULL);
	return n;
}

static bool is_redir_tok(tok_t t)
{
	return t == T_IONUM || t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_LESSAND ||
	       t == T_GREATAND || t == T_LESSGREAT || t == T_DLESS || t == T_DLESSDASH ||
	       t == T_CLOBBER;
}

static redir_t *parse_redir(parser_t *p)
{
	redir_t *r = arena_alloc(p->arena, sizeof(*r));
	int fd = -1;
	tok_t t = lex_peek(p);

	if (t == T_IONUM) {
		fd = p->ionum;
		lex_consume(p);
		t = lex_peek(p);
	}
	lex_consume(p);
	switch (t) {
	case T_LESS: r->kind = R_IN; break;
	case T_GREAT: r->kind = R_OUT; break;
	case T_DGREAT: r->kind = R_APPEND; break;
	case T_CLOBBER: r->kind = R_CLOBBER; break;
	case T_LESSGREAT: r->kind = R_RDWR; break;
	case T_LESSAND: r->kind = R_DUPIN; break;
	case T_GREATAND: r->kind = R_DUPOUT; break;
	case T_DLESSDASH: r->strip_tabs = true; /* fall through */
	case T_DLESS: r->kind = R_HEREDOC; break;
	default: unexpected(p, NULL);
	}
	r->fd = fd >= 0 ? fd :
		(r->kind == R_IN || r->kind == R_RDWR || r->kind == R_DUPIN || r->kind == R_HEREDOC)
		? 0 : 1;
	if (lex_peek(p) != T_WORD)
		unexpected(p, NULL);
	r->target = p->word;
	lex_consume(p);
	if (r->kind == R_HEREDOC)
		lex_add_heredoc(p, r);
	return r;
}

static void parse_redirs(parser_t *p, node_t *n)
{
	redir_t **tail = &n->redirs;

	while (*tail)
		tail = &(*tail)->next;
	while (is_redir_tok(lex_peek(p))) {
		*tail = parse_redir(p);
		tail = &(*tail)->next;
	}
}

static node_t *parse_if(parser_t *p)
{
	node_t *n = node_new(p, N_IF);

	lex_consume(p);	/* if or elif */
	n->if_.cond = parse_nonempty_list(p, "then");
	expect_kw(p, "then");
	n->if_.then = parse_nonempty_list(p, "fi");
	if (is_kw(p, "elif")) {
		n->if_.els = parse_if(p);
		return n;
	}
	if (is_kw(p, "else")) {
		lex_consume(p);
		n->if_.els = parse_nonempty_list(p, "fi");
	}
	expect_kw(p, "fi");
	return n;
}

static node_t *parse_loop(parser_t *p, node_kind_t kind)
{
	node_t *n = node_new(p, kind);

	lex_consume(p);
	n->loop.cond = parse_nonempty_list(p, "do");
	expect_kw(p, "do");
	n->loop.body = parse_nonempty_list(p, "done");
	expect_kw(p, "done");
	return n;
}

static node_t *parse_for(parser_t *p)
{
	node_t *n = node_new(p, N_FOR);

	lex_consume(p);
	if (lex_peek(p) != T_WORD || !p->word->plain ||
	    !var_name_valid(p->word->parts->lit.text, p->word->parts->lit.len))
		parse_syntax_error(p, "bad for loop variable");
	n->for_.var = p->word->parts->lit.text;
	lex_consume(p);
	skip_newlines(p);
	if (is_kw(p, "in")) {
		word_t **tail = &n->for_.words;

		lex_consume(p);
		n->for_.has_in = true;
		while (lex_peek(p) == T_WORD) {
			*tail = p->word;
			tail = &p->word->next;
			lex_consume(p);
		}
		if (lex_peek(p) != T_SEMI && p->tok != T_NEWLINE)
			unexpected(p, "do");
		lex_consume(p);
		skip_newlines(p);
	} else if (lex_peek(p) == T_SEMI) {
		lex_consume(p);
		skip_newlines(p);
	}
	expect_kw(p, "do");
	n->for_.body = parse_nonempty_list(p, "done");
	expect_kw(p, "done");
	return n;
}

static case_item_t *parse_case_item(parser_t *p)
{
	case_item_t *item = arena_alloc(p->arena, sizeof(*item));
	word_t **tail = &item->patterns;

	if (lex_peek(p) == T_LPAREN)
		lex_consume(p);
	for (;;) {
		if (lex_peek(p) != T_WORD)
			unexpected(p, ")");
		*tail = p->word;
		tail = &p->word->next;
		lex_consume(p);
		if (lex_peek(p) != T_PIPE)
			break;
		lex_consume(p);
	}
	expect(p, T_RPAREN, ")");
	item->body = parse_list(p);
	return item;
}

static node_t *parse_case(parser_t *p)
{
	node_t *n = node_new(p, N_CASE);
	case_item_t **tail = &n->case_.items;

	lex_consume(p);
	if (lex_peek(p) != T_WORD)
		unexpected(p, "word");
	n->case_.subject = p->word;
	lex_consume(p);
	skip_newlines(p);
	expect_kw(p, "in");
	skip_newlines(p);
	while (!is_kw(p, "esac")) {
		case_item_t *item = parse_case_item(p);

		*tail = item;
		tail = &item->next;
		tok_t t = lex_peek(p);

		if (t == T_DSEMI || t == T_SEMIAMP) {
			item->fallthrough = t == T_SEMIAMP;
			lex_consume(p);
			skip_newlines(p);
		} else if (!is_kw(p, "esac")) {
			unexpected(p, "esac");
		}
	}
	lex_consume(p);
	return n;
}

static node_t *parse_group(parser_t *p, node_kind_t kind)
{
	node_t *n = node_new(p, kind);

	lex_consume(p);
	n->body = parse_nonempty_list(p, kind == N_GROUP ? "}" : ")");
	if (kind == N_GROUP)
		expect_kw(p, "}");
	else
		expect(p, T_RPAREN, ")");
	return n;
}

/* A compound command and its redirections, or NULL if the next token starts none. */
static node_t *parse_compound(parser_t *p)
{
	node_t *n;

	if (lex_peek(p) == T_LPAREN)
		n = parse_group(p, N_SUBSHELL);
	else if (is_kw(p, "{"))
		n = parse_group(p, N_GROUP);
	else if (is_kw(p, "if"))
		n = parse_if(p);
	else if (is_kw(p, "while"))
		n = parse_loop(p, N_WHILE);
	else if (is_kw(p, "until"))
		n = parse_loop(p, N_UNTIL);
	else if (is_kw(p, "for"))
		n = parse_for(p);
	else if (is_kw(p, "case"))
		n = parse_case(p);
	else
		return NULL;
	parse_redirs(p, n);
	return n;
}

static bool is_assignment(const word_t *w)
{
	const wpart_t *first = w->parts;

	if (!first || first->kind != WP_LIT || first->quoted)
		return false;
	const char *eq = memchr(first->lit.text, '=', first->lit.len);

	return eq && var_name_valid(first->lit.text, (size_t)(eq - first->lit.text));
}

static node_t *parse_funcdef(parser_t *p, word_t *name)
{
	node_t *n = node_new(p, N_FUNCDEF);

	n->line = name->line;
	if (!name->plain || !var_name_valid(name->parts->lit.text, name->parts->lit.len))
		parse_syntax_error(p, "bad function name");
	lex_consume(p);	/* ( */
	expect(p, T_RPAREN, ")");
	skip_newlines(p);
	n->func.name = name->parts->lit.text;
	n->func.body = parse_compound(p);
	if (!n->func.body)
		unexpected(p, NULL);
	n->func.arena = p->arena;
	return n;
}

static node_t *parse_simple(parser_t *p)
{
	node_t *n = node_new(p, N_SIMPLE);
	word_t **atail = &n->simple.assigns, **wtail = &n->simple.args;
	redir_t **rtail = &n->redirs;

	for (;;) {
		tok_t t = lex_peek(p);

		if (is_redir_tok(t)) {
			*rtail = parse_redir(p);
			rtail = &(*rtail)->next;
		} else if (t == T_WORD) {
			word_t *w = p->word;

			if (!n->simple.args && is_assignment(w)) {
				*atail = w;
				atail = &w->next;
				lex_consume(p);
				continue;
			}
			lex_consume(p);
			if (!n->simple.args && !n->simple.assigns && !n->redirs &&
			    lex_peek(p) == T_LPAREN)
				return parse_funcdef(p, w);
			*wtail = w;
			wtail = &w->next;
		} else {
			break;
		}
	}
	if (!n->simple.args && !n->simple.assigns && !n->redirs)
		unexpected(p, NULL);
	return n;
}

/* Replaces an alias in command position by its text; true if it did. */
static bool expand_alias(parser_t *p)
{
	if (lex_peek(p) != T_WORD || !p->word->plain)
		return false;
	const char *name = p->word->parts->lit.text;
	const char *value = alias_get(name);

	if (!value || input_alias_active(name))
		return false;
	lex_consume(p);
	input_push_alias(value, name);
	return true;
}

static node_t *parse_command_(parser_t *p)
{
	while (expand_alias(p))
		;
	node_t *n = parse_compound(p);

	if (n)
		return n;
	if (at_list_end(p) || is_kw(p, "!"))
		unexpected(p, NULL);
	return parse_simple(p);
}

static node_t *parse_pipeline(parser_t *p)
{
	bool bang = false;
	int line = (lex_peek(p), p->tok_line);

	while (is_kw(p, "!")) {
		lex_consume(p);
		bang = !bang;
	}
	node_t *first = parse_command_(p);

	if (lex_peek(p) == T_PIPE) {
		node_t *pipe = node_new(p, N_PIPE), *last = first;

		pipe->line = line;
		pipe->pipe.first = first;
		while (lex_peek(p) == T_PIPE) {
			lex_consume(p);
			skip_newlines(p);
			last->next = parse_command_(p);
			last = last->next;
		}
		first = pipe;
	}
	if (bang) {
		node_t *not = node_new(p, N_NOT);

		not->line = line;
		not->body = first;
		first = not;
	}
	return first;
}

static node_t *parse_and_or(parser_t *p)
{
	node_t *left = parse_pipeline(p);

	for (;;) {
		tok_t t = lex_peek(p);

		if (t != T_AND_IF && t != T_OR_IF)
			return left;
		lex_consume(p);
		skip_newlines(p);
		node_t *n = node_new(p, t == T_AND_IF ? N_AND : N_OR);

		n->line = left->line;
		n->binary.left = left;
		n->binary.right = parse_pipeline(p);
		left = n;
	}
}

node_t *parse_command(arena_t *a, bool *eof)
{
	parser_t p = { .arena = a };
	node_t *first = NULL, **tail = &first;
	int count = 0;

	*eof = false;
	tok_t t = lex_peek(&p);

	if (t == T_EOF) {
		*eof = true;
		return NULL;
	}
	if (t == T_NEWLINE) {
		lex_consume(&p);
		return NULL;
	}
	for (;;) {
		node_t *n = parse_and_or(&p);

		t = lex_peek(&p);
		if (t == T_AMP) {
			node_t *async = node_new(&p, N_ASYNC);

			async->line = n->line;
			async->body = n;
			n = async;
		}
		*tail = n;
		tail = &n->next;
		count++;
		if (t == T_AMP || t == T_SEMI) {
			lex_consume(&p);
			t = lex_peek(&p);
			if (t == T_NEWLINE) {
				lex_consume(&p);
				break;
			}
			if (t == T_EOF)
				break;
			continue;
		}
		if (t == T_NEWLINE) {
			lex_consume(&p);
			break;
		}
		if (t == T_EOF)
			break;
		input_discard_line();
		unexpected(&p, NULL);
	}
	if (count == 1)
		return first;
	node_t *list = node_new(&p, N_LIST);

	list->line = first->line;
	list->list.first = first;
	return list;
}

node_t *parse_cmdsub(parser_t *outer)
{
	parser_t p = { .arena = outer->arena };
	node_t *body = parse_list(&p);

	expect(&p, T_RPAREN, ")");
	/* Here-documents begun inside and not yet read are read at the outer newline. */
	heredoc_t **pp = &outer->heredocs;

	while (*pp)
		pp = &(*pp)->next;
	*pp = p.heredocs;
	return body;
}

node_t *parse_string_commands(parser_t *outer, const char *text, int line)
{
	parser_t p = { .arena = outer->arena };
	int depth = input_depth();

	input_push_string(text, line, false);
	node_t *body = parse_list(&p);

	if (lex_peek(&p) != T_EOF)
		unexpected(&p, NULL);
	input_pop_to(depth);
	return body;
}

word_t *parse_expansion_string(arena_t *a, const char *text)
{
	parser_t p = { .arena = a };

	return word_parse_heredoc(&p, text, sh.lineno);
}

/* --- aliases --------------------------------------------------------- */

typedef struct alias {
	struct alias *next;
	char *name, *value;
} alias_t;

static alias_t *alias_head;

const char *alias_get(const char *name)
{
	for (alias_t *a = alias_head; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

void alias_set(const char *name, const char *value)
{
	for (alias_t *a = alias_head; a; a = a->next) {
		if (strcmp(a->name, name) == 0) {
			free(a->value);
			a->value = xstrdup(value);
			return;
		}
	}
	alias_t *a = xcalloc(1, sizeof(*a));

	a->name = xstrdup(name);
	a->value = xstrdup(value);
	a->next = alias_head;
	alias_head = a;
}

int alias_unset(const char *name)
{
	for (alias_t **pp = &alias_head; *pp; pp = &(*pp)->next) {
		alias_t *a = *pp;

		if (strcmp(a->name, name) == 0) {
			*pp = a->next;
			free(a->name);
			free(a->value);
			free(a);
			return 0;
		}
	}
	return -1;
}

void alias_unset_all(void)
{
	while (alias_head)
		alias_unset(alias_head->name);
}

static int alias_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **alias_list(void)
{
	pvec_t v;

	pvec_init(&v);
	for (alias_t *a = alias_head; a; a = a->next)
		pvec_push(&v, stk_printf("%s=%s", a->name, a->value));
	qsort(v.v, v.n, sizeof(void *), alias_cmp);
	return (const char **)v.v;
}
