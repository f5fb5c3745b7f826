// SPDX-License-Identifier: MIT
/*
 * echo and printf, built in so that scripts need not fork for output, and
 * behaving like /bin/echo and /bin/printf.
 *
 * echo takes GNU's options: leading arguments made only of the letters
 * n, e and E are options (-n: no newline; -e: backslash escapes; -E: none,
 * the default). printf follows POSIX printf(1): the format is reused
 * while arguments remain, %b expands escapes in its argument, a numeric
 * argument may be 'c (the character's code), and an argument that is not
 * entirely a number is reported but still used (with status 1). The
 * escapes, messages and statuses are those of user/cmd/echo.c and
 * printf.c; a difference between the builtin and the command is a bug.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "sh.h"

/* Which escapes escape() understands, as /bin/echo and /bin/printf do. */
#define ESC_OCTAL  0x1	/* \NNN, 1 to 3 octal digits (printf formats) */
#define ESC_OCTAL0 0x2	/* \0NNN, 0 to 3 digits after the 0 (echo -e, %b) */
#define ESC_ESCAPE 0x4	/* \e is ESC (echo -e) */
#define ESC_STOP   (-1)	/* \c: no more output */
#define ESC_UNKNOWN (-2)

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int octal_run(const char *s, int max, size_t *used)
{
	int v = 0, n = 0;

	while (n < max && s[n] >= '0' && s[n] <= '7')
		v = v * 8 + s[n++] - '0';
	*used = (size_t)n;
	return v & 0xff;
}

/*
 * The escape after a backslash (s points past it): the byte, ESC_STOP for
 * \c, or ESC_UNKNOWN (print the backslash as it is); *used is what it took.
 */
static int escape(const char *s, int flags, size_t *used)
{
	static const char simple[] = "\\\\a\ab\bf\fn\nr\rt\tv\v";

	*used = 1;
	for (const char *p = simple; *p; p += 2)
		if (*s == p[0])
			return (unsigned char)p[1];
	if (*s == 'c')
		return ESC_STOP;
	if (*s == 'e' && (flags & ESC_ESCAPE))
		return 033;
	if (*s == '0' && (flags & ESC_OCTAL0)) {
		int v = octal_run(s + 1, 3, used);

		(*used)++;
		return v;
	}
	if (*s >= '0' && *s <= '7' && (flags & ESC_OCTAL))
		return octal_run(s, 3, used);
	if (*s == 'x' && hex_digit(s[1]) >= 0) {
		int v = hex_digit(s[1]);

		*used = 2;
		if (hex_digit(s[2]) >= 0) {
			v = v * 16 + hex_digit(s[2]);
			*used = 3;
		}
		return v;
	}
	*used = 0;
	return ESC_UNKNOWN;
}

/* Appends s with escapes decoded to b; false after \c. */
static bool unescape(sb_t *b, const char *s, int flags)
{
	while (*s) {
		size_t used;
		int c;

		if (*s != '\\' || (c = escape(s + 1, flags, &used)) == ESC_UNKNOWN) {
			sb_putc(b, *s++);
			continue;
		}
		if (c == ESC_STOP)
			return false;
		sb_putc(b, (char)c);
		s += 1 + used;
	}
	return true;
}

static bool echo_is_option(const char *a)
{
	if (a[0] != '-' || !a[1])
		return false;
	for (const char *p = a + 1; *p; p++)
		if (*p != 'n' && *p != 'e' && *p != 'E')
			return false;
	return true;
}

int bi_echo(int argc, char **argv)
{
	bool newline = true, escapes = false;
	int i = 1;
	sb_t b;

	for (; i < argc && echo_is_option(argv[i]); i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = false;
			else
				escapes = *p == 'e';
		}
	}
	sb_init(&b);
	for (; i < argc; i++) {
		if (!escapes) {
			sb_puts(&b, argv[i]);
		} else if (!unescape(&b, argv[i], ESC_OCTAL0 | ESC_ESCAPE)) {
			bi_write(b.s, b.len);
			return 0;
		}
		if (i + 1 < argc)
			sb_putc(&b, ' ');
	}
	if (newline)
		sb_putc(&b, '\n');
	bi_write(b.s, b.len);
	return 0;
}

/* --- printf ---------------------------------------------------------- */

typedef struct pf {
	char **args;
	int nargs, next;
	int status;
	bool stop;		/* \c: no more output */
} pf_t;

static const char *pf_arg(pf_t *pf)
{
	return pf->next < pf->nargs ? pf->args[pf->next++] : NULL;
}

/* Reports how an argument failed to convert; the status becomes 1. */
static void pf_check(pf_t *pf, const char *arg, const char *end, int err)
{
	if (end == arg)
		bi_cmd_warn("printf: '%s': expected a numeric value", arg);
	else if (*end)
		bi_cmd_warn("printf: '%s': value not completely converted", arg);
	else if (err)
		bi_cmd_warn("printf: '%s': %s", arg, strerror(err));
	else
		return;
	pf->status = 1;
}

static bool pf_char_constant(const char *arg)
{
	return arg[0] == '\'' || arg[0] == '"';
}

static intmax_t pf_signed(pf_t *pf, const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	intmax_t v = strtoimax(arg, &end, 0);

	pf_check(pf, arg, end, errno);
	return v;
}

static uintmax_t pf_unsigned(pf_t *pf, const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	const char *p = arg + strspn(arg, " \t\n");
	uintmax_t v = *p == '-' ? (uintmax_t)strtoimax(arg, &end, 0) : strtoumax(arg, &end, 0);

	pf_check(pf, arg, end, errno);
	return v;
}

