// SPDX-License-Identifier: MIT
/*
 * panic and backtraces. The first CPU to panic owns the report; a CPU
 * that panics while a report is under way (including the reporting CPU
 * faulting inside it) just halts, so a bad frame pointer cannot recurse.
 * Frame pointers are followed only while they stay inside kernel memory
 * and move up the stack, which bounds the walk on a corrupt chain.
 */
#include <panic.h>

#include <arch/layout.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <arch/cpu.h>
#include <lib/fmt.h>
#include <lib/ksym.h>
#include <log.h>
#include <machine.h>
#include <mm.h>

#define BACKTRACE_MAX 24

extern const ksym_table_t ksym_table;
static volatile int panic_owner = -1;

const char *ksym_name(uint64_t addr, uint64_t *offset)
{
	const char *name = ksym_lookup(&ksym_table, addr, offset);

	if (!name && offset)
		*offset = 0;
	return name ? name : "?";
}

static bool backtrace_frame_ok(uint64_t rbp)
{
	return (rbp & 7) == 0 && kernel_address_readable(rbp, 16);
}

void backtrace_print(uint64_t rip, uint64_t rbp, bool rip_is_return)
{
	uint64_t off, last = 0;
	const char *name = ksym_name(rip - rip_is_return, &off);
	int repeats = 0;

	klog("backtrace:");
	klog("  #0  0x%016lx  %s+%#lx", rip, name, off + rip_is_return);
	for (int depth = 1; depth < BACKTRACE_MAX && backtrace_frame_ok(rbp); depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t ret = frame[1];

		if (ret < KERNEL_VMA || frame[0] <= rbp)
			break;
		rbp = frame[0];
		/* Deep recursion: one line for a run of identical frames. */
		if (ret == last) {
			repeats++;
			depth--;
			continue;
		}
		if (repeats)
			klog("  ... the frame above repeats %d more times", repeats);
		repeats = 0;
		last = ret;
		/* ret - 1 lies inside the call instruction's function. */
		name = ksym_name(ret - 1, &off);
		klog("  #%d  0x%016lx  %s+%#lx", depth, ret, name, off + 1);
	}
	if (repeats)
		klog("  ... the frame above repeats %d more times", repeats);
}

/*
 * True for the first CPU to get here. Others must halt (the report's owner
 * ends the run); the owner faulting again ends the run at once.
 */
bool panic_begin(void)
{
	int me = (int)cpu_current_id();
	int expected = -1;

	irq_disable();
	if (!__atomic_compare_exchange_n(&panic_owner, &expected, me, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (expected == me) {
			klog("PANIC: fault while reporting a panic; halting");
			machine_finish(false);
		}
		return false;
	}
	klog_panic_mode();
	machine_stop_other_cpus();
	return true;
}

void panic(const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	if (!panic_begin())
		cpu_halt_forever();
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	klog("PANIC on CPU %u: %s", cpu_current_id(), msg);
	/* Start at our caller: our frame holds its rbp and our return address. */
	const uint64_t *frame = __builtin_frame_address(0);
	backtrace_print(frame[1], frame[0], true);
	klog("kernel halted");
	machine_finish(false);
}
