// SPDX-License-Identifier: MIT
/*
 * The rand: scheme. Every handle reads from the one generator (rng.c):
 * a read of len bytes gets len bytes, never fewer and never blocking,
 * since the generator is seeded before the scheme is registered. A
 * write mixes its bytes into the generator's key, which anyone may do:
 * mixing cannot lower the key's unpredictability, and a program with
 * entropy of its own (a timer, a network card) can add it. Handles have
 * no state of their own, so a handle is only a number from a counter.
 * The one name is "" (the URL "rand:").
 */
#include "rand.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <string.h>

void rand_state_init(rand_state_t *st, rng_entropy_fn entropy, void *ctx)
{
	rng_init(&st->rng, entropy, ctx);
	st->next_handle = 1;
}

/* A new handle; the generator is always readable and writable. */
static long rand_handle_new(rand_state_t *st, scheme_call_t *c)
{
	c->events = EVENT_READ | EVENT_WRITE;
	return (long)st->next_handle++;
}

static long rand_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	(void)flags;
	if (path[0] != '\0')
		return -ENOENT;
	return rand_handle_new(st, c);
}

static long rand_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	(void)h;
	if (path[0] != '\0')
		return -ENOENT;
	return rand_handle_new(st, c);
}

static long rand_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	rand_state_t *rs = st;

	(void)c, (void)h;
	if (len && !buf)
		return -EFAULT;
	rng_read(&rs->rng, buf, len);
	return (long)len;
}

static long rand_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	rand_state_t *rs = st;

	(void)c, (void)h;
	if (len && !buf)
		return -EFAULT;
	rng_mix(&rs->rng, buf, len);
	return (long)len;
}

static long rand_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	(void)st, (void)c, (void)h;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFCHR | 0666;
	out->nlink = 1;
	return 0;
}

static long rand_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)st, (void)c, (void)h, (void)wanted;
	return EVENT_READ | EVENT_WRITE;
}

const scheme_ops_t rand_ops = {
	.open = rand_open,
	.dup = rand_dup,
	.read = rand_read,
	.write = rand_write,
	.fstat = rand_fstat,
	.fevent = rand_fevent,
};
