// SPDX-License-Identifier: MIT
/*
 * Pairs, their names, and handles.
 *
 * Pairs are kept in one list in creation order (their id), which gives
 * the directory listing stable cookies. A pair is "attached" while its
 * name opens it: from creation until its master closes. The hung-up pair
 * then lives on, nameless, while slaves still have it open, so a console
 * driver that restarts can make a new pty:master/console at once. A pair
 * is freed when its last handle closes.
 *
 * Numbered pairs take the lowest number no attached pair is called by;
 * named ones any name of up to 31 printable characters without '/'.
 *
 * Handles are numbered from 1 and never reused (a late request for a
 * closed handle finds nothing), and found through a small hash table.
 */
#include "pty.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pty_state_init(pty_state_t *st, scheme_server_t *srv, const pty_sys_t *sys)
{
	memset(st, 0, sizeof(*st));
	st->srv = srv;
	st->sys = *sys;
	st->next_pair_id = 1;
	st->next_handle_id = 1;
}

void pty_state_destroy(pty_state_t *st)
{
	for (unsigned b = 0; b < PTY_HASH; b++)
		while (st->hash[b])
			pty_handle_free(st, st->hash[b]);
	while (st->pairs) {
		pty_pair_t *p = st->pairs;
		st->pairs = p->next;
		pty_waits_drop(p, NULL);
		free(p);
	}
	st->npairs = 0;
}

/* --- names ---------------------------------------------------------------------- */

pty_pair_t *pty_pair_find(pty_state_t *st, const char *name)
{
	for (pty_pair_t *p = st->pairs; p; p = p->next)
		if (p->attached && strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* The lowest number no attached pair is called by, as a name. */
static void pty_pair_number(pty_state_t *st, char *name)
{
	for (unsigned n = 0;; n++) {
		snprintf(name, PTY_NAME_MAX, "%u", n);
		if (!pty_pair_find(st, name))
			return;
	}
}

static bool pty_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= PTY_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] <= ' ' || name[i] == 0x7f)
			return false;
	return true;
}

/*
 * A new pair, attached, named `name` (NULL: numbered), owned by the
 * caller; NULL with *err = -EINVAL (bad name), -EEXIST, -ENOSPC, -ENOMEM.
 */
pty_pair_t *pty_pair_create(pty_state_t *st, const char *name, scheme_call_t *c, long *err)
{
	if (name && !pty_name_valid(name)) {
		*err = -EINVAL;
		return NULL;
	}
	if (name && pty_pair_find(st, name)) {
		*err = -EEXIST;
		return NULL;
	}
	if (st->npairs >= PTY_PAIRS_MAX) {
		*err = -ENOSPC;
		return NULL;
	}
	pty_pair_t *p = calloc(1, sizeof(*p));
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	p->id = st->next_pair_id++;
	if (name)
		strcpy(p->name, name);
	else
		pty_pair_number(st, p->name);
	p->named = name != NULL;
	p->attached = true;
	p->uid = c->uid;
	p->gid = c->gid;
	p->winsize = (abi_winsize_t){ .row = 24, .col = 80 };
	ldisc_init(&p->ld);
	pty_pair_t **pp = &st->pairs;
	while (*pp)
		pp = &(*pp)->next;
	*pp = p;
	st->npairs++;
	return p;
}

void pty_pair_detach(pty_pair_t *p)
{
	p->attached = false;
}

bool pty_pair_release(pty_state_t *st, pty_pair_t *p)
{
	if (p->handles)
		return false;
	for (pty_pair_t **pp = &st->pairs; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	pty_waits_drop(p, NULL);
	free(p);
	st->npairs--;
	return true;
}

pty_pair_t *pty_session_tty(pty_state_t *st, int sid)
{
	if (sid <= 0)
		return NULL;
	for (pty_pair_t *p = st->pairs; p; p = p->next)
		if (p->sid == sid)
			return p;
	return NULL;
}

/* --- handles -------------------------------------------------------------------- */

pty_handle_t *pty_handle_new(pty_state_t *st, pty_pair_t *p, pty_kind_t kind)
{
	pty_handle_t *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->id = st->next_handle_id++;
	h->kind = kind;
	h->pair = p;
	h->hnext = st->hash[h->id % PTY_HASH];
	st->hash[h->id % PTY_HASH] = h;
	if (p) {
		h->pnext = p->handles;
		p->handles = h;
		if (kind == PTY_MASTER)
			p->masters++;
		else if (kind == PTY_SLAVE)
			p->slaves++;
		else
			p->others++;
	}
	return h;
}

pty_handle_t *pty_handle_find(pty_state_t *st, uint64_t id)
{
	for (pty_handle_t *h = st->hash[id % PTY_HASH]; h; h = h->hnext)
		if (h->id == id)
			return h;
	return NULL;
}

/* Unlinks and frees h; its pair's counts drop (the caller decides what that means). */
void pty_handle_free(pty_state_t *st, pty_handle_t *h)
{
	pty_handle_t **pp = &st->hash[h->id % PTY_HASH];

	while (*pp != h)
		pp = &(*pp)->hnext;
	*pp = h->hnext;
	pty_pair_t *p = h->pair;
	if (p) {
		for (pp = &p->handles; *pp != h; pp = &(*pp)->pnext)
			;
		*pp = h->pnext;
		if (h->kind == PTY_MASTER)
			p->masters--;
		else if (h->kind == PTY_SLAVE)
			p->slaves--;
		else
			p->others--;
		pty_waits_drop(p, h);
	}
	free(h);
}
