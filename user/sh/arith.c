// SPDX-License-Identifier: MIT
/*
 * The arithmetic evaluator (arith.h): recursive descent straight over the
 * text, one function per precedence level, evaluating as it parses.
 * `noeval` counts the enclosing branches that are being skipped (the right
 * side of a decided && or ||, the unchosen side of ?:): there assignments
 * are not made and division by zero is not an error. Errors longjmp out
 * of the recursion to arith_eval.
 */
#include "arith.h"

#include <ctype.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARITH_NAME_MAX 256
#define ARITH_DEPTH_MAX 32

typedef struct arith {
	const char *s;		/* the next character */
	const arith_env_t *env;
	int noeval;
	int depth;		/* variables evaluated as expressions */
	char *err;
	size_t errlen;
	jmp_buf jb;
} arith_t;

static intmax_t ar_expr(arith_t *a);
static intmax_t ar_assign(arith_t *a);

static __attribute__((noreturn)) void ar_fail(arith_t *a, const char *msg)
{
	snprintf(a->err, a->errlen, "%s", msg);
	longjmp(a->jb, 1);
}

static void ar_skip(arith_t *a)
{
	while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n' || *a->s == '\r')
		a->s++;
}

/* Consumes op if it comes next (and is not the start of a longer operator). */
static bool ar_accept(arith_t *a, const char *op)
{
	size_t n = strlen(op);

	ar_skip(a);
	if (strncmp(a->s, op, n) != 0)
		return false;
	char next = a->s[n];

	/* "<" must not match "<<" or "<=", "&" must not match "&&", ... */
	if (n == 1 && (op[0] == '<' || op[0] == '>') && (next == op[0] || next == '='))
		return false;
	if (n == 1 && (op[0] == '&' || op[0] == '|') && (next == op[0] || next == '='))
		return false;
	if (n == 1 && strchr("+-*/%^!=", op[0]) && next == '=')
		return false;
	if (n == 1 && (op[0] == '+' || op[0] == '-') && next == op[0])
		return false;
	if (n == 2 && (strcmp(op, "<<") == 0 || strcmp(op, ">>") == 0) && next == '=')
		return false;
	a->s += n;
	return true;
}

static intmax_t wrap(uintmax_t u)
{
	return (intmax_t)u;
}

/* Parses a constant; false if s is not entirely one. */
static bool ar_number(const char *s, const char **end, intmax_t *v)
{
	uintmax_t u = 0;
	int base = 10;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return false;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!isxdigit((unsigned char)*p))
			return false;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (;; p++) {
		int d;

		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else if (*p == '_')
			return false;
		else
			break;
		if (d >= base)
			return false;
		u = u * (uintmax_t)base + (uintmax_t)d;
	}
	*end = p;
	*v = wrap(u);
	return true;
}

static intmax_t ar_var_value(arith_t *a, const char *name)
{
	const char *val = a->env->get(a->env->ctx, name);
	intmax_t v;
	const char *end;

	if (!val)
		return 0;
	while (*val == ' ' || *val == '\t' || *val == '\n')
		val++;
	if (!*val)
		return 0;
	const char *p = val;
	bool neg = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (ar_number(p, &end, &v)) {
		while (*end == ' ' || *end == '\t' || *end == '\n')
			end++;
		if (!*end)
			return neg ? wrap(0 - (uintmax_t)v) : v;
	}
	if (a->depth >= ARITH_DEPTH_MAX)
		ar_fail(a, "expression recursion level exceeded");
	arith_t sub = { .s = val, .env = a->env, .noeval = a->noeval, .depth = a->depth + 1,
			.err = a->err, .errlen = a->errlen };

	if (setjmp(sub.jb))
		longjmp(a->jb, 1);
	v = ar_expr(&sub);
	ar_skip(&sub);
	if (*sub.s)
		ar_fail(a, "syntax error");
	return v;
}

static void ar_var_set(arith_t *a, const char *name, intmax_t v)
{
	char buf[32];

	if (a->noeval)
		return;
	snprintf(buf, sizeof(buf), "%" PRIdMAX, v);
	if (a->env->set(a->env->ctx, name, buf) < 0)
		ar_fail(a, "read-only variable");
}

