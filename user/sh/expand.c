// SPDX-License-Identifier: MIT
/*
 * Word expansion (expand.h). xbuf_t is the first pass's output: the
 * characters and, in parallel, one flag byte per character saying where it
 * came from. Field splitting then walks the flags; pathname expansion
 * turns each field into a pattern in which quoted characters are escaped;
 * quote removal is only dropping the markers, since quotes themselves
 * never reach the buffer.
 */
#include "expand.h"

#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arith.h"
#include "exec.h"
#include "parse.h"
#include "sh.h"
#include "var.h"

#define XF_QUOTED 0x1	/* quoted: literal */
#define XF_SPLIT  0x2	/* from an unquoted expansion: IFS splits here */
#define XF_EMPTYQ 0x4	/* marker: a quoted (possibly empty) string */
#define XF_BREAK  0x8	/* marker: a field ends ("$@") */

typedef struct xbuf {
	sb_t c;
	sb_t f;
} xbuf_t;

typedef struct field {
	char *c, *f;
	size_t n;
} field_t;

static void expand_parts(xbuf_t *x, const wpart_t *p, int flags, bool lit_split);

static void xb_init(xbuf_t *x)
{
	sb_init(&x->c);
	sb_init(&x->f);
}

static void xb_add(xbuf_t *x, const char *s, size_t n, int fl)
{
	sb_putn(&x->c, s, n);
	for (size_t i = 0; i < n; i++)
		sb_putc(&x->f, (char)fl);
}

static void xb_mark(xbuf_t *x, int fl)
{
	sb_putc(&x->c, '\0');
	sb_putc(&x->f, (char)fl);
}

/* A value from an expansion: quoted, or open to splitting. */
static void xb_value(xbuf_t *x, const char *s, bool quoted)
{
	if (quoted)
		xb_mark(x, XF_EMPTYQ);
	xb_add(x, s, strlen(s), quoted ? XF_QUOTED : XF_SPLIT);
}

const char *ifs_value(void)
{
	const char *ifs = var_get("IFS");

	return ifs ? ifs : " \t\n";
}

/* --- tilde ----------------------------------------------------------- */

