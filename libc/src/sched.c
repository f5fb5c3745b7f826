// SPDX-License-Identifier: MIT
/* <sched.h>: yielding the CPU and asking which CPU this is. */
#include "libc.h"

#include <sched.h>
#include <tessera/syscall.h>

int sched_yield(void)
{
	return (int)__syscall_ret(sys_yield());
}

int sched_getcpu(void)
{
	return (int)__syscall_ret(sys_getcpu());
}
