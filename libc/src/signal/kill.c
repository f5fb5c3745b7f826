// SPDX-License-Identifier: MIT
/*
 * Sending signals: kill, killpg, sigqueue.
 *
 * The kernel's kill takes every POSIX target: a pid, 0 (the caller's
 * process group), -1 (every process it may signal but init and itself) and -pgid.
 *
 * sigqueue cannot carry its value (the kernel passes no siginfo): it
 * sends the plain signal.
 */
#include "../libc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/syscall.h>
#include <unistd.h>

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(sys_kill(pid, sig));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0)
		return (int)__syscall_ret(-EINVAL);
	return kill(pgrp ? -pgrp : 0, sig);
}

int sigqueue(pid_t pid, int sig, union sigval value)
{
	(void)value;
	return kill(pid, sig);
}
