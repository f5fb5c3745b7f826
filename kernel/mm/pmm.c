// SPDX-License-Identifier: MIT
/*
 * The physical frame allocator: one buddy allocator (lib/buddy.c) over
 * all frames up to the highest usable address, holes left reserved. Its
 * per-frame metadata is placed in the first free range big enough that
 * the boot page tables reach (below 4 GiB). After the usable ranges are
 * added, everything already in use is taken out again: the first MiB
 * (firmware, and the SMP trampoline we set aside there), the kernel
 * image, boot modules and the metadata itself.
 */
#include <mm.h>

#include <lib/buddy.h>
#include <log.h>
#include <panic.h>
#include <spinlock.h>
#include <string.h>

#define LOW_MEMORY_END    0x100000ul
#define BOOT_MAPPED_LIMIT 0x100000000ul
#define TRAMPOLINE_SIZE   0x4000ul

extern char __kernel_phys_start[], __kernel_phys_end[];

static spinlock_t pmm_lock = SPINLOCK_INIT;
static buddy_t pmm_buddy;               /* guarded by pmm_lock */
/* Per-frame reference counts of user pages (atomic, no lock). */
static uint32_t *frame_refs;
static uint64_t frame_count;
static uint64_t pmm_trampoline;

typedef struct range {
	uint64_t start, end;
} range_t;

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static uint64_t align_down(uint64_t v, uint64_t a)
{
	return v & ~(a - 1);
}

static bool ranges_overlap(range_t a, range_t b)
{
	return a.start < b.end && b.start < a.end;
}

/* The ranges in use before the allocator exists. */
static size_t pmm_busy_ranges(const boot_info_t *boot, range_t *out)
{
	size_t n = 0;

	out[n++] = (range_t){ 0, LOW_MEMORY_END };
	out[n++] = (range_t){ (uint64_t)__kernel_phys_start,
			      align_up((uint64_t)__kernel_phys_end, PAGE_SIZE) };
	for (size_t i = 0; i < boot->module_count; i++)
		out[n++] = (range_t){ align_down(boot->modules[i].start, PAGE_SIZE),
				      align_up(boot->modules[i].end, PAGE_SIZE) };
	return n;
}

/* The lowest available, page-aligned range of size bytes in [lo, hi). */
static uint64_t pmm_find_free(const boot_info_t *boot, const range_t *busy,
			      size_t nbusy, uint64_t size, uint64_t lo, uint64_t hi)
{
	for (size_t i = 0; i < boot->mmap_count; i++) {
		const boot_mmap_entry_t *e = &boot->mmap[i];
		if (e->type != BOOT_MEM_AVAILABLE)
			continue;
		uint64_t start = align_up(e->base > lo ? e->base : lo, PAGE_SIZE);
		uint64_t end = align_down(e->base + e->length, PAGE_SIZE);
		if (end > hi)
			end = hi;
		while (start + size <= end) {
			range_t r = { start, start + size };
			size_t j = 0;
			while (j < nbusy && !ranges_overlap(r, busy[j]))
				j++;
			if (j == nbusy)
				return start;
			start = align_up(busy[j].end, PAGE_SIZE);
		}
	}
	return 0;
}

static uint64_t pmm_highest_usable(const boot_info_t *boot)
{
	uint64_t top = 0;

	for (size_t i = 0; i < boot->mmap_count; i++) {
		const boot_mmap_entry_t *e = &boot->mmap[i];
		if (e->type == BOOT_MEM_AVAILABLE && e->base + e->length > top)
			top = e->base + e->length;
	}
	return align_down(top, PAGE_SIZE);
}

static void pmm_add_available(const boot_info_t *boot)
{
	for (size_t i = 0; i < boot->mmap_count; i++) {
		const boot_mmap_entry_t *e = &boot->mmap[i];
		if (e->type != BOOT_MEM_AVAILABLE)
			continue;
		uint64_t start = align_up(e->base, PAGE_SIZE);
		uint64_t end = align_down(e->base + e->length, PAGE_SIZE);
		if (end > start)
			buddy_add_range(&pmm_buddy, start / PAGE_SIZE,
					(end - start) / PAGE_SIZE);
	}
}

