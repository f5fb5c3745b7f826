// SPDX-License-Identifier: MIT
/*
 * test and [, built in, behaving like /bin/test: POSIX's rules by number
 * of arguments for up to four, and beyond that an expression grammar in
 * which ! binds tightest, then -a, then -o:
 *
 *     expr := and { -o and }      and := not { -a not }
 *     not  := ! not | prim        prim := ( expr ) | A binop B | unop A | A
 *
 * Integers are compared digit by digit as decimal strings, so no length
 * overflows. Errors (a bad integer, a missing operand) print
 * "test: ..." (or "[: ...") and give status 2; they unwind out of the
 * recursion with a longjmp local to this file.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "sh.h"

typedef struct tst {
	char **a;
	int pos, n;
	const char *name;	/* "test" or "[" for messages */
	jmp_buf fail;
} tst_t;

static __attribute__((noreturn)) void tst_fail(tst_t *t, const char *what, const char *msg)
{
	if (what)
		bi_cmd_warn("%s: %s: %s", t->name, what, msg);
	else
		bi_cmd_warn("%s: %s", t->name, msg);
	longjmp(t->fail, 1);
}

/* A decimal integer with optional blanks and sign: its sign and digits. */
static void tst_int(tst_t *t, const char *s, bool *neg, const char **digits, size_t *len)
{
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	*neg = false;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		tst_fail(t, s, "integer expression expected");
	while (*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	*digits = p;
	while (isdigit((unsigned char)*p))
		p++;
	*len = (size_t)(p - *digits);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		tst_fail(t, s, "integer expression expected");
	if (*len == 1 && **digits == '0')
		*neg = false;
}

static int tst_int_cmp(tst_t *t, const char *x, const char *y)
{
	bool nx, ny;
	const char *dx, *dy;
	size_t lx, ly;

	tst_int(t, x, &nx, &dx, &lx);
	tst_int(t, y, &ny, &dy, &ly);
	if (nx != ny)
		return nx ? -1 : 1;
	int c = lx != ly ? (lx < ly ? -1 : 1) : memcmp(dx, dy, lx);

	return nx ? -c : c;
}

static bool tst_is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("bcdefghkLnprsStuwxzOG", s[1]);
}

static bool tst_is_binary(const char *s)
{
	static const char *const ops[] = {
		"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
		"-nt", "-ot", "-ef", NULL,
	};

	for (int i = 0; ops[i]; i++)
		if (strcmp(s, ops[i]) == 0)
			return true;
	return false;
}

static bool tst_file(char op, const char *path)
{
	struct stat st;

	if (((op == 'h' || op == 'L') ? lstat(path, &st) : stat(path, &st)) < 0)
		return false;
	switch (op) {
	case 'e': return true;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 'h': case 'L': return S_ISLNK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	case 'O': return st.st_uid == geteuid();
	case 'G': return st.st_gid == getegid();
	case 'r': return access(path, R_OK) == 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	}
	return false;
}

static bool tst_unary(tst_t *t, const char *op, const char *arg)
{
	switch (op[1]) {
	case 'n':
		return *arg != '\0';
	case 'z':
		return *arg == '\0';
	case 't': {
		bool neg;
		const char *d;
		size_t len;

		tst_int(t, arg, &neg, &d, &len);
		return !neg && len < 10 && isatty(atoi(d));
	}
	}
	return tst_file(op[1], arg);
}

/* x was modified after y (a missing y is older than anything). */
static bool tst_newer(const char *x, const char *y)
{
	struct stat sx, sy;

	if (stat(x, &sx) < 0)
		return false;
	if (stat(y, &sy) < 0)
		return true;
	if (sx.st_mtim.tv_sec != sy.st_mtim.tv_sec)
		return sx.st_mtim.tv_sec > sy.st_mtim.tv_sec;
	return sx.st_mtim.tv_nsec > sy.st_mtim.tv_nsec;
}

