// SPDX-License-Identifier: MIT
/*
 * ioperm(from, count, on): lets a privileged process (a driver) use I/O
 * ports [from, from + count) directly, or takes them away again. The
 * grant lives in the process's own bitmap, which the context switch
 * loads into the CPU's TSS; a port outside it faults (#GP, SIGSEGV).
 * Grants are not inherited by fork: a driver's children start without.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/percpu.h>
#include <mm.h>
#include <proc.h>
#include <string.h>

static volatile uint64_t io_bitmap_ids;

/*
 * The bitmap is allocated once and changed in place; the new id is
 * published after the change, so a CPU that copies the bitmap under an
 * id has at least that id's contents (a copy racing with a change keeps
 * the old id and is redone at the next switch).
 */
long sys_ioperm(const syscall_args_t *a)
{
	uint64_t from = a->a[0], count = a->a[1];
	process_t *p = proc_current();
	uint8_t *fresh = NULL;

	if (from > 65536 || count > 65536 - from)
		return -EINVAL;
	if (!proc_privileged(ABI_PRIV_IO))
		return -EPERM;
	if (!p->io_bitmap && !(fresh = kmalloc(IO_BITMAP_BYTES)))
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	if (!p->io_bitmap && fresh) {
		memset(fresh, 0xff, IO_BITMAP_BYTES);
		p->io_bitmap = fresh;
		fresh = NULL;
	}
	uint8_t *map = p->io_bitmap;
	for (uint64_t port = from; port < from + count; port++) {
		if (a->a[2])
			map[port / 8] &= (uint8_t)~(1u << (port % 8));
		else
			map[port / 8] |= (uint8_t)(1u << (port % 8));
	}
	__atomic_store_n(&p->io_bitmap_id, __atomic_add_fetch(&io_bitmap_ids, 1, __ATOMIC_ACQ_REL),
			 __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&p->lock, flags);
	kfree(fresh);
	/* This thread at once; p's others at their next switch. */
	flags = irq_save();
	arch_load_io_bitmap(p);
	irq_restore(flags);
	return 0;
}
