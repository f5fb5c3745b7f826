// SPDX-License-Identifier: MIT
/*
 * warn, warnx, err, errx and their v forms. errno is saved first, since
 * writing the message could change it before strerror reads it; stdout
 * is flushed so the message comes after what the program printed.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char *program_invocation_short_name;

static void message(const char *fmt, va_list ap, int err_number, int with_error)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_error)
			fputs(": ", stderr);
	}
	if (with_error)
		fputs(strerror(err_number), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)
{
	message(fmt, ap, errno, 1);
}

void vwarnx(const char *fmt, va_list ap)
{
	message(fmt, ap, 0, 0);
}

void verr(int status, const char *fmt, va_list ap)
{
	message(fmt, ap, errno, 1);
	exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
	message(fmt, ap, 0, 0);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