static long double pf_float(pf_t *pf, const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	long double v = strtold(arg, &end);

	pf_check(pf, arg, end, errno);
	return v;
}

/* sb_printf with up to two * values before the argument. */
#define PF_PRINT(out, spec, nstar, star, value)                                \
	((nstar) == 0 ? sb_printf(out, spec, value)                            \
	 : (nstar) == 1 ? sb_printf(out, spec, (star)[0], value)               \
	 : sb_printf(out, spec, (star)[0], (star)[1], value))

/* %b: the argument with its escapes (\0NNN, \xHH, \c) decoded. */
static void pf_b(pf_t *pf, sb_t *out, const char *spec, int nstar, const int *star,
		 const char *arg)
{
	sb_t b;

	sb_init(&b);
	if (!unescape(&b, arg ? arg : "", ESC_OCTAL0))
		pf->stop = true;
	if (memchr(b.s, '\0', b.len) || (nstar == 0 && strcmp(spec, "%s") == 0))
		sb_putn(out, b.s, b.len);	/* NULs survive a plain %b */
	else
		PF_PRINT(out, spec, nstar, star, b.s);
}

/*
 * The flags, width and precision of a conversion at *p (just past the %)
 * into spec, taking the values of * from the arguments; returns the
 * conversion character and leaves *p on it.
 */
static char pf_spec(pf_t *pf, const char **p, char *spec, size_t *k, int *star, int *nstar)
{
	const char *q = *p;

	spec[(*k)++] = '%';
	while (*q && strchr("-+ #0'", *q) && *k < 20)
		spec[(*k)++] = *q++;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*q != '.')
				break;
			spec[(*k)++] = *q++;
		}
		if (*q == '*') {
			star[(*nstar)++] = (int)pf_signed(pf, pf_arg(pf));
			spec[(*k)++] = *q++;
		} else {
			while (*q >= '0' && *q <= '9' && *k < 40)
				spec[(*k)++] = *q++;
		}
	}
	*p = q;
	return *q;
}

/* One conversion at *p (just past the %); false if it is invalid (reported). */
static bool pf_conversion(pf_t *pf, sb_t *out, const char **p)
{
	char spec[64];
	size_t k = 0;
	const char *start = *p;
	int star[2], nstar = 0;
	char conv = pf_spec(pf, p, spec, &k, star, &nstar);

	if (!conv || !strchr("diouxXcsbeEfFgGaA%", conv)) {
		bi_cmd_warn("printf: %%%.*s: invalid conversion specification",
			    (int)(*p - start) + (conv ? 1 : 0), start);
		pf->status = 1;
		*p += conv ? 1 : 0;
		return false;
	}
	(*p)++;
	if (conv == '%') {
		sb_putc(out, '%');
		return true;
	}
	const char *arg = pf_arg(pf);

	if (strchr("diouxX", conv))
		spec[k++] = 'j';
	else if (strchr("eEfFgGaA", conv))
		spec[k++] = 'L';
	spec[k++] = conv == 'b' || conv == 'c' ? 's' : conv;
	spec[k] = '\0';
	if (strchr("di", conv)) {
		intmax_t v = pf_signed(pf, arg);

		PF_PRINT(out, spec, nstar, star, v);
	} else if (strchr("ouxX", conv)) {
		uintmax_t v = pf_unsigned(pf, arg);

		PF_PRINT(out, spec, nstar, star, v);
	} else if (strchr("eEfFgGaA", conv)) {
		long double v = pf_float(pf, arg);

		PF_PRINT(out, spec, nstar, star, v);
	} else if (conv == 'c') {
		char one[2] = { arg ? arg[0] : '\0', '\0' };

		if (one[0] || nstar || strcmp(spec, "%s") != 0)
			PF_PRINT(out, spec, nstar, star, one);
	} else if (conv == 's') {
		PF_PRINT(out, spec, nstar, star, arg ? arg : "");
	} else {
		pf_b(pf, out, spec, nstar, star, arg);
	}
	return true;
}

/* One pass over the format; false to stop (an error or \c). */
static bool pf_format(pf_t *pf, sb_t *out, const char *fmt)
{
	const char *p = fmt;

	while (*p && !pf->stop) {
		if (*p == '\\') {
			size_t used;
			int c = escape(p + 1, ESC_OCTAL, &used);

			if (c == ESC_STOP)
				return false;
			if (c == ESC_UNKNOWN) {
				sb_putc(out, *p++);
				continue;
			}
			sb_putc(out, (char)c);
			p += 1 + used;
		} else if (*p == '%') {
			p++;
			if (!pf_conversion(pf, out, &p))
				return false;
		} else {
			sb_putc(out, *p++);
		}
	}
	return !pf->stop;
}

int bi_printf_cmd(int argc, char **argv)
{
	int first = 1;

	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	if (first >= argc) {
		bi_cmd_warn("printf: missing operand\nTry 'printf --help' for more information.");
		return 2;
	}
	pf_t pf = { .args = argv + first + 1, .nargs = argc - first - 1 };
	sb_t out;

	sb_init(&out);
	for (;;) {
		int before = pf.next;

		if (!pf_format(&pf, &out, argv[first]))
			break;
		if (pf.next >= pf.nargs || pf.next == before)
			break;
	}
	bi_write(out.s, out.len);
	return pf.status;
}
