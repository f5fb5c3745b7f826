// SPDX-License-Identifier: MIT
/*
 * Handle tables: each scheme numbers its open handles 1, 2, 3... (slot
 * index + 1, the lowest free slot first, so numbers stay small) and
 * remembers, per handle, the readiness it last told the kernel. Readiness
 * is announced only when it changes, so the owners of handles call
 * ipcd_htab_update() after every state change without flooding the
 * outbox.
 */
#pragma once

#include <libscheme/libscheme.h>

#include <stddef.h>
#include <stdint.h>

typedef struct ipcd_hent {
	void *obj;              /* NULL: a free slot */
	unsigned events;        /* the readiness the kernel knows */
} ipcd_hent_t;

typedef struct ipcd_htab {
	ipcd_hent_t *ent;
	size_t cap;
	size_t hint;            /* no free slot below this index */
} ipcd_htab_t;

void ipcd_htab_init(ipcd_htab_t *t);
void ipcd_htab_fini(ipcd_htab_t *t);

/* Gives obj a handle whose known readiness is `events`; the handle or -ENOMEM. */
long ipcd_htab_add(ipcd_htab_t *t, void *obj, unsigned events);
/* The object behind h, or NULL for a bad handle. */
void *ipcd_htab_get(const ipcd_htab_t *t, uint64_t h);
void ipcd_htab_remove(ipcd_htab_t *t, uint64_t h);
/* Notifies h's readiness if it differs from what the kernel knows. */
void ipcd_htab_update(ipcd_htab_t *t, scheme_server_t *srv, uint64_t h, unsigned events);
/* The highest handle number that may be in use (for walking every handle). */
uint64_t ipcd_htab_last(const ipcd_htab_t *t);