/* Reads a variable name at the cursor into name; false if none. */
static bool ar_name(arith_t *a, char *name)
{
	size_t n = 0;

	ar_skip(a);
	if (!(isalpha((unsigned char)*a->s) || *a->s == '_'))
		return false;
	while (isalnum((unsigned char)a->s[n]) || a->s[n] == '_') {
		if (n + 1 >= ARITH_NAME_MAX)
			ar_fail(a, "name too long");
		name[n] = a->s[n];
		n++;
	}
	name[n] = '\0';
	a->s += n;
	return true;
}

static intmax_t ar_primary(arith_t *a)
{
	char name[ARITH_NAME_MAX];
	intmax_t v;
	const char *end;

	ar_skip(a);
	if (ar_accept(a, "(")) {
		v = ar_expr(a);
		if (!ar_accept(a, ")"))
			ar_fail(a, "missing )");
		return v;
	}
	if (ar_number(a->s, &end, &v)) {
		if (isalnum((unsigned char)*end) || *end == '_')
			ar_fail(a, "bad number");
		a->s = end;
		return v;
	}
	if (isdigit((unsigned char)*a->s))
		ar_fail(a, "bad number");
	if (!ar_name(a, name))
		ar_fail(a, *a->s ? "syntax error" : "missing operand");
	v = ar_var_value(a, name);
	ar_skip(a);
	if (strncmp(a->s, "++", 2) == 0 || strncmp(a->s, "--", 2) == 0) {
		bool inc = a->s[0] == '+';

		a->s += 2;
		ar_var_set(a, name, wrap((uintmax_t)v + (inc ? 1u : (uintmax_t)-1)));
	}
	return v;
}

static intmax_t ar_unary(arith_t *a)
{
	ar_skip(a);
	if (strncmp(a->s, "++", 2) == 0 || strncmp(a->s, "--", 2) == 0) {
		char name[ARITH_NAME_MAX];
		bool inc = a->s[0] == '+';

		a->s += 2;
		if (!ar_name(a, name))
			ar_fail(a, "++ or -- needs a variable");
		intmax_t v = wrap((uintmax_t)ar_var_value(a, name) + (inc ? 1u : (uintmax_t)-1));

		ar_var_set(a, name, v);
		return v;
	}
	if (ar_accept(a, "+"))
		return ar_unary(a);
	if (ar_accept(a, "-"))
		return wrap(0 - (uintmax_t)ar_unary(a));
	if (ar_accept(a, "!"))
		return !ar_unary(a);
	if (ar_accept(a, "~"))
		return ~ar_unary(a);
	return ar_primary(a);
}

static intmax_t ar_divide(arith_t *a, intmax_t l, intmax_t r, bool mod)
{
	if (r == 0) {
		if (a->noeval)
			return 0;
		ar_fail(a, "division by zero");
	}
	if (r == -1)	/* INTMAX_MIN / -1 overflows: wrap like the hardware would not */
		return mod ? 0 : wrap(0 - (uintmax_t)l);
	return mod ? l % r : l / r;
}

/* Applies a binary operator (also for compound assignment). */
static intmax_t ar_apply(arith_t *a, const char *op, intmax_t l, intmax_t r)
{
	uintmax_t ul = (uintmax_t)l, ur = (uintmax_t)r;

	switch (op[0]) {
	case '*': return wrap(ul * ur);
	case '/': return ar_divide(a, l, r, false);
	case '%': return ar_divide(a, l, r, true);
	case '+': return wrap(ul + ur);
	case '-': return wrap(ul - ur);
	case '<': return wrap(ul << (ur & 63));
	case '>': return l >> (ur & 63);
	case '&': return l & r;
	case '^': return l ^ r;
	case '|': return l | r;
	}
	return 0;
}

static intmax_t ar_mul(arith_t *a)
{
	intmax_t v = ar_unary(a);

	for (;;) {
		if (ar_accept(a, "*"))
			v = ar_apply(a, "*", v, ar_unary(a));
		else if (ar_accept(a, "/"))
			v = ar_apply(a, "/", v, ar_unary(a));
		else if (ar_accept(a, "%"))
			v = ar_apply(a, "%", v, ar_unary(a));
		else
			return v;
	}
}

static intmax_t ar_add(arith_t *a)
{
	intmax_t v = ar_mul(a);

	for (;;) {
		if (ar_accept(a, "+"))
			v = ar_apply(a, "+", v, ar_mul(a));
		else if (ar_accept(a, "-"))
			v = ar_apply(a, "-", v, ar_mul(a));
		else
			return v;
	}
}

