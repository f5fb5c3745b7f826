// SPDX-License-Identifier: MIT
/*
 * The zero: scheme. Every open file is the same stream: a read fills the
 * whole buffer with zeros (there is no end), a write takes every byte
 * and keeps none. Files have no state of their own, so a handle is only
 * a number from a counter and closing one has nothing to release; the
 * kernel sends requests only for handles this daemon gave out, so none
 * are checked. The one name is "" (the URL "zero:").
 */
#include "zero.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <string.h>

void zero_state_init(zero_state_t *st)
{
	st->next_handle = 1;
}

/* A new handle; the stream is always readable and writable. */
static long zero_handle_new(zero_state_t *st, scheme_call_t *c)
{
	c->events = EVENT_READ | EVENT_WRITE;
	return (long)st->next_handle++;
}

static long zero_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	(void)flags;
	if (path[0] != '\0')
		return -ENOENT;
	return zero_handle_new(st, c);
}

static long zero_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	(void)h;
	if (path[0] != '\0')
		return -ENOENT;
	return zero_handle_new(st, c);
}

/* The buffer may be the caller's own pages (zero copy): memset them. */
static long zero_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	(void)st, (void)c, (void)h;
	if (len && !buf)
		return -EFAULT;
	if (len)
		memset(buf, 0, len);
	return (long)len;
}

static long zero_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	(void)st, (void)c, (void)h, (void)buf;
	return (long)len;
}

static long zero_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	(void)st, (void)c, (void)h;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFCHR | 0666;
	out->nlink = 1;
	return 0;
}

static long zero_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)st, (void)c, (void)h, (void)wanted;
	return EVENT_READ | EVENT_WRITE;
}

const scheme_ops_t zero_ops = {
	.open = zero_open,
	.dup = zero_dup,
	.read = zero_read,
	.write = zero_write,
	.fstat = zero_fstat,
	.fevent = zero_fevent,
};
