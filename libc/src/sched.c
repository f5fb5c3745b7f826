// SPDX-License-Identifier: MIT
/*
 * <sched.h>: yielding the CPU, which CPU this is, and the process-level
 * scheduling calls. Tessera schedules threads, each with a priority
 * 0..31 and no policy of its own; the process-level calls act on the
 * calling thread (pid 0 or the caller's pid), and every policy has the
 * priority range 0..31 (see <sched.h>). CPU affinity is per thread
 * too: a 64-bit mask in the kernel (SYS_affinity), a cpu_set_t here.
 */
#include "libc.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	int n = 0;

	for (size_t i = 0; i < size / sizeof(unsigned long); i++)
		n += __builtin_popcountl(set->__bits[i]);
	return n;
}

cpu_set_t *__sched_cpualloc(size_t count)
{
	return calloc(1, CPU_ALLOC_SIZE(count));
}

void __sched_cpufree(cpu_set_t *set)
{
	free(set);
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	uint64_t mask = 0;

	memcpy(&mask, set, size < sizeof(mask) ? size : sizeof(mask));
	return (int)__syscall_ret(sys_affinity(pid, (long)&mask, 0));
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	uint64_t mask;

	if (size < sizeof(mask)) {
		errno = EINVAL;
		return -1;
	}
	if (__syscall_ret(sys_affinity(pid, 0, (long)&mask)) < 0)
		return -1;
	memset(set, 0, size);
	memcpy(set, &mask, sizeof(mask));
	return 0;
}
