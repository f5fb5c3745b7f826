// SPDX-License-Identifier: MIT
/*
 * Local APIC access, in x2APIC mode (MSRs) when the CPU has it, else in
 * xAPIC mode through the register page, mapped uncached once and shared
 * (every CPU sees its own APIC at the same address). x2APIC is used when
 * present because firmware may hand over with it already on (it cannot be
 * switched back without a reset of the APIC) and because it carries
 * 32-bit APIC ids. Interrupt commands wait for the previous one's
 * delivery bit to clear (xAPIC), so INIT-SIPI-SIPI is not merged.
 */
#include <arch/lapic.h>

#include <arch/cpu.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <clock.h>
#include <log.h>
#include <mm.h>
#include <panic.h>
#include <sched.h>
#include <scheme.h>

enum {
	LAPIC_ID = 0x20, LAPIC_TPR = 0x80, LAPIC_EOI = 0xb0, LAPIC_SVR = 0xf0,
	LAPIC_ICR_LOW = 0x300, LAPIC_ICR_HIGH = 0x310, LAPIC_LVT_TIMER = 0x320,
	LAPIC_LVT_LINT0 = 0x350, LAPIC_LVT_LINT1 = 0x360, LAPIC_LVT_ERROR = 0x370,
	LAPIC_TIMER_INITIAL = 0x380, LAPIC_TIMER_CURRENT = 0x390,
	LAPIC_TIMER_DIVIDE = 0x3e0,
};

#define LVT_MASKED      (1u << 16)
#define LVT_PERIODIC    (1u << 17)
#define ICR_PENDING     (1u << 12)
#define ICR_ASSERT      (1u << 14)
#define ICR_MODE_NMI    (4u << 8)
#define ICR_MODE_INIT   (5u << 8)
#define ICR_MODE_STARTUP (6u << 8)
#define ICR_ALL_BUT_SELF (3u << 18)

#define X2APIC_MSR_BASE 0x800
#define APIC_BASE_X2APIC (1ul << 10)
#define APIC_BASE_ENABLE (1ul << 11)

static volatile uint32_t *lapic_regs;
static bool lapic_x2apic;
static uint32_t lapic_ticks_per_period;

static uint32_t lapic_read(uint32_t reg)
{
	if (lapic_x2apic)
		return (uint32_t)rdmsr(X2APIC_MSR_BASE + reg / 16);
	return lapic_regs[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	if (lapic_x2apic)
		wrmsr(X2APIC_MSR_BASE + reg / 16, v);
	else
		lapic_regs[reg / 4] = v;
}

static void lapic_timer_tick(trap_frame_t *frame)
{
	(void)frame;
	cpu_current()->timer_ticks++;
	lapic_eoi();
	sched_tick();
	if (cpu_current_id() == 0)
		time_tick();
}

void lapic_init(uint64_t phys_base)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	lapic_x2apic = r[2] & (1u << 21);
	if (!phys_base)
		phys_base = rdmsr(MSR_APIC_BASE) & ~0xffful;
	if (!lapic_x2apic)
		lapic_regs = vmm_map_phys(phys_base, PAGE_SIZE, VM_WRITE | VM_NOCACHE);
	trap_set_handler(VEC_TIMER, lapic_timer_tick);
	klog("lapic: %s mode", lapic_x2apic ? "x2APIC" : "xAPIC");
}

void lapic_init_cpu(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;

	/* Enabling x2APIC goes through xAPIC-enabled first (the SDM's order). */
	wrmsr(MSR_APIC_BASE, base);
	if (lapic_x2apic)
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, 4u << 8);          /* NMI */
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

bool lapic_is_x2apic(void)
{
	return lapic_x2apic;
}

uint32_t lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return lapic_x2apic ? id : id >> 24;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

void lapic_timer_calibrate(void)
{
	const uint64_t window_ns = 10 * 1000 * 1000;

	lapic_write(LAPIC_TIMER_DIVIDE, 0x3);           /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	/* Measure the real elapsed time around the two counter reads: under
	 * emulation the window can stretch well past what was asked. */
	uint64_t t0 = clock_ns();
	lapic_write(LAPIC_TIMER_INITIAL, 0xffffffff);
	clock_delay_ns(window_ns);
	uint32_t elapsed = 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT);
	uint64_t ns = clock_ns() - t0;
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	uint64_t hz = (uint64_t)elapsed * 1000000000ull / ns;
	lapic_ticks_per_period = (uint32_t)(hz / TIMER_HZ);
	if (!lapic_ticks_per_period)
		panic("lapic: timer calibration failed (no ticks in 10 ms)");
	klog("lapic: timer %lu kHz (divided by 16), %u Hz tick", hz / 1000, TIMER_HZ);
}

void lapic_timer_start(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, 0x3);
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER | LVT_PERIODIC);
	lapic_write(LAPIC_TIMER_INITIAL, lapic_ticks_per_period);
}

static void lapic_icr_send(uint32_t apic_id, uint32_t low)
{
	/* Interrupts off: an IPI sent from a handler between the two writes
	 * would redirect this one. */
	uint64_t flags = irq_save();

	if (lapic_x2apic) {
		/* One 64-bit register, destination in the high half; no pending bit. */
		wrmsr(X2APIC_MSR_BASE + LAPIC_ICR_LOW / 16, ((uint64_t)apic_id << 32) | low);
		irq_restore(flags);
		return;
	}
	for (int i = 0; i < 1000000 && (lapic_read(LAPIC_ICR_LOW) & ICR_PENDING); i++)
		cpu_relax();
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, low);
	for (int i = 0; i < 1000000 && (lapic_read(LAPIC_ICR_LOW) & ICR_PENDING); i++)
		cpu_relax();
	irq_restore(flags);
}

void lapic_send_init(uint32_t apic_id)
{
	lapic_icr_send(apic_id, ICR_MODE_INIT | ICR_ASSERT);
}

void lapic_send_startup(uint32_t apic_id, uint32_t page)
{
	lapic_icr_send(apic_id, ICR_MODE_STARTUP | ICR_ASSERT | (page & 0xff));
}

void lapic_send_ipi(uint32_t apic_id, uint32_t vector)
{
	lapic_icr_send(apic_id, ICR_ASSERT | (vector & 0xff));
}

void lapic_send_nmi_all_others(void)
{
	if (lapic_regs || lapic_x2apic)
		lapic_icr_send(0, ICR_MODE_NMI | ICR_ASSERT | ICR_ALL_BUT_SELF);
}