static bool tst_binary(tst_t *t, const char *x, const char *op, const char *y)
{
	struct stat sx, sy;

	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return strcmp(x, y) == 0;
	if (!strcmp(op, "!="))
		return strcmp(x, y) != 0;
	if (!strcmp(op, "<"))
		return strcoll(x, y) < 0;
	if (!strcmp(op, ">"))
		return strcoll(x, y) > 0;
	if (!strcmp(op, "-nt"))
		return tst_newer(x, y);
	if (!strcmp(op, "-ot"))
		return tst_newer(y, x);
	if (!strcmp(op, "-ef"))
		return stat(x, &sx) == 0 && stat(y, &sy) == 0 && sx.st_dev == sy.st_dev &&
		       sx.st_ino == sy.st_ino;
	int c = tst_int_cmp(t, x, y);

	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q': return c == 0;
	case 'n' * 256 + 'e': return c != 0;
	case 'l' * 256 + 't': return c < 0;
	case 'l' * 256 + 'e': return c <= 0;
	case 'g' * 256 + 't': return c > 0;
	default: return c >= 0;
	}
}

static bool tst_or(tst_t *t);

static const char *tst_next(tst_t *t)
{
	if (t->pos >= t->n)
		tst_fail(t, NULL, "argument expected");
	return t->a[t->pos++];
}

static bool tst_prim(tst_t *t)
{
	const char *x = tst_next(t);

	if (t->pos + 1 < t->n && tst_is_binary(t->a[t->pos])) {
		const char *op = t->a[t->pos++];

		return tst_binary(t, x, op, t->a[t->pos++]);
	}
	if (strcmp(x, "(") == 0) {
		bool v = tst_or(t);

		if (t->pos >= t->n || strcmp(t->a[t->pos], ")") != 0)
			tst_fail(t, NULL, "missing ')'");
		t->pos++;
		return v;
	}
	if (tst_is_unary(x) && t->pos < t->n)
		return tst_unary(t, x, t->a[t->pos++]);
	return *x != '\0';
}

static bool tst_not(tst_t *t)
{
	if (t->pos < t->n && strcmp(t->a[t->pos], "!") == 0) {
		t->pos++;
		return !tst_not(t);
	}
	return tst_prim(t);
}

static bool tst_and(tst_t *t)
{
	bool v = tst_not(t);

	while (t->pos < t->n && strcmp(t->a[t->pos], "-a") == 0) {
		t->pos++;
		bool r = tst_not(t);

		v = v && r;
	}
	return v;
}

static bool tst_or(tst_t *t)
{
	bool v = tst_and(t);

	while (t->pos < t->n && strcmp(t->a[t->pos], "-o") == 0) {
		t->pos++;
		bool r = tst_and(t);

		v = v || r;
	}
	return v;
}

/* POSIX's rules for up to four arguments; the grammar beyond. */
static bool tst_eval(tst_t *t, char **a, int n)
{
	switch (n) {
	case 0:
		return false;
	case 1:
		return a[0][0] != '\0';
	case 2:
		if (strcmp(a[0], "!") == 0)
			return a[1][0] == '\0';
		if (tst_is_unary(a[0]))
			return tst_unary(t, a[0], a[1]);
		tst_fail(t, a[0], "unary operator expected");
	case 3:
		if (tst_is_binary(a[1]))
			return tst_binary(t, a[0], a[1], a[2]);
		if (strcmp(a[1], "-a") == 0)
			return a[0][0] && a[2][0];
		if (strcmp(a[1], "-o") == 0)
			return a[0][0] || a[2][0];
		if (strcmp(a[0], "!") == 0)
			return !tst_eval(t, a + 1, 2);
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return a[1][0] != '\0';
		tst_fail(t, a[1], "binary operator expected");
	case 4:
		if (strcmp(a[0], "!") == 0)
			return !tst_eval(t, a + 1, 3);
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
			return tst_eval(t, a + 1, 2);
		break;
	}
	t->a = a;
	t->pos = 0;
	t->n = n;
	bool v = tst_or(t);

	if (t->pos < t->n)
		tst_fail(t, t->a[t->pos], "unexpected argument");
	return v;
}

int bi_test(int argc, char **argv)
{
	tst_t t = { .name = argv[0] };
	bool bracket = strcmp(argv[0], "[") == 0;
	int n = bracket ? argc - 2 : argc - 1;

	if (setjmp(t.fail))
		return 2;
	if (bracket && (argc < 2 || strcmp(argv[argc - 1], "]") != 0))
		tst_fail(&t, NULL, "missing ']'");
	return tst_eval(&t, argv + 1, n) ? 0 : 1;
}
