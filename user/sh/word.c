// SPDX-License-Identifier: MIT
/*
 * Reading one word into its parts (ast.h): quoting, escapes and the
 * starts of expansions. The same reader runs in several modes that differ
 * only in what ends them and what is special inside: a plain word, the
 * inside of double quotes, the word of ${name op word}, a here-document
 * body and an arithmetic expression.
 *
 * Literal characters accumulate in a run until the quoting changes or an
 * expansion starts; each run becomes one WP_LIT part. A pair of quotes with
 * nothing inside still leaves an empty quoted part, so "" is an (empty)
 * field rather than nothing.
 */
#include <stdarg.h>
#include <string.h>

#include "input.h"
#include "parse_int.h"
#include "sh.h"
#include "var.h"

typedef enum wmode {
	M_WORD,		/* ends at a blank or operator */
	M_DQUOTE,	/* ends at " */
	M_BRACE,	/* ends at }: the word of ${x-word}, unquoted */
	M_BRACE_DQ,	/* ends at }: the same inside double quotes */
	M_HEREDOC,	/* ends at the end of the text */
	M_ARITH,	/* ends at )) */
} wmode_t;

typedef struct wbuild {
	parser_t *p;
	wpart_t *head, **tail;
	sb_t lit;
	bool lit_quoted;
	bool plain;		/* only unquoted literal text so far */
	int nparts;
} wbuild_t;

static void read_parts(wbuild_t *wb, wmode_t mode);

static void wb_init(wbuild_t *wb, parser_t *p)
{
	wb->p = p;
	wb->head = NULL;
	wb->tail = &wb->head;
	sb_init(&wb->lit);
	wb->lit_quoted = false;
	wb->plain = true;
	wb->nparts = 0;
}

static void wb_flush(wbuild_t *wb)
{
	if (wb->lit.len == 0)
		return;
	wpart_t *part = arena_alloc(wb->p->arena, sizeof(*part));

	part->kind = WP_LIT;
	part->quoted = wb->lit_quoted;
	part->lit.text = arena_strndup(wb->p->arena, wb->lit.s, wb->lit.len);
	part->lit.len = wb->lit.len;
	*wb->tail = part;
	wb->tail = &part->next;
	wb->nparts++;
	wb->lit.len = 0;
	wb->lit.s[0] = '\0';
}

static void wb_lit(wbuild_t *wb, int c, bool quoted)
{
	if (wb->lit.len > 0 && wb->lit_quoted != quoted)
		wb_flush(wb);
	wb->lit_quoted = quoted;
	if (quoted)
		wb->plain = false;
	sb_putc(&wb->lit, (char)c);
}

static wpart_t *wb_part(wbuild_t *wb, wpart_kind_t kind, bool quoted)
{
	wb_flush(wb);
	wpart_t *part = arena_alloc(wb->p->arena, sizeof(*part));

	part->kind = kind;
	part->quoted = quoted;
	*wb->tail = part;
	wb->tail = &part->next;
	wb->nparts++;
	wb->plain = false;
	return part;
}

/* An empty quoted part: what "" or '' leaves when nothing was inside. */
static void wb_empty_quoted(wbuild_t *wb)
{
	wpart_t *part = wb_part(wb, WP_LIT, true);

	part->lit.text = "";
	part->lit.len = 0;
}

static word_t *wb_word(wbuild_t *wb)
{
	wb_flush(wb);
	word_t *w = arena_alloc(wb->p->arena, sizeof(*w));

	w->parts = wb->head;
	w->plain = wb->plain && wb->head != NULL;
	w->raw = "";
	return w;
}

static bool is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
	       c == '(' || c == ')' || c == '<' || c == '>' || c == INPUT_EOF;
}

static void read_single_quoted(wbuild_t *wb)
{
	int before = wb->nparts;
	size_t before_lit = wb->lit.len;

	for (;;) {
		int c = input_getc();

		if (c == INPUT_EOF)
			parse_syntax_error(wb->p, "unterminated quoted string");
		if (c == '\'')
			break;
		wb_lit(wb, c, true);
	}
	if (wb->nparts == before && wb->lit.len == before_lit)
		wb_empty_quoted(wb);
	wb->plain = false;
}

