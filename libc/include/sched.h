// SPDX-License-Identifier: MIT
/*
 * Scheduling (POSIX <sched.h>). Tessera has one scheduler: per-thread
 * priorities PRIORITY_MIN..PRIORITY_MAX (0..31, higher runs first; see
 * abi/proc.h), no real-time classes. All three policies are accepted and
 * mean that one scheduler; a sched_priority is a Tessera priority.
 * SCHED_OTHER is what every thread reports.
 */
#pragma once

#include <sys/types.h>
#include <time.h>

#define SCHED_OTHER 0
#define SCHED_FIFO  1
#define SCHED_RR    2

struct sched_param {
	int sched_priority;
};

int sched_yield(void);
/* The CPU the caller last ran on (SYS_getcpu), as in glibc. */
int sched_getcpu(void);

/* 0..31 for every policy; -1 and EINVAL for an unknown policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

/*
 * pid 0 (or the caller's pid) means the calling thread: there is no
 * per-process priority. Another pid fails with ESRCH.
 */
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_rr_get_interval(pid_t pid, struct timespec *interval);
