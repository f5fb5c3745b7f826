// SPDX-License-Identifier: MIT
/*
 * Trap dispatch. Exceptions raised in kernel mode are bugs and end in
 * panic_trap; interrupts go to the handler registered for their vector
 * (the LAPIC timer, IPIs), and a vector with no handler is reported once
 * and ignored, since a stray device interrupt must not kill the system.
 */
#include <arch/trap.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/layout.h>
#include <log.h>
#include <panic.h>
#include <proc.h>
#include <sched.h>

static trap_handler_t trap_handlers[256];

static const char *const exception_names[32] = {
	[0] = "divide error", [1] = "debug", [2] = "non-maskable interrupt",
	[3] = "breakpoint", [4] = "overflow", [5] = "bound range exceeded",
	[6] = "invalid opcode", [7] = "device not available",
	[8] = "double fault", [9] = "coprocessor segment overrun",
	[10] = "invalid TSS", [11] = "segment not present",
	[12] = "stack-segment fault", [13] = "general protection fault",
	[14] = "page fault", [16] = "x87 floating-point error",
	[17] = "alignment check", [18] = "machine check",
	[19] = "SIMD floating-point error", [20] = "virtualization exception",
	[21] = "control protection exception", [28] = "hypervisor injection",
	[29] = "VMM communication exception", [30] = "security exception",
};

const char *trap_exception_name(unsigned vector)
{
	if (vector < 32 && exception_names[vector])
		return exception_names[vector];
	return vector < 32 ? "reserved exception" : "interrupt";
}

extern char usercopy_fault_insn1[], usercopy_fault_insn2[], usercopy_fixup[];

static bool trap_in_usercopy(const trap_frame_t *f)
{
	return f->rip == (uint64_t)usercopy_fault_insn1 ||
	       f->rip == (uint64_t)usercopy_fault_insn2;
}

/*
 * Page faults on user addresses — from user mode, or from the kernel's
 * copy loops — go to the address space (demand paging, copy-on-write,
 * stack growth). What it cannot resolve becomes SIGSEGV for user mode
 * and -EFAULT for a copy; anything else is a kernel bug.
 */
static void trap_page_fault(trap_frame_t *f)
{
	uint64_t addr = read_cr2();
	bool user = f->cs & 3;
	process_t *p = proc_current();

	if (!p || addr >= USER_TOP || (!user && !trap_in_usercopy(f)))
		panic_trap(f);
	/* as_fault may wait for a lock or a TLB shootdown: interrupts on,
	 * unless the faulting code had them off (a copy under a spinlock). */
	if (f->rflags & RFLAGS_IF)
		irq_enable();
	int err = as_fault(p->as, addr, f->error_code & 2, f->error_code & 16);
	if (!err)
		return;
	if (!user) {
		f->rip = (uint64_t)usercopy_fixup;      /* the copy fails: EFAULT */
		return;
	}
	if (err == -ENOMEM) {
		/* No swap to wait for: the process that needs the page goes. */
		klog("%s[%d]: out of memory at %#lx; killed", p->name, p->pid, addr);
		proc_exit(ABI_WSTATUS_SIGNALED(SIGKILL));
	}
	signal_raise_fault(f, SIGSEGV);
}

void trap_init(void)
{
	trap_set_handler(14, trap_page_fault);
}

void trap_set_handler(unsigned vector, trap_handler_t handler)
{
	trap_handlers[vector & 0xff] = handler;
}

static void trap_unexpected(unsigned vector)
{
	static uint64_t reported[4];            /* one bit per vector */

	if (!(__atomic_fetch_or(&reported[vector / 64], 1ull << (vector % 64),
				__ATOMIC_RELAXED) & (1ull << (vector % 64))))
		klog("trap: unexpected interrupt vector %u, ignored (reported once)", vector);
	lapic_eoi();
}

/* An exception with no handler of its own: a bug in the kernel, or a
 * fault in user mode that becomes a signal. */
static void trap_exception(trap_frame_t *frame)
{
	static const int user_signals[32] = {
		[0] = SIGFPE, [1] = SIGTRAP, [3] = SIGTRAP, [4] = SIGSEGV,
		[5] = SIGSEGV, [6] = SIGILL, [7] = SIGFPE, [10] = SIGSEGV,
		[11] = SIGBUS, [12] = SIGBUS, [13] = SIGSEGV, [14] = SIGSEGV,
		[16] = SIGFPE, [17] = SIGBUS, [19] = SIGFPE,
	};
	unsigned vector = frame->vector;

	if (!(frame->cs & 3) || !user_signals[vector])
		panic_trap(frame);
	signal_raise_fault(frame, user_signals[vector]);
}

/* Last stop before user mode: preemption, a move to a CPU the thread
 * may run on, then pending signals. */
void trap_return_to_user(trap_frame_t *frame)
{
	for (int rounds = 0; rounds < 8; rounds++) {
		if (sched_need_resched())
			schedule();
		sched_migrate_if_needed();
		signal_deliver(frame);
		if (!sched_need_resched())
			break;
	}
}

void trap_dispatch(trap_frame_t *frame)
{
	unsigned vector = frame->vector & 0xff;
	trap_handler_t handler = trap_handlers[vector];

	if (handler)
		handler(frame);
	else if (vector < 32)
		trap_exception(frame);
	else if (vector != VEC_SPURIOUS)
		trap_unexpected(vector);
	if (frame->cs & 3)
		trap_return_to_user(frame);
}
