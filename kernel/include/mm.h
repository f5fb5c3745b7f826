// SPDX-License-Identifier: MIT
/*
 * Kernel memory: physical frames (pmm), the kernel's page tables (vmm)
 * and the kernel heap (kmalloc). Every physical address is reachable at
 * DIRECT_MAP_BASE + phys: RAM is mapped there at boot, and device or
 * firmware ranges are mapped on demand by vmm_map_phys.
 */
#pragma once

#include <arch/layout.h>
#include <lib/mb2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(phys + DIRECT_MAP_BASE);
}

/* For direct-map and kernel-image addresses. */
uint64_t virt_to_phys(const void *va);

/* --- physical frames --- */
void pmm_init(const boot_info_t *boot);
int pmm_alloc(unsigned order, uint64_t *phys);
int pmm_alloc_below(unsigned order, uint64_t limit, uint64_t *phys);
void pmm_free(uint64_t phys, unsigned order);
uint64_t pmm_free_pages(void);
uint64_t pmm_total_pages(void);
/* 16 KiB below 1 MiB set aside at boot for the SMP trampoline. */
uint64_t pmm_trampoline_base(void);

/* Reference-counted zeroed frames for user memory (see pmm.c). */
int frame_alloc(uint64_t *phys);
/*
 * 2^order zeroed, physically contiguous frames below limit (DMA buffers),
 * each with one reference of its own: released one by one by frame_put.
 */
int frame_alloc_contiguous(unsigned order, uint64_t limit, uint64_t *phys);
void frame_get(uint64_t phys);
void frame_put(uint64_t phys);
uint32_t frame_refcount(uint64_t phys);

/* Power-of-two runs of pages through the direct map; NULL when out. */
void *page_alloc(size_t npages);
void *page_alloc_zeroed(size_t npages);
void page_free(void *va, size_t npages);
unsigned page_order(size_t npages);

/* --- kernel page tables --- */
enum {
	VM_READ = 0, VM_WRITE = 1 << 0, VM_EXEC = 1 << 1, VM_USER = 1 << 2,
	VM_NOCACHE = 1 << 3, VM_WRITE_COMBINE = 1 << 4,
};

void vmm_init(const boot_info_t *boot);
/* Maps [phys, phys+size) into the direct map if not yet; returns its VA. */
void *vmm_map_phys(uint64_t phys, size_t size, unsigned vm_flags);
/* Maps [va, va+size) to pa in the kernel half (for areas outside the direct map). */
void vmm_map_kernel(uint64_t va, uint64_t pa, size_t size, unsigned vm_flags);
/* The kernel's top-level table (physical), shared upper half included. */
uint64_t vmm_kernel_root(void);
/* True when [va, va+len) is mapped in the kernel's tables. */
bool kernel_address_readable(uint64_t va, size_t len);
/* The flags a kernel VA is mapped with, or -1 when it is not mapped. */
int vmm_query(uint64_t va, unsigned *vm_flags);

/*
 * Kernel stacks of KERNEL_STACK_SIZE in their own area, each with an
 * unmapped guard below it, so an overflow faults. Returns the top.
 */
uintptr_t kstack_alloc(void);
void kstack_free(uintptr_t top);

/* --- kernel heap --- */
void heap_init(void);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
