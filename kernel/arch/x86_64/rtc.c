// SPDX-License-Identifier: MIT
/*
 * Reading the CMOS real-time clock once at boot, for CLOCK_REALTIME. The
 * registers can change under us while the chip updates them (once a
 * second), so they are read until two reads agree, each started outside
 * an update; lib/rtc.c decodes them.
 */
#include <clock.h>

#include <arch/cpu.h>
#include <lib/rtc.h>
#include <log.h>
#include <platform.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define CMOS_NMI_OFF 0x80               /* keep NMIs masked while indexing */
#define RTC_A_UPDATING 0x80

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static void rtc_read_regs(rtc_regs_t *r, uint8_t century_reg)
{
	for (int i = 0; i < 1000000 && (cmos_read(0x0a) & RTC_A_UPDATING); i++)
		cpu_relax();
	r->sec = cmos_read(0x00);
	r->min = cmos_read(0x02);
	r->hour = cmos_read(0x04);
	r->day = cmos_read(0x07);
	r->month = cmos_read(0x08);
	r->year = cmos_read(0x09);
	r->century = century_reg ? cmos_read(century_reg) : 0;
	r->status_b = cmos_read(0x0b);
}

int64_t rtc_read_epoch(void)
{
	uint8_t century_reg = platform.have_fadt ? platform.fadt.cmos_century : 0;
	rtc_regs_t a, b;

	rtc_read_regs(&a, century_reg);
	for (int tries = 0; tries < 10; tries++) {
		rtc_read_regs(&b, century_reg);
		if (__builtin_memcmp(&a, &b, sizeof(a)) == 0)
			break;
		a = b;
	}
	int64_t t = rtc_epoch_seconds(&a);
	if (t < 0)
		klog("rtc: no valid time in the CMOS clock; the realtime clock starts at 1970");
	return t;
}
