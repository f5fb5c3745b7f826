// SPDX-License-Identifier: MIT
/*
 * Sending signals: kill, killpg, sigqueue.
 *
 * The kernel's kill takes one process id. POSIX's other targets — 0 (the
 * caller's process group), -1 (every process it may signal) and -pgid —
 * are found by reading `proc:` (one line per process, pid first) and
 * each candidate's `proc:PID/status` ("pgid N" line). That is a snapshot:
 * a process created meanwhile is not signalled, as if it came after the
 * call. The caller itself is signalled last, so the others are reached
 * even if its own default action ends it.
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

#define KILL_LIST_MAX (64 * 1024)

/* Reads a whole proc: file into buf (NUL-terminated); its length or -errno. */
static long kill_read_file(const char *url, char *buf, size_t size)
{
	int fd = (int)sys_open((long)url, O_RDONLY, 0);
	size_t got = 0;

	if (fd < 0)
		return fd;
	while (got + 1 < size) {
		long n = sys_read(fd, (long)(buf + got), (long)(size - 1 - got));
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	sys_close(fd);
	buf[got] = 0;
	return (long)got;
}

/* The process group of pid, from proc:PID/status; -1 if it is gone. */
static pid_t kill_pgid_of(pid_t pid)
{
	char url[40], text[512];
	const char *at;

	snprintf(url, sizeof(url), "proc:%d/status", pid);
	if (kill_read_file(url, text, sizeof(text)) < 0)
		return -1;
	at = strstr(text, "\npgid ");
	return at ? (pid_t)atoi(at + 6) : -1;
}

/* Folds one kill's result into the call's: success wins, then real errors. */
static long kill_merge(long acc, long r)
{
	if (acc == 0 || r == 0)
		return 0;
	return r == -ESRCH ? acc : r;
}

/*
 * Signals every process whose group is pgid (pgid 0: every process but
 * pid 1, as -1 asks). 0 if at least one was signalled, else -errno.
 */
static long kill_group(pid_t pgid, int sig)
{
	char *list = malloc(KILL_LIST_MAX);
	pid_t self = getpid();
	long acc = -ESRCH;
	int self_too = 0;

	if (!list)
		return -ENOMEM;
	if (kill_read_file("proc:", list, KILL_LIST_MAX) < 0) {
		free(list);
		return -ESRCH;
	}
	for (char *line = list; *line; ) {
		pid_t pid = (pid_t)strtol(line, NULL, 10);
		char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : line + strlen(line);
		if (pid <= 0 || (pgid == 0 && pid == 1))
			continue;
		if (pgid != 0 && kill_pgid_of(pid) != pgid)
			continue;
		if (pid == self)
			self_too = 1;
		else
			acc = kill_merge(acc, sys_kill(pid, sig));
	}
	free(list);
	if (self_too)
		acc = kill_merge(acc, sys_kill(self, sig));
	return acc;
}

int kill(pid_t pid, int sig)
{
	if (pid > 0)
		return (int)__syscall_ret(sys_kill(pid, sig));
	if (sig < 0 || sig >= NSIG)
		return (int)__syscall_ret(-EINVAL);
	if (pid == -1)
		return (int)__syscall_ret(kill_group(0, sig));
	if (pid == 0) {
		pid_t mine = kill_pgid_of(getpid());
		return (int)__syscall_ret(mine > 0 ? kill_group(mine, sig) : -ESRCH);
	}
	return (int)__syscall_ret(kill_group(-pid, sig));
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
