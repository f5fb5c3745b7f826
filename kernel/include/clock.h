// SPDX-License-Identifier: MIT
/*
 * Time since boot in nanoseconds, from the TSC once it is calibrated
 * (0 until then), and busy-wait delays built on it.
 */
#pragma once

#include <stdint.h>

uint64_t clock_ns(void);
void clock_delay_ns(uint64_t ns);
uint64_t clock_tsc_hz(void);
void clock_init(void);
/* CLOCK_REALTIME: clock_ns plus the offset taken from the RTC at boot. */
uint64_t clock_realtime_ns(void);
uint64_t clock_realtime_offset_ns(void);
/* Reads the CMOS clock (arch rtc.c): seconds since the epoch, or -1. */
int64_t rtc_read_epoch(void);
/* Sets the realtime offset from the RTC (after clock_init). */
void clock_realtime_init(void);
/* Records the TSC at kernel entry: the zero of clock_ns. */
void clock_mark_boot(void);
