// SPDX-License-Identifier: MIT
/*
 * test and [: evaluate a condition, exit 0 (true), 1 (false) or 2 (error).
 *
 * POSIX decides by the number of arguments first, which is what makes
 * `test "$x" = y` work whatever $x holds: with up to four arguments the
 * rules of the standard apply ("!" and parentheses only where they fit);
 * with more, a recursive-descent parser reads the XSI grammar, where -a
 * binds tighter than -o and "!" tighter than both:
 *
 *     or      := and { -o and }
 *     and     := not { -a not }
 *     not     := ! not | primary
 *     primary := ( or ) | ARG BINOP ARG | UNOP ARG | ARG
 *
 * Integers are compared as decimal strings, so any length is exact and
 * nothing overflows. As `[` the last argument must be `]`. `test --help`
 * is the one-argument test (true), as POSIX requires; `[ --help` prints
 * the help.
 */
#include "cmd.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    test, [ - evaluate a condition\n\n"
	"SYNOPSIS\n    test EXPRESSION\n    [ EXPRESSION ]\n\n"
	"DESCRIPTION\n"
	"    Exits 0 if EXPRESSION is true, 1 if it is false. With no EXPRESSION\n"
	"    it is false; a single argument is true when it is not empty.\n\n"
	"    Files (following symbolic links but for -h and -L):\n"
	"      -e F  exists            -f F  regular file     -d F  directory\n"
	"      -h F, -L F  symbolic link                      -s F  size > 0\n"
	"      -b F  block special     -c F  character special\n"
	"      -p F  FIFO              -S F  socket\n"
	"      -r F, -w F, -x F  readable, writable, executable by the caller\n"
	"      -u F, -g F, -k F  setuid, setgid, sticky bit set\n"
	"      -O F, -G F  owned by the caller's user, group\n"
	"      F1 -nt F2, F1 -ot F2  modified later, earlier (a missing file\n"
	"                  is older than any)\n"
	"      F1 -ef F2   the same file (device and inode)\n"
	"      -t FD       descriptor FD is a terminal\n"
	"    Strings:\n"
	"      -n S, -z S  not empty, empty       S  not empty\n"
	"      S1 = S2, S1 == S2, S1 != S2  equal, not equal\n"
	"      S1 < S2, S1 > S2  sorts before, after (byte order)\n"
	"    Integers (optional blanks and sign around decimal digits):\n"
	"      N1 -eq N2, -ne, -lt, -le, -gt, -ge\n"
	"    Combining:  ! E   ( E )   E1 -a E2 (and)   E1 -o E2 (or)\n"
	"    With up to four arguments POSIX's rules decide what each one is;\n"
	"    beyond, -a binds tighter than -o.\n\n"
	"    As [, the last argument must be ]. \"test --help\" is a one-argument\n"
	"    test like any other (true); \"[ --help\" shows this text.\n\n"
	"EXIT STATUS\n"
	"    0 true, 1 false, 2 an error (a bad expression or integer).\n";

typedef struct test_parser {
	char **arg;
	int pos, end;
} test_parser_t;

__attribute__((noreturn)) static void test_fail(const char *fmt, const char *what)
{
	fprintf(stderr, "%s: ", cmd_name);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	exit(2);
}

/* --- integers ------------------------------------------------------------ */

typedef struct test_int {
	bool neg;
	const char *digits;     /* without leading zeros */
	size_t len;
} test_int_t;

static test_int_t test_int_parse(const char *s)
{
	test_int_t n = { 0 };
	const char *p = s;

	while (isblank((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		n.neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		test_fail("%s: integer expression expected", s);
	while (*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	n.digits = p;
	while (isdigit((unsigned char)*p))
		p++;
	n.len = (size_t)(p - n.digits);
	while (isblank((unsigned char)*p))
		p++;
	if (*p)
		test_fail("%s: integer expression expected", s);
	if (n.len == 1 && n.digits[0] == '0')
		n.neg = false;          /* -0 is 0 */
	return n;
}

/* <0, 0, >0 as a is less than, equal to, greater than b. */
static int test_int_cmp(const char *as, const char *bs)
{
	test_int_t a = test_int_parse(as), b = test_int_parse(bs);

	if (a.neg != b.neg)
		return a.neg ? -1 : 1;
	int mag = a.len != b.len ? (a.len < b.len ? -1 : 1) : memcmp(a.digits, b.digits, a.len);
	return a.neg ? -mag : mag;
}

/* --- primaries ------------------------------------------------------------ */

static bool test_is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("bcdefghkLnprsStuwxzOG", s[1]);
}

static bool test_is_binary(const char *s)
{
	static const char *const ops[] = { "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt",
		"-le", "-gt", "-ge", "-nt", "-ot", "-ef" };

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(s, ops[i]) == 0)
			return true;
	return false;
}

static bool test_file(char op, const char *path)
{
	struct stat st;
	bool link = op == 'h' || op == 'L';

	if ((link ? lstat(path, &st) : stat(path, &st)) < 0)
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
	case 'u': return st.st_mode & S_ISUID;
	case 'g': return st.st_mode & S_ISGID;
	case 'k': return st.st_mode & S_ISVTX;
	case 'O': return st.st_uid == geteuid();
	case 'G': return st.st_gid == getegid();
	case 'r': return access(path, R_OK) == 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	}
	return false;
}

static bool test_unary(const char *op, const char *arg)
{
	switch (op[1]) {
	case 'n': return arg[0] != '\0';
	case 'z': return arg[0] == '\0';
	case 't': {
		test_int_t n = test_int_parse(arg);
		if (n.neg || n.len > 9)
			return false;
		return isatty(atoi(n.digits));
	}
	}
	return test_file(op[1], arg);
}

/* a is newer than b: a exists, and b does not or was modified earlier. */
static bool test_newer(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) < 0)
		return false;
	if (stat(b, &sb) < 0)
		return true;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