static intmax_t ar_shift(arith_t *a)
{
	intmax_t v = ar_add(a);

	for (;;) {
		if (ar_accept(a, "<<"))
			v = ar_apply(a, "<", v, ar_add(a));
		else if (ar_accept(a, ">>"))
			v = ar_apply(a, ">", v, ar_add(a));
		else
			return v;
	}
}

static intmax_t ar_rel(arith_t *a)
{
	intmax_t v = ar_shift(a);

	for (;;) {
		if (ar_accept(a, "<="))
			v = v <= ar_shift(a);
		else if (ar_accept(a, ">="))
			v = v >= ar_shift(a);
		else if (ar_accept(a, "<"))
			v = v < ar_shift(a);
		else if (ar_accept(a, ">"))
			v = v > ar_shift(a);
		else
			return v;
	}
}

static intmax_t ar_eq(arith_t *a)
{
	intmax_t v = ar_rel(a);

	for (;;) {
		if (ar_accept(a, "=="))
			v = v == ar_rel(a);
		else if (ar_accept(a, "!="))
			v = v != ar_rel(a);
		else
			return v;
	}
}

static intmax_t ar_band(arith_t *a)
{
	intmax_t v = ar_eq(a);

	while (ar_accept(a, "&"))
		v &= ar_eq(a);
	return v;
}

static intmax_t ar_bxor(arith_t *a)
{
	intmax_t v = ar_band(a);

	while (ar_accept(a, "^"))
		v ^= ar_band(a);
	return v;
}

static intmax_t ar_bor(arith_t *a)
{
	intmax_t v = ar_bxor(a);

	while (ar_accept(a, "|"))
		v |= ar_bxor(a);
	return v;
}

static intmax_t ar_land(arith_t *a)
{
	intmax_t v = ar_bor(a);

	while (ar_accept(a, "&&")) {
		if (!v)
			a->noeval++;
		intmax_t r = ar_bor(a);

		if (!v)
			a->noeval--;
		v = v && r;
	}
	return v;
}

static intmax_t ar_lor(arith_t *a)
{
	intmax_t v = ar_land(a);

	while (ar_accept(a, "||")) {
		if (v)
			a->noeval++;
		intmax_t r = ar_land(a);

		if (v)
			a->noeval--;
		v = v || r;
	}
	return v;
}

static intmax_t ar_cond(arith_t *a)
{
	intmax_t c = ar_lor(a);

	if (!ar_accept(a, "?"))
		return c;
	if (!c)
		a->noeval++;
	intmax_t t = ar_expr(a);

	if (!c)
		a->noeval--;
	if (!ar_accept(a, ":"))
		ar_fail(a, "missing : in ?:");
	if (c)
		a->noeval++;
	intmax_t f = ar_cond(a);

	if (c)
		a->noeval--;
	return c ? t : f;
}

static const char *const assign_ops[] = {
	"=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", NULL,
};

static intmax_t ar_assign(arith_t *a)
{
	const char *start = a->s;
	char name[ARITH_NAME_MAX];

	if (ar_name(a, name)) {
		ar_skip(a);
		for (int i = 0; assign_ops[i]; i++) {
			size_t n = strlen(assign_ops[i]);

			if (strncmp(a->s, assign_ops[i], n) != 0 || (n == 1 && a->s[1] == '='))
				continue;
			a->s += n;
			intmax_t r = ar_assign(a);

			if (n > 1)
				r = ar_apply(a, assign_ops[i], ar_var_value(a, name), r);
			ar_var_set(a, name, r);
			return r;
		}
	}
	a->s = start;
	return ar_cond(a);
}

static intmax_t ar_expr(arith_t *a)
{
	intmax_t v = ar_assign(a);

	while (ar_accept(a, ","))
		v = ar_assign(a);
	return v;
}

int arith_eval(const char *expr, const arith_env_t *env, intmax_t *result,
	       char *err, size_t errlen)
{
	arith_t a = { .s = expr, .env = env, .err = err, .errlen = errlen };

	if (setjmp(a.jb))
		return -1;
	ar_skip(&a);
	if (!*a.s) {
		*result = 0;
		return 0;
	}
	*result = ar_expr(&a);
	ar_skip(&a);
	if (*a.s)
		ar_fail(&a, "syntax error");
	return 0;
}
