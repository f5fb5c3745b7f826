// SPDX-License-Identifier: MIT
/*
 * File data: a radix tree of 4 KiB pages, 512 pointers per interior
 * node, as deep as the highest page needs (a page itself at height 0, up
 * to 6 levels for 2^63 bytes). A page is allocated only when a write
 * touches it, so a hole — anything never written, or cut off and grown
 * back — costs nothing and reads as zeros.
 *
 * Invariant: the bytes of allocated pages past the file's size are zero.
 * Shrinking zeroes the tail of the page the new end falls in and frees
 * the pages wholly past it (and interior nodes left empty), so a later
 * write or truncate that extends the file exposes only zeros.
 *
 * Page accounting is per file (st_blocks) and per file system (the
 * max_pages limit, -ENOSPC beyond it).
 */
#include "ramfs_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define RAMFS_FAN_SHIFT 9
#define RAMFS_FAN       (1u << RAMFS_FAN_SHIFT)
#define RAMFS_MAX_SIZE  ((uint64_t)INT64_MAX)

/* Pages under a node of height h. */
static uint64_t ramfs_data_span(unsigned h)
{
	return 1ull << (RAMFS_FAN_SHIFT * h);
}

static unsigned ramfs_data_index(uint64_t page, unsigned h)
{
	return (unsigned)(page >> (RAMFS_FAN_SHIFT * (h - 1))) & (RAMFS_FAN - 1);
}

static void *ramfs_data_page(const ramfs_data_t *d, uint64_t page)
{
	void *n = d->root;

	if (page >= ramfs_data_span(d->height))
		return NULL;
	for (unsigned h = d->height; h > 0 && n; h--)
		n = ((void **)n)[ramfs_data_index(page, h)];
	return n;
}

/* Adds levels on top until page fits under the root. */
static long ramfs_data_grow(ramfs_data_t *d, uint64_t page)
{
	while (page >= ramfs_data_span(d->height)) {
		if (d->root) {
			void **n = calloc(RAMFS_FAN, sizeof(*n));
			if (!n)
				return -ENOMEM;
			n[0] = d->root;
			d->root = n;
		}
		d->height++;
	}
	return 0;
}

/* The page, allocated (zeroed) if it was a hole. */
static long ramfs_data_page_get(ramfs_t *fs, ramfs_data_t *d, uint64_t page, char **out)
{
	void **slot = &d->root;
	long err = ramfs_data_grow(d, page);

	if (err)
		return err;
	for (unsigned h = d->height; h > 0; h--) {
		if (!*slot && !(*slot = calloc(RAMFS_FAN, sizeof(void *))))
			return -ENOMEM;
		slot = &((void **)*slot)[ramfs_data_index(page, h)];
	}
	if (!*slot) {
		if (fs->pages >= fs->cfg.max_pages)
			return -ENOSPC;
		if (!(*slot = fs->cfg.page_alloc()))
			return -ENOMEM;
		memset(*slot, 0, RAMFS_PAGE);
		fs->pages++;
		d->pages++;
	}
	*out = *slot;
	return 0;
}

long ramfs_data_read(ramfs_t *fs, ramfs_data_t *d, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	(void)fs;
	if (off >= d->size)
		return 0;
	if (len > d->size - off)
		len = (size_t)(d->size - off);
	if (len > INT64_MAX)
		len = INT64_MAX;
	while (done < len) {
		uint64_t at = off + done;
		size_t in = at % RAMFS_PAGE, n = RAMFS_PAGE - in;
		const char *p = ramfs_data_page(d, at / RAMFS_PAGE);
		if (n > len - done)
			n = len - done;
		if (p)
			memcpy((char *)buf + done, p + in, n);
		else
			memset((char *)buf + done, 0, n);
		done += n;
	}
	return (long)done;
}

long ramfs_data_write(ramfs_t *fs, ramfs_data_t *d, uint64_t off, const void *buf, size_t len)
{
	size_t done = 0;
	long err = 0;

	if (off > RAMFS_MAX_SIZE || len > RAMFS_MAX_SIZE - off)
		return -EFBIG;
	while (done < len) {
		uint64_t at = off + done;
		size_t in = at % RAMFS_PAGE, n = RAMFS_PAGE - in;
		char *p;
		if (n > len - done)
			n = len - done;
		if ((err = ramfs_data_page_get(fs, d, at / RAMFS_PAGE, &p)) < 0)
			break;
		memcpy(p + in, (const char *)buf + done, n);
		done += n;
	}
	if (done && off + done > d->size)
		d->size = off + done;
	return done ? (long)done : err;
}

/* Frees the pages >= first under *slot (height h, first page base);
 * true when nothing is left there. */
static bool ramfs_data_cut(ramfs_t *fs, ramfs_data_t *d, void **slot, unsigned h,
			   uint64_t base, uint64_t first)
{
	bool empty = true;
	uint64_t span;
	void **n = *slot;

	if (!n)
		return true;
	if (h == 0) {
		if (base < first)
			return false;
		fs->cfg.page_free(n);
		fs->pages--;
		d->pages--;
		*slot = NULL;
		return true;
	}
	span = ramfs_data_span(h - 1);
	for (unsigned i = 0; i < RAMFS_FAN; i++) {
		uint64_t b = base + i * span;
		if (b + span <= first)
			empty = empty && !n[i];
		else if (!ramfs_data_cut(fs, d, &n[i], h - 1, b, first))
			empty = false;
	}
	if (empty) {
		free(n);
		*slot = NULL;
	}
	return empty;
}

long ramfs_data_truncate(ramfs_t *fs, ramfs_data_t *d, uint64_t size)
{
	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < d->size) {
		char *p = ramfs_data_page(d, size / RAMFS_PAGE);
		if (p && size % RAMFS_PAGE)
			memset(p + size % RAMFS_PAGE, 0, RAMFS_PAGE - size % RAMFS_PAGE);
		uint64_t first = (size + RAMFS_PAGE - 1) / RAMFS_PAGE;
		if (ramfs_data_cut(fs, d, &d->root, d->height, 0, first))
			d->height = 0;
	}
	d->size = size;
	return 0;
}

/* The first allocated page >= from under slot, or UINT64_MAX. */
static uint64_t ramfs_data_next(void *n, unsigned h, uint64_t base, uint64_t from)
{
	uint64_t span;

	if (!n)
		return UINT64_MAX;
	if (h == 0)
		return base >= from ? base : UINT64_MAX;
	span = ramfs_data_span(h - 1);
	for (unsigned i = 0; i < RAMFS_FAN; i++) {
		uint64_t b = base + i * span, r;
		if (b + span <= from)
			continue;
		if ((r = ramfs_data_next(((void **)n)[i], h - 1, b, from)) != UINT64_MAX)
			return r;
	}
	return UINT64_MAX;
}

long ramfs_data_seek(const ramfs_data_t *d, uint64_t off, int whence)
{
	uint64_t page = off / RAMFS_PAGE, at;

	if (off >= d->size)
		return -ENXIO;
	if (whence == RAMFS_SEEK_DATA) {
		page = ramfs_data_next(d->root, d->height, 0, page);
		if (page == UINT64_MAX || page >= (d->size + RAMFS_PAGE - 1) / RAMFS_PAGE)
			return -ENXIO;
	} else {
		while (page * RAMFS_PAGE < d->size && ramfs_data_page(d, page))
			page++;
	}
	at = page * RAMFS_PAGE;
	if (at < off)
		at = off;
	return (long)(at < d->size ? at : d->size);
}
