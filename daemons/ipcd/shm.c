// SPDX-License-Identifier: MIT
/*
 * shm: — named shared memory, as POSIX shm_open gives it.
 *
 * An object is a name, a size and an area of page-rounded capacity from
 * the alloc callback (on Tessera a MAP_SHARED mapping of this daemon, so
 * MMAP can answer with an address whose pages the kernel maps into the
 * caller). Each open makes a new handle with its own offset for read,
 * write and seek; all handles of a name share the object.
 *
 * Sizes change freely within the capacity. Growing past it needs a new
 * area, and that is refused (-EBUSY) once the object was ever mapped:
 * client mappings hold the old pages, and a copy would silently split
 * them from everyone else. Bytes beyond the size read as zero: a new area
 * is zeroed, and shrinking zeroes what it cuts off.
 *
 * An object lives while it is named or open: unlink only drops the name,
 * and the last close of a nameless object releases its memory.
 */
#include "htab.h"
#include "ipcd.h"
#include "list.h"

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IPCD_SHM_PAGE 4096u

typedef struct ipcd_shm_obj {
	ipcd_link_t link;       /* in shm->names while named */
	char *name;             /* NULL once unlinked */
	unsigned char *area;    /* cap bytes, or NULL while cap is 0 */
	size_t size, cap;
	bool mapped;            /* ever handed out by MMAP: area is pinned */
	unsigned opens;         /* handles on it */
} ipcd_shm_obj_t;

/* What a handle is: the object and this opening's offset. */
typedef struct ipcd_shm_file {
	ipcd_shm_obj_t *obj;
	uint64_t off;
} ipcd_shm_file_t;

struct ipcd_shm {
	scheme_server_t *srv;
	ipcd_htab_t handles;    /* ipcd_shm_file_t */
	ipcd_link_t names;      /* named objects */
	ipcd_shm_alloc_t alloc;
	ipcd_shm_release_t release;
};

ipcd_shm_t *ipcd_shm_create(scheme_server_t *srv, ipcd_shm_alloc_t alloc,
			    ipcd_shm_release_t release)
{
	ipcd_shm_t *shm = calloc(1, sizeof(*shm));

	if (!shm)
		return NULL;
	shm->srv = srv;
	shm->alloc = alloc;
	shm->release = release;
	ipcd_htab_init(&shm->handles);
	ipcd_list_init(&shm->names);
	return shm;
}

static void ipcd_shm_obj_free(ipcd_shm_t *shm, ipcd_shm_obj_t *o)
{
	ipcd_list_remove(&o->link);
	if (o->area)
		shm->release(o->area, o->cap);
	free(o->name);
	free(o);
}

static ipcd_shm_obj_t *ipcd_shm_find(const ipcd_shm_t *shm, const char *name)
{
	for (ipcd_link_t *l = shm->names.next; l != &shm->names; l = l->next) {
		ipcd_shm_obj_t *o = IPCD_CONTAINER(l, ipcd_shm_obj_t, link);

		if (!strcmp(o->name, name))
			return o;
	}
	return NULL;
}

static ipcd_shm_file_t *ipcd_shm_file(void *st, uint64_t h)
{
	return ipcd_htab_get(&((ipcd_shm_t *)st)->handles, h);
}

/* --- sizes --------------------------------------------------------------- */

/* A new, zeroed area of at least len bytes holding the current contents. */
static long ipcd_shm_grow(ipcd_shm_t *shm, ipcd_shm_obj_t *o, uint64_t len)
{
	size_t cap = (len + IPCD_SHM_PAGE - 1) & ~(uint64_t)(IPCD_SHM_PAGE - 1);
	unsigned char *area;

	if (o->mapped)
		return -EBUSY;
	area = shm->alloc(cap);
	if (!area)
		return -ENOMEM;
	memset(area, 0, cap);
	if (o->size)
		memcpy(area, o->area, o->size);
	if (o->area)
		shm->release(o->area, o->cap);
	o->area = area;
	o->cap = cap;
	return 0;
}

static long ipcd_shm_resize(ipcd_shm_t *shm, ipcd_shm_obj_t *o, uint64_t len)
{
	long err;

	if (len > INT64_MAX)
		return -EINVAL;
	if (len > o->cap && (err = ipcd_shm_grow(shm, o, len)) < 0)
		return err;
	if (len < o->size)
		memset(o->area + len, 0, o->size - len);
	o->size = len;
	return 0;
}

/* --- naming and opening -------------------------------------------------- */

static ipcd_shm_obj_t *ipcd_shm_obj_new(const char *name)
{
	ipcd_shm_obj_t *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	ipcd_list_init(&o->link);
	if (!(o->name = strdup(name))) {
		free(o);
		return NULL;
	}
	return o;
}

/* A handle on o (created here if new); -ENOMEM leaves nothing behind. */
static long ipcd_shm_attach(ipcd_shm_t *shm, ipcd_shm_obj_t *o, const char *name)
{
	ipcd_shm_file_t *f = calloc(1, sizeof(*f));
	bool created = !o;
	long h;

	if (f && created)
		o = ipcd_shm_obj_new(name);
	h = f && o ? ipcd_htab_add(&shm->handles, f, EVENT_READ | EVENT_WRITE) : -ENOMEM;
	if (h < 0) {
		free(f);
		if (created && o)
			ipcd_shm_obj_free(shm, o);
		return h;
	}
	if (created)
		ipcd_list_push(&shm->names, &o->link);
	f->obj = o;
	o->opens++;
	return h;
}

