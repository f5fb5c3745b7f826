// SPDX-License-Identifier: MIT
/*
 * printf: formats its arguments like printf(3), as POSIX's printf(1).
 *
 * The format is walked once per round; as long as arguments remain and a
 * round used some, it is used again. Missing arguments are "" or 0. Each
 * conversion is handed to the C library's printf with the argument
 * converted first: d i o u x X c as intmax_t/uintmax_t (a leading ' or "
 * gives the next character's code), e f g a as long double, s as it is,
 * and %b with its own escapes (\0NNN, and \c, which ends all output). A
 * number that does not fully convert is reported, used as far as it
 * went, and makes the exit status 1.
 */
#include "cmd.h"
#include "textutil.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"NAME\n    printf - format and print data\n\n"
	"SYNOPSIS\n    printf FORMAT [ARGUMENT...]\n\n"
	"DESCRIPTION\n"
	"    Writes FORMAT, with each conversion replaced by the next ARGUMENT,\n"
	"    reusing FORMAT while ARGUMENTs remain. FORMAT may hold the escapes\n"
	"    \\\\ \\a \\b \\f \\n \\r \\t \\v \\NNN (octal) \\xHH \\c (stop) and the\n"
	"    conversions (with flags - + space # 0, a width and a precision,\n"
	"    either of which may be *):\n"
	"      %d %i      a signed integer      %o %u %x %X  an unsigned one\n"
	"      %e %f %g %a (and capitals)       a floating-point number\n"
	"      %c         the first character   %s           a string\n"
	"      %b         a string with escapes \\0NNN and \\c interpreted\n"
	"      %%         a percent sign\n"
	"    A numeric ARGUMENT may be decimal, 0x hex or 0 octal; 'c or \"c\n"
	"    stands for the code of the character c.\n\n"
	"EXIT STATUS\n"
	"    0, 1 if an ARGUMENT was not a valid number (or the format was\n"
	"    invalid), 2 on a usage error.\n";

typedef struct {
	char **args;
	int nargs, next;
	bool stop;              /* \c was seen */
} pf_state_t;

static const char *pf_arg(pf_state_t *st)
{
	return st->next < st->nargs ? st->args[st->next++] : NULL;
}

/* Reports how an argument failed to convert; the status becomes 1. */
static void pf_check(const char *arg, const char *end, int err)
{
	if (end == arg)
		cmd_warn("'%s': expected a numeric value", arg);
	else if (*end)
		cmd_warn("'%s': value not completely converted", arg);
	else if (err)
		cmd_warn("'%s': %s", arg, strerror(err));
}

static bool pf_char_constant(const char *arg)
{
	return arg[0] == '\'' || arg[0] == '"';
}

static intmax_t pf_signed(const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	intmax_t v = strtoimax(arg, &end, 0);
	pf_check(arg, end, errno);
	return v;
}

static uintmax_t pf_unsigned(const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	const char *p = arg + strspn(arg, " \t\n");
	uintmax_t v = *p == '-' ? (uintmax_t)strtoimax(arg, &end, 0) : strtoumax(arg, &end, 0);
	pf_check(arg, end, errno);
	return v;
}

static long double pf_float(const char *arg)
{
	char *end;

	if (!arg)
		return 0;
	if (pf_char_constant(arg))
		return (unsigned char)arg[1];
	errno = 0;
	long double v = strtold(arg, &end);
	pf_check(arg, end, errno);
	return v;
}

/* Writes s with %b's escapes; sets st->stop at \c. */
static void pf_escaped(pf_state_t *st, const char *s, char *out, size_t *n)
{
	while (*s) {
		if (*s == '\\') {
			size_t used;
			int c = textutil_escape(s + 1, TEXTUTIL_ESC_OCTAL0 | TEXTUTIL_ESC_HEX |
						       TEXTUTIL_ESC_STOP, &used);
			if (c == TEXTUTIL_STOP) {
				st->stop = true;
				return;
			}
			if (c >= 0) {
				out[(*n)++] = (char)c;
				s += 1 + used;
				continue;
			}
		}
		out[(*n)++] = *s++;
	}
}

/*
 * One conversion at *p (just past the '%'): writes it and advances *p.
 * Returns false for an invalid conversion (reported).
 */
