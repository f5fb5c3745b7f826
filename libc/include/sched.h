// SPDX-License-Identifier: MIT
/* Scheduling: give up the CPU; which CPU am I on. */
#pragma once

int sched_yield(void);
/* The CPU the caller last ran on (SYS_getcpu), as in glibc. */
int sched_getcpu(void);
