// SPDX-License-Identifier: MIT
/*
 * The scanf family: sources for the format engine (libc/src/format).
 *
 * A stream source reads with getc_unlocked and pushes back with the
 * stream's ungetc, under the stream's lock for the whole call; the one
 * byte the engine looks ahead and returns is therefore still there for
 * the next read, as C17 7.21.6.2 requires. A string source walks the
 * string and treats its NUL as end of input.
 */
#include "stream.h"
#include "../format/format.h"

#include <errno.h>

static int stdio_source_get(format_source_t *src)
{
	FILE *f = src->ctx;
	int c = getc_unlocked(f);

	if (c == EOF && !(f->flags & STDIO_EOF))
		src->error = errno ? errno : EIO;
	return c;
}

static void stdio_source_unget(format_source_t *src, int c)
{
	stdio_ungetc_unlocked(c, src->ctx);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	format_source_t src = {
		.get = stdio_source_get, .unget = stdio_source_unget, .ctx = f,
	};
	int r;

	STDIO_LOCK(f);
	r = format_vscan(&src, fmt, ap);
	STDIO_UNLOCK(f);
	return r;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}

static int string_source_get(format_source_t *src)
{
	const unsigned char *s = src->ctx;

	if (!*s)
		return EOF;
	src->ctx = (void *)(s + 1);
	return *s;
}

static void string_source_unget(format_source_t *src, int c)
{
	(void)c;
	src->ctx = (char *)src->ctx - 1;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	format_source_t src = {
		.get = string_source_get, .unget = string_source_unget, .ctx = (void *)s,
	};

	return format_vscan(&src, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
