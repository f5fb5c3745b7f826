// SPDX-License-Identifier: MIT
/*
 * <stdio_ext.h>: the stream's state as the Solaris/glibc interface reports
 * it, read from the FILE of stream.h under the stream's lock.
 *
 * "Reading" and "writing" follow glibc: a stream open only for reading
 * (or only for writing) always answers so; otherwise the direction of the
 * last operation decides (f->io), and an idle stream is neither.
 * __fpending counts [buf, wpos), which is exactly what a flush would
 * send. __fpurge forgets read-ahead and pushback without seeking (the
 * descriptor stays where it is) and drops unwritten output. Locking is
 * always internal: FSETLOCKING_BYCALLER is accepted, and the stream keeps
 * locking itself, which is only slower.
 */
#include "stream.h"

#include <stdio_ext.h>

size_t __fbufsize(FILE *f)
{
	size_t n;

	STDIO_LOCK(f);
	n = f->buf ? f->size : 0;
	STDIO_UNLOCK(f);
	return n;
}

size_t __fpending(FILE *f)
{
	size_t n = 0;

	STDIO_LOCK(f);
	if (f->io == STDIO_IO_WRITE && f->wpos)
		n = (size_t)(f->wpos - f->buf);
	STDIO_UNLOCK(f);
	return n;
}

int __freading(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = (f->flags & (STDIO_CAN_READ | STDIO_CAN_WRITE)) == STDIO_CAN_READ ||
	    f->io == STDIO_IO_READ;
	STDIO_UNLOCK(f);
	return r;
}

int __fwriting(FILE *f)
{
	int r;

	STDIO_LOCK(f);
	r = (f->flags & (STDIO_CAN_READ | STDIO_CAN_WRITE)) == STDIO_CAN_WRITE ||
	    f->io == STDIO_IO_WRITE;
	STDIO_UNLOCK(f);
	return r;
}

int __freadable(FILE *f)
{
	return (f->flags & STDIO_CAN_READ) != 0;
}

int __fwritable(FILE *f)
{
	return (f->flags & STDIO_CAN_WRITE) != 0;
}

int __flbf(FILE *f)
{
	return f->mode == _IOLBF;
}

void __fpurge(FILE *f)
{
	STDIO_LOCK(f);
	stdio_drop_input(f);
	if (f->io == STDIO_IO_WRITE)
		f->wpos = f->buf;
	STDIO_UNLOCK(f);
}

void _flushlbf(void)
{
	stdio_list_lock();
	for (FILE *f = stdio_list_first_locked(); f; f = f->next) {
		if (f->io != STDIO_IO_WRITE || f->mode != _IOLBF)
			continue;
		STDIO_LOCK(f);
		if (f->io == STDIO_IO_WRITE)
			stdio_flush_locked(f);
		STDIO_UNLOCK(f);
	}
	stdio_list_unlock();
}

int __fsetlocking(FILE *f, int type)
{
	(void)f;
	(void)type;
	return FSETLOCKING_INTERNAL;
}
