// SPDX-License-Identifier: MIT
/*
 * Per-thread CPU state on x86_64. FPU/SSE state is switched eagerly with
 * fxsave/fxrstor: the kernel itself never touches those registers
 * (-mgeneral-regs-only), so saving at the switch is enough. A user
 * thread's FS base (its TLS pointer) is reloaded; TSS.rsp0 and the
 * syscall stack follow the thread; CR3 changes only when the address
 * space does, and kernel threads run on the kernel's own tables.
 */
#include <arch/context.h>

#include <arch/cpu.h>
#include <arch/percpu.h>
#include <mm.h>
#include <proc.h>
#include <string.h>

extern char thread_kernel_start[], thread_user_start[];

static uint8_t fpu_clean_state[512] __attribute__((aligned(16)));

void arch_fpu_boot_init(void)
{
	write_cr0((read_cr0() & ~(1ul << 2)) | (1ul << 1));       /* EM off, MP on */
	write_cr4(read_cr4() | (1ul << 9) | (1ul << 10));         /* OSFXSR, OSXMMEXCPT */
	if (cpu_current_id() == 0) {
		uint32_t mxcsr = 0x1f80;                          /* all exceptions masked */
		__asm__ volatile("fninit; ldmxcsr %1; fxsave64 %0"
				 : "=m"(fpu_clean_state) : "m"(mxcsr));
	}
}

void arch_fpu_init_state(uint8_t *state)
{
	memcpy(state, fpu_clean_state, sizeof(fpu_clean_state));
}

/*
 * Switches this CPU to as (NULL: the kernel's own tables), keeping
 * as->active_cpus exact: a CPU is in the set while as is in its CR3.
 */
static void arch_load_space(address_space_t *as)
{
	cpu_t *c = cpu_current();
	uint64_t bit = 1ull << c->id;

	if (c->loaded_as == as)
		return;
	if (as)
		__atomic_fetch_or(&as->active_cpus, bit, __ATOMIC_ACQ_REL);
	write_cr3(as ? as->root : vmm_kernel_root());
	if (c->loaded_as)
		__atomic_fetch_and(&c->loaded_as->active_cpus, ~bit, __ATOMIC_ACQ_REL);
	c->loaded_as = as;
}

void as_activate(address_space_t *as)
{
	uint64_t flags = irq_save();

	arch_load_space(as);
	irq_restore(flags);
}

void as_deactivate(void)
{
	as_activate(NULL);
}

/*
 * Loads p's I/O permissions into this CPU's TSS bitmap. Most processes
 * have none, and the copy happens only when the owner changes, so only
 * drivers that were granted ports pay for it.
 */
void arch_load_io_bitmap(process_t *p)
{
	cpu_t *c = cpu_current();
	uint64_t id = __atomic_load_n(&p->io_bitmap_id, __ATOMIC_ACQUIRE);

	if (c->io_bitmap_id == id)
		return;
	if (p->io_bitmap)
		memcpy(c->io_bitmap, p->io_bitmap, IO_BITMAP_BYTES);
	else
		memset(c->io_bitmap, 0xff, IO_BITMAP_BYTES);
	c->io_bitmap_id = id;
}

void arch_thread_switch(thread_t *prev, thread_t *next)
{
	cpu_t *c = cpu_current();

	__asm__ volatile("fxsave64 %0" : "=m"(prev->fpu_state));
	__asm__ volatile("fxrstor64 %0" : : "m"(next->fpu_state));
	if (prev->fs_base != next->fs_base || next->proc)
		wrmsr(MSR_FS_BASE, next->fs_base);
	c->kernel_stack_top = next->kstack_top;
	c->tss.rsp[0] = next->kstack_top;
	c->current = next;
	if (next->proc)
		arch_load_io_bitmap(next->proc);
	if (next->proc)
		arch_load_space(next->proc->as);
	else if (c->loaded_as)
		arch_load_space(NULL);
}

/* Switch frame: r15 r14 r13 r12 rbx rbp, then the return address. */
#define SWITCH_FRAME_SLOTS 7

static void arch_thread_push_switch_frame(thread_t *t, uint64_t resume_rsp,
					  void *start)
{
	uint64_t *frame = (uint64_t *)(resume_rsp - SWITCH_FRAME_SLOTS * 8);

	memset(frame, 0, SWITCH_FRAME_SLOTS * 8);
	frame[6] = (uint64_t)start;
	t->saved_rsp = (uint64_t)frame;
}

void arch_thread_init_kernel(thread_t *t)
{
	/* After `ret`, rsp = top - 16: 16-byte aligned for the stub's call. */
	arch_thread_push_switch_frame(t, t->kstack_top - 16, thread_kernel_start);
}

void arch_thread_init_user(thread_t *t, const trap_frame_t *frame)
{
	trap_frame_t *tf = thread_user_frame(t);

	*tf = *frame;
	arch_thread_push_switch_frame(t, (uint64_t)tf, thread_user_start);
}
