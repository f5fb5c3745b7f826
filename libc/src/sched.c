// SPDX-License-Identifier: MIT
/*
 * <sched.h>: yielding the CPU, which CPU this is, and the process-level
 * scheduling calls. Tessera schedules threads, each with a priority
 * 0..31 and no policy of its own; the process-level calls act on the
 * calling thread (pid 0 or the caller's pid), and every policy has the
 * priority range 0..31 (see <sched.h>).
 */
#include "libc.h"

#include <errno.h>
#include <sched.h>
#include <tessera/syscall.h>
#include <unistd.h>

int sched_yield(void)
{
	return (int)__syscall_ret(sys_yield());
}

int sched_getcpu(void)
{
	return (int)__syscall_ret(sys_getcpu());
}

static int sched_policy_check(int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int sched_get_priority_min(int policy)
{
	return sched_policy_check(policy) < 0 ? -1 : PRIORITY_MIN;
}

int sched_get_priority_max(int policy)
{
	return sched_policy_check(policy) < 0 ? -1 : PRIORITY_MAX;
}

/* Only the caller (pid 0 or its own pid) can be named. */
static int sched_pid_check(pid_t pid)
{
	if (pid < 0) {
		errno = EINVAL;
		return -1;
	}
	if (pid != 0 && pid != getpid()) {
		errno = ESRCH;
		return -1;
	}
	return 0;
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	if (sched_pid_check(pid) < 0)
		return -1;
	long prio = __syscall_ret(sys_getpriority(0));
	if (prio < 0)
		return -1;
	param->sched_priority = (int)prio;
	return 0;
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	if (sched_pid_check(pid) < 0)
		return -1;
	if (param->sched_priority < PRIORITY_MIN || param->sched_priority > PRIORITY_MAX) {
		errno = EINVAL;
		return -1;
	}
	return (int)__syscall_ret(sys_setpriority(0, param->sched_priority));
}

int sched_getscheduler(pid_t pid)
{
	return sched_pid_check(pid) < 0 ? -1 : SCHED_OTHER;
}

/* Returns the former policy, as POSIX says; every policy is the one scheduler. */
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	if (sched_pid_check(pid) < 0 || sched_policy_check(policy) < 0)
		return -1;
	if (sched_setparam(pid, param) < 0)
		return -1;
	return SCHED_OTHER;
}

/* The kernel's time slice (SCHED_SLICE_NS, 10 ms); it is not exported. */
int sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
	if (sched_pid_check(pid) < 0)
		return -1;
	interval->tv_sec = 0;
	interval->tv_nsec = 10 * 1000 * 1000;
	return 0;
}