void pmm_init(const boot_info_t *boot)
{
	range_t busy[BOOT_MODULES_MAX + 4];
	size_t nbusy = pmm_busy_ranges(boot, busy);
	uint64_t npages = pmm_highest_usable(boot) / PAGE_SIZE;
	uint64_t buddy_size = align_up(buddy_meta_bytes(npages), 8);
	uint64_t meta_size = align_up(buddy_size + npages * sizeof(uint32_t), PAGE_SIZE);
	uint64_t meta = pmm_find_free(boot, busy, nbusy, meta_size,
				      LOW_MEMORY_END, BOOT_MAPPED_LIMIT);

	if (!npages || !meta)
		panic("pmm: no usable memory for the frame allocator (%lu pages)",
		      npages);
	pmm_trampoline = pmm_find_free(boot, busy + 1, nbusy - 1,
				       TRAMPOLINE_SIZE, 0x1000, LOW_MEMORY_END);
	busy[nbusy++] = (range_t){ meta, meta + meta_size };

	buddy_init(&pmm_buddy, 0, npages, phys_to_virt(meta));
	frame_refs = phys_to_virt(meta + buddy_size);
	frame_count = npages;
	memset(frame_refs, 0, npages * sizeof(uint32_t));
	pmm_add_available(boot);
	for (size_t i = 0; i < nbusy; i++)
		buddy_reserve_range(&pmm_buddy, busy[i].start / PAGE_SIZE,
				    (busy[i].end - busy[i].start) / PAGE_SIZE);
	klog("pmm: %lu MiB usable, %lu MiB free, frame metadata %lu KiB at %#lx",
	     buddy_total_pages(&pmm_buddy) / 256, buddy_free_pages(&pmm_buddy) / 256,
	     meta_size / 1024, meta);
}

int pmm_alloc(unsigned order, uint64_t *phys)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	uint64_t pfn;
	int err = buddy_alloc(&pmm_buddy, order, &pfn);

	spin_unlock_irqrestore(&pmm_lock, flags);
	if (!err)
		*phys = pfn * PAGE_SIZE;
	return err;
}

int pmm_alloc_below(unsigned order, uint64_t limit, uint64_t *phys)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	uint64_t pfn;
	int err = buddy_alloc_below(&pmm_buddy, order, limit / PAGE_SIZE, &pfn);

	spin_unlock_irqrestore(&pmm_lock, flags);
	if (!err)
		*phys = pfn * PAGE_SIZE;
	return err;
}

void pmm_free(uint64_t phys, unsigned order)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	int err = buddy_free(&pmm_buddy, phys / PAGE_SIZE, order);

	spin_unlock_irqrestore(&pmm_lock, flags);
	if (err)
		panic("pmm: bad free of frame %#lx order %u (double free?)", phys, order);
}

uint64_t pmm_free_pages(void)
{
	return buddy_free_pages(&pmm_buddy);
}

uint64_t pmm_total_pages(void)
{
	return buddy_total_pages(&pmm_buddy);
}

uint64_t pmm_trampoline_base(void)
{
	return pmm_trampoline;
}

unsigned page_order(size_t npages)
{
	unsigned order = 0;

	while (((size_t)1 << order) < npages)
		order++;
	return order;
}

void *page_alloc(size_t npages)
{
	uint64_t phys;

	if (pmm_alloc(page_order(npages), &phys))
		return NULL;
	return phys_to_virt(phys);
}

void *page_alloc_zeroed(size_t npages)
{
	void *p = page_alloc(npages);

	if (p)
		memset(p, 0, ((size_t)1 << page_order(npages)) * PAGE_SIZE);
	return p;
}

void page_free(void *va, size_t npages)
{
	pmm_free(virt_to_phys(va), page_order(npages));
}

/*
 * Reference-counted single frames, for user memory that fork and shared
 * mappings share. frame_alloc gives a zeroed frame with one reference;
 * the last frame_put frees it.
 */
int frame_alloc(uint64_t *phys)
{
	int err = pmm_alloc(0, phys);

	if (err)
		return err;
	memset(phys_to_virt(*phys), 0, PAGE_SIZE);
	__atomic_store_n(&frame_refs[*phys / PAGE_SIZE], 1, __ATOMIC_RELEASE);
	return 0;
}

int frame_alloc_contiguous(unsigned order, uint64_t limit, uint64_t *phys)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	uint64_t pfn;
	int err = buddy_alloc_below(&pmm_buddy, order, limit / PAGE_SIZE, &pfn);

	if (!err)
		err = buddy_split_alloc(&pmm_buddy, pfn, order);
	spin_unlock_irqrestore(&pmm_lock, flags);
	if (err)
		return err;
	*phys = pfn * PAGE_SIZE;
	memset(phys_to_virt(*phys), 0, PAGE_SIZE << order);
	for (uint64_t i = 0; i < (1ull << order); i++)
		__atomic_store_n(&frame_refs[pfn + i], 1, __ATOMIC_RELEASE);
	return 0;
}

void frame_get(uint64_t phys)
{
	__atomic_fetch_add(&frame_refs[phys / PAGE_SIZE], 1, __ATOMIC_ACQ_REL);
}

void frame_put(uint64_t phys)
{
	uint32_t left = __atomic_sub_fetch(&frame_refs[phys / PAGE_SIZE], 1, __ATOMIC_ACQ_REL);

	if (left == ~0u)
		panic("pmm: frame %#lx released more often than taken", phys);
	if (!left)
		pmm_free(phys, 0);
}

uint32_t frame_refcount(uint64_t phys)
{
	return __atomic_load_n(&frame_refs[phys / PAGE_SIZE], __ATOMIC_ACQUIRE);
}
