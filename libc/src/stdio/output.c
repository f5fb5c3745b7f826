// SPDX-License-Identifier: MIT
/*
 * Writing characters, strings and blocks, and the indicators.
 *
 * putc_unlocked stores into the buffer while wpos < wend (fully buffered
 * streams only, see stream.h); everything else goes through stdio_put,
 * which decides when bytes leave. puts hands text and newline over under
 * one lock, so a line-buffered stdout sends the line in one write.
 */
#include "stream.h"

#include <errno.h>
#include <string.h>

int putc_unlocked(int c, FILE *f)
{
	if (f->wpos < f->wend)
		return *f->wpos++ = (unsigned char)c;
	return stdio_putc_slow(f, c);
}

int fputc_unlocked(int c, FILE *f)
{
	return putc_unlocked(c, f);
}

int putchar_unlocked(int c)
{
	return putc_unlocked(c, stdout);
}

int fputc(int c, FILE *f)
{
	STDIO_LOCK(f);
	c = putc_unlocked(c, f);
	STDIO_UNLOCK(f);
	return c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs_unlocked(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);

	return stdio_put(f, s, n) == n ? 0 : EOF;
}

int fputs(const char *restrict s, FILE *restrict f)
{
	int r;

	STDIO_LOCK(f);
	r = fputs_unlocked(s, f);
	STDIO_UNLOCK(f);
	return r;
}

int puts(const char *s)
{
	FILE *f = stdout;
	int r = EOF;

	STDIO_LOCK(f);
	/* A line-buffered stream sends at the newline: text first, then it. */
	if (fputs_unlocked(s, f) == 0 && stdio_put(f, "\n", 1) == 1)
		r = 0;
	STDIO_UNLOCK(f);
	return r;
}

size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EOVERFLOW;
		f->flags |= STDIO_ERROR;
		return 0;
	}
	return stdio_put(f, p, total) / size;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t r;

	STDIO_LOCK(f);
	r = fwrite_unlocked(p, size, n, f);
	STDIO_UNLOCK(f);
	return r;
}

int feof_unlocked(FILE *f)
{
	return (f->flags & STDIO_EOF) != 0;
}

int ferror_unlocked(FILE *f)
{
	return (f->flags & STDIO_ERROR) != 0;
}

void clearerr_unlocked(FILE *f)
{
	f->flags &= ~(STDIO_EOF | STDIO_ERROR);
}

int fileno_unlocked(FILE *f)
{
	if (f->fd < 0) {
		errno = EBADF;
		return -1;
	}
	return f->fd;
}

int feof(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = feof_unlocked(f);
	STDIO_UNLOCK(f);
	return r;
}

int ferror(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = ferror_unlocked(f);
	STDIO_UNLOCK(f);
	return r;
}

void clearerr(FILE *f)
{
	STDIO_LOCK(f);
	clearerr_unlocked(f);
	STDIO_UNLOCK(f);
}

int fileno(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = fileno_unlocked(f);
	STDIO_UNLOCK(f);
	return r;
}
