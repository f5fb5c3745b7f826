// SPDX-License-Identifier: MIT
/*
 * The printf family: sinks for the format engine (libc/src/format).
 *
 * The engine knows nothing of streams; each function here only supplies
 * a sink:
 *
 *   stream   vfprintf locks the stream once for the whole call, so a
 *            printf never interleaves with another thread's. Output goes
 *            through the buffer of a fully buffered stream; unbuffered
 *            (stderr) and line-buffered streams (stdout) get a staging
 *            buffer on the stack for the duration of the call instead,
 *            so a message with several lines still leaves in one write.
 *   fd       dprintf stages on the stack and writes the descriptor.
 *   string   snprintf copies what fits and counts the rest; sprintf is
 *            snprintf without a limit.
 *   malloc   asprintf grows a heap buffer.
 */
#include "stream.h"
#include "../format/format.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STAGE_SIZE 512

/* --- streams and descriptors ---------------------------------------------- */

typedef struct stdio_stage {
	FILE *f;                /* NULL: write to fd */
	int fd;
	size_t len;
	char buf[STAGE_SIZE];
} stdio_stage_t;

/* Sends the staged bytes; 0, or -1 with the stream's error set. */
static int stdio_stage_flush(stdio_stage_t *st)
{
	size_t done = 0;

	if (st->f) {
		done = stdio_put(st->f, st->buf, st->len);
	} else {
		while (done < st->len) {
			ssize_t w = write(st->fd, st->buf + done, st->len - done);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			done += (size_t)w;
		}
	}
	if (done < st->len)
		return -1;
	st->len = 0;
	return 0;
}

static size_t stdio_stage_write(format_sink_t *sink, const char *s, size_t n)
{
	stdio_stage_t *st = sink->ctx;
	size_t left = n;

	while (left > 0) {
		size_t chunk = STAGE_SIZE - st->len < left ? STAGE_SIZE - st->len : left;

		memcpy(st->buf + st->len, s, chunk);
		st->len += chunk;
		s += chunk;
		left -= chunk;
		if (st->len == STAGE_SIZE && stdio_stage_flush(st) < 0) {
			sink->error = errno ? errno : EIO;
			return 0;
		}
	}
	return n;
}

static size_t stdio_stream_write(format_sink_t *sink, const char *s, size_t n)
{
	if (stdio_put(sink->ctx, s, n) != n) {
		sink->error = errno ? errno : EIO;
		return 0;
	}
	return n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	stdio_stage_t st;
	format_sink_t sink = { .write = stdio_stream_write, .ctx = f };
	int r, staged;

	STDIO_LOCK(f);
	staged = f->mode != _IOFBF;
	if (staged) {
		st.f = f;
		st.len = 0;
		sink.write = stdio_stage_write;
		sink.ctx = &st;
	}
	r = format_vprint(&sink, fmt, ap);
	if (staged && r >= 0 && st.len && stdio_stage_flush(&st) < 0)
		r = -1;
	STDIO_UNLOCK(f);
	return r;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	stdio_stage_t st = { .f = NULL, .fd = fd };
	format_sink_t sink = { .write = stdio_stage_write, .ctx = &st };
	int r = format_vprint(&sink, fmt, ap);

	if (r >= 0 && st.len && stdio_stage_flush(&st) < 0)
		r = -1;
	return r;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

/* --- strings ------------------------------------------------------------------ */

typedef struct stdio_string {
	char *buf;
	size_t room;            /* bytes left for text, the NUL excluded */
} stdio_string_t;

static size_t stdio_string_write(format_sink_t *sink, const char *s, size_t n)
{
	stdio_string_t *str = sink->ctx;
	size_t k = n < str->room ? n : str->room;

	memcpy(str->buf, s, k);
	str->buf += k;
	str->room -= k;
	return n;
}

/* size 0 writes nothing; SIZE_MAX is sprintf's "no limit". */
static int stdio_string_print(char *buf, size_t size, const char *fmt, va_list ap)
{
	stdio_string_t str = { .buf = buf, .room = size ? size - 1 : 0 };
	format_sink_t sink = { .write = stdio_string_write, .ctx = &str };
	int r = format_vprint(&sink, fmt, ap);

	if (size)
		*str.buf = '\0';
	return r;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	return stdio_string_print(buf, size, fmt, ap);
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	/* No limit: the caller promised room, as sprintf's contract says. */
	return stdio_string_print(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = stdio_string_print(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return r;
}

/* --- malloc ------------------------------------------------------------------- */

typedef struct stdio_heap {
	char *buf;
	size_t len, cap;
} stdio_heap_t;

static size_t stdio_heap_write(format_sink_t *sink, const char *s, size_t n)
{
	stdio_heap_t *h = sink->ctx;

	if (sink->error)
		return 0;
	if (n >= h->cap - h->len) {
		size_t cap = h->cap;
		char *p;

		while (n >= cap - h->len)
			cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
		p = n < SIZE_MAX - h->len ? realloc(h->buf, cap) : NULL;
		if (!p) {
			sink->error = ENOMEM;
			return 0;
		}
		h->buf = p;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	return n;
}

int vasprintf(char **restrict strp, const char *restrict fmt, va_list ap)
{
	stdio_heap_t h = { .buf = malloc(128), .cap = 128 };
	format_sink_t sink = { .write = stdio_heap_write, .ctx = &h };
	int r;

	if (!h.buf)
		return -1;
	r = format_vprint(&sink, fmt, ap);
	if (r < 0) {
		free(h.buf);
		return -1;
	}
	h.buf[h.len] = '\0';
	*strp = h.buf;
	return r;
}

int asprintf(char **restrict strp, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(strp, fmt, ap);
	va_end(ap);
	return r;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	/* One fprintf: one write on the unbuffered stderr. */
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
