// SPDX-License-Identifier: MIT
/*
 * Process identity and life cycle: fork, exec, _exit and the id calls.
 *
 * SYS_exec takes (path, argv, envp) exactly like execve and returns only
 * on failure. SYS_exit ends the whole process with `status & 0xff` as its
 * exit code (exit_thread ends one thread). The path goes to the kernel as
 * written: the "no scheme means file:" translation of the design belongs
 * here once a file: scheme exists.
 */
#include "libc.h"

#include <tessera/syscall.h>
#include <unistd.h>

pid_t fork(void)
{
	return (pid_t)__syscall_ret(sys_fork());
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(sys_exec((long)path, (long)argv, (long)envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

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
