// SPDX-License-Identifier: MIT
/*
 * The report for an exception taken in kernel mode: which exception, the
 * error code (decoded for page faults), CR2, every register, and the
 * backtrace from the faulting instruction.
 */
#include <arch/cpu.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <log.h>
#include <machine.h>
#include <panic.h>

static void fault_report_page_fault(const trap_frame_t *f, uint64_t cr2)
{
	uint64_t e = f->error_code;

	klog("page fault at address 0x%016lx: %s, %s in %s mode%s%s", cr2,
	     (e & 1) ? "protection violation" : "page not present",
	     (e & 2) ? "write" : ((e & 16) ? "instruction fetch" : "read"),
	     (e & 4) ? "user" : "kernel", (e & 8) ? ", reserved bit set" : "",
	     (e & 32) ? ", protection key" : "");
}

static void fault_report_registers(const trap_frame_t *f, uint64_t cr2)
{
	klog("RIP=0x%016lx CS=0x%04lx RFLAGS=0x%08lx ERR=%#lx", f->rip, f->cs,
	     f->rflags, f->error_code);
	klog("RSP=0x%016lx SS=0x%04lx CR2=0x%016lx CR3=0x%016lx", f->rsp, f->ss, cr2,
	     read_cr3());
	klog("RAX=0x%016lx RBX=0x%016lx RCX=0x%016lx RDX=0x%016lx", f->rax, f->rbx,
	     f->rcx, f->rdx);
	klog("RSI=0x%016lx RDI=0x%016lx RBP=0x%016lx R8 =0x%016lx", f->rsi, f->rdi,
	     f->rbp, f->r8);
	klog("R9 =0x%016lx R10=0x%016lx R11=0x%016lx R12=0x%016lx", f->r9, f->r10,
	     f->r11, f->r12);
	klog("R13=0x%016lx R14=0x%016lx R15=0x%016lx CR0=0x%08lx CR4=0x%08lx",
	     f->r13, f->r14, f->r15, read_cr0(), read_cr4());
}

void panic_trap(trap_frame_t *f)
{
	uint64_t cr2 = read_cr2();
	uint64_t off;
	const char *where;

	if (!panic_begin())
		cpu_halt_forever();
	where = ksym_name(f->rip, &off);
	klog("PANIC on CPU %u: %s (vector %lu, error code %#lx) at %s+%#lx",
	     cpu_current_id(), trap_exception_name(f->vector), f->vector,
	     f->error_code, where, off);
	if (f->vector == 14)
		fault_report_page_fault(f, cr2);
	fault_report_registers(f, cr2);
	backtrace_print(f->rip, f->rbp, false);
	klog("kernel halted");
	machine_finish(false);
}
