// SPDX-License-Identifier: MIT
/*
 * Buffers and directions: the slow paths behind every read and write.
 *
 * Output: stdio_put copies into the buffer and sends it when full; a
 * block at least a buffer long, arriving while the buffer is empty, goes
 * straight to the descriptor with no copy. A line-buffered stream sends
 * everything it holds once a newline arrives (one write per line); an
 * unbuffered one sends each put at once. A failed or short flush keeps
 * what was not taken at the front of the buffer, sets the error
 * indicator and reports EOF: the bytes are not silently lost.
 *
 * Input: stdio_refill reads up to a buffer (one byte when unbuffered, so
 * a shared descriptor is not read past what was asked for). Before
 * reading stdin or any line-buffered or unbuffered stream it flushes a
 * line-buffered stdout, so a prompt shows before the program waits. The
 * end-of-file indicator is sticky (C17): once set, reads return EOF
 * without asking the descriptor again, until clearerr or a seek.
 *
 * Switching direction: writing after reading first gives the read-ahead
 * back with a relative seek (where the descriptor cannot seek, it is
 * dropped), reading after writing first flushes. C17 requires the program
 * to fflush or seek in between; doing it here as well makes the lenient
 * case behave the way people expect.
 */
#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Weak: until libc has isatty, stdout stays line buffered. */
int isatty(int fd) __attribute__((weak));

/* Gives f its buffer if it has none yet: BUFSIZ from malloc, else 1 byte. */
static void stdio_buffer_ensure(FILE *f)
{
	if (f->buf)
		return;
	if (f->mode != _IONBF) {
		size_t size = f->size ? f->size : BUFSIZ;

		f->buf = malloc(size);
		if (f->buf) {
			f->size = size;
			f->flags |= STDIO_OWN_BUF;
			return;
		}
		f->mode = _IONBF;
	}
	f->buf = &f->tiny;
	f->size = 1;
}

/* stdout is line buffered for a terminal, fully buffered otherwise. */
static void stdio_choose_mode(FILE *f)
{
	f->flags &= ~STDIO_TTY_CHECK;
	if (isatty && f->mode == _IOLBF && !isatty(f->fd))
		f->mode = _IOFBF;
}

/*
 * fflush of an input stream (POSIX): where the descriptor can seek, it
 * moves back to the stream's position and the read-ahead and pushback are
 * dropped; where it cannot (a pipe), the read-ahead stays.
 */
static int stdio_sync_input(FILE *f)
{
	size_t ahead = (size_t)((f->flags & STDIO_UNGOT ? f->saved_rend - f->saved_rpos
						      : f->rend - f->rpos));

	if (ahead && f->ops->seek(f, -(off_t)ahead, SEEK_CUR) < 0)
		return 0;
	stdio_drop_input(f);
	f->io = STDIO_IO_IDLE;
	return 0;
}

/* Sends [buf, wpos); keeps what the descriptor did not take. */
int stdio_flush_locked(FILE *f)
{
	unsigned char *p = f->buf;

	if (f->io != STDIO_IO_WRITE)
		return f->io == STDIO_IO_READ ? stdio_sync_input(f) : 0;
	while (p < f->wpos) {
		ssize_t w = f->ops->write(f, p, (size_t)(f->wpos - p));

		if (w <= 0) {
			memmove(f->buf, p, (size_t)(f->wpos - p));
			f->wpos = f->buf + (f->wpos - p);
			f->flags |= STDIO_ERROR;
			if (w == 0)
				errno = EIO;
			return EOF;
		}
		p += w;
	}
	f->wpos = f->buf;
	return 0;
}

int stdio_begin_write(FILE *f)
{
	if (!(f->flags & STDIO_CAN_WRITE)) {
		f->flags |= STDIO_ERROR;
		errno = EBADF;
		return EOF;
	}
	if (f->io == STDIO_IO_READ) {
		size_t unread = stdio_unread(f);

		if (unread)
			f->ops->seek(f, -(off_t)unread, SEEK_CUR);
		stdio_drop_input(f);
	}
	if (f->flags & STDIO_TTY_CHECK)
		stdio_choose_mode(f);
	stdio_buffer_ensure(f);
	f->io = STDIO_IO_WRITE;
	f->rpos = f->rend = NULL;
	f->wpos = f->buf;
	f->wend = f->mode == _IOFBF ? f->buf + f->size : f->buf;
	return 0;
}

int stdio_begin_read(FILE *f)
{
	if (!(f->flags & STDIO_CAN_READ)) {
		f->flags |= STDIO_ERROR;
		errno = EBADF;
		return EOF;
	}
	if (f->io == STDIO_IO_WRITE && stdio_flush_locked(f) == EOF)
		return EOF;
	stdio_buffer_ensure(f);
	f->io = STDIO_IO_READ;
	f->wpos = f->wend = NULL;
	return 0;
}

