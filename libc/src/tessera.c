// SPDX-License-Identifier: MIT
/*
 * Wrappers for Tessera's own system calls: system and thread
 * information, the CPU a thread runs on, thread priorities and futexes.
 * Each is one system call; -1 and errno on failure.
 */
#include "libc.h"

#include <sys/io.h>
#include <tessera/syscall.h>
#include <tessera/sys.h>

_Static_assert(sizeof(struct timespec) == sizeof(abi_timespec_t),
	       "futex passes struct timespec as abi_timespec_t");

int tessera_sysinfo(abi_sysinfo_t *info)
{
	return (int)__syscall_ret(sys_sysinfo((long)info));
}

int tessera_threadinfo(int tid, abi_threadinfo_t *info)
{
	return (int)__syscall_ret(sys_threadinfo(tid, (long)info));
}

int tessera_getcpu(void)
{
	return (int)__syscall_ret(sys_getcpu());
}

int tessera_setpriority(int tid, int priority)
{
	return (int)__syscall_ret(sys_setpriority(tid, priority));
}

int tessera_getpriority(int tid)
{
	return (int)__syscall_ret(sys_getpriority(tid));
}

int tessera_futex_wait(volatile int *addr, int expected, const struct timespec *timeout)
{
	return (int)__syscall_ret(sys_futex((long)addr, FUTEX_WAIT, expected, (long)timeout));
}

int tessera_futex_wake(volatile int *addr, int count)
{
	return (int)__syscall_ret(sys_futex((long)addr, FUTEX_WAKE, count, 0));
}

int tessera_privileges(unsigned keep, const char *label)
{
	return (int)__syscall_ret(sys_privileges((long)keep, (long)label));
}

int ioperm(unsigned long from, unsigned long num, int turn_on)
{
	return (int)__syscall_ret(sys_ioperm((long)from, (long)num, turn_on));
}
