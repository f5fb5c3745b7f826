// SPDX-License-Identifier: MIT
/*
 * The nanosecond clock. The TSC is the time source (cheap, per CPU); its
 * frequency is measured once at boot against a timer of known frequency:
 * the HPET when ACPI describes one, else the ACPI PM timer (3.579545 MHz).
 * Conversion is a 32.32 fixed-point multiply, so reading the clock never
 * divides.
 */
#include <clock.h>

#include <arch/cpu.h>
#include <log.h>
#include <mm.h>
#include <panic.h>
#include <platform.h>

#define CALIBRATION_NS 50000000ull      /* 50 ms */
#define PM_TIMER_HZ    3579545ull

static uint64_t tsc_base;
static uint64_t tsc_hz;
static uint64_t tsc_ns_mult;            /* ns per tick << 32 */

uint64_t clock_ns(void)
{
	if (!tsc_ns_mult)
		return 0;
	return (uint64_t)(((unsigned __int128)(rdtsc() - tsc_base) * tsc_ns_mult) >> 32);
}

void clock_mark_boot(void)
{
	tsc_base = rdtsc();
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

void clock_delay_ns(uint64_t ns)
{
	uint64_t end = clock_ns() + ns;

	while (clock_ns() < end)
		cpu_relax();
}

/* The TSC frequency, measured over CALIBRATION_NS of the HPET main counter. */
static uint64_t tsc_measure_hpet(void)
{
	volatile uint64_t *hpet = vmm_map_phys(platform.hpet_base, 1024,
					       VM_WRITE | VM_NOCACHE);
	uint64_t period_fs = hpet[0] >> 32;
	uint64_t ticks = CALIBRATION_NS * 1000000 / period_fs;

	hpet[0x10 / 8] |= 1;                    /* ENABLE_CNF */
	uint64_t h0 = hpet[0xf0 / 8];
	uint64_t t0 = rdtsc();
	while (hpet[0xf0 / 8] - h0 < ticks)
		cpu_relax();
	uint64_t t1 = rdtsc();
	uint64_t elapsed_ns = (hpet[0xf0 / 8] - h0) * period_fs / 1000000;
	return (t1 - t0) * 1000000000 / elapsed_ns;
}

static uint32_t pm_timer_read(void)
{
	uint32_t v = inl((uint16_t)platform.fadt.pm_timer_port);

	return platform.fadt.pm_timer_32bit ? v : v & 0xffffff;
}

static uint64_t tsc_measure_pm_timer(void)
{
	uint32_t mask = platform.fadt.pm_timer_32bit ? 0xffffffff : 0xffffff;
	uint64_t ticks = CALIBRATION_NS * PM_TIMER_HZ / 1000000000;
	uint64_t counted = 0;
	uint32_t last = pm_timer_read();
	uint64_t t0 = rdtsc();

	while (counted < ticks) {
		uint32_t now = pm_timer_read();
		counted += (now - last) & mask;
		last = now;
	}
	uint64_t t1 = rdtsc();
	return (t1 - t0) * PM_TIMER_HZ / counted;
}

void clock_init(void)
{
	const char *source;

	if (platform.have_hpet) {
		source = "HPET";
		tsc_hz = tsc_measure_hpet();
	} else if (platform.have_fadt && platform.fadt.pm_timer_port) {
		source = "ACPI PM timer";
		tsc_hz = tsc_measure_pm_timer();
	} else {
		panic("clock: no HPET and no ACPI PM timer to calibrate the TSC");
	}
	tsc_ns_mult = (1000000000ull << 32) / tsc_hz;
	klog("clock: TSC %lu.%03lu MHz, calibrated on the %s", tsc_hz / 1000000,
	     tsc_hz / 1000 % 1000, source);
}
