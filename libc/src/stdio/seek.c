// SPDX-License-Identifier: MIT
/*
 * Positioning: fseek, ftell and their off_t and fpos_t forms.
 *
 * The stream's position is the descriptor's offset corrected by what the
 * buffer holds: minus the input read ahead (and each pushed-back byte, as
 * ungetc decrements the position), plus the output not yet sent. In
 * append mode every write lands at the end whatever the offset, so ftell
 * first sends pending output and then asks.
 *
 * A seek sends pending output, drops read-ahead and pushback, clears the
 * end-of-file indicator and leaves the stream idle, so that the next
 * operation may read or write: the C17 way to switch a "+" stream's
 * direction.
 */
#include "stream.h"

#include <errno.h>

off_t stdio_tell_locked(FILE *f)
{
	off_t pos;

	if (f->io == STDIO_IO_WRITE && (f->flags & STDIO_APPEND) &&
	    stdio_flush_locked(f) == EOF)
		return -1;
	pos = f->ops->seek(f, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	if (f->io == STDIO_IO_READ)
		pos -= (off_t)stdio_unread(f);
	else if (f->io == STDIO_IO_WRITE)
		pos += f->wpos - f->buf;
	if (pos < 0) {
		/* More bytes pushed back than were read: no position. */
		errno = EIO;
		return -1;
	}
	return pos;
}

int stdio_seek_locked(FILE *f, off_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (f->io == STDIO_IO_WRITE && stdio_flush_locked(f) == EOF)
		return -1;
	if (whence == SEEK_CUR && f->io == STDIO_IO_READ)
		offset -= (off_t)stdio_unread(f);
	if (f->ops->seek(f, offset, whence) < 0)
		return -1;
	stdio_drop_input(f);
	f->flags &= ~STDIO_EOF;
	f->io = STDIO_IO_IDLE;
	f->wpos = f->wend = NULL;
	return 0;
}

int fseeko(FILE *f, off_t offset, int whence)
{
	int r;

	STDIO_LOCK(f);
	r = stdio_seek_locked(f, offset, whence);
	STDIO_UNLOCK(f);
	return r;
}

int fseek(FILE *f, long offset, int whence)
{
	return fseeko(f, offset, whence);
}

off_t ftello(FILE *f)
{
	off_t r;

	STDIO_LOCK(f);
	r = stdio_tell_locked(f);
	STDIO_UNLOCK(f);
	return r;
}

long ftell(FILE *f)
{
	off_t r = ftello(f);

	_Static_assert(sizeof(off_t) == sizeof(long), "ftell cannot overflow");
	return (long)r;
}

void rewind(FILE *f)
{
	STDIO_LOCK(f);
	stdio_seek_locked(f, 0, SEEK_SET);
	f->flags &= ~STDIO_ERROR;
	STDIO_UNLOCK(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t r = ftello(f);

	if (r < 0)
		return -1;
	pos->__offset = r;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->__offset, SEEK_SET);
}
