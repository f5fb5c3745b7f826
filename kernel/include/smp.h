// SPDX-License-Identifier: MIT
/*
 * Bringing up the other CPUs. After smp_init every CPU the firmware lists
 * as enabled is online (or reported as failed), takes timer interrupts and
 * idles in hlt.
 */
#pragma once

#include <stdint.h>

void smp_init(void);
uint32_t smp_online_count(void);
/* The idle loop every CPU ends in. */
__attribute__((noreturn)) void cpu_idle_loop(void);
