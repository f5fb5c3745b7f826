// SPDX-License-Identifier: MIT
/*
 * memory: — shared memory in the kernel, and device memory for drivers.
 *
 *   memory:NAME              a named shared memory object. O_CREAT makes
 *                            it (O_EXCL: must be new); ftruncate sizes it
 *                            (it only ever grows underneath, so existing
 *                            mappings stay valid); mmap(MAP_SHARED) maps
 *                            it; unlink removes the name, the object
 *                            lives on while open or mapped.
 *   memory:phys/ADDR/LEN[/uc|/wb|/wc]
 *                            physical memory outside RAM (device
 *                            registers, frame buffers) for root only;
 *                            mmap maps it uncached (uc, the default),
 *                            write-combining (wc, for frame buffers) or
 *                            write-back. RAM the allocator owns is refused.
 *   memory:dma/LEN           LEN bytes of zeroed, physically contiguous RAM
 *                            below 4 GiB for a driver's DMA; fpath names
 *                            its physical address (memory:dma/0xADDR/LEN).
 *                            Held by a shared-memory object whose frames
 *                            are the contiguous block: each page lives as
 *                            long as a handle or a mapping uses it, so a
 *                            device is never left writing into RAM that
 *                            went back to the allocator while mapped.
 *                            When the last user goes, the pages wait a
 *                            quarantine (DMA_QUARANTINE_NS) before going
 *                            back: a driver that was killed cannot stop
 *                            its device, whose transfers still in flight
 *                            land there, not in someone else's memory;
 *                            the driver's next instance resets the device.
 *
 * Device memory, DMA memory and sys:acpi need ABI_PRIV_PHYS (granted by
 * init, docs/drivers.md): with them a process can reach any RAM.
 *
 * Named objects are few and looked up by name in a list under one lock.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <boot.h>
#include <clock.h>
#include <console.h>
#include <lib/cmdline.h>
#include <lib/fmt.h>
#include <mm.h>
#include <proc.h>
#include <shm.h>
#include <string.h>

#define MEMORY_NAME_MAX 48

typedef struct mem_named {
	char name[MEMORY_NAME_MAX];
	shm_object_t *obj;              /* NULL while size 0; guarded by memory_lock */
	uint64_t size;                  /* guarded by memory_lock */
	int opens;                      /* open handles (memory_lock) */
	bool linked;                    /* still findable by name (memory_lock) */
	struct mem_named *next;
} mem_named_t;

typedef struct mem_phys {
	uint64_t base, len;
	unsigned cache;                 /* MMAP_CACHE_* */
	bool display;                   /* overlaps the boot framebuffer */
} mem_phys_t;

typedef struct mem_handle {
	mem_named_t *named;             /* one of the three */
	shm_object_t *dma;              /* a memory:dma buffer */
	mem_phys_t phys;
} mem_handle_t;

#define MEMORY_DMA_MAX_ORDER 10         /* 4 MiB in one buffer */
#define DMA_QUARANTINE_NS (2ull * 1000000000)

/* Released DMA buffers waiting out their quarantine (dma_lock). */
static spinlock_t dma_lock = SPINLOCK_INIT;
static shm_object_t *dma_quarantine;
#define MEMORY_DMA_LIMIT (4ull << 30)   /* 32-bit DMA engines reach it */

static spinlock_t memory_lock = SPINLOCK_INIT;
static mem_named_t *memory_objects;     /* guarded by memory_lock */

