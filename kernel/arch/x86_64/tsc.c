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

/*
 * The TSC frequency, measured over CALIBRATION_NS of the HPET main
 * counter. Returns 0 when the HPET looks unusable (a period outside the
 * specification's 0 < p <= 100 ns, or a counter that does not move), so
 * the caller can fall back to the PM timer. A 32-bit counter is read as
 * such; the window is far shorter than its wrap-around.
 */
static uint64_t tsc_measure_hpet(void)
{
	volatile uint64_t *hpet = vmm_map_phys(platform.hpet_base, 1024,
					       VM_WRITE | VM_NOCACHE);
	uint64_t caps = hpet[0];
	uint64_t period_fs = caps >> 32;
	uint64_t mask = (caps & (1u << 13)) ? ~0ull : 0xffffffffull;

	if (!period_fs || period_fs > 100000000)
		return 0;
	uint64_t ticks = CALIBRATION_NS * 1000000 / period_fs;
	hpet[0x10 / 8] |= 1;                    /* ENABLE_CNF */
	uint64_t h0 = hpet[0xf0 / 8] & mask, h1 = h0;
	uint64_t t0 = rdtsc(), t1 = t0;
	/* Give up after ~10 s worth of TSC at an absurd 100 GHz. */
	for (uint64_t spins = 0; ((h1 - h0) & mask) < ticks; spins++) {
		if (spins > 1000000000ull)
			return 0;
		t1 = rdtsc();
		h1 = hpet[0xf0 / 8] & mask;
	}
	uint64_t elapsed_ns = ((h1 - h0) & mask) * period_fs / 1000000;
	return (uint64_t)((unsigned __int128)(t1 - t0) * 1000000000u / elapsed_ns);
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

	source = "HPET";
	if (platform.have_hpet)
		tsc_hz = tsc_measure_hpet();
	if (!tsc_hz && platform.have_fadt && platform.fadt.pm_timer_port) {
		source = "ACPI PM timer";
		tsc_hz = tsc_measure_pm_timer();
	}
	if (!tsc_hz)
		panic("clock: no working HPET or ACPI PM timer to calibrate the TSC");
	/* A whole number of kHz: the 50 ms window measures no finer than a
	 * few hundred Hz anyway. Where the TSC runs at a round frequency
	 * (under QEMU's -icount, exactly 1 GHz) the conversion below is then
	 * exact, so the difference of two readings does not depend on where
	 * they fall, and a figure measured under -icount repeats to the last
	 * digit however long the boot took. */
	tsc_hz = (tsc_hz + 500) / 1000 * 1000;
	tsc_ns_mult = (1000000000ull << 32) / tsc_hz;
	klog("clock: TSC %lu.%03lu MHz, calibrated on the %s", tsc_hz / 1000000,
	     tsc_hz / 1000 % 1000, source);
}
