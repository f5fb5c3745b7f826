// SPDX-License-Identifier: MIT
/*
 * Reading: characters, pushback, lines and blocks.
 *
 * getc_unlocked is the one-comparison fast path of stream.h; the locked
 * forms wrap it. Lines and blocks copy whole runs out of the buffer with
 * memchr/memcpy rather than a byte at a time, and fread reads a large
 * remainder straight into the caller's memory.
 *
 * ungetc keeps up to STDIO_UNGET_MAX bytes (C guarantees one) and clears
 * the end-of-file indicator; a seek forgets them.
 */
#include "stream.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int getc_unlocked(FILE *f)
{
	return f->rpos < f->rend ? *f->rpos++ : stdio_getc_slow(f);
}

int fgetc_unlocked(FILE *f)
{
	return getc_unlocked(f);
}

int getchar_unlocked(void)
{
	return getc_unlocked(stdin);
}

int fgetc(FILE *f)
{
	int c;

	STDIO_LOCK(f);
	c = getc_unlocked(f);
	STDIO_UNLOCK(f);
	return c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

static int stdio_unget_locked(int c, FILE *f)
{
	if (c == EOF)
		return EOF;
	if (f->io != STDIO_IO_READ && stdio_begin_read(f) == EOF)
		return EOF;
	if (!(f->flags & STDIO_UNGOT)) {
		f->saved_rpos = f->rpos;
		f->saved_rend = f->rend;
		f->rpos = f->rend = f->unget + STDIO_UNGET_MAX;
		f->flags |= STDIO_UNGOT;
	} else if (f->rpos == f->unget) {
		return EOF;
	}
	*--f->rpos = (unsigned char)c;
	f->flags &= ~STDIO_EOF;
	return (unsigned char)c;
}

int ungetc(int c, FILE *f)
{
	STDIO_LOCK(f);
	c = stdio_unget_locked(c, f);
	STDIO_UNLOCK(f);
	return c;
}

/* Used by the scanf source, which holds the lock. */
int stdio_ungetc_unlocked(int c, FILE *f)
{
	return stdio_unget_locked(c, f);
}

char *fgets_unlocked(char *restrict s, int size, FILE *restrict f)
{
	size_t want, got = 0;

	if (size <= 0) {
		errno = EINVAL;
		return NULL;
	}
	want = (size_t)size - 1;
	while (got < want) {
		size_t avail, chunk;
		unsigned char *nl;

		if (f->rpos >= f->rend && stdio_refill(f) == EOF) {
			/* A read error leaves the array indeterminate (C17 7.21.7.2). */
			if (!(f->flags & STDIO_EOF))
				return NULL;
			break;
		}
		avail = (size_t)(f->rend - f->rpos);
		chunk = want - got < avail ? want - got : avail;
		nl = memchr(f->rpos, '\n', chunk);
		if (nl)
			chunk = (size_t)(nl - f->rpos) + 1;
		memcpy(s + got, f->rpos, chunk);
		f->rpos += chunk;
		got += chunk;
		if (nl)
			break;
	}
	if (got == 0 && want > 0)
		return NULL;
	s[got] = '\0';
	return s;
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	char *r;

	STDIO_LOCK(f);
	r = fgets_unlocked(s, size, f);
	STDIO_UNLOCK(f);
	return r;
}

/* Makes *line hold at least need bytes; 0, or -1 (ENOMEM). */
static int stdio_line_grow(char **line, size_t *size, size_t need)
{
	size_t n = *size < 120 ? 120 : *size;
	char *p;

	if (need <= *size)
		return 0;
	while (n < need)
		n = n > SIZE_MAX / 2 ? SIZE_MAX : n * 2;
	p = realloc(*line, n);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	*line = p;
	*size = n;
	return 0;
}

static ssize_t stdio_getdelim_locked(char **line, size_t *size, int delim, FILE *f)
{
	size_t got = 0;

	for (;;) {
		size_t chunk;
		unsigned char *end;

		if (f->rpos >= f->rend && stdio_refill(f) == EOF) {
			if (!(f->flags & STDIO_EOF))
				return -1;
			break;
		}
		chunk = (size_t)(f->rend - f->rpos);
		end = memchr(f->rpos, delim, chunk);
		if (end)
			chunk = (size_t)(end - f->rpos) + 1;
		if (got + chunk >= (size_t)SSIZE_MAX) {
			f->flags |= STDIO_ERROR;
			errno = EOVERFLOW;
			return -1;
		}
		if (stdio_line_grow(line, size, got + chunk + 1) < 0) {
			f->flags |= STDIO_ERROR;
			return -1;
		}
		memcpy(*line + got, f->rpos, chunk);
		f->rpos += chunk;
		got += chunk;
		if (end)
			break;
	}
	if (got == 0)
		return -1;
	(*line)[got] = '\0';
	return (ssize_t)got;
}

ssize_t getdelim(char **restrict line, size_t *restrict size, int delim, FILE *restrict f)
{
	ssize_t r;

	if (!line || !size) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*size = 0;
	STDIO_LOCK(f);
	r = stdio_getdelim_locked(line, size, (unsigned char)delim, f);
	STDIO_UNLOCK(f);
	return r;
}

ssize_t getline(char **restrict line, size_t *restrict size, FILE *restrict f)
{
	return getdelim(line, size, '\n', f);
}

/* Reads n bytes straight into p, bypassing the buffer; how many came. */
static size_t stdio_read_direct(FILE *f, unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = f->ops->read(f, p + got, n - got);

		if (r <= 0) {
			f->flags |= r == 0 ? STDIO_EOF : STDIO_ERROR;
			break;
		}
		got += (size_t)r;
	}
	return got;
}

size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *dst = p;
	size_t total, got = 0;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EOVERFLOW;
		f->flags |= STDIO_ERROR;
		return 0;
	}
	while (got < total) {
		size_t avail = (size_t)(f->rend - f->rpos), chunk;

		if (avail == 0) {
			if (!(f->flags & STDIO_UNGOT) && f->io == STDIO_IO_READ && f->mode != _IONBF &&
			    total - got >= f->size && !(f->flags & STDIO_EOF)) {
				got += stdio_read_direct(f, dst + got, total - got);
				break;
			}
			if (stdio_refill(f) == EOF)
				break;
			continue;
		}
		chunk = total - got < avail ? total - got : avail;
		memcpy(dst + got, f->rpos, chunk);
		f->rpos += chunk;
		got += chunk;
	}
	return got / size;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t r;

	STDIO_LOCK(f);
	r = fread_unlocked(p, size, n, f);
	STDIO_UNLOCK(f);
	return r;
}
