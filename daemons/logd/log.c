// SPDX-License-Identifier: MIT
/*
 * The log: scheme.
 *
 * Opening "log:NAME" gives a handle that writes as NAME ("log:" writes
 * as "?"). Text is cut into lines as it arrives: each handle keeps the
 * line it is in the middle of, so a line may come in any number of
 * writes and several sources may write at once without their lines
 * mixing. A whole line goes out as "[NAME] text\n", to the sink and into
 * the ring (ring.c). A line longer than LOG_LINE_MAX is cut there and
 * continued as a new line with the same prefix, so one source cannot
 * hold unbounded memory or a line of any length. Closing a handle
 * forwards the line it was in the middle of, so a message is never
 * lost for want of its newline.
 *
 * Every handle also reads the ring from its own offset, which starts at
 * 0 (the oldest line kept): opening "log:" and reading it to the end is
 * how the log is inspected, like dmesg. A read at the end returns 0.
 *
 * Handles index a table of pointers, reusing free slots; names are at
 * most LOG_NAME_MAX bytes of no control characters, since they are
 * printed at the start of every line.
 */
#include "log.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LOG_TABLE_FIRST 16

void log_state_init(log_state_t *st, log_emit_fn emit, void *ctx)
{
	st->emit = emit;
	st->emit_ctx = ctx;
	st->handles = NULL;
	st->nhandles = 0;
	log_ring_init(&st->ring);
}

void log_state_fini(log_state_t *st)
{
	for (size_t i = 0; i < st->nhandles; i++)
		free(st->handles[i]);
	free(st->handles);
	st->handles = NULL;
	st->nhandles = 0;
}

static log_handle_t *log_handle_get(log_state_t *st, uint64_t h)
{
	return h < st->nhandles ? st->handles[h] : NULL;
}

/* A free slot in the table, growing it if there is none; -ENOMEM. */
static long log_slot_find(log_state_t *st)
{
	size_t old = st->nhandles;

	for (size_t i = 0; i < old; i++)
		if (!st->handles[i])
			return (long)i;
	size_t n = old ? 2 * old : LOG_TABLE_FIRST;
	log_handle_t **t = malloc(n * sizeof(*t));
	if (!t)
		return -ENOMEM;
	if (old)
		memcpy(t, st->handles, old * sizeof(*t));
	memset(t + old, 0, (n - old) * sizeof(*t));
	free(st->handles);
	st->handles = t;
	st->nhandles = n;
	return (long)old;
}

/* A new handle writing as `name` and reading from `off`. */
static long log_handle_add(log_state_t *st, scheme_call_t *c, const char *name, uint64_t off)
{
	long slot = log_slot_find(st);
	if (slot < 0)
		return slot;
	log_handle_t *h = malloc(sizeof(*h));
	if (!h)
		return -ENOMEM;
	strcpy(h->name, name);
	h->len = 0;
	h->read_off = off;
	st->handles[slot] = h;
	c->events = EVENT_READ | EVENT_WRITE;
	return slot;
}

/* 0 if path can be a source's name; -ENAMETOOLONG or -EINVAL. */
static long log_name_check(const char *path)
{
	size_t n = strlen(path);

	if (n > LOG_NAME_MAX)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
			return -EINVAL;
	return 0;
}

/* Forwards h's line as "[name] text\n" and starts a new one. */
static void log_line_forward(log_state_t *st, log_handle_t *h)
{
	char out[LOG_FORMATTED_MAX];
	size_t name = strlen(h->name), n = 0;

	out[n++] = '[';
	memcpy(out + n, h->name, name);
	n += name;
	out[n++] = ']';
	out[n++] = ' ';
	memcpy(out + n, h->line, h->len);
	n += h->len;
	out[n++] = '\n';
	h->len = 0;
	log_ring_put(&st->ring, out, n);
	if (st->emit)
		st->emit(st->emit_ctx, out, n);
}

/*
 * Adds text to h's line, forwarding every line it completes. A full line
 * is cut only when more text follows, so exactly LOG_LINE_MAX bytes and
 * then '\n' is one line, not that line and an empty one.
 */
static void log_text_add(log_state_t *st, log_handle_t *h, const char *p, size_t n)
{
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t text = nl ? (size_t)(nl - p) : n;
		size_t take = text < LOG_LINE_MAX - h->len ? text : LOG_LINE_MAX - h->len;

		memcpy(h->line + h->len, p, take);
		h->len += take, p += take, n -= take;
		if (take < text) {
			log_line_forward(st, h);        /* too long: cut here */
		} else if (nl) {
			log_line_forward(st, h);
			p++, n--;
		}
	}
}

static long log_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	long err = log_name_check(path);

	(void)flags;
	if (err)
		return err;
	return log_handle_add(st, c, path[0] ? path : "?", 0);
}

/* dup(h, ""): the same name and read offset, a line of its own. */
static long log_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	log_handle_t *lh = log_handle_get(st, h);

	if (!lh)
		return -EBADF;
	if (path[0] != '\0')
		return -ENOENT;
	return log_handle_add(st, c, lh->name, lh->read_off);
}

static void log_close(void *st, scheme_call_t *c, uint64_t h)
{
	log_state_t *ls = st;
	log_handle_t *lh = log_handle_get(ls, h);

	(void)c;
	if (!lh)
		return;
	if (lh->len)
		log_line_forward(ls, lh);
	free(lh);
	ls->handles[h] = NULL;
}

static long log_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	log_handle_t *lh = log_handle_get(st, h);

	(void)c;
	if (!lh)
		return -EBADF;
	if (len && !buf)
		return -EFAULT;
	log_text_add(st, lh, buf, len);
	return (long)len;
}

static long log_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	log_state_t *ls = st;
	log_handle_t *lh = log_handle_get(ls, h);

	(void)c;
	if (!lh)
		return -EBADF;
	if (len && !buf)
		return -EFAULT;
	return (long)log_ring_read(&ls->ring, &lh->read_off, buf, len);
}

static long log_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	(void)c;
	if (!log_handle_get(st, h))
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFCHR | 0666;
	out->nlink = 1;
	return 0;
}

/* Always ready: a write never waits, a read at the end returns 0. */
static long log_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c, (void)wanted;
	if (!log_handle_get(st, h))
		return -EBADF;
	return EVENT_READ | EVENT_WRITE;
}

const scheme_ops_t log_ops = {
	.open = log_open,
	.dup = log_dup,
	.close = log_close,
	.read = log_read,
	.write = log_write,
	.fstat = log_fstat,
	.fevent = log_fevent,
};
