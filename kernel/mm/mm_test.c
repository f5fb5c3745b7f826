// SPDX-License-Identifier: MIT
/*
 * Self-tests of the memory subsystem on the real machine: the frame
 * allocator's accounting, the heap's size classes, and the permissions the
 * kernel image is mapped with (host tests cover the allocators' logic).
 */
#include <ktest.h>
#include <mm.h>
#include <string.h>

extern char __kernel_text_start[], __kernel_text_end[], __kernel_rodata_end[],
	__kernel_data_end[];

KTEST(pmm_alloc_and_free_restore_the_free_count)
{
	uint64_t before = pmm_free_pages();
	uint64_t frames[8];

	for (unsigned order = 0; order < 8; order++) {
		KCHECK(pmm_alloc(order, &frames[order]) == 0);
		KCHECK(frames[order] % ((uint64_t)PAGE_SIZE << order) == 0);
	}
	KCHECK(pmm_free_pages() == before - 255);
	for (unsigned order = 0; order < 8; order++)
		pmm_free(frames[order], order);
	KCHECK(pmm_free_pages() == before);
	return true;
}

KTEST(pmm_frames_are_usable_memory)
{
	uint64_t phys;

	KCHECK(pmm_alloc(2, &phys) == 0);
	uint8_t *p = phys_to_virt(phys);
	memset(p, 0xa5, 4 * PAGE_SIZE);
	bool ok = p[0] == 0xa5 && p[4 * PAGE_SIZE - 1] == 0xa5;
	pmm_free(phys, 2);
	KCHECK(ok);
	return true;
}

KTEST(kmalloc_serves_every_size_and_frees)
{
	static const size_t sizes[] = { 1, 16, 17, 100, 512, 2048, 2049, 5000, 70000 };
	void *ptrs[sizeof(sizes) / sizeof(sizes[0])];
	uint64_t before = pmm_free_pages();

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ptrs[i] = kmalloc(sizes[i]);
		KCHECK(ptrs[i] != NULL);
		KCHECK(((uintptr_t)ptrs[i] & 15) == 0);
		memset(ptrs[i], (int)i, sizes[i]);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		KCHECK(((uint8_t *)ptrs[i])[sizes[i] - 1] == (uint8_t)i);
		kfree(ptrs[i]);
	}
	/* The heap may keep one empty slab per size class cached. */
	KCHECK(pmm_free_pages() + 16 >= before);
	return true;
}

KTEST(kernel_text_is_read_only_and_executable)
{
	unsigned flags;

	KCHECK(vmm_query((uint64_t)__kernel_text_start, &flags) == 0);
	KCHECK(!(flags & VM_WRITE) && (flags & VM_EXEC));
	return true;
}

KTEST(kernel_rodata_and_data_are_not_executable)
{
	unsigned flags;

	KCHECK(vmm_query((uint64_t)__kernel_text_end, &flags) == 0);
	KCHECK(!(flags & VM_WRITE) && !(flags & VM_EXEC));
	KCHECK(vmm_query((uint64_t)__kernel_rodata_end, &flags) == 0);
	KCHECK((flags & VM_WRITE) && !(flags & VM_EXEC));
	return true;
}

KTEST(direct_map_is_writable_and_not_executable)
{
	unsigned flags;
	void *page = page_alloc(1);

	KCHECK(page != NULL);
	int err = vmm_query((uint64_t)page, &flags);
	page_free(page, 1);
	KCHECK(err == 0);
	KCHECK((flags & VM_WRITE) && !(flags & VM_EXEC));
	return true;
}

KTEST(user_half_is_unmapped_in_the_kernel_tables)
{
	unsigned flags;

	KCHECK(vmm_query(0, &flags) == -1);
	KCHECK(vmm_query(0x200000, &flags) == -1);      /* the old identity map */
	KCHECK(!kernel_address_readable(0x1000, 8));
	return true;
}
