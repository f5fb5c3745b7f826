// SPDX-License-Identifier: MIT
/*
 * kmalloc/kfree: the slab heap of lib/slab.c, fed with pages from the
 * frame allocator through the direct map, behind one lock. A bad kfree
 * (double free, a pointer that kmalloc never returned) is a kernel bug
 * and panics with the caller's backtrace rather than corrupting the heap.
 */
#include <mm.h>

#include <lib/slab.h>
#include <panic.h>
#include <spinlock.h>
#include <string.h>

static spinlock_t heap_lock = SPINLOCK_INIT;
static slab_heap_t heap;                /* guarded by heap_lock */

static void *heap_pages_alloc(void *ctx, unsigned order)
{
	uint64_t phys;

	(void)ctx;
	if (pmm_alloc(order, &phys))
		return NULL;
	return phys_to_virt(phys);
}

static void heap_pages_free(void *ctx, void *addr, unsigned order)
{
	(void)ctx;
	pmm_free(virt_to_phys(addr), order);
}

static const slab_page_source_t heap_source = {
	.alloc = heap_pages_alloc,
	.free = heap_pages_free,
};

void heap_init(void)
{
	slab_heap_init(&heap, &heap_source);
}

void *kmalloc(size_t size)
{
	uint64_t flags = spin_lock_irqsave(&heap_lock);
	void *p = slab_alloc(&heap, size);

	spin_unlock_irqrestore(&heap_lock, flags);
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	uint64_t flags = spin_lock_irqsave(&heap_lock);
	int err = slab_free(&heap, p);

	spin_unlock_irqrestore(&heap_lock, flags);
	if (err)
		panic("kfree: %p is not a live allocation (double free?)", p);
}
