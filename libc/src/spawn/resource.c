// SPDX-License-Identifier: MIT
/*
 * Resource limits, usage and priorities.
 *
 * Limits: the kernel has none to set, so libc reports what the kernel
 * actually imposes — RLIMIT_STACK is the main stack's growth limit
 * (8 MiB, kernel/include/vm.h), RLIMIT_NOFILE the descriptor table's 256
 * entries — and RLIM_INFINITY for the rest. setrlimit keeps the values
 * in this process's libc (forked children inherit them, exec forgets
 * them) so that a program reads back what it set; nothing enforces them.
 * As POSIX asks, a soft limit above the hard one is EINVAL and raising
 * the hard limit EPERM.
 *
 * Usage: the CPU clocks (<time.h>'s CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID, from the kernel's per-thread run times) as
 * user time; the kernel does not split out system time or count faults,
 * so those are 0, as is everything about children.
 *
 * Priorities: Tessera's are per thread, 0..31 with 16 the default;
 * nice values are 16 - priority (the mapping nice() uses), clamped to
 * the range that exists. They apply to the calling thread: who 0 (or
 * the caller's own pid, group or user) names it; another pid is passed
 * to the kernel as a thread id, which is the main thread's of that
 * process.
 */
#include "../libc.h"

#include <errno.h>
#include <sys/resource.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>

#define RES_STACK_LIMIT (8ul << 20)
#define RES_NOFILE      256ul

static struct rlimit res_limits[RLIMIT_NLIMITS];
static int res_limits_ready;

static void res_defaults(void)
{
	if (res_limits_ready)
		return;
	for (int i = 0; i < RLIMIT_NLIMITS; i++)
		res_limits[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	res_limits[RLIMIT_STACK] = (struct rlimit){ RES_STACK_LIMIT, RES_STACK_LIMIT };
	res_limits[RLIMIT_NOFILE] = (struct rlimit){ RES_NOFILE, RES_NOFILE };
	res_limits_ready = 1;
}

int getrlimit(int resource, struct rlimit *rlp)
{
	if (resource < 0 || resource >= RLIMIT_NLIMITS)
		return (int)__syscall_ret(-EINVAL);
	res_defaults();
	*rlp = res_limits[resource];
	return 0;
}

int setrlimit(int resource, const struct rlimit *rlp)
{
	if (resource < 0 || resource >= RLIMIT_NLIMITS || rlp->rlim_cur > rlp->rlim_max)
		return (int)__syscall_ret(-EINVAL);
	res_defaults();
	if (rlp->rlim_max > res_limits[resource].rlim_max)
		return (int)__syscall_ret(-EPERM);
	res_limits[resource] = *rlp;
	return 0;
}

static struct timeval res_clock(clockid_t clock)
{
	struct timespec ts = { 0, 0 };

	clock_gettime(clock, &ts);
	return (struct timeval){ ts.tv_sec, ts.tv_nsec / 1000 };
}

int getrusage(int who, struct rusage *usage)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return (int)__syscall_ret(-EINVAL);
	*usage = (struct rusage){ 0 };
	if (who == RUSAGE_SELF)
		usage->ru_utime = res_clock(CLOCK_PROCESS_CPUTIME_ID);
	else if (who == RUSAGE_THREAD)
		usage->ru_utime = res_clock(CLOCK_THREAD_CPUTIME_ID);
	return 0;
}

/* The kernel thread id `which`/`who` names, or -errno. */
static long res_target(int which, id_t who)
{
	switch (which) {
	case PRIO_PROCESS:
		return (who == 0 || (pid_t)who == getpid()) ? 0 : (long)who;
	case PRIO_PGRP:
		return (who == 0 || (pid_t)who == getpgrp()) ? 0 : -ESRCH;
	case PRIO_USER:
		return (who == 0 || who == getuid()) ? 0 : -ESRCH;
	default:
		return -EINVAL;
	}
}

int getpriority(int which, id_t who)
{
	long tid = res_target(which, who), prio;

	if (tid < 0)
		return (int)__syscall_ret(tid);
	prio = sys_getpriority(tid);
	if (prio < 0)
		return (int)__syscall_ret(prio);
	return PRIORITY_DEFAULT - (int)prio;
}

int setpriority(int which, id_t who, int value)
{
	long tid = res_target(which, who);
	int prio = PRIORITY_DEFAULT - value;

	if (tid < 0)
		return (int)__syscall_ret(tid);
	if (prio < PRIORITY_MIN)
		prio = PRIORITY_MIN;
	if (prio > PRIORITY_MAX)
		prio = PRIORITY_MAX;
	return (int)__syscall_ret(sys_setpriority(tid, prio));
}
