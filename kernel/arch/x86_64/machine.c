// SPDX-License-Identifier: MIT
/*
 * Stopping and leaving. Other CPUs are stopped with an NMI, which gets
 * through even with their interrupts disabled; the NMI handler parks a CPU
 * for good when a panic is under way. Leaving in test mode goes through
 * QEMU's isa-debug-exit device at port 0xf4: QEMU exits with status
 * (value << 1) | 1. The values are chosen so that neither result can be
 * confused with QEMU's own exit statuses (0 after a reset with -no-reboot,
 * 1 when it cannot start): 33 means passed, 35 failed.
 */
#include <machine.h>

#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/trap.h>
#include <log.h>
#include <panic.h>

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10            /* QEMU exits with 33 */
#define DEBUG_EXIT_FAIL 0x11            /* QEMU exits with 35 */

bool machine_test_mode;
static volatile bool machine_stopping;

static volatile uint64_t machine_stray_nmis;

/* No logging here: an NMI may interrupt a CPU that holds the log lock. */
static void machine_nmi(trap_frame_t *frame)
{
	(void)frame;
	if (machine_stopping)
		cpu_halt_forever();
	machine_stray_nmis++;
}

void machine_init(void)
{
	trap_set_handler(2, machine_nmi);
}

void machine_stop_other_cpus(void)
{
	machine_stopping = true;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	lapic_send_nmi_all_others();
}

void machine_finish(bool passed)
{
	if (machine_test_mode)
		outl(DEBUG_EXIT_PORT, passed ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL);
	cpu_halt_forever();
}
