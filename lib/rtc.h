// SPDX-License-Identifier: MIT
/*
 * The PC's CMOS real-time clock, decoded: the registers as read (BCD or
 * binary, 12- or 24-hour, per status register B) to seconds since the
 * Unix epoch. Pure, so it is tested on the host; the kernel reads the
 * registers (kernel/arch/x86_64/rtc.c).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef struct rtc_regs {
	uint8_t sec, min, hour, day, month, year, century; /* century 0: unknown */
	uint8_t status_b;
} rtc_regs_t;

#define RTC_B_24HOUR 0x02
#define RTC_B_BINARY 0x04

/* Days from 1970-01-01 to the given proleptic Gregorian date. */
int64_t rtc_days_from_civil(int64_t year, unsigned month, unsigned day);
/* Seconds since the epoch, or -1 if the registers hold no valid time. */
int64_t rtc_epoch_seconds(const rtc_regs_t *r);