static mem_named_t *memory_find_locked(const char *name)
{
	for (mem_named_t *m = memory_objects; m; m = m->next)
		if (m->linked && strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

static void memory_unlink_locked(mem_named_t *m)
{
	for (mem_named_t **pp = &memory_objects; *pp; pp = &(*pp)->next)
		if (*pp == m) {
			*pp = m->next;
			break;
		}
	m->linked = false;
}

static int memory_open_named(const char *name, int oflags, mem_handle_t *h)
{
	mem_named_t *fresh = NULL;
	int err = 0;

	if (!*name || strlen(name) >= MEMORY_NAME_MAX || strchr(name, '/'))
		return -EINVAL;
	if ((oflags & O_CREAT) && !(fresh = kzalloc(sizeof(*fresh))))
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&memory_lock);
	mem_named_t *m = memory_find_locked(name);
	if (m && (oflags & O_CREAT) && (oflags & O_EXCL))
		err = -EEXIST;
	else if (!m && !fresh)
		err = -ENOENT;
	else if (!m) {
		m = fresh;
		fresh = NULL;
		fmt_snprintf(m->name, sizeof(m->name), "%s", name);
		m->linked = true;
		m->next = memory_objects;
		memory_objects = m;
	}
	if (!err) {
		m->opens++;
		h->named = m;
	}
	spin_unlock_irqrestore(&memory_lock, flags);
	kfree(fresh);
	return err;
}

/* "phys/ADDR/LEN[/uc|/wb]" with page-aligned numbers. */
static int memory_parse_phys(const char *p, mem_phys_t *out)
{
	const char *slash = strchr(p, '/');

	if (!slash || cmdline_u64_parse(p, (size_t)(slash - p), &out->base))
		return -EINVAL;
	const char *end = strchr(slash + 1, '/');
	if (!end)
		end = slash + 1 + strlen(slash + 1);
	if (cmdline_u64_parse(slash + 1, (size_t)(end - slash - 1), &out->len))
		return -EINVAL;
	out->cache = MMAP_CACHE_UC;
	if (strcmp(end, "/wb") == 0)
		out->cache = MMAP_CACHE_WB;
	else if (strcmp(end, "/wc") == 0)
		out->cache = MMAP_CACHE_WC;
	else if (*end && strcmp(end, "/uc") != 0)
		return -EINVAL;
	if (!out->len || ((out->base | out->len) & (PAGE_SIZE - 1)) ||
	    out->base + out->len < out->base)
		return -EINVAL;
	return 0;
}

/* Whether [base, base+len) touches the framebuffer the kernel draws on. */
static bool memory_overlaps_framebuffer(uint64_t base, uint64_t len)
{
	const boot_framebuffer_t *fb = &boot_info.fb;

	return boot_info.has_framebuffer && base < fb->addr + (uint64_t)fb->pitch * fb->height &&
	       fb->addr < base + len;
}

/* Whether [base, base+len) touches memory the firmware calls usable RAM. */
static bool memory_overlaps_ram(uint64_t base, uint64_t len)
{
	for (size_t i = 0; i < boot_info.mmap_count; i++) {
		const boot_mmap_entry_t *e = &boot_info.mmap[i];
		if (e->type == BOOT_MEM_AVAILABLE && base < e->base + e->length &&
		    e->base < base + len)
			return true;
	}
	return false;
}

static void memory_dma_released(shm_object_t *obj)
{
	obj->release_ns = clock_ns() + DMA_QUARANTINE_NS;
	uint64_t flags = spin_lock_irqsave(&dma_lock);
	obj->next = dma_quarantine;
	dma_quarantine = obj;
	spin_unlock_irqrestore(&dma_lock, flags);
}

/* Frees the quarantined buffers whose time is up (at each new buffer). */
static void memory_dma_reclaim(void)
{
	shm_object_t *done = NULL;
	uint64_t now = clock_ns(), flags = spin_lock_irqsave(&dma_lock);

	for (shm_object_t **pp = &dma_quarantine; *pp;) {
		shm_object_t *o = *pp;
		if (o->release_ns <= now) {
			*pp = o->next;
			o->next = done;
			done = o;
		} else {
			pp = &o->next;
		}
	}
	spin_unlock_irqrestore(&dma_lock, flags);
	while (done) {
		shm_object_t *o = done;
		done = o->next;
		shm_destroy(o);
	}
}

/* "dma/LEN": a contiguous buffer; its address goes in f's path. */
static int memory_open_dma(const char *p, file_t *f, mem_handle_t *h)
{
	uint64_t len, phys;

	if (!proc_privileged(ABI_PRIV_PHYS))
		return -EPERM;
	if (cmdline_u64_parse(p, strlen(p), &len) || !len || len % PAGE_SIZE)
		return -EINVAL;
	uint64_t npages = len / PAGE_SIZE;
	unsigned order = page_order(npages);
	if (order > MEMORY_DMA_MAX_ORDER)
		return -EINVAL;
	memory_dma_reclaim();
	shm_object_t *obj = shm_create(npages);
	if (!obj)
		return -ENOMEM;
	obj->on_last_put = memory_dma_released;
	if (frame_alloc_contiguous(order, MEMORY_DMA_LIMIT, &phys)) {
		shm_put(obj);
		return -ENOMEM;
	}
	for (uint64_t i = 0; i < (1ull << order); i++) {
		if (i < npages)
			obj->frames[i] = phys + i * PAGE_SIZE;
		else
			frame_put(phys + i * PAGE_SIZE);        /* the rounding */
	}
	h->dma = obj;
	h->phys.base = phys;
	h->phys.len = len;
	fmt_snprintf(f->path, sizeof(f->path), "memory:dma/%#lx/%lu", phys, len);
	return 0;
}

static int memory_open(scheme_t *s, const char *path, file_t *f)
{
	mem_handle_t *h = kzalloc(sizeof(*h));
	int err;

	(void)s;
	if (!h)
		return -ENOMEM;
	if (strncmp(path, "phys/", 5) == 0) {
		err = !proc_privileged(ABI_PRIV_PHYS) ? -EPERM : memory_parse_phys(path + 5, &h->phys);
		if (!err && memory_overlaps_ram(h->phys.base, h->phys.len))
			err = -EPERM;
		if (!err && memory_overlaps_framebuffer(h->phys.base, h->phys.len)) {
			h->phys.display = true;
			fbcon_hand_over(true);
		}
	} else if (strncmp(path, "dma/", 4) == 0) {
		err = memory_open_dma(path + 4, f, h);
	} else {
		err = memory_open_named(path, f->open_flags, h);
	}
	if (err) {
		kfree(h);
		return err;
	}
	f->handle = h;
	return 0;
}

static void memory_named_put_locked(mem_named_t *m, shm_object_t **drop)
{
	if (--m->opens || m->linked)
		return;
	*drop = m->obj;
	kfree(m);
}

static void memory_close(file_t *f)
{
	mem_handle_t *h = f->handle;
	shm_object_t *drop = NULL;

	if (h->named) {
		uint64_t flags = spin_lock_irqsave(&memory_lock);
		memory_named_put_locked(h->named, &drop);
		spin_unlock_irqrestore(&memory_lock, flags);
	}
	if (drop)
		shm_put(drop);
	if (h->dma)
		shm_put(h->dma);
	if (h->phys.display)
		fbcon_hand_over(false);
	kfree(h);
}

static int memory_ftruncate(file_t *f, uint64_t len)
{
	mem_handle_t *h = f->handle;
	uint64_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	int err = 0;

	if (!h->named)
		return -EINVAL;
	if (pages > pmm_total_pages())
		return -ENOMEM;
	/* Growing allocates outside the lock; a racing grow may win instead. */
	shm_object_t *fresh = pages ? shm_create(pages) : NULL;
	if (pages && !fresh)
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&memory_lock);
	mem_named_t *m = h->named;
	if (!m->obj && fresh) {
		m->obj = fresh;
		fresh = NULL;
	} else if (m->obj && pages > m->obj->npages) {
		err = shm_grow(m->obj, fresh);
	}
	if (!err)
		m->size = len;
	spin_unlock_irqrestore(&memory_lock, flags);
	if (fresh)
		shm_put(fresh);
	return err;
}

