// SPDX-License-Identifier: MIT
/*
 * User page tables and TLB shootdown on x86_64. User leaf entries are
 * always 4 KiB pages with the U bit; bit 9 (free for software) marks
 * copy-on-write. The kernel half of every top-level table points at the
 * kernel's own third-level tables, which exist from boot, so it never
 * needs updating.
 *
 * Shootdown: each address space remembers which CPUs have it loaded
 * (arch_thread_switch maintains as->active_cpus). A flush invalidates
 * locally and sends VEC_IPI_TLB to the others, waiting until each has
 * reloaded CR3; one shootdown runs at a time (tlb_lock).
 */
#include <arch/mmu.h>

#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <mm.h>
#include <spinlock.h>
#include <string.h>
#include <vm.h>

#define X86_P   (1ul << 0)
#define X86_W   (1ul << 1)
#define X86_U   (1ul << 2)
#define X86_PWT (1ul << 3)
#define X86_PCD (1ul << 4)
#define X86_COW (1ul << 9)
#define X86_NX  (1ul << 63)
#define X86_ADDR 0x000ffffffffff000ul

/*
 * A page whose area forbids all access (PROT_NONE) stays present, keeping
 * its frame, but without the U bit: user accesses fault, and mprotect can
 * give the same contents back.
 */
pte_t pte_make(uint64_t phys, unsigned perms)
{
	pte_t pte = phys | X86_P | ((perms & PTE_PERM_READ) ? X86_U : 0);

	if ((perms & PTE_PERM_WRITE) && !(perms & PTE_PERM_COW))
		pte |= X86_W;
	if (!(perms & PTE_PERM_EXEC))
		pte |= X86_NX;
	if (perms & PTE_PERM_COW)
		pte |= X86_COW;
	if (perms & PTE_PERM_NOCACHE)
		pte |= X86_PCD | X86_PWT;       /* PAT entry 3: UC with the reset PAT */
	return pte;
}

bool pte_present(pte_t pte)
{
	return pte & X86_P;
}

uint64_t pte_phys(pte_t pte)
{
	return pte & X86_ADDR;
}

unsigned pte_perms(pte_t pte)
{
	return ((pte & X86_U) ? PTE_PERM_READ : 0) | ((pte & X86_W) ? PTE_PERM_WRITE : 0) |
	       ((pte & X86_NX) ? 0 : PTE_PERM_EXEC) | ((pte & X86_COW) ? PTE_PERM_COW : 0) |
	       ((pte & X86_PCD) ? PTE_PERM_NOCACHE : 0);
}

uint64_t upt_create(void)
{
	uint64_t *pml4 = page_alloc_zeroed(1);
	const uint64_t *kernel = phys_to_virt(vmm_kernel_root());

	if (!pml4)
		return 0;
	memcpy(pml4 + 256, kernel + 256, 256 * sizeof(uint64_t));
	return virt_to_phys(pml4);
}

static void upt_free_level(uint64_t table_phys, int level)
{
	uint64_t *t = phys_to_virt(table_phys);

	if (level > 0)
		for (int i = 0; i < 512; i++)
			if (t[i] & X86_P)
				upt_free_level(t[i] & X86_ADDR, level - 1);
	pmm_free(table_phys, 0);
}

void upt_destroy(uint64_t root)
{
	uint64_t *pml4 = phys_to_virt(root);

	for (int i = 0; i < 256; i++)
		if (pml4[i] & X86_P)
			upt_free_level(pml4[i] & X86_ADDR, 2);
	pmm_free(root, 0);
}

pte_t *upt_walk(uint64_t root, uint64_t va, bool create)
{
	uint64_t *table = phys_to_virt(root);

	for (int level = 3; level > 0; level--) {
		uint64_t *e = &table[(va >> (12 + 9 * level)) & 511];
		if (!(*e & X86_P)) {
			void *next;
			if (!create || !(next = page_alloc_zeroed(1)))
				return NULL;
			*e = virt_to_phys(next) | X86_P | X86_W | X86_U;
		}
		table = phys_to_virt(*e & X86_ADDR);
	}
	return &table[(va >> 12) & 511];
}

static spinlock_t tlb_lock = SPINLOCK_INIT;
static volatile uint32_t tlb_pending;          /* CPUs yet to flush */

static void tlb_ipi(trap_frame_t *frame)
{
	(void)frame;
	write_cr3(read_cr3());
	__atomic_fetch_sub(&tlb_pending, 1, __ATOMIC_ACQ_REL);
	lapic_eoi();
}

void tlb_init(void)
{
	trap_set_handler(VEC_IPI_TLB, tlb_ipi);
}

static void tlb_shootdown_others(address_space_t *as)
{
	unsigned me = cpu_current_id();
	uint64_t targets = __atomic_load_n(&as->active_cpus, __ATOMIC_ACQUIRE) & ~(1ull << me);

	if (!targets)
		return;
	/* Interrupts stay enabled while waiting: another CPU may be
	 * shooting at us at the same time and needs our answer. */
	uint64_t flags = irq_save();
	while (!spin_trylock(&tlb_lock)) {
		irq_restore(flags);
		cpu_relax();
		flags = irq_save();
	}
	tlb_pending = (uint32_t)__builtin_popcountll(targets);
	for (unsigned cpu = 0; cpu < cpu_count; cpu++)
		if (targets & (1ull << cpu))
			lapic_send_ipi(cpu_table[cpu].apic_id, VEC_IPI_TLB);
	irq_restore(flags);
	while (__atomic_load_n(&tlb_pending, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_unlock(&tlb_lock);
}

void tlb_flush_page(address_space_t *as, uint64_t va)
{
	if ((read_cr3() & X86_ADDR) == as->root)
		invlpg(va);
	tlb_shootdown_others(as);
}

void tlb_flush_all(address_space_t *as)
{
	if ((read_cr3() & X86_ADDR) == as->root)
		write_cr3(read_cr3());
	tlb_shootdown_others(as);
}

uint64_t upt_next_mapped(uint64_t root, uint64_t va, uint64_t end)
{
	while (va < end) {
		uint64_t *table = phys_to_virt(root);
		int level = 3;
		for (; level >= 0; level--) {
			uint64_t e = table[(va >> (12 + 9 * level)) & 511];
			if (!(e & X86_P))
				break;
			if (level == 0)
				return va;
			table = phys_to_virt(e & X86_ADDR);
		}
		/* Skip the whole range the missing entry would have covered. */
		uint64_t span = 1ull << (12 + 9 * level);
		va = (va & ~(span - 1)) + span;
	}
	return end;
}
