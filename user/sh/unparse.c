// SPDX-License-Identifier: MIT
/*
 * Turns a command tree back into text: what `jobs` shows for a job and
 * what `type` shows for a function. Words print as they were written (the
 * lexer kept their source); compound commands print on one line with `;`
 * between their parts, like `jobs` in other shells.
 */
#include "ast.h"

#include <stdio.h>

static void unparse(sb_t *b, const node_t *n);

static void unparse_words(sb_t *b, const word_t *w, bool space_first)
{
	for (; w; w = w->next) {
		if (space_first)
			sb_putc(b, ' ');
		sb_puts(b, w->raw);
		space_first = true;
	}
}

static void unparse_redirs(sb_t *b, const redir_t *r)
{
	static const char *const ops[] = {
		[R_IN] = "<", [R_OUT] = ">", [R_APPEND] = ">>", [R_CLOBBER] = ">|",
		[R_RDWR] = "<>", [R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_HEREDOC] = "<<",
	};

	for (; r; r = r->next) {
		bool in = r->kind == R_IN || r->kind == R_RDWR || r->kind == R_DUPIN ||
			  r->kind == R_HEREDOC;

		sb_putc(b, ' ');
		if (r->fd != (in ? 0 : 1))
			sb_printf(b, "%d", r->fd);
		sb_puts(b, ops[r->kind]);
		if (r->kind == R_HEREDOC && r->strip_tabs)
			sb_putc(b, '-');
		sb_puts(b, r->target->raw);
	}
}

/* The commands of a list, each followed by ";" or "&". */
static void unparse_list(sb_t *b, const node_t *n)
{
	for (; n; n = n->next) {
		if (n->kind == N_ASYNC) {
			unparse(b, n->body);
			sb_puts(b, " &");
		} else {
			unparse(b, n);
			sb_putc(b, ';');
		}
		if (n->next)
			sb_putc(b, ' ');
	}
}

static void unparse_body(sb_t *b, const node_t *n)
{
	if (n && n->kind == N_LIST)
		unparse_list(b, n->list.first);
	else if (n) {
		unparse(b, n);
		sb_putc(b, ';');
	}
}

static void unparse_case(sb_t *b, const node_t *n)
{
	sb_puts(b, "case ");
	sb_puts(b, n->case_.subject->raw);
	sb_puts(b, " in");
	for (const case_item_t *c = n->case_.items; c; c = c->next) {
		sb_putc(b, ' ');
		for (const word_t *p = c->patterns; p; p = p->next) {
			sb_puts(b, p->raw);
			if (p->next)
				sb_putc(b, '|');
		}
		sb_puts(b, ") ");
		if (c->body) {
			unparse(b, c->body);
			sb_putc(b, ' ');
		}
		sb_puts(b, c->fallthrough ? ";&" : ";;");
	}
	sb_puts(b, " esac");
}

/* { } if while until for: keywords around lists. */
static void unparse_compound(sb_t *b, const node_t *n)
{
	switch (n->kind) {
	case N_GROUP:
		sb_puts(b, "{ ");
		unparse_body(b, n->body);
		sb_puts(b, " }");
		break;
	case N_IF:
		sb_puts(b, "if ");
		unparse_body(b, n->if_.cond);
		sb_puts(b, " then ");
		unparse_body(b, n->if_.then);
		if (n->if_.els) {
			sb_puts(b, " else ");
			unparse_body(b, n->if_.els);
		}
		sb_puts(b, " fi");
		break;
	case N_WHILE:
	case N_UNTIL:
		sb_puts(b, n->kind == N_WHILE ? "while " : "until ");
		unparse_body(b, n->loop.cond);
		sb_puts(b, " do ");
		unparse_body(b, n->loop.body);
		sb_puts(b, " done");
		break;
	case N_FOR:
		sb_printf(b, "for %s", n->for_.var);
		if (n->for_.has_in) {
			sb_puts(b, " in");
			unparse_words(b, n->for_.words, true);
		}
		sb_puts(b, "; do ");
		unparse_body(b, n->for_.body);
		sb_puts(b, " done");
		break;
	default:
		break;
	}
}

static void unparse(sb_t *b, const node_t *n)
{
	switch (n->kind) {
	case N_SIMPLE:
		unparse_words(b, n->simple.assigns, false);
		unparse_words(b, n->simple.args, n->simple.assigns != NULL);
		break;
	case N_PIPE:
		for (const node_t *m = n->pipe.first; m; m = m->next) {
			unparse(b, m);
			if (m->next)
				sb_puts(b, " | ");
		}
		break;
	case N_AND:
	case N_OR:
		unparse(b, n->binary.left);
		sb_puts(b, n->kind == N_AND ? " && " : " || ");
		unparse(b, n->binary.right);
		break;
	case N_NOT:
		sb_puts(b, "! ");
		unparse(b, n->body);
		break;
	case N_LIST:
		unparse_list(b, n->list.first);
		break;
	case N_ASYNC:
		unparse(b, n->body);
		sb_puts(b, " &");
		break;
	case N_SUBSHELL:
		sb_putc(b, '(');
		unparse(b, n->body);
		sb_putc(b, ')');
		break;
	case N_GROUP:
	case N_IF:
	case N_WHILE:
	case N_UNTIL:
	case N_FOR:
		unparse_compound(b, n);
		break;
	case N_CASE:
		unparse_case(b, n);
		break;
	case N_FUNCDEF:
		sb_printf(b, "%s() ", n->func.name);
		unparse(b, n->func.body);
		break;
	}
	unparse_redirs(b, n->redirs);
}

char *node_to_text(const node_t *n)
{
	sb_t b;

	sb_init(&b);
	if (n)
		unparse(&b, n);
	return b.s;
}