static int memory_fstat(file_t *f, abi_stat_t *st)
{
	mem_handle_t *h = f->handle;

	st->mode = (h->named ? ABI_S_IFREG : ABI_S_IFCHR) | 0600;
	st->size = h->named ? (int64_t)h->named->size : (int64_t)h->phys.len;
	return 0;
}

static int memory_mmap(file_t *f, uint64_t offset, uint64_t len, unsigned prot,
		       mmap_source_t *out)
{
	mem_handle_t *h = f->handle;
	int err = -ENXIO;

	(void)prot;
	if (h->dma) {
		if (offset % PAGE_SIZE || offset + len < offset || offset + len > h->phys.len)
			return -ENXIO;
		shm_get(h->dma);
		out->obj = h->dma;
		out->first_page = offset / PAGE_SIZE;
		return 0;
	}
	if (!h->named) {
		if (offset + len < offset || offset + len > h->phys.len)
			return -ENXIO;
		out->obj = NULL;
		out->phys = h->phys.base + offset;
		out->cache = h->phys.cache;
		return 0;
	}
	uint64_t flags = spin_lock_irqsave(&memory_lock);
	shm_object_t *obj = h->named->obj;
	if (obj && offset + len >= offset &&
	    (offset + len + PAGE_SIZE - 1) / PAGE_SIZE <= obj->npages) {
		shm_get(obj);
		out->obj = obj;
		out->first_page = offset / PAGE_SIZE;
		err = 0;
	}
	spin_unlock_irqrestore(&memory_lock, flags);
	return err;
}

static int memory_unlink(scheme_t *s, const char *path)
{
	shm_object_t *drop = NULL;
	int err = -ENOENT;

	(void)s;
	uint64_t flags = spin_lock_irqsave(&memory_lock);
	mem_named_t *m = memory_find_locked(path);
	if (m) {
		memory_unlink_locked(m);
		m->opens++;
		memory_named_put_locked(m, &drop);
		err = 0;
	}
	spin_unlock_irqrestore(&memory_lock, flags);
	if (drop)
		shm_put(drop);
	return err;
}

static const scheme_ops_t memory_ops = {
	.open = memory_open,
	.close = memory_close,
	.ftruncate = memory_ftruncate,
	.fstat = memory_fstat,
	.mmap = memory_mmap,
	.unlink = memory_unlink,
};

void scheme_memory_init(void)
{
	scheme_register("memory", &memory_ops, NULL);
}
