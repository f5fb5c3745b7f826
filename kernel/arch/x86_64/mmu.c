// SPDX-License-Identifier: MIT
/*
 * The kernel's page tables. vmm_init builds them from scratch, replacing
 * the boot tables: RAM in the direct map (2 MiB pages where alignment
 * allows, never executable), the kernel image in 4 KiB pages with
 * per-section permissions (text read-only and executable, rodata
 * read-only, data no-execute), and every top-level entry of the upper half
 * present from the start, so that address spaces created later can share
 * the kernel half by copying 256 entries and never need to be updated.
 * Later mappings of physical ranges (MMIO, firmware tables) go through
 * vmm_map_phys under vmm_lock.
 */
#include <mm.h>

#include <arch/cpu.h>
#include <log.h>
#include <panic.h>
#include <spinlock.h>
#include <string.h>

#define PTE_P    (1ul << 0)
#define PTE_W    (1ul << 1)
#define PTE_U    (1ul << 2)
#define PTE_PWT  (1ul << 3)
#define PTE_PCD  (1ul << 4)
#define PTE_PS   (1ul << 7)
#define PTE_G    (1ul << 8)
#define PTE_NX   (1ul << 63)
#define PTE_ADDR 0x000ffffffffff000ul

#define SIZE_2M  0x200000ul

extern char __kernel_text_start[], __kernel_text_end[], __kernel_rodata_end[],
	__kernel_data_end[], __kernel_end[], boot_stack_guard[];

static spinlock_t vmm_lock = SPINLOCK_INIT;
static uint64_t kernel_root;    /* physical; its entries guarded by vmm_lock */

static uint64_t *pt_table(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

/*
 * Until vmm_init switches to the new tables only the first 4 GiB are in
 * the direct map, so the tables built before then must come from there.
 */
static uint64_t pt_new_table(void)
{
	uint64_t phys;
	int err = kernel_root ? pmm_alloc(0, &phys)
			      : pmm_alloc_below(0, 0x100000000ul, &phys);

	if (err)
		panic("vmm: out of memory for page tables");
	memset(phys_to_virt(phys), 0, PAGE_SIZE);
	return phys;
}

static uint64_t pte_flags(unsigned vm_flags)
{
	uint64_t f = PTE_P | PTE_G;

	if (vm_flags & VM_WRITE)
		f |= PTE_W;
	if (!(vm_flags & VM_EXEC))
		f |= PTE_NX;
	if (vm_flags & VM_NOCACHE)
		f |= PTE_PCD | PTE_PWT;
	else if (vm_flags & VM_WRITE_COMBINE)
		f |= PTE_PWT;   /* write-through until the PAT is reprogrammed */
	return f;
}

/* The entry for va at the given level (3 = PML4 ... 0 = PT), tables made as needed. */
static uint64_t *pt_walk_create(uint64_t root, uint64_t va, int level)
{
	uint64_t *table = phys_to_virt(root);

	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[(va >> (12 + 9 * l)) & 511];
		if (!(*e & PTE_P))
			*e = pt_new_table() | PTE_P | PTE_W;
		else if (*e & PTE_PS)
			panic("vmm: %#lx is inside a large page", va);
		table = pt_table(*e);
	}
	return &table[(va >> (12 + 9 * level)) & 511];
}

static void pt_map_range(uint64_t root, uint64_t va, uint64_t pa, uint64_t size,
			 uint64_t flags)
{
	while (size) {
		if (!((va | pa) & (SIZE_2M - 1)) && size >= SIZE_2M) {
			*pt_walk_create(root, va, 1) = pa | flags | PTE_PS;
			va += SIZE_2M;
			pa += SIZE_2M;
			size -= SIZE_2M;
		} else {
			*pt_walk_create(root, va, 0) = pa | flags;
			va += PAGE_SIZE;
			pa += PAGE_SIZE;
			size -= PAGE_SIZE;
		}
	}
}

/* The leaf entry mapping va and its level, or NULL when unmapped. */
static uint64_t *pt_lookup(uint64_t root, uint64_t va, int *level)
{
	uint64_t *table = phys_to_virt(root);

	for (int l = 3; l >= 0; l--) {
		uint64_t *e = &table[(va >> (12 + 9 * l)) & 511];
		if (!(*e & PTE_P))
			return NULL;
		if (l == 0 || (*e & PTE_PS)) {
			*level = l;
			return e;
		}
		table = pt_table(*e);
	}
	return NULL;
}

uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - DIRECT_MAP_BASE;
}

static void vmm_map_kernel_image(uint64_t root)
{
	struct {
		char *start, *end;
		unsigned flags;
	} sections[] = {
		{ __kernel_text_start, __kernel_text_end, VM_EXEC },
		{ __kernel_text_end, __kernel_rodata_end, VM_READ },
		{ __kernel_rodata_end, __kernel_data_end, VM_WRITE },
		{ __kernel_data_end, __kernel_end, VM_READ },
	};

	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		uint64_t va = (uint64_t)sections[i].start;
		uint64_t size = (uint64_t)sections[i].end - va;
		uint64_t flags = pte_flags(sections[i].flags);
		/* 4 KiB pages only: section boundaries are 4 KiB aligned. */
		for (uint64_t off = 0; off < size; off += PAGE_SIZE)
			if (va + off != (uint64_t)boot_stack_guard)
				*pt_walk_create(root, va + off, 0) =
					(va + off - KERNEL_VMA) | flags;
	}
}

static void vmm_map_ram(uint64_t root, const boot_info_t *boot)
{
	for (size_t i = 0; i < boot->mmap_count; i++) {
		const boot_mmap_entry_t *e = &boot->mmap[i];
		if (e->type != BOOT_MEM_AVAILABLE && e->type != BOOT_MEM_ACPI_RECLAIMABLE)
			continue;
		uint64_t start = e->base & ~(PAGE_SIZE - 1);
		uint64_t end = (e->base + e->length + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		pt_map_range(root, DIRECT_MAP_BASE + start, start, end - start,
			     pte_flags(VM_WRITE));
	}
}

void vmm_init(const boot_info_t *boot)
{
	uint64_t root = pt_new_table();
	uint64_t *pml4 = phys_to_virt(root);

	for (int i = 256; i < 512; i++)
		pml4[i] = pt_new_table() | PTE_P | PTE_W;
	vmm_map_ram(root, boot);
	vmm_map_kernel_image(root);
	write_cr4(read_cr4() | (1 << 7));       /* global pages */
	write_cr3(root);
	kernel_root = root;
	klog("vmm: kernel page tables at %#lx; text read-only, data no-execute",
	     root);
}

uint64_t vmm_kernel_root(void)
{
	return kernel_root;
}

/* Maps what is not mapped yet, one 4 KiB page at a time. */
void *vmm_map_phys(uint64_t phys, size_t size, unsigned vm_flags)
{
	uint64_t start = phys & ~(PAGE_SIZE - 1);
	uint64_t end = (phys + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t flags = pte_flags(vm_flags);
	uint64_t irq = spin_lock_irqsave(&vmm_lock);

	for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
		uint64_t va = DIRECT_MAP_BASE + pa;
		int level;
		if (pt_lookup(kernel_root, va, &level))
			continue;
		*pt_walk_create(kernel_root, va, 0) = pa | flags;
		invlpg(va);
	}
	spin_unlock_irqrestore(&vmm_lock, irq);
	return phys_to_virt(phys);
}

void vmm_map_kernel(uint64_t va, uint64_t pa, size_t size, unsigned vm_flags)
{
	uint64_t irq = spin_lock_irqsave(&vmm_lock);

	for (uint64_t off = 0; off < size; off += PAGE_SIZE)
		*pt_walk_create(kernel_root, va + off, 0) = (pa + off) | pte_flags(vm_flags);
	spin_unlock_irqrestore(&vmm_lock, irq);
}

int vmm_query(uint64_t va, unsigned *vm_flags)
{
	int level;
	uint64_t *e = pt_lookup(kernel_root ? kernel_root : read_cr3() & PTE_ADDR,
				va, &level);

	if (!e)
		return -1;
	*vm_flags = ((*e & PTE_W) ? VM_WRITE : 0) | ((*e & PTE_NX) ? 0 : VM_EXEC) |
		    ((*e & PTE_U) ? VM_USER : 0) | ((*e & PTE_PCD) ? VM_NOCACHE : 0);
	return 0;
}

bool kernel_address_readable(uint64_t va, size_t len)
{
	unsigned flags;

	if (va < DIRECT_MAP_BASE || va + len < va)
		return false;
	for (uint64_t p = va & ~(PAGE_SIZE - 1); p < va + len; p += PAGE_SIZE)
		if (vmm_query(p, &flags))
			return false;
	return true;
}
