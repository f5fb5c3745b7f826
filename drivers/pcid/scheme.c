// SPDX-License-Identifier: MIT
/*
 * The pci: scheme's operations (scheme.h) over the table enumeration
 * built. The table never changes after start (no hot plug), so handles
 * point straight at its records. Handles are slots of a growing array,
 * numbered by index; each keeps its own position, as the kernel leaves
 * positions to the daemon.
 *
 * Every configuration access of every driver goes through this one
 * thread, which is what serialises the legacy mechanism's two-step
 * address/data port dance.
 */
#include "scheme.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCID_DEV     0x70636900ull      /* "pci" */
#define PCID_INFO_SZ 4096

void pcid_init(pcid_t *p, pci_bus_t *bus)
{
	*p = (pcid_t){ .bus = bus };
}

void pcid_fini(pcid_t *p)
{
	for (unsigned i = 0; i < p->nh; i++)
		free(p->h[i].info);
	free(p->h);
	*p = (pcid_t){ 0 };
}

static pcid_handle_t *handle_get(pcid_t *p, uint64_t h)
{
	return h < p->nh && p->h[h].used ? &p->h[h] : NULL;
}

/* A free slot (the array grows by doubling); its index, or -ENOMEM. */
static long handle_new(pcid_t *p, const pcid_handle_t *init)
{
	unsigned i = 0;

	while (i < p->nh && p->h[i].used)
		i++;
	if (i == p->nh) {
		unsigned n = p->nh ? p->nh * 2 : 16;
		pcid_handle_t *h = realloc(p->h, n * sizeof(*h));
		if (!h)
			return -ENOMEM;
		memset(h + p->nh, 0, (n - p->nh) * sizeof(*h));
		p->h = h;
		p->nh = n;
	}
	p->h[i] = *init;
	p->h[i].used = true;
	return (long)i;
}

static uint64_t handle_ino(const pcid_t *p, const pcid_handle_t *f)
{
	uint64_t base = f->dev ? 2 + 3 * (uint64_t)(f->dev - p->bus->dev) : 0;

	return f->kind == PCID_ROOT ? 1 : base + (uint64_t)(f->kind - PCID_DIR);
}

/* --- open ---------------------------------------------------------------------------- */

static long open_leaf(pcid_t *p, pcid_handle_t *f, const char *leaf, int flags, unsigned uid)
{
	bool wr = (flags & O_ACCMODE) != O_RDONLY;

	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if (strcmp(leaf, "config") == 0) {
		if (wr && uid != 0)
			return -EACCES;
		f->kind = PCID_CONFIG;
		f->writable = wr;
	} else if (strcmp(leaf, "info") == 0) {
		if (wr)
			return -EACCES;
		f->kind = PCID_INFO;
		if (!(f->info = malloc(PCID_INFO_SZ)))
			return -ENOMEM;
		f->info_len = pci_info_format(f->dev, f->info, PCID_INFO_SZ);
	} else {
		return -ENOENT;
	}
	long h = handle_new(p, f);
	if (h < 0)
		free(f->info);
	return h;
}

static long pcid_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	pcid_t *p = st;
	char buf[64];
	pcid_handle_t f = { 0 };

	while (*path == '/')
		path++;
	size_t n = strlen(path);
	while (n && path[n - 1] == '/')
		n--;
	if (n >= sizeof(buf))
		return -ENOENT;
	memcpy(buf, path, n);
	buf[n] = '\0';
	c->events = EVENT_READ | EVENT_WRITE;
	bool wr = (flags & O_ACCMODE) != O_RDONLY;
	if (n == 0) {
		f.kind = PCID_ROOT;
		return wr ? -EISDIR : handle_new(p, &f);
	}
	char *slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (!(f.dev = pci_find(p->bus, buf)))
		return -ENOENT;
	if (slash)
		return open_leaf(p, &f, slash + 1, flags, c->uid);
	f.kind = PCID_DIR;
	return wr ? -EISDIR : handle_new(p, &f);
}

static long pcid_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	pcid_t *p = st;
	pcid_handle_t *f = handle_get(p, h);

	if (!f)
		return -EBADF;
	if (path[0] != '\0')
		return -EINVAL;
	pcid_handle_t copy = *f;
	if (f->info && !(copy.info = malloc(PCID_INFO_SZ)))
		return -ENOMEM;
	if (f->info)
		memcpy(copy.info, f->info, f->info_len);
	c->events = EVENT_READ | EVENT_WRITE;
	long r = handle_new(p, &copy);
	if (r < 0)
		free(copy.info);
	return r;
}

static void pcid_close(void *st, scheme_call_t *c, uint64_t h)
{
	pcid_handle_t *f = handle_get(st, h);

	(void)c;
	if (f) {
		free(f->info);
		*f = (pcid_handle_t){ 0 };
	}
}

/* --- config and info ----------------------------------------------------------------- */

static long cfg_rw(pcid_t *p, pcid_handle_t *f, void *buf, size_t len, bool write)
{
	pci_access_t *a = p->bus->access;
	const pci_dev_t *d = f->dev;
	uint64_t size = a->cfg_size, pos = f->pos;

	if (len == 0)
		return 0;
	if (pos >= size)
		return write ? -ENOSPC : 0;
	bool single = len == 1 || len == 2;
	if (single ? pos % len != 0 : len % 4 != 0 || pos % 4 != 0)
		return -EINVAL;
	size_t n = single ? len : (size_t)(len < size - pos ? len : size - pos);
	unsigned width = single ? (unsigned)len : 4;
	for (size_t i = 0; i < n; i += width) {
		unsigned off = (unsigned)(pos + i);
		uint32_t v = 0;
		if (write) {
			memcpy(&v, (uint8_t *)buf + i, width);
			pci_cfg_write(a, d->seg, d->bus, d->dev, d->fn, off, width, v);
		} else {
			v = pci_cfg_read(a, d->seg, d->bus, d->dev, d->fn, off, width);
			memcpy((uint8_t *)buf + i, &v, width);
		}
	}
	f->pos += n;
	return (long)n;
}

