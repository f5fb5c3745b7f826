// SPDX-License-Identifier: MIT
/*
 * popen and pclose: a stream on a pipe to or from `/bin/sh -c command`.
 *
 * The pipe is made close-on-exec and the stream exists before the fork,
 * so nothing can fail in the parent after the child runs. The child moves
 * its end onto stdin or stdout, closes the descriptors of every other
 * popen stream still open in the parent (POSIX requires it: otherwise an
 * earlier child would never see end-of-file), and execs the shell; if
 * that fails it exits with 127, as a shell would for a missing command.
 * The parent's end keeps close-on-exec only for mode "e".
 *
 * fclose of a popen stream closes the pipe and reaps the child; pclose
 * does the same through fclose and returns the child's wait status.
 */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

static int popen_close(FILE *f)
{
	int *status = f->cookie, st, r = close(f->fd);

	while (f->pid > 0 && waitpid(f->pid, &st, 0) < 0) {
		if (errno != EINTR) {
			st = -1;
			break;
		}
	}
	if (status)
		*status = st;
	return r;
}

static const stdio_ops_t popen_ops = {
	.read = stdio_fd_read, .write = stdio_fd_write, .seek = stdio_fd_seek,
	.close = popen_close,
};

/* Runs in the child: never returns. */
static void popen_child(FILE *f, int end, int target, const char *cmd)
{
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };

	for (FILE *g = stdio_list_first_locked(); g; g = g->next)
		if (g != f && g->ops == &popen_ops)
			close(g->fd);
	if (end == target)
		fcntl(end, F_SETFD, 0);
	else if (dup2(end, target) < 0)
		_exit(127);
	execve("/bin/sh", argv, environ);
	_exit(127);
}

FILE *popen(const char *cmd, const char *mode)
{
	int fds[2], reading, cloexec = 0;
	pid_t pid;
	FILE *f;

	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && (mode[1] != 'e' || mode[2]))) {
		errno = EINVAL;
		return NULL;
	}
	reading = mode[0] == 'r';
	cloexec = mode[1] == 'e';
	if (pipe2(fds, O_CLOEXEC) < 0)
		return NULL;
	f = stdio_file_new(fds[reading ? 0 : 1], reading ? STDIO_CAN_READ : STDIO_CAN_WRITE,
			   &popen_ops, NULL);
	if (!f)
		goto fail;
	pid = fork();
	if (pid == 0)
		popen_child(f, fds[reading ? 1 : 0], reading ? 1 : 0, cmd);
	close(fds[reading ? 1 : 0]);
	if (pid < 0) {
		fclose(f);
		return NULL;
	}
	f->pid = pid;
	if (!cloexec)
		fcntl(f->fd, F_SETFD, 0);
	return f;
fail:
	close(fds[0]);
	close(fds[1]);
	return NULL;
}

int pclose(FILE *f)
{
	int status = -1;

	if (f->ops != &popen_ops || f->pid <= 0) {
		errno = ECHILD;
		return -1;
	}
	f->cookie = &status;
	fclose(f);
	return status;
}
