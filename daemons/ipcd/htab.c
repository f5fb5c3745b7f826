// SPDX-License-Identifier: MIT
/*
 * Handle tables (htab.h). A growable array indexed by handle - 1. The
 * `hint` keeps allocation from rescanning the full prefix of the table:
 * every slot below it is taken, so the search starts there, and freeing a
 * slot lowers it. Handle 0 is never given out, so a zero handle can mean
 * "none yet" elsewhere (an endpoint waiting in a backlog).
 */
#include "htab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define IPCD_HTAB_MIN 16

void ipcd_htab_init(ipcd_htab_t *t)
{
	memset(t, 0, sizeof(*t));
}

void ipcd_htab_fini(ipcd_htab_t *t)
{
	free(t->ent);
	memset(t, 0, sizeof(*t));
}

static int ipcd_htab_grow(ipcd_htab_t *t)
{
	size_t cap = t->cap ? t->cap * 2 : IPCD_HTAB_MIN;
	ipcd_hent_t *ent = realloc(t->ent, cap * sizeof(*ent));

	if (!ent)
		return -ENOMEM;
	memset(ent + t->cap, 0, (cap - t->cap) * sizeof(*ent));
	t->ent = ent;
	t->cap = cap;
	return 0;
}

long ipcd_htab_add(ipcd_htab_t *t, void *obj, unsigned events)
{
	size_t i = t->hint;

	while (i < t->cap && t->ent[i].obj)
		i++;
	if (i == t->cap && ipcd_htab_grow(t) < 0)
		return -ENOMEM;
	t->ent[i] = (ipcd_hent_t){ .obj = obj, .events = events };
	t->hint = i + 1;
	return (long)i + 1;
}

void *ipcd_htab_get(const ipcd_htab_t *t, uint64_t h)
{
	if (h == 0 || h > t->cap)
		return NULL;
	return t->ent[h - 1].obj;
}

void ipcd_htab_remove(ipcd_htab_t *t, uint64_t h)
{
	if (!ipcd_htab_get(t, h))
		return;
	t->ent[h - 1] = (ipcd_hent_t){ 0 };
	if (h - 1 < t->hint)
		t->hint = h - 1;
}

void ipcd_htab_update(ipcd_htab_t *t, scheme_server_t *srv, uint64_t h, unsigned events)
{
	if (!ipcd_htab_get(t, h) || t->ent[h - 1].events == events)
		return;
	t->ent[h - 1].events = events;
	scheme_notify(srv, h, events);
}

uint64_t ipcd_htab_last(const ipcd_htab_t *t)
{
	return t->cap;
}
