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
/* Records the TSC at kernel entry: the zero of clock_ns. */
void clock_mark_boot(void);