static void read_double_quoted(wbuild_t *wb)
{
	int before = wb->nparts;
	size_t before_lit = wb->lit.len;

	read_parts(wb, M_DQUOTE);
	if (wb->nparts == before && wb->lit.len == before_lit)
		wb_empty_quoted(wb);
	wb->plain = false;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* $'...': C-like escapes, all of it quoted. */
static void read_dollar_single(wbuild_t *wb)
{
	int before = wb->nparts;
	size_t before_lit = wb->lit.len;

	for (;;) {
		int c = input_getc();

		if (c == INPUT_EOF)
			parse_syntax_error(wb->p, "unterminated quoted string");
		if (c == '\'')
			break;
		if (c != '\\') {
			wb_lit(wb, c, true);
			continue;
		}
		c = input_getc();
		int v = 0, n = 0, d;

		switch (c) {
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'e': case 'E': c = 033; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		case 'c':
			c = input_getc() & 037;
			break;
		case 'x':
			while (n < 2 && (d = hexval(c = input_getc())) >= 0) {
				v = v * 16 + d;
				n++;
			}
			if (n < 2)
				input_ungetc(c);
			c = v;
			break;
		case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
			v = c - '0';
			while (++n < 3 && (c = input_getc()) >= '0' && c <= '7')
				v = v * 8 + c - '0';
			if (n < 3)
				input_ungetc(c);
			c = v & 0xff;
			break;
		case INPUT_EOF:
			parse_syntax_error(wb->p, "unterminated quoted string");
		default:
			break;	/* \\ \' \" and unknown: the character itself */
		}
		wb_lit(wb, c, true);
	}
	if (wb->nparts == before && wb->lit.len == before_lit)
		wb_empty_quoted(wb);
	wb->plain = false;
}

/* `...`: the text up to the closing backquote with its escapes undone, parsed. */
static void read_backquote(wbuild_t *wb, bool quoted)
{
	sb_t text;
	int line = input_line();

	sb_init(&text);
	for (;;) {
		int c = input_getc();

		if (c == INPUT_EOF)
			parse_syntax_error(wb->p, "unterminated `...`");
		if (c == '`')
			break;
		if (c == '\\') {
			int c2 = input_getc();

			if (c2 == '$' || c2 == '`' || c2 == '\\' || (quoted && c2 == '"')) {
				sb_putc(&text, (char)c2);
				continue;
			}
			sb_putc(&text, '\\');
			c = c2;
			if (c == INPUT_EOF)
				continue;
		}
		sb_putc(&text, (char)c);
	}
	wpart_t *part = wb_part(wb, WP_CMDSUB, quoted);

	part->cmdsub = parse_string_commands(wb->p, text.s, line);
}

static bool is_special_param(int c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' ||
	       c == '!' || (c >= '0' && c <= '9');
}

static bool is_name_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The name after $ or ${: a variable name, digits (braced) or a special. */
static char *read_param_name(wbuild_t *wb, int c, bool braced)
{
	sb_t name;

	sb_init(&name);
	if (is_name_start(c)) {
		while (is_name_char(c)) {
			sb_putc(&name, (char)c);
			c = input_getc();
		}
		input_ungetc(c);
	} else if (braced && c >= '0' && c <= '9') {
		while (c >= '0' && c <= '9') {
			sb_putc(&name, (char)c);
			c = input_getc();
		}
		input_ungetc(c);
	} else if (is_special_param(c)) {
		sb_putc(&name, (char)c);
	} else {
		return NULL;
	}
	return arena_strndup(wb->p->arena, name.s, name.len);
}

static __attribute__((noreturn)) void bad_substitution(wbuild_t *wb)
{
	parse_syntax_error(wb->p, "bad substitution");
}

/* The operator after ${name: sets op and colon; true for the pattern operators. */
static bool read_param_op(wbuild_t *wb, wpart_t *part, int c)
{
	if (c == ':') {
		part->param.colon = true;
		c = input_getc();
		if (c != '-' && c != '=' && c != '?' && c != '+')
			bad_substitution(wb);
	}
	switch (c) {
	case '-': part->param.op = PE_DEFAULT; return false;
	case '=': part->param.op = PE_ASSIGN; return false;
	case '?': part->param.op = PE_ERROR; return false;
	case '+': part->param.op = PE_ALT; return false;
	case '%':
	case '#': {
		int c2 = input_getc();
		bool twice = c2 == c;

		if (!twice)
			input_ungetc(c2);
		if (c == '%')
			part->param.op = twice ? PE_TRIM_SUFFIX_LONG : PE_TRIM_SUFFIX;
		else
			part->param.op = twice ? PE_TRIM_PREFIX_LONG : PE_TRIM_PREFIX;
		return true;
	}
	default:
		bad_substitution(wb);
	}
}

static void read_braced_param(wbuild_t *wb, bool quoted)
{
	wpart_t *part = wb_part(wb, WP_PARAM, quoted);
	int c = input_getc();

	part->param.op = PE_PLAIN;
	if (c == '#') {
		int c2 = input_getc();

		if (c2 == '}') {
			part->param.name = "#";
			return;
		}
		if (is_name_start(c2) || is_special_param(c2)) {
			part->param.op = PE_LENGTH;
			part->param.name = read_param_name(wb, c2, true);
			if (input_getc() != '}')
				bad_substitution(wb);
			return;
		}
		input_ungetc(c2);
		part->param.name = "#";
	} else {
		part->param.name = read_param_name(wb, c, true);
		if (!part->param.name)
			bad_substitution(wb);
	}
	c = input_getc();
	if (c == '}')
		return;
	bool pattern = read_param_op(wb, part, c);
	wbuild_t arg;

	wb_init(&arg, wb->p);
	/* A pattern's quotes are its own, even inside "...". */
	read_parts(&arg, quoted && !pattern ? M_BRACE_DQ : M_BRACE);
	part->param.arg = wb_word(&arg);
}

static void read_arith(wbuild_t *wb, bool quoted)
{
	wbuild_t expr;

	wb_init(&expr, wb->p);
	read_parts(&expr, M_ARITH);
	wpart_t *part = wb_part(wb, WP_ARITH, quoted);

	part->arith = wb_word(&expr);
}

/* After a $: what follows decides the expansion. */
static void read_dollar(wbuild_t *wb, bool quoted, wmode_t mode)
{
	int c = input_getc();

	if (c == '{') {
		read_braced_param(wb, quoted);
	} else if (c == '(') {
		int c2 = input_getc();

		if (c2 == '(') {
			read_arith(wb, quoted);
		} else {
			input_ungetc(c2);
			node_t *body = parse_cmdsub(wb->p);
			wpart_t *part = wb_part(wb, WP_CMDSUB, quoted);

			part->cmdsub = body;
		}
	} else if (c == '\'' && (mode == M_WORD || mode == M_BRACE)) {
		read_dollar_single(wb);
	} else if (is_name_start(c) || is_special_param(c)) {
		wpart_t *part = wb_part(wb, WP_PARAM, quoted);

		part->param.op = PE_PLAIN;
		part->param.name = read_param_name(wb, c, false);
	} else {
		input_ungetc(c);
		wb_lit(wb, '$', quoted);
	}
}

/* A backslash inside double quotes, a here-document or ${...} within them. */
static void read_dq_backslash(wbuild_t *wb, wmode_t mode)
{
	int c = input_getc();

	if (c == '\n')
		return;
	if (c == '$' || c == '`' || c == '\\' || (c == '"' && mode != M_HEREDOC) ||
	    (c == '}' && mode == M_BRACE_DQ)) {
		wb_lit(wb, c, true);
		return;
	}
	wb_lit(wb, '\\', true);
	input_ungetc(c);
}

/*
 * Does c end the text being read in this mode? Consumes the closing
 * characters; errors for an end of input where one is needed.
 */
static bool read_parts_end(wbuild_t *wb, wmode_t mode, int c, int *depth)
{
	if (c == INPUT_EOF) {
		if (mode == M_WORD || mode == M_HEREDOC)
			return true;
		if (mode == M_DQUOTE)
			parse_syntax_error(wb->p, "unterminated quoted string");
		if (mode == M_ARITH)
			parse_syntax_error(wb->p, "missing \"))\"");
		parse_syntax_error(wb->p, "missing \"}\"");
	}
	if (mode == M_WORD && is_meta(c)) {
		input_ungetc(c);
		return true;
	}
	if (mode == M_DQUOTE && c == '"')
		return true;
	if ((mode == M_BRACE || mode == M_BRACE_DQ) && c == '}')
		return true;
	if (mode == M_ARITH && c == '(') {
		(*depth)++;
	} else if (mode == M_ARITH && c == ')' && *depth > 0) {
		(*depth)--;
	} else if (mode == M_ARITH && c == ')') {
		if (input_getc() == ')')
			return true;
		parse_syntax_error(wb->p, "missing \"))\"");
	}
	return false;
}

static void read_parts(wbuild_t *wb, wmode_t mode)
{
	bool quoted = mode == M_DQUOTE || mode == M_BRACE_DQ || mode == M_HEREDOC ||
		      mode == M_ARITH;
	int depth = 0;

	for (;;) {
		int c = input_getc();

		if (read_parts_end(wb, mode, c, &depth))
			return;
		switch (c) {
		case '\\':
			if (quoted) {
				read_dq_backslash(wb, mode);
			} else {
				c = input_getc();
				if (c == INPUT_EOF)
					wb_lit(wb, '\\', true);
				else if (c != '\n')
					wb_lit(wb, c, true);
			}
			break;
		case '\'':
			if (mode == M_WORD || mode == M_BRACE)
				read_single_quoted(wb);
			else
				wb_lit(wb, c, quoted);
			break;
		case '"':
			if (mode == M_WORD || mode == M_BRACE || mode == M_BRACE_DQ || mode == M_ARITH)
				read_double_quoted(wb);
			else
				wb_lit(wb, c, quoted);
			break;
		case '$':
			read_dollar(wb, quoted, mode);
			break;
		case '`':
			read_backquote(wb, quoted);
			break;
		default:
			wb_lit(wb, c, quoted);
			break;
		}
	}
}

word_t *word_read(parser_t *p)
{
	wbuild_t wb;
	int line = input_line();
	size_t start = input_capture_begin();

	wb_init(&wb, p);
	read_parts(&wb, M_WORD);
	word_t *w = wb_word(&wb);

	w->raw = input_capture_end(start, p->arena);
	w->line = line;
	return w;
}

word_t *word_parse_heredoc(parser_t *p, const char *text, int line)
{
	wbuild_t wb;
	int depth = input_depth();

	input_push_string(text, line, false);
	wb_init(&wb, p);
	read_parts(&wb, M_HEREDOC);
	input_pop_to(depth);
	word_t *w = wb_word(&wb);

	w->line = line;
	return w;
}

char *word_unquoted_text(arena_t *a, const char *raw, bool *quoted)
{
	size_t n = strlen(raw);
	char *out = arena_alloc(a, n + 1), *o = out;
	char q = 0;

	*quoted = false;
	for (const char *s = raw; *s; s++) {
		if (q == '\'') {
			if (*s == '\'')
				q = 0;
			else
				*o++ = *s;
		} else if (*s == '\\' && s[1] && (!q || strchr("$`\"\\\n", s[1]))) {
			*quoted = true;
			*o++ = *++s;
		} else if (*s == '\'' && !q) {
			q = '\'';
			*quoted = true;
		} else if (*s == '"') {
			q = q ? 0 : '"';
			*quoted = true;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}
