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
#include <platform.h>

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10            /* QEMU exits with 33 */
#define DEBUG_EXIT_FAIL 0x11            /* QEMU exits with 35 */

/* ACPI PM1 control register bits (ACPI spec, "PM1 Control Registers"). */
#define PM1_SCI_EN   0x0001u
#define PM1_SLP_TYP  0x1c00u
#define PM1_SLP_EN   0x2000u
#define ACPI_SPACE_IO 1
#define KBC_STATUS   0x64            /* 8042: status in, commands out */
#define KBC_PULSE_RESET 0xfe

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

/* Puts the chipset in ACPI mode if the firmware left it in legacy mode. */
static void machine_acpi_enable(const acpi_fadt_info_t *f)
{
	if (!f->smi_cmd_port || !f->acpi_enable || (inw((uint16_t)f->pm1a_cnt_port) & PM1_SCI_EN))
		return;
	outb((uint16_t)f->smi_cmd_port, f->acpi_enable);
	for (int i = 0; i < 1000000 && !(inw((uint16_t)f->pm1a_cnt_port) & PM1_SCI_EN); i++)
		cpu_relax();
}

static void machine_sleep_type(uint32_t port, uint8_t type)
{
	uint16_t v = inw((uint16_t)port);

	outw((uint16_t)port, (uint16_t)((v & ~PM1_SLP_TYP) | ((type & 7u) << 10) | PM1_SLP_EN));
}

void machine_power_off(void)
{
	const acpi_fadt_info_t *f = &platform.fadt;

	klog("kernel: powering off");
	(void)irq_save();               /* no interrupt may wait on a halted CPU's lock */
	machine_stop_other_cpus();
	klog_panic_mode();              /* a halted CPU may hold the log lock */
	if (platform.have_fadt && platform.have_s5 && f->pm1a_cnt_port) {
		machine_acpi_enable(f);
		machine_sleep_type(f->pm1a_cnt_port, platform.s5_typa);
		if (f->pm1b_cnt_port)
			machine_sleep_type(f->pm1b_cnt_port, platform.s5_typb);
		for (int i = 0; i < 10000000; i++)
			cpu_relax();
	}
	klog("kernel: ACPI soft-off did not take; halted, the machine can be switched off");
	cpu_halt_forever();
}

void machine_reboot(void)
{
	const acpi_fadt_info_t *f = &platform.fadt;
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } no_idt = { 0, 0 };

	klog("kernel: rebooting");
	(void)irq_save();
	machine_stop_other_cpus();
	klog_panic_mode();
	if (platform.have_fadt && f->has_reset && f->reset_space == ACPI_SPACE_IO)
		outb((uint16_t)f->reset_addr, f->reset_value);
	for (int i = 0; i < 100000 && (inb(KBC_STATUS) & 2); i++)
		cpu_relax();
	outb(KBC_STATUS, KBC_PULSE_RESET);
	for (int i = 0; i < 10000000; i++)
		cpu_relax();
	/* Last resort: a fault with no IDT escalates to a triple fault. */
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	cpu_halt_forever();
}