size_t stdio_unread(const FILE *f)
{
	size_t n = (size_t)(f->rend - f->rpos);

	if (f->flags & STDIO_UNGOT)
		n += (size_t)(f->saved_rend - f->saved_rpos);
	return n;
}

void stdio_drop_input(FILE *f)
{
	f->flags &= ~STDIO_UNGOT;
	f->rpos = f->rend = f->saved_rpos = f->saved_rend = NULL;
}

/* A prompt on stdout shows before the program waits for input. */
static void stdio_flush_prompt(FILE *in)
{
	FILE *out = stdout;

	if (in == out || (in != stdin && in->mode == _IOFBF))
		return;
	if (stdio_lock_try(&out->lock) == 0) {
		if (out->mode == _IOLBF && out->io == STDIO_IO_WRITE)
			stdio_flush_locked(out);
		stdio_lock_drop(&out->lock);
	}
}

int stdio_refill(FILE *f)
{
	ssize_t r;

	if (f->flags & STDIO_UNGOT) {
		/* The pushback is used up: back to the buffer's window. */
		f->flags &= ~STDIO_UNGOT;
		f->rpos = f->saved_rpos;
		f->rend = f->saved_rend;
		if (f->rpos < f->rend)
			return 0;
	}
	if (f->io != STDIO_IO_READ && stdio_begin_read(f) == EOF)
		return EOF;
	if (f->flags & STDIO_EOF)
		return EOF;
	stdio_flush_prompt(f);
	r = f->ops->read(f, f->buf, f->mode == _IONBF ? 1 : f->size);
	if (r <= 0) {
		f->flags |= r == 0 ? STDIO_EOF : STDIO_ERROR;
		f->rpos = f->rend = f->buf;
		return EOF;
	}
	f->rpos = f->buf;
	f->rend = f->buf + r;
	return 0;
}

int stdio_getc_slow(FILE *f)
{
	if (f->rpos >= f->rend && stdio_refill(f) == EOF)
		return EOF;
	return *f->rpos++;
}

/* Sends n bytes from s straight to the descriptor; how many it took. */
static size_t stdio_put_direct(FILE *f, const unsigned char *s, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = f->ops->write(f, s + done, n - done);

		if (w <= 0) {
			f->flags |= STDIO_ERROR;
			if (w == 0)
				errno = EIO;
			break;
		}
		done += (size_t)w;
	}
	return done;
}

/* After a failed flush: the bytes of this put surely delivered. */
static size_t stdio_put_failed(const FILE *f, size_t done)
{
	size_t pending = (size_t)(f->wpos - f->buf);

	return done > pending ? done - pending : 0;
}

size_t stdio_put(FILE *f, const void *data, size_t n)
{
	const unsigned char *s = data;
	size_t done = 0;

	if (f->io != STDIO_IO_WRITE && stdio_begin_write(f) == EOF)
		return 0;
	if (f->mode == _IONBF)
		return stdio_flush_locked(f) == EOF ? 0 : stdio_put_direct(f, s, n);
	while (done < n) {
		size_t room = f->size - (size_t)(f->wpos - f->buf), chunk;

		if (f->wpos == f->buf && n - done >= f->size)
			return done + stdio_put_direct(f, s + done, n - done);
		chunk = n - done < room ? n - done : room;
		memcpy(f->wpos, s + done, chunk);
		f->wpos += chunk;
		done += chunk;
		if (f->wpos == f->buf + f->size && stdio_flush_locked(f) == EOF)
			return stdio_put_failed(f, done);
	}
	if (f->mode == _IOLBF && memchr(s, '\n', n) && stdio_flush_locked(f) == EOF)
		return stdio_put_failed(f, done);
	return done;
}

int stdio_putc_slow(FILE *f, int c)
{
	unsigned char ch = (unsigned char)c;

	return stdio_put(f, &ch, 1) == 1 ? ch : EOF;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	STDIO_LOCK(f);
	/* Nothing may stay in the old buffer: send output, give input back. */
	if (stdio_flush_locked(f) == EOF || stdio_unread(f)) {
		STDIO_UNLOCK(f);
		return -1;
	}
	if (f->flags & STDIO_OWN_BUF)
		free(f->buf);
	f->flags &= ~(STDIO_OWN_BUF | STDIO_TTY_CHECK);
	f->mode = mode;
	f->buf = mode != _IONBF && buf && size ? (unsigned char *)buf : NULL;
	f->size = mode != _IONBF ? size : 0;
	f->io = STDIO_IO_IDLE;
	f->rpos = f->rend = f->wpos = f->wend = NULL;
	STDIO_UNLOCK(f);
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setbuffer(FILE *restrict f, char *restrict buf, size_t size)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, size);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}