static bool test_binary(const char *a, const char *op, const char *b)
{
	struct stat sa, sb;

	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if (strcmp(op, "<") == 0)
		return strcoll(a, b) < 0;
	if (strcmp(op, ">") == 0)
		return strcoll(a, b) > 0;
	if (strcmp(op, "-nt") == 0)
		return test_newer(a, b);
	if (strcmp(op, "-ot") == 0)
		return test_newer(b, a);
	if (strcmp(op, "-ef") == 0)
		return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
		       sa.st_ino == sb.st_ino;
	int c = test_int_cmp(a, b);
	if (strcmp(op, "-eq") == 0) return c == 0;
	if (strcmp(op, "-ne") == 0) return c != 0;
	if (strcmp(op, "-lt") == 0) return c < 0;
	if (strcmp(op, "-le") == 0) return c <= 0;
	if (strcmp(op, "-gt") == 0) return c > 0;
	return c >= 0;  /* -ge */
}

/* --- the general grammar (more than four arguments) ---------------------- */

static bool test_or(test_parser_t *p);

static const char *test_next(test_parser_t *p)
{
	if (p->pos >= p->end)
		test_fail("%s", "argument expected");
	return p->arg[p->pos++];
}

static bool test_primary(test_parser_t *p)
{
	const char *a = test_next(p);

	if (p->pos + 1 < p->end && test_is_binary(p->arg[p->pos])) {
		const char *op = p->arg[p->pos++];
		return test_binary(a, op, p->arg[p->pos++]);
	}
	if (strcmp(a, "(") == 0) {
		bool v = test_or(p);
		if (p->pos >= p->end || strcmp(p->arg[p->pos], ")") != 0)
			test_fail("%s", "missing ')'");
		p->pos++;
		return v;
	}
	if (test_is_unary(a) && p->pos < p->end)
		return test_unary(a, p->arg[p->pos++]);
	return a[0] != '\0';
}

static bool test_not(test_parser_t *p)
{
	if (p->pos < p->end && strcmp(p->arg[p->pos], "!") == 0) {
		p->pos++;
		return !test_not(p);
	}
	return test_primary(p);
}

static bool test_and(test_parser_t *p)
{
	bool v = test_not(p);

	while (p->pos < p->end && strcmp(p->arg[p->pos], "-a") == 0) {
		p->pos++;
		v = test_not(p) && v;   /* both sides are parsed whatever v is */
	}
	return v;
}

static bool test_or(test_parser_t *p)
{
	bool v = test_and(p);

	while (p->pos < p->end && strcmp(p->arg[p->pos], "-o") == 0) {
		p->pos++;
		v = test_and(p) || v;
	}
	return v;
}

/* --- POSIX's rules by argument count -------------------------------------- */

static bool test_eval(char **a, int n)
{
	switch (n) {
	case 0:
		return false;
	case 1:
		return a[0][0] != '\0';
	case 2:
		if (strcmp(a[0], "!") == 0)
			return !test_eval(a + 1, 1);
		if (test_is_unary(a[0]))
			return test_unary(a[0], a[1]);
		test_fail("%s: unary operator expected", a[0]);
	case 3:
		if (test_is_binary(a[1]))
			return test_binary(a[0], a[1], a[2]);
		if (strcmp(a[1], "-a") == 0)
			return a[0][0] && a[2][0];
		if (strcmp(a[1], "-o") == 0)
			return a[0][0] || a[2][0];
		if (strcmp(a[0], "!") == 0)
			return !test_eval(a + 1, 2);
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return test_eval(a + 1, 1);
		test_fail("%s: binary operator expected", a[1]);
	case 4:
		if (strcmp(a[0], "!") == 0)
			return !test_eval(a + 1, 3);
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
			return test_eval(a + 1, 2);
		break;
	}
	test_parser_t p = { a, 0, n };
	bool v = test_or(&p);
	if (p.pos < p.end)
		test_fail("%s: unexpected argument", a[p.pos]);
	return v;
}

int main(int argc, char **argv)
{
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
	bool bracket = argc > 0 && strcmp(slash ? slash + 1 : argv[0], "[") == 0;

	/* Only "[ --help" is a request for help; "test --help" is a string. */
	cmd_start(bracket && argc == 2 ? argc : (argc > 0), argv, help);
	if (bracket) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0)
			test_fail("%s", "missing ']'");
		argc--;
	}
	return test_eval(argv + 1, argc - 1) ? 0 : 1;
}
