// SPDX-License-Identifier: MIT
/*
 * Process times in clock ticks (sysconf(_SC_CLK_TCK), 100 per second).
 * Tessera has no user/system split and no accounting of children: all of
 * the process's CPU time is tms_utime, the rest is 0.
 */
#pragma once

#include <time.h>

struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

clock_t times(struct tms *buf);
