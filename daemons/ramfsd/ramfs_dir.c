// SPDX-License-Identifier: MIT
/*
 * Directory entries. Each entry is in two structures:
 *
 *   - one hash table for the whole file system, keyed by (directory,
 *     name), so a lookup costs the same in a directory of a million
 *     names as in one of ten;
 *   - its directory's slot array, in cookie order. A cookie is a number
 *     the directory hands out in increasing order at each insertion and
 *     never reuses, so "the entries from cookie k on" means the same
 *     thing however many entries were removed or added meanwhile.
 *
 * getdents keeps a cookie as its position, which gives readdir the
 * stability POSIX asks for: an entry present for the whole listing is
 * returned exactly once, whatever else is unlinked or created (new
 * entries come after every old cookie, so they may show up at the end).
 * Removing an entry leaves its slot as a tombstone (ent NULL, cookie
 * kept) so the array stays sorted for binary search; the array is
 * compacted when tombstones outnumber live entries, which keeps removal
 * amortized O(log n) and scanning past tombstones bounded.
 */
#include "ramfs_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define RAMFS_HASH_MIN 64

/* FNV-1a over the name, seeded with the directory's inode number. */
static uint32_t ramfs_dir_hash(const ramfs_node_t *dir, const char *name, size_t len)
{
	uint64_t h = 14695981039346656037ull ^ dir->ino;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 1099511628211ull;
	return (uint32_t)(h ^ (h >> 32));
}

long ramfs_dir_init(ramfs_t *fs)
{
	fs->hash = calloc(RAMFS_HASH_MIN, sizeof(*fs->hash));
	if (!fs->hash)
		return -ENOMEM;
	fs->hash_cap = RAMFS_HASH_MIN;
	fs->hash_count = 0;
	return 0;
}

void ramfs_dir_fini(ramfs_t *fs)
{
	for (size_t i = 0; i < fs->hash_cap; i++) {
		ramfs_dirent_t *e = fs->hash[i], *next;
		for (; e; e = next) {
			next = e->hnext;
			free(e);
		}
	}
	free(fs->hash);
	fs->hash = NULL;
	fs->hash_cap = fs->hash_count = 0;
}

ramfs_dirent_t *ramfs_dir_lookup(const ramfs_t *fs, const ramfs_node_t *dir, const char *name,
				 size_t len)
{
	uint32_t h = ramfs_dir_hash(dir, name, len);

	for (ramfs_dirent_t *e = fs->hash[h & (fs->hash_cap - 1)]; e; e = e->hnext)
		if (e->hash == h && e->dir == dir && e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

/* Doubles the table; failing to is harmless (chains just get longer). */
static void ramfs_dir_hash_grow(ramfs_t *fs)
{
	size_t cap = fs->hash_cap * 2;
	ramfs_dirent_t **t = calloc(cap, sizeof(*t));

	if (!t)
		return;
	for (size_t i = 0; i < fs->hash_cap; i++) {
		ramfs_dirent_t *e = fs->hash[i], *next;
		for (; e; e = next) {
			next = e->hnext;
			e->hnext = t[e->hash & (cap - 1)];
			t[e->hash & (cap - 1)] = e;
		}
	}
	free(fs->hash);
	fs->hash = t;
	fs->hash_cap = cap;
}

static long ramfs_dir_slot_reserve(ramfs_dir_t *d)
{
	size_t cap = d->cap ? d->cap * 2 : 8;
	ramfs_slot_t *s;

	if (d->nslots < d->cap)
		return 0;
	s = realloc(d->slots, cap * sizeof(*s));
	if (!s)
		return -ENOMEM;
	d->slots = s;
	d->cap = cap;
	return 0;
}

long ramfs_dir_add(ramfs_t *fs, ramfs_node_t *dir, const char *name, size_t len,
		   ramfs_node_t *node)
{
	ramfs_dir_t *d = &dir->dir;
	ramfs_dirent_t *e;
	size_t b;

	if (ramfs_dir_slot_reserve(d) < 0 || !(e = malloc(sizeof(*e) + len + 1)))
		return -ENOMEM;
	e->dir = dir;
	e->node = node;
	e->cookie = d->next_cookie++;
	e->hash = ramfs_dir_hash(dir, name, len);
	e->len = (uint16_t)len;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	d->slots[d->nslots++] = (ramfs_slot_t){ e->cookie, e };
	d->live++;
	b = e->hash & (fs->hash_cap - 1);
	e->hnext = fs->hash[b];
	fs->hash[b] = e;
	if (++fs->hash_count > fs->hash_cap)
		ramfs_dir_hash_grow(fs);
	return 0;
}

/* The first slot whose cookie is >= cookie (nslots if none). */
static size_t ramfs_dir_lower_bound(const ramfs_dir_t *d, uint64_t cookie)
{
	size_t lo = 0, hi = d->nslots;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->slots[mid].cookie < cookie)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Drops the tombstones; cookies, and so readers' positions, stay valid. */
static void ramfs_dir_compact(ramfs_dir_t *d)
{
	size_t j = 0;

	for (size_t i = 0; i < d->nslots; i++)
		if (d->slots[i].ent)
			d->slots[j++] = d->slots[i];
	d->nslots = j;
}

void ramfs_dir_remove(ramfs_t *fs, ramfs_dirent_t *e)
{
	ramfs_dir_t *d = &e->dir->dir;
	ramfs_dirent_t **pp = &fs->hash[e->hash & (fs->hash_cap - 1)];
	size_t i = ramfs_dir_lower_bound(d, e->cookie);

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	fs->hash_count--;
	d->slots[i].ent = NULL;
	d->live--;
	if (d->nslots > 2 * d->live + 8)
		ramfs_dir_compact(d);
	free(e);
}

ramfs_dirent_t *ramfs_dir_from(const ramfs_node_t *dir, uint64_t cookie)
{
	const ramfs_dir_t *d = &dir->dir;

	for (size_t i = ramfs_dir_lower_bound(d, cookie); i < d->nslots; i++)
		if (d->slots[i].ent)
			return d->slots[i].ent;
	return NULL;
}

void ramfs_dir_free(ramfs_node_t *dir)
{
	free(dir->dir.slots);
	dir->dir.slots = NULL;
	dir->dir.nslots = dir->dir.cap = dir->dir.live = 0;
}
