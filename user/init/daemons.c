// SPDX-License-Identifier: MIT
/*
 * The utility daemons init starts before anything else (ARCHITECTURE.md
 * §5): log first, so the others can log, then null, zero, rand and the
 * IPC daemon, and the RAM file system that serves `file:`. Each is started with a pipe whose write end it gets as
 * descriptor 3 ($SCHEME_READY_FD); libscheme's scheme_ready() writes a
 * byte there once the daemon's schemes are registered, so init waits for
 * that byte (or the end of file, if the daemon died first) before it
 * starts the next one. Supervision — restarts with backoff — comes with
 * init's service configuration; for now a daemon that fails to start is
 * reported and the rest go on.
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define READY_FD 3

/*
 * They run from the boot archive (`initfs:`), since `file:` is served by
 * the last of them, ramfsd, which builds it from that same archive.
 */
static const char *const init_daemons[] = { "logd", "nulld", "zerod", "randd", "ipcd",
					    "ramfsd" };

static void init_daemon_child(const char *path, int ready_fd)
{
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { "PATH=/bin", "SCHEME_READY_FD=3", NULL };

	if (ready_fd != READY_FD) {
		dup2(ready_fd, READY_FD);
		close(ready_fd);
	}
	execve(path, argv, envp);
	fprintf(stderr, "init: exec %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* Starts /bin/NAME and waits until it serves; its pid, or -1. */
static pid_t init_start_daemon(const char *name)
{
	char path[64], ready = 0;
	int fds[2];

	snprintf(path, sizeof(path), "initfs:/bin/%s", name);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		fcntl(fds[1], F_SETFD, 0);
		init_daemon_child(path, fds[1]);
	}
	close(fds[1]);
	while (pid > 0 && read(fds[0], &ready, 1) < 0 && errno == EINTR)
		;
	close(fds[0]);
	return pid > 0 && ready ? pid : -1;
}

void init_start_daemons(void)
{
	for (size_t i = 0; i < sizeof(init_daemons) / sizeof(init_daemons[0]); i++) {
		pid_t pid = init_start_daemon(init_daemons[i]);
		if (pid > 0)
			printf("init: started %s (pid %d)\n", init_daemons[i], pid);
		else
			printf("init: %s did not start\n", init_daemons[i]);
	}
	fflush(stdout);
}
