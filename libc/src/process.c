// SPDX-License-Identifier: MIT
/*
 * Process identity and life cycle: _exit and the id calls (exec is
 * exec.c, fork is pthread/fork.c: it runs the pthread_atfork handlers).
 *
 * SYS_exit ends the whole process with `status & 0xff` as its exit code
 * (exit_thread ends one thread).
 */
#include "libc.h"

#include <tessera/syscall.h>
#include <unistd.h>

void _exit(int status)
{
	for (;;)
		sys_exit(status & 0xff);
}

pid_t getpid(void)
{
	return (pid_t)sys_getpid();
}

pid_t getppid(void)
{
	return (pid_t)sys_getppid();
}

pid_t gettid(void)
{
	return (pid_t)sys_gettid();
}

uid_t getuid(void)
{
	return (uid_t)sys_getuid();
}

gid_t getgid(void)
{
	return (gid_t)sys_getgid();
}

int setuid(uid_t uid)
{
	return (int)__syscall_ret(sys_setuid(uid));
}

int setgid(gid_t gid)
{
	return (int)__syscall_ret(sys_setgid(gid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(sys_setpgid(pid, pgid));
}

pid_t setsid(void)
{
	return (pid_t)__syscall_ret(sys_setsid());
}
