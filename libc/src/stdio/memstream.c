// SPDX-License-Identifier: MIT
/*
 * Streams on memory: fmemopen (a caller's fixed buffer) and
 * open_memstream (a growing buffer the caller frees).
 *
 * Both are ordinary buffered streams whose operations move bytes to and
 * from memory instead of a descriptor, so buffering, pushback and
 * positioning are the same code as for files, and the memory sees the
 * data at fflush, a seek or fclose (as POSIX specifies; it may see it
 * earlier). Each has a position and a current length (POSIX.1-2024):
 *
 *   fmemopen       reads stop at the length. A write that moves the
 *                  length up puts a NUL after the new end when it fits.
 *                  Writes past the capacity fail (ENOSPC). "w" starts
 *                  empty (buf untouched); "a" starts at the first NUL
 *                  and always writes at the end; "r" has the whole
 *                  buffer. A NULL buf is allocated and freed at fclose.
 *   open_memstream write-only; the buffer grows and always ends in a
 *                  NUL after the length; a write past the length fills
 *                  the gap with NULs. *ptr and *sizeloc are updated at
 *                  every write and seek, sizeloc being the smaller of
 *                  the length and the position.
 */
#include "stream.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct stdio_mem {
	char *buf;
	size_t cap;        /* bytes of buf usable for data */
	size_t len;        /* the current length */
	size_t pos;
	int append;
	int own;           /* fmemopen allocated buf */
	char **ptr;        /* open_memstream's caller variables */
	size_t *sizeloc;
} stdio_mem_t;

/* The new position for a seek, or -1 (EINVAL) outside [0, limit]. */
static off_t stdio_mem_target(const stdio_mem_t *m, off_t offset, int whence, size_t limit)
{
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)m->pos : (off_t)m->len;

	if ((offset < 0 && -offset > base) || (offset > 0 && (size_t)offset > limit - (size_t)base)) {
		errno = EINVAL;
		return -1;
	}
	return base + offset;
}

static ssize_t fmem_read(FILE *f, void *dst, size_t n)
{
	stdio_mem_t *m = f->cookie;
	size_t k = m->pos < m->len ? m->len - m->pos : 0;

	if (k > n)
		k = n;
	memcpy(dst, m->buf + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

static ssize_t fmem_write(FILE *f, const void *src, size_t n)
{
	stdio_mem_t *m = f->cookie;
	size_t k;

	if (m->append)
		m->pos = m->len;
	if (m->pos >= m->cap) {
		errno = ENOSPC;
		return -1;
	}
	k = m->cap - m->pos < n ? m->cap - m->pos : n;
	memcpy(m->buf + m->pos, src, k);
	m->pos += k;
	if (m->pos > m->len) {
		m->len = m->pos;
		if (m->len < m->cap)
			m->buf[m->len] = '\0';
	}
	return (ssize_t)k;
}

static off_t fmem_seek(FILE *f, off_t offset, int whence)
{
	stdio_mem_t *m = f->cookie;
	off_t to = stdio_mem_target(m, offset, whence, m->cap);

	if (to >= 0)
		m->pos = (size_t)to;
	return to;
}

static int fmem_close(FILE *f)
{
	stdio_mem_t *m = f->cookie;

	if (m->own)
		free(m->buf);
	free(m);
	return 0;
}

static const stdio_ops_t fmem_ops = {
	.read = fmem_read, .write = fmem_write, .seek = fmem_seek, .close = fmem_close,
};

static int fmem_setup(stdio_mem_t *m, void *buf, size_t size, const char *mode)
{
	m->own = !buf;
	m->buf = buf ? buf : calloc(1, size ? size : 1);
	if (!m->buf)
		return -1;
	m->cap = size;
	if (mode[0] == 'r') {
		m->len = size;
	} else if (mode[0] == 'w') {
		m->len = 0;     /* the caller's bytes stay until overwritten */
	} else {
		m->append = 1;
		m->len = m->pos = strnlen(m->buf, size);
	}
	return 0;
}

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	int oflags = stdio_mode_flags(mode);
	stdio_mem_t *m;
	FILE *f;

	if (oflags < 0)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m || fmem_setup(m, buf, size, mode) < 0) {
		free(m);
		errno = ENOMEM;
		return NULL;
	}
	f = stdio_file_new(-1, stdio_flags_for(oflags), &fmem_ops, m);
	if (!f)
		fmem_close(&(FILE){ .cookie = m });
	return f;
}

/* Publishes buffer and size to the caller's variables. */
static void memstream_publish(stdio_mem_t *m)
{
	*m->ptr = m->buf;
	*m->sizeloc = m->len < m->pos ? m->len : m->pos;
}

/* Room for need bytes and the NUL after them; 0, or -1 (ENOMEM). */
static int memstream_reserve(stdio_mem_t *m, size_t need)
{
	size_t cap = m->cap;
	char *p;

	if (need == SIZE_MAX) {
		errno = ENOMEM;
		return -1;
	}
	if (need + 1 <= cap)
		return 0;
	while (cap < need + 1)
		cap = cap > SIZE_MAX / 2 ? need + 1 : cap * 2;
	p = realloc(m->buf, cap);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	m->buf = p;
	m->cap = cap;
	return 0;
}

static ssize_t memstream_write(FILE *f, const void *src, size_t n)
{
	stdio_mem_t *m = f->cookie;

	if (n > SIZE_MAX - m->pos || memstream_reserve(m, m->pos + n) < 0)
		return -1;
	if (m->pos > m->len)
		memset(m->buf + m->len, 0, m->pos - m->len);
	memcpy(m->buf + m->pos, src, n);
	m->pos += n;
	if (m->pos > m->len) {
		m->len = m->pos;
		m->buf[m->len] = '\0';
	}
	memstream_publish(m);
	return (ssize_t)n;
}

static off_t memstream_seek(FILE *f, off_t offset, int whence)
{
	stdio_mem_t *m = f->cookie;
	off_t to = stdio_mem_target(m, offset, whence, SSIZE_MAX);

	if (to >= 0) {
		m->pos = (size_t)to;
		memstream_publish(m);
	}
	return to;
}

static int memstream_close(FILE *f)
{
	stdio_mem_t *m = f->cookie;

	memstream_publish(m);
	free(m);
	return 0;
}

static const stdio_ops_t memstream_ops = {
	.write = memstream_write, .seek = memstream_seek, .close = memstream_close,
};

FILE *open_memstream(char **ptr, size_t *sizeloc)
{
	stdio_mem_t *m;
	FILE *f;

	if (!ptr || !sizeloc) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (m)
		m->buf = calloc(1, m->cap = 64);
	if (!m || !m->buf) {
		free(m);
		errno = ENOMEM;
		return NULL;
	}
	m->ptr = ptr;
	m->sizeloc = sizeloc;
	memstream_publish(m);
	f = stdio_file_new(-1, STDIO_CAN_WRITE, &memstream_ops, m);
	if (!f) {
		free(m->buf);
		free(m);
	}
	return f;
}