/* Expands ~ or ~user at s[i]; returns the index after it, or i if not expanded. */
static size_t exp_tilde(xbuf_t *x, const wpart_t *p, size_t i, int flags)
{
	const char *s = p->lit.text;
	size_t n = p->lit.len, j = i + 1;

	while (j < n && s[j] != '/' && !((flags & EXP_ASSIGN) && s[j] == ':'))
		j++;
	if (j == n && p->next)
		return i;	/* the prefix goes on into quoted text or an expansion */
	const char *home;

	if (j == i + 1) {
		home = var_get("HOME");
	} else {
		char *user = stk_strndup(s + i + 1, j - i - 1);
		struct passwd *pw = getpwnam(user);

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return i;
	xb_mark(x, XF_EMPTYQ);
	xb_add(x, home, strlen(home), XF_QUOTED);
	return j;
}

static void exp_lit(xbuf_t *x, const wpart_t *p, bool first, int flags, bool lit_split)
{
	const char *s = p->lit.text;
	size_t n = p->lit.len, i = 0;
	int fl = lit_split ? XF_SPLIT : 0;

	if (p->quoted) {
		xb_mark(x, XF_EMPTYQ);
		xb_add(x, s, n, XF_QUOTED);
		return;
	}
	if (first && (flags & EXP_TILDE) && n > 0 && s[0] == '~')
		i = exp_tilde(x, p, 0, flags);
	while (i < n) {
		char c = s[i++];

		xb_add(x, &c, 1, fl);
		if (c == ':' && (flags & EXP_ASSIGN) && i < n && s[i] == '~')
			i = exp_tilde(x, p, i, flags);
	}
}

/* --- parameters ------------------------------------------------------ */

static bool is_list_param(const char *name)
{
	return (name[0] == '@' || name[0] == '*') && !name[1];
}

/* The value of a parameter that is not $@ or $*, or NULL if unset. */
static const char *param_value(const char *name)
{
	if (name[0] >= '0' && name[0] <= '9') {
		if (name[0] == '0' && !name[1])
			return sh.arg0;
		long i = strtol(name, NULL, 10);

		return i <= sh_params.n ? sh_params.v[i - 1] : NULL;
	}
	if (name[1] == '\0') {
		switch (name[0]) {
		case '#': return stk_printf("%d", sh_params.n);
		case '?': return stk_printf("%d", sh.status);
		case '-': return opt_letters();
		case '$': return stk_printf("%ld", (long)sh.rootpid);
		case '!': return sh.lastbg ? stk_printf("%ld", (long)sh.lastbg) : NULL;
		}
	}
	return var_get(name);
}

static void nounset_check(const char *name)
{
	if (sh.opt[OPT_NOUNSET])
		sh_error("%s: parameter not set", name);
}

/* $* joined by the first character of IFS (by nothing if IFS is empty). */
static char *params_joined(char sep_from_ifs)
{
	sb_t b;
	const char *ifs = ifs_value();
	char sep = sep_from_ifs ? ifs[0] : ' ';

	sb_init(&b);
	for (int i = 0; i < sh_params.n; i++) {
		if (i > 0 && sep)
			sb_putc(&b, sep);
		sb_puts(&b, sh_params.v[i]);
	}
	return b.s;
}

static void exp_list(xbuf_t *x, bool star, bool quoted, int flags)
{
	if ((quoted && star) || !(flags & EXP_SPLIT)) {
		xb_value(x, params_joined(star), quoted);
		return;
	}
	for (int i = 0; i < sh_params.n; i++) {
		if (i > 0)
			xb_mark(x, XF_BREAK);
		xb_value(x, sh_params.v[i], quoted);
	}
}

static char *trim(const char *val, const char *pat, pe_op_t op)
{
	size_t n = strlen(val);
	char *copy = stk_strdup(val);

	switch (op) {
	case PE_TRIM_PREFIX:
	case PE_TRIM_PREFIX_LONG:
		for (size_t k = 0; k <= n; k++) {
			size_t i = op == PE_TRIM_PREFIX ? k : n - k;
			char c = copy[i];

			copy[i] = '\0';
			bool m = pattern_match(pat, copy);

			copy[i] = c;
			if (m)
				return copy + i;
		}
		break;
	case PE_TRIM_SUFFIX:
	case PE_TRIM_SUFFIX_LONG:
		for (size_t k = 0; k <= n; k++) {
			size_t i = op == PE_TRIM_SUFFIX ? n - k : k;

			if (pattern_match(pat, val + i))
				return stk_strndup(val, i);
		}
		break;
	default:
		break;
	}
	return copy;
}

static void exp_arg(xbuf_t *x, const word_t *arg, bool quoted, int flags)
{
	if (!arg || !arg->parts) {
		if (quoted)
			xb_mark(x, XF_EMPTYQ);
		return;
	}
	expand_parts(x, arg->parts, flags & ~EXP_ASSIGN, !quoted && (flags & EXP_SPLIT));
}

static void exp_param_error(const wpart_t *p)
{
	const char *name = p->param.name;
	char *msg = NULL;

	if (p->param.arg && p->param.arg->parts)
		msg = expand_string(p->param.arg, EXP_TILDE);
	if (!msg || !*msg)
		msg = p->param.colon ? "parameter null or not set" : "parameter not set";
	sh_error("%s: %s", name, msg);
}

/* ${x%p} ${x%%p} ${x#p} ${x##p}; for $@ and $*, of each parameter. */
static void exp_trim(xbuf_t *x, const wpart_t *p, bool list, const char *val, int flags)
{
	const char *name = p->param.name;
	bool quoted = p->quoted;

	if (!list && !val)
		nounset_check(name);
	char *pat = p->param.arg ? expand_pattern(p->param.arg) : "";

	if (!list) {
		xb_value(x, trim(val ? val : "", pat, p->param.op), quoted);
		return;
	}
	bool split = (flags & EXP_SPLIT) && !(quoted && name[0] == '*');
	const char *ifs = ifs_value();

	for (int i = 0; i < sh_params.n; i++) {
		if (i > 0 && split)
			xb_mark(x, XF_BREAK);
		else if (i > 0)
			xb_add(x, name[0] == '*' && ifs[0] ? ifs : " ", 1, quoted ? XF_QUOTED : XF_SPLIT);
		xb_value(x, trim(sh_params.v[i], pat, p->param.op), quoted);
	}
}

static void exp_param(xbuf_t *x, const wpart_t *p, int flags)
{
	const char *name = p->param.name;
	bool quoted = p->quoted, list = is_list_param(name);
	const char *val = list ? NULL : param_value(name);
	bool set;

	if (list)
		set = sh_params.n > 0 && !(p->param.colon && !*params_joined(true));
	else
		set = val && !(p->param.colon && !*val);

	switch (p->param.op) {
	case PE_PLAIN:
		break;
	case PE_LENGTH:
		if (list) {
			xb_value(x, stk_printf("%d", sh_params.n), quoted);
			return;
		}
		if (!val)
			nounset_check(name);
		xb_value(x, stk_printf("%zu", strlen(val ? val : "")), quoted);
		return;
	case PE_DEFAULT:
		if (!set) {
			exp_arg(x, p->param.arg, quoted, flags);
			return;
		}
		break;
	case PE_ASSIGN:
		if (!set) {
			if (!var_name_valid(name, strlen(name)))
				sh_error("%s: cannot assign in this way", name);
			char *s = p->param.arg ? expand_string(p->param.arg, EXP_TILDE) : "";

			var_assign(name, s);
			xb_value(x, s, quoted);
			return;
		}
		break;
	case PE_ERROR:
		if (!set)
			exp_param_error(p);
		break;
	case PE_ALT:
		if (set)
			exp_arg(x, p->param.arg, quoted, flags);
		else if (quoted)
			xb_mark(x, XF_EMPTYQ);
		return;
	default:	/* the four trims */
		exp_trim(x, p, list, val, flags);
		return;
	}
	if (list) {
		exp_list(x, name[0] == '*', quoted, flags);
		return;
	}
	if (!val) {
		nounset_check(name);
		if (quoted)
			xb_mark(x, XF_EMPTYQ);
		return;
	}
	xb_value(x, val, quoted);
}

/* --- command substitution and arithmetic ----------------------------- */

static void exp_cmdsub(xbuf_t *x, const wpart_t *p)
{
	sb_t out;

	sb_init(&out);
	sh.cmdsub_status = eval_cmdsub(p->cmdsub, &out);
	while (out.len > 0 && out.s[out.len - 1] == '\n')
		out.s[--out.len] = '\0';
	if (p->quoted)
		xb_mark(x, XF_EMPTYQ);
	/* NUL bytes in the output cannot be in a shell string: drop them. */
	for (size_t i = 0; i < out.len; i++)
		if (out.s[i])
			xb_add(x, out.s + i, 1, p->quoted ? XF_QUOTED : XF_SPLIT);
}

static const char *arith_get(void *ctx, const char *name)
{
	(void)ctx;
	const char *v = var_get(name);

	if (!v && sh.opt[OPT_NOUNSET])
		sh_error("%s: parameter not set", name);
	return v;
}

static int arith_set(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	return var_set(name, value, 0);
}

static void exp_arith(xbuf_t *x, const wpart_t *p)
{
	char *expr = expand_string(p->arith, 0);
	arith_env_t env = { .get = arith_get, .set = arith_set };
	intmax_t v;
	char err[128];

	if (arith_eval(expr, &env, &v, err, sizeof(err)) < 0)
		sh_error("arithmetic expression: %s: \"%s\"", err, expr);
	xb_value(x, stk_printf("%" PRIdMAX, v), p->quoted);
}

static void expand_parts(xbuf_t *x, const wpart_t *p, int flags, bool lit_split)
{
	for (bool first = true; p; p = p->next, first = false) {
		switch (p->kind) {
		case WP_LIT:
			exp_lit(x, p, first, flags, lit_split);
			break;
		case WP_PARAM:
			exp_param(x, p, flags);
			break;
		case WP_CMDSUB:
			exp_cmdsub(x, p);
			break;
		case WP_ARITH:
			exp_arith(x, p);
			break;
		}
	}
}

/* --- splitting, globbing, quote removal ------------------------------ */

static void field_emit(pvec_t *out, sb_t *c, sb_t *f)
{
	field_t *fl = stk_alloc(sizeof(*fl));

	fl->c = stk_strndup(c->s, c->len);
	fl->f = stk_strndup(f->s, f->len);
	fl->n = c->len;
	pvec_push(out, fl);
	c->len = f->len = 0;
}

static bool ifs_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static void split_fields(const xbuf_t *x, pvec_t *out)
{
	const char *ifs = ifs_value();
	bool open = false, absorb = false;
	sb_t c, f;

	sb_init(&c);
	sb_init(&f);
	for (size_t i = 0; i < x->c.len; i++) {
		char ch = x->c.s[i];
		int fl = x->f.s[i];

		if (fl & XF_BREAK) {
			if (open)
				field_emit(out, &c, &f);
			open = absorb = false;
			continue;
		}
		if (fl & XF_EMPTYQ) {
			open = true;
			absorb = false;
			continue;
		}
		if ((fl & XF_SPLIT) && *ifs && strchr(ifs, ch)) {
			if (ifs_white(ch)) {
				if (open) {
					field_emit(out, &c, &f);
					open = false;
					absorb = true;
				}
			} else if (open) {
				field_emit(out, &c, &f);
				open = absorb = false;
			} else if (absorb) {
				absorb = false;
			} else {
				field_emit(out, &c, &f);
			}
			continue;
		}
		sb_putc(&c, ch);
		sb_putc(&f, (char)fl);
		open = true;
		absorb = false;
	}
	if (open)
		field_emit(out, &c, &f);
}

/* The field as text: markers dropped. */
static char *field_text(const field_t *fl)
{
	sb_t b;

	sb_init(&b);
	for (size_t i = 0; i < fl->n; i++) {
		if (fl->f[i] & XF_BREAK)
			sb_putc(&b, ' ');
		else if (!(fl->f[i] & XF_EMPTYQ))
			sb_putc(&b, fl->c[i]);
	}
	return b.s;
}

/* The field as a pattern: quoted characters escaped. */
static char *field_pattern(const field_t *fl)
{
	sb_t b;

	sb_init(&b);
	for (size_t i = 0; i < fl->n; i++) {
		char c = fl->c[i];

		if (fl->f[i] & (XF_EMPTYQ | XF_BREAK))
			continue;
		if ((fl->f[i] & XF_QUOTED) && strchr("*?[]\\!^-", c))
			sb_putc(&b, '\\');
		else if (c == '\\' && !(fl->f[i] & XF_QUOTED) && i + 1 == fl->n)
			sb_putc(&b, '\\');	/* a trailing lone backslash is literal */
		sb_putc(&b, c);
	}
	return b.s;
}

static void glob_field(const field_t *fl, pvec_t *out)
{
	char *pat = field_pattern(fl);
	glob_t g;

	if (!pattern_has_magic(pat)) {
		pvec_push(out, field_text(fl));
		return;
	}
	memset(&g, 0, sizeof(g));
	if (glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			pvec_push(out, stk_strdup(g.gl_pathv[i]));
	} else {
		pvec_push(out, field_text(fl));
	}
	globfree(&g);
}

char **expand_words(word_t *words, int flags, int *n)
{
	pvec_t out;

	pvec_init(&out);
	for (word_t *w = words; w; w = w->next) {
		xbuf_t x;
		pvec_t fields;

		xb_init(&x);
		expand_parts(&x, w->parts, flags, false);
		pvec_init(&fields);
		if (flags & EXP_SPLIT) {
			split_fields(&x, &fields);
		} else {
			field_t *fl = stk_alloc(sizeof(*fl));

			*fl = (field_t){ .c = x.c.s, .f = x.f.s, .n = x.c.len };
			pvec_push(&fields, fl);
		}
		for (size_t i = 0; i < fields.n; i++) {
			if ((flags & EXP_GLOB) && !sh.opt[OPT_NOGLOB])
				glob_field(fields.v[i], &out);
			else
				pvec_push(&out, field_text(fields.v[i]));
		}
	}
	*n = (int)out.n;
	return (char **)out.v;
}

char *expand_string(word_t *w, int flags)
{
	xbuf_t x;

	xb_init(&x);
	if (w)
		expand_parts(&x, w->parts, flags & ~(EXP_SPLIT | EXP_GLOB), false);
	field_t fl = { .c = x.c.s, .f = x.f.s, .n = x.c.len };

	return field_text(&fl);
}

char *expand_pattern(word_t *w)
{
	xbuf_t x;

	xb_init(&x);
	expand_parts(&x, w->parts, EXP_TILDE | EXP_PATTERN, false);
	field_t fl = { .c = x.c.s, .f = x.f.s, .n = x.c.len };

	return field_pattern(&fl);
}

char *expand_prompt(const char *text)
{
	handler_t h;
	arena_t *volatile a = arena_new();
	char *volatile s = NULL;

	if (sh_try(&h) == 0) {
		word_t *w = parse_expansion_string(a, text);

		s = expand_string(w, 0);
		sh_untry(&h);
	} else {
		sh_catch(&h);
	}
	arena_unref(a);
	return s ? s : stk_strdup(text);
}

/* --- patterns -------------------------------------------------------- */

bool pattern_match(const char *pattern, const char *s)
{
	return fnmatch(pattern, s, 0) == 0;
}

bool pattern_has_magic(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '*' || *p == '?') {
			return true;
		} else if (*p == '[') {
			const char *q = p + 1;

			if (*q == '!' || *q == '^')
				q++;
			if (*q == ']')
				q++;
			for (; *q && *q != ']'; q++)
				if (*q == '\\' && q[1])
					q++;
			if (*q == ']')
				return true;
		}
	}
	return false;
}
