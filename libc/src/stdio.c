// SPDX-License-Identifier: MIT
/*
 * Streams: a descriptor, a buffer and a buffering mode.
 *
 * Output collects in the buffer and goes out when it fills, at each
 * newline for line-buffered streams, at fflush and at exit. Unbuffered
 * streams write through at once. Input refills the buffer with one read
 * at a time; reading stdin first flushes stdout, so prompts appear. A
 * stream is used for reading or for writing, not both, which is all the
 * three standard streams need; fopen comes with the file: scheme.
 */
#include "libc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FILE_ERROR 1
#define FILE_EOF   2

struct libc_file {
	int fd;
	int mode;               /* _IOFBF, _IOLBF or _IONBF */
	int flags;              /* FILE_ERROR, FILE_EOF */
	char *buf;
	size_t size;
	size_t wlen;            /* output waiting in buf */
	size_t rpos, rlen;      /* input: buf[rpos..rlen) not yet consumed */
};

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static FILE stdin_file = { .fd = 0, .mode = _IOFBF, .buf = stdin_buf, .size = BUFSIZ };
static FILE stdout_file = { .fd = 1, .mode = _IOLBF, .buf = stdout_buf, .size = BUFSIZ };
static FILE stderr_file = { .fd = 2, .mode = _IONBF };

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static int write_all(FILE *f, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(f->fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= FILE_ERROR;
			return EOF;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int fflush(FILE *f)
{
	size_t n;

	if (!f) {
		__stdio_flush_all();
		return 0;
	}
	n = f->wlen;
	f->wlen = 0;
	return n ? write_all(f, f->buf, n) : 0;
}

void __stdio_flush_all(void)
{
	fflush(stdout);
	fflush(stderr);
}

int __stdio_put(FILE *f, const char *s, size_t n)
{
	const char *start = s;
	size_t total = n;

	if (f->mode == _IONBF || f->size == 0)
		return write_all(f, s, n);
	while (n > 0) {
		if (f->wlen == f->size && fflush(f) == EOF)
			return EOF;
		size_t chunk = f->size - f->wlen < n ? f->size - f->wlen : n;
		memcpy(f->buf + f->wlen, s, chunk);
		f->wlen += chunk;
		s += chunk;
		n -= chunk;
	}
	if (f->mode == _IOLBF && memchr(start, '\n', total))
		return fflush(f);
	return 0;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	fflush(f);
	f->mode = mode;
	if (buf && size) {
		f->buf = buf;
		f->size = size;
	}
	return 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __stdio_put(f, &ch, 1) == EOF ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return __stdio_put(f, s, strlen(s)) == EOF ? EOF : 0;
}

int puts(const char *s)
{
	size_t n = strlen(s);
	int r = 0;

	/* One put for text and newline, so a line goes out in one write. */
	if (stdout->mode != _IONBF && n < stdout->size) {
		if (stdout->size - stdout->wlen < n + 1)
			r = fflush(stdout);
		if (r != EOF) {
			memcpy(stdout->buf + stdout->wlen, s, n);
			stdout->buf[stdout->wlen + n] = '\n';
			stdout->wlen += n + 1;
			r = fflush(stdout);
		}
	} else if ((r = __stdio_put(stdout, s, n)) != EOF) {
		r = __stdio_put(stdout, "\n", 1);
	}
	return r == EOF ? EOF : 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		f->flags |= FILE_ERROR;
		return 0;
	}
	return __stdio_put(f, p, total) == EOF ? 0 : n;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

int fgetc(FILE *f)
{
	if (f->rpos == f->rlen) {
		ssize_t r;

		if (f == stdin)
			fflush(stdout);
		do
			r = read(f->fd, f->buf, f->size);
		while (r < 0 && errno == EINTR);
		if (r <= 0) {
			f->flags |= r == 0 ? FILE_EOF : FILE_ERROR;
			return EOF;
		}
		f->rpos = 0;
		f->rlen = (size_t)r;
	}
	return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = '\0';
	return s;
}

int fileno(FILE *f)
{
	return f->fd;
}

int ferror(FILE *f)
{
	return (f->flags & FILE_ERROR) != 0;
}

int feof(FILE *f)
{
	return (f->flags & FILE_EOF) != 0;
}

void clearerr(FILE *f)
{
	f->flags = 0;
}