static long pcid_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	pcid_handle_t *f = handle_get(st, h);

	(void)c;
	if (!f)
		return -EBADF;
	if (f->kind == PCID_ROOT || f->kind == PCID_DIR)
		return -EISDIR;
	if (f->kind == PCID_CONFIG)
		return cfg_rw(st, f, buf, len, false);
	if (f->pos >= f->info_len)
		return 0;
	size_t n = f->info_len - f->pos < len ? f->info_len - (size_t)f->pos : len;
	memcpy(buf, f->info + f->pos, n);
	f->pos += n;
	return (long)n;
}

static long pcid_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	pcid_handle_t *f = handle_get(st, h);

	(void)c;
	if (!f)
		return -EBADF;
	if (f->kind != PCID_CONFIG || !f->writable)
		return f->kind == PCID_ROOT || f->kind == PCID_DIR ? -EISDIR : -EBADF;
	return cfg_rw(st, f, (void *)buf, len, true);
}

static uint64_t handle_size(const pcid_t *p, const pcid_handle_t *f)
{
	return f->kind == PCID_CONFIG ? p->bus->access->cfg_size :
	       f->kind == PCID_INFO ? f->info_len : 0;
}

static long pcid_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	pcid_t *p = st;
	pcid_handle_t *f = handle_get(p, h);
	int64_t base;

	(void)c;
	if (!f)
		return -EBADF;
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)f->pos;
	else if (whence == SEEK_END)
		base = (int64_t)handle_size(p, f);
	else
		return -EINVAL;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static long pcid_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	pcid_t *p = st;
	pcid_handle_t *f = handle_get(p, h);

	(void)c;
	if (!f)
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->dev = PCID_DEV;
	out->ino = handle_ino(p, f);
	bool dir = f->kind == PCID_ROOT || f->kind == PCID_DIR;
	out->mode = dir ? ABI_S_IFDIR | 0555 : f->kind == PCID_CONFIG ? ABI_S_IFREG | 0644 :
		    ABI_S_IFREG | 0444;
	out->nlink = dir ? 2 : 1;
	out->size = (int64_t)handle_size(p, f);
	out->blksize = 4096;
	return 0;
}

/* --- directories --------------------------------------------------------------------- */

static bool dirent_put(char *buf, size_t len, size_t *used, uint64_t ino, uint8_t type,
		       const char *name)
{
	size_t nlen = strlen(name), head = offsetof(abi_dirent_t, name);
	size_t rec = (head + nlen + 1 + 7) & ~(size_t)7;
	uint16_t reclen = (uint16_t)rec;
	char *e = buf + *used;

	if (rec > len - *used)
		return false;
	memset(e, 0, rec);
	memcpy(e + offsetof(abi_dirent_t, ino), &ino, sizeof(ino));
	memcpy(e + offsetof(abi_dirent_t, reclen), &reclen, sizeof(reclen));
	memcpy(e + offsetof(abi_dirent_t, type), &type, sizeof(type));
	memcpy(e + head, name, nlen);
	*used += rec;
	return true;
}

/* Entry `pos` of a directory handle: false past the end. */
static bool dir_entry(const pcid_t *p, const pcid_handle_t *f, uint64_t pos, const char **name,
		      uint64_t *ino, uint8_t *type)
{
	static const char *const leaves[] = { ".", "..", "config", "info" };
	uint64_t self = handle_ino(p, f);

	*type = pos < 2 ? ABI_DT_DIR : f->kind == PCID_ROOT ? ABI_DT_DIR : ABI_DT_REG;
	if (f->kind == PCID_DIR) {
		if (pos >= 4)
			return false;
		*name = leaves[pos];
		*ino = pos == 0 ? self : pos == 1 ? 1 : self + pos - 1;
		return true;
	}
	if (pos < 2) {
		*name = leaves[pos];
		*ino = 1;
		return true;
	}
	if (pos - 2 >= p->bus->count)
		return false;
	*name = p->bus->dev[pos - 2].addr;
	*ino = 2 + 3 * (pos - 2);
	return true;
}

static long pcid_getdents(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	pcid_t *p = st;
	pcid_handle_t *f = handle_get(p, h);
	size_t used = 0;
	const char *name;
	uint64_t ino;
	uint8_t type;

	(void)c;
	if (!f)
		return -EBADF;
	if (f->kind != PCID_ROOT && f->kind != PCID_DIR)
		return -ENOTDIR;
	while (dir_entry(p, f, f->pos, &name, &ino, &type)) {
		if (!dirent_put(buf, len, &used, ino, type, name))
			return used ? (long)used : -EINVAL;
		f->pos++;
	}
	return (long)used;
}

static long pcid_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c;
	return handle_get(st, h) ? (long)(wanted & (EVENT_READ | EVENT_WRITE)) : -EBADF;
}

const scheme_ops_t pcid_ops = {
	.open = pcid_open,
	.dup = pcid_dup,
	.close = pcid_close,
	.read = pcid_read,
	.write = pcid_write,
	.seek = pcid_seek,
	.fstat = pcid_fstat,
	.getdents = pcid_getdents,
	.fevent = pcid_fevent,
};
