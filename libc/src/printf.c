// SPDX-License-Identifier: MIT
/*
 * The printf family on lib/fmt.c.
 *
 * The string variants are fmt_vsnprintf. The stream variants format into
 * a small staging buffer on the stack and hand it to the stream when it
 * fills and at the end, so even an unbuffered stderr receives a typical
 * message in a single write rather than one per conversion.
 */
#include "libc.h"

#include <limits.h>
#include <lib/fmt.h>
#include <stdio.h>
#include <string.h>

typedef struct printf_stage {
	FILE *f;
	size_t len;
	int failed;
	char buf[256];
} printf_stage_t;

static void printf_stage_flush(printf_stage_t *st)
{
	if (st->len && __stdio_put(st->f, st->buf, st->len) == EOF)
		st->failed = 1;
	st->len = 0;
}

static void printf_sink(void *ctx, const char *s, size_t n)
{
	printf_stage_t *st = ctx;

	while (n > 0) {
		if (st->len == sizeof(st->buf))
			printf_stage_flush(st);
		size_t chunk = sizeof(st->buf) - st->len < n ? sizeof(st->buf) - st->len : n;
		memcpy(st->buf + st->len, s, chunk);
		st->len += chunk;
		s += chunk;
		n -= chunk;
	}
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	printf_stage_t st = { .f = f };
	int n = fmt_vformat(printf_sink, &st, fmt, ap);

	printf_stage_flush(&st);
	return st.failed ? -1 : n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	return fmt_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return fmt_vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}
