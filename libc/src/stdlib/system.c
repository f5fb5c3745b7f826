// SPDX-License-Identifier: MIT
/*
 * system(): the command runs as `/bin/sh -c command` in a child, and the
 * caller waits for it. As POSIX describes, the caller blocks SIGCHLD and
 * ignores SIGINT and SIGQUIT while it waits (an interrupt at the terminal
 * is meant for the command); the child restores both before exec. The
 * result is the wait status, -1 if no child could be made, and a status
 * of exit code 127 if the shell could not be run. system(NULL) says
 * whether a shell is there to run commands.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char system_shell[] = "/bin/sh";

static pid_t system_spawn(const char *command, const struct sigaction *old_int,
			  const struct sigaction *old_quit, const sigset_t *old_mask)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	sigaction(SIGINT, old_int, NULL);
	sigaction(SIGQUIT, old_quit, NULL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	char *argv[] = { (char *)"sh", (char *)"-c", (char *)command, NULL };
	execve(system_shell, argv, environ);
	_exit(127);
}

int system(const char *command)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigset_t block, old_mask;
	int status = -1;

	if (!command)
		return access(system_shell, X_OK) == 0;
	sigemptyset(&ignore.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);

	pid_t pid = system_spawn(command, &old_int, &old_quit, &old_mask);
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	}

	int saved = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = saved;
	return status;
}
