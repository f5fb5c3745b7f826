// SPDX-License-Identifier: MIT
/*
 * The null: scheme. Every open file is the same bottomless sink: reads
 * see end-of-file at once, writes take every byte and keep none. Files
 * have no state of their own, so a handle is only a number from a
 * counter and closing one has nothing to release; the kernel sends
 * requests only for handles this daemon gave out, so none are checked.
 * The one name is "" (the URL "null:"); any other path does not exist.
 */
#include "null.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <string.h>

void null_state_init(null_state_t *st)
{
	st->next_handle = 1;
}

/* A new handle; the sink is always readable (EOF) and writable. */
static long null_handle_new(null_state_t *st, scheme_call_t *c)
{
	c->events = EVENT_READ | EVENT_WRITE;
	return (long)st->next_handle++;
}

static long null_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	(void)flags;
	if (path[0] != '\0')
		return -ENOENT;
	return null_handle_new(st, c);
}

static long null_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	(void)h;
	if (path[0] != '\0')
		return -ENOENT;
	return null_handle_new(st, c);
}

static long null_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	(void)st, (void)c, (void)h, (void)buf, (void)len;
	return 0;
}

static long null_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	(void)st, (void)c, (void)h, (void)buf;
	return (long)len;
}

static long null_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	(void)st, (void)c, (void)h;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFCHR | 0666;
	out->nlink = 1;
	return 0;
}

static long null_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)st, (void)c, (void)h, (void)wanted;
	return EVENT_READ | EVENT_WRITE;
}

const scheme_ops_t null_ops = {
	.open = null_open,
	.dup = null_dup,
	.read = null_read,
	.write = null_write,
	.fstat = null_fstat,
	.fevent = null_fevent,
};