static long ipcd_shm_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	ipcd_shm_t *shm = st;
	ipcd_shm_obj_t *o = ipcd_shm_find(shm, path);
	long h;

	if (!*path)
		return -EINVAL;
	if (o && (flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (!o && !(flags & O_CREAT))
		return -ENOENT;
	h = ipcd_shm_attach(shm, o, path);
	if (h < 0)
		return h;
	if (flags & O_TRUNC)
		ipcd_shm_resize(shm, ipcd_shm_file(shm, (uint64_t)h)->obj, 0);
	c->events = EVENT_READ | EVENT_WRITE;
	return h;
}

static void ipcd_shm_close(void *st, scheme_call_t *c, uint64_t h)
{
	ipcd_shm_t *shm = st;
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);

	(void)c;
	if (!f)
		return;
	ipcd_htab_remove(&shm->handles, h);
	if (!--f->obj->opens && !f->obj->name)
		ipcd_shm_obj_free(shm, f->obj);
	free(f);
}

static long ipcd_shm_unlink(void *st, scheme_call_t *c, const char *path)
{
	ipcd_shm_t *shm = st;
	ipcd_shm_obj_t *o = ipcd_shm_find(shm, path);

	(void)c;
	if (!o)
		return -ENOENT;
	ipcd_list_remove(&o->link);
	free(o->name);
	o->name = NULL;
	if (!o->opens)
		ipcd_shm_obj_free(shm, o);
	return 0;
}

void ipcd_shm_destroy(ipcd_shm_t *shm)
{
	ipcd_link_t *l;

	for (uint64_t h = 1; h <= ipcd_htab_last(&shm->handles); h++)
		ipcd_shm_close(shm, NULL, h);
	while ((l = ipcd_list_first(&shm->names)))
		ipcd_shm_obj_free(shm, IPCD_CONTAINER(l, ipcd_shm_obj_t, link));
	ipcd_htab_fini(&shm->handles);
	free(shm);
}

/* --- data ---------------------------------------------------------------- */

static long ipcd_shm_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);
	size_t n;

	(void)c;
	if (!f)
		return -EBADF;
	if (len == 0 || f->off >= f->obj->size)
		return 0;
	n = f->obj->size - f->off < len ? f->obj->size - f->off : len;
	memcpy(buf, f->obj->area + f->off, n);
	f->off += n;
	return (long)n;
}

static long ipcd_shm_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);
	ipcd_shm_obj_t *o;
	long err;

	if (!f)
		return -EBADF;
	o = f->obj;
	if (c->file_flags & O_APPEND)
		f->off = o->size;
	if (len == 0)
		return 0;
	if (len > INT64_MAX - f->off)
		return -EFBIG;
	if (f->off + len > o->size && (err = ipcd_shm_resize(st, o, f->off + len)) < 0)
		return err;
	memcpy(o->area + f->off, buf, len);
	f->off += len;
	return (long)len;
}

static long ipcd_shm_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);
	int64_t base, pos;

	(void)c;
	if (!f)
		return -EBADF;
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)f->off;
	else if (whence == SEEK_END)
		base = (int64_t)f->obj->size;
	else
		return -EINVAL;
	if (__builtin_add_overflow(base, off, &pos) || pos < 0)
		return -EINVAL;
	f->off = (uint64_t)pos;
	return pos;
}

static long ipcd_shm_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);

	(void)c;
	if (!f)
		return -EBADF;
	return ipcd_shm_resize(st, f->obj, len);
}

static long ipcd_shm_mmap(void *st, scheme_call_t *c, uint64_t h, uint64_t offset, size_t len,
			  int prot)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);
	ipcd_shm_obj_t *o;

	(void)c;
	(void)prot;     /* the kernel enforces it on the caller's mapping */
	if (!f)
		return -EBADF;
	o = f->obj;
	if (offset % IPCD_SHM_PAGE || len == 0)
		return -EINVAL;
	if (o->size == 0 || offset > o->cap || len > o->cap - offset)
		return -ENXIO;
	o->mapped = true;
	return (long)(uintptr_t)(o->area + offset);
}

static long ipcd_shm_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	ipcd_shm_file_t *f = ipcd_shm_file(st, h);

	(void)c;
	if (!f)
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFREG | 0666;
	out->nlink = f->obj->name ? 1 : 0;
	out->size = (int64_t)f->obj->size;
	out->blksize = IPCD_SHM_PAGE;
	out->blocks = (int64_t)(f->obj->cap / 512);
	return 0;
}

static long ipcd_shm_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c;
	if (!ipcd_shm_file(st, h))
		return -EBADF;
	return (EVENT_READ | EVENT_WRITE) & wanted;
}

const scheme_ops_t ipcd_shm_ops = {
	.open = ipcd_shm_open,
	.close = ipcd_shm_close,
	.read = ipcd_shm_read,
	.write = ipcd_shm_write,
	.seek = ipcd_shm_seek,
	.fstat = ipcd_shm_fstat,
	.ftruncate = ipcd_shm_ftruncate,
	.mmap = ipcd_shm_mmap,
	.unlink = ipcd_shm_unlink,
	.fevent = ipcd_shm_fevent,
};