static bool pf_conversion(pf_state_t *st, const char **p)
{
	char spec[64];
	size_t k = 0;
	const char *q = *p;
	int star[2], nstar = 0;

	spec[k++] = '%';
	while (*q && strchr("-+ #0'", *q) && k < 20)
		spec[k++] = *q++;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*q != '.')
				break;
			spec[k++] = *q++;
		}
		if (*q == '*') {
			star[nstar++] = (int)pf_signed(pf_arg(st));
			spec[k++] = *q++;
		} else {
			while (*q >= '0' && *q <= '9' && k < 40)
				spec[k++] = *q++;
		}
	}
	char conv = *q;
	if (!conv || !strchr("diouxXcsbeEfFgGaA%", conv)) {
		cmd_warn("%%%.*s: invalid conversion specification", conv ? (int)(q - *p + 1) : (int)(q - *p), *p);
		*p = q + (conv ? 1 : 0);
		return false;
	}
	*p = q + 1;
	if (conv == '%') {
		putchar('%');
		return true;
	}
	const char *arg = pf_arg(st);
	if (strchr("di", conv)) {
		spec[k++] = 'j';
	} else if (strchr("ouxX", conv)) {
		spec[k++] = 'j';
	} else if (strchr("eEfFgGaA", conv)) {
		spec[k++] = 'L';
	}
	spec[k++] = conv == 'b' || conv == 'c' ? 's' : conv;
	spec[k] = '\0';

#define PF_PRINT(value)                                                         \
	(nstar == 0 ? printf(spec, value)                                       \
	 : nstar == 1 ? printf(spec, star[0], value) : printf(spec, star[0], star[1], value))
	if (strchr("di", conv)) {
		intmax_t v = pf_signed(arg);
		PF_PRINT(v);
	} else if (strchr("ouxX", conv)) {
		uintmax_t v = pf_unsigned(arg);
		PF_PRINT(v);
	} else if (strchr("eEfFgGaA", conv)) {
		long double v = pf_float(arg);
		PF_PRINT(v);
	} else if (conv == 'c') {
		char one[2] = { arg ? arg[0] : '\0', '\0' };
		if (one[0])
			PF_PRINT(one);
		else if (nstar || strcmp(spec, "%s") != 0)
			PF_PRINT("");
	} else if (conv == 's') {
		PF_PRINT(arg ? arg : "");
	} else {
		const char *s = arg ? arg : "";
		char *buf = malloc(strlen(s) + 1);
		size_t n = 0;
		if (!buf)
			cmd_die("out of memory");
		pf_escaped(st, s, buf, &n);
		buf[n] = '\0';
		if (memchr(buf, '\0', n) || (nstar == 0 && strcmp(spec, "%s") == 0))
			fwrite(buf, 1, n, stdout);      /* NULs survive a plain %b */
		else
			PF_PRINT(buf);
		free(buf);
	}
#undef PF_PRINT
	return true;
}

/* One pass over the format; false to stop (an error or \c). */
static bool pf_format(pf_state_t *st, const char *fmt)
{
	const char *p = fmt;

	while (*p && !st->stop) {
		if (*p == '\\') {
			size_t used;
			int c = textutil_escape(p + 1, TEXTUTIL_ESC_OCTAL | TEXTUTIL_ESC_HEX |
						       TEXTUTIL_ESC_STOP, &used);
			if (c == TEXTUTIL_STOP)
				return false;
			if (c < 0) {
				putchar(*p++);
				continue;
			}
			putchar(c);
			p += 1 + used;
		} else if (*p == '%') {
			p++;
			if (!pf_conversion(st, &p))
				return false;
		} else {
			putchar(*p++);
		}
	}
	return !st->stop;
}

int main(int argc, char **argv)
{
	cmd_start(argc, argv, help);
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	if (first >= argc)
		cmd_usage_error("missing operand");
	pf_state_t st = { .args = argv + first + 1, .nargs = argc - first - 1 };
	for (;;) {
		int before = st.next;
		if (!pf_format(&st, argv[first]))
			break;
		if (st.next >= st.nargs || st.next == before)
			break;
	}
	cmd_flush_stdout();
	return cmd_status();
}
