// SPDX-License-Identifier: MIT
/*
 * Kernel stacks. Each lives in a slot of twice its size in the kernel
 * stack area: the lower half stays unmapped as a guard, so running off the
 * end faults (and, on the IST stack, reports) instead of silently
 * overwriting a neighbour. Freed stacks keep their pages and mapping and
 * go on a free list for the next thread, which saves both the allocation
 * and any TLB shootdown: a slot is never remapped.
 */
#include <mm.h>

#include <panic.h>
#include <spinlock.h>

#define KSTACK_SLOT (2 * KERNEL_STACK_SIZE)
#define KSTACK_MAX  (KSTACK_AREA_SIZE / KSTACK_SLOT)

typedef struct kstack_free_slot {
	struct kstack_free_slot *next;
} kstack_free_slot_t;

static spinlock_t kstack_lock = SPINLOCK_INIT;
static uint64_t kstack_slots_used;             /* guarded by kstack_lock */
static kstack_free_slot_t *kstack_free_list;   /* guarded by kstack_lock */

uintptr_t kstack_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&kstack_lock);
	kstack_free_slot_t *slot = kstack_free_list;
	uint64_t index = kstack_slots_used;
	uint64_t phys;

	if (slot) {
		kstack_free_list = slot->next;
		spin_unlock_irqrestore(&kstack_lock, flags);
		return (uintptr_t)slot + sizeof(*slot);
	}
	if (index == KSTACK_MAX || pmm_alloc(page_order(KERNEL_STACK_SIZE / PAGE_SIZE), &phys)) {
		spin_unlock_irqrestore(&kstack_lock, flags);
		return 0;
	}
	kstack_slots_used++;
	spin_unlock_irqrestore(&kstack_lock, flags);

	uintptr_t bottom = KSTACK_AREA_BASE + index * KSTACK_SLOT + KERNEL_STACK_SIZE;
	vmm_map_kernel(bottom, phys, KERNEL_STACK_SIZE, VM_WRITE);
	return bottom + KERNEL_STACK_SIZE;
}

void kstack_free(uintptr_t top)
{
	/* The free-list link sits in the stack's top word. */
	kstack_free_slot_t *slot = (kstack_free_slot_t *)(top - sizeof(*slot));
	uint64_t flags = spin_lock_irqsave(&kstack_lock);

	slot->next = kstack_free_list;
	kstack_free_list = slot;
	spin_unlock_irqrestore(&kstack_lock, flags);
}
