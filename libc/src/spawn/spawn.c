// SPDX-License-Identifier: MIT
/*
 * posix_spawn and posix_spawnp: fork, then in the child apply the
 * attributes and file actions and exec; the child reports a failure at
 * any step through a close-on-exec pipe, so the parent returns that
 * error (and reaps the child) instead of seeing a child that exits 127.
 * An empty read means the exec happened.
 *
 * The parent blocks every signal around fork, so no handler of the
 * parent's runs in the child before its exec: the child first sets every
 * caught signal back to SIG_DFL (an exec would anyway), then takes the
 * attribute's mask or the parent's old one.
 */
#include "../libc.h"
#include "spawn_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the child: handlers back to SIG_DFL (and sigdefault's too). */
static void spawn_reset_handlers(const posix_spawnattr_t *attr)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL }, old;

	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &old) < 0)
			continue;
		int forced = attr && (attr->__flags & POSIX_SPAWN_SETSIGDEF) &&
			     sigismember(&attr->__sigdefault, sig) == 1;
		if (forced || (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN))
			sigaction(sig, &dfl, NULL);
	}
}

/* In the child: the attributes other than signals; 0 or an errno. */
static int spawn_apply_attr(const posix_spawnattr_t *attr)
{
	short f = attr->__flags;

	if ((f & POSIX_SPAWN_SETSID) && setsid() < 0)
		return errno;
	if ((f & POSIX_SPAWN_SETPGROUP) && setpgid(0, attr->__pgroup) < 0)
		return errno;
	if ((f & POSIX_SPAWN_SETSCHEDULER) &&
	    sched_setscheduler(0, attr->__policy, &attr->__param) < 0)
		return errno;
	if ((f & POSIX_SPAWN_SETSCHEDPARAM) && !(f & POSIX_SPAWN_SETSCHEDULER) &&
	    sched_setparam(0, &attr->__param) < 0)
		return errno;
	if ((f & POSIX_SPAWN_RESETIDS) && (setgid(getgid()) < 0 || setuid(getuid()) < 0))
		return errno;
	return 0;
}

static int spawn_open(const struct spawn_action *a)
{
	int fd = open(a->path, a->oflag, a->mode);

	if (fd < 0)
		return errno;
	if (fd != a->fd) {
		int r = dup2(fd, a->fd);
		close(fd);
		if (r < 0)
			return errno;
	}
	return 0;
}

/* In the child: the file actions in order; 0 or an errno. */
static int spawn_apply_actions(const posix_spawn_file_actions_t *fa)
{
	for (int i = 0; fa && i < fa->__count; i++) {
		const struct spawn_action *a = &fa->__actions[i];
		int r = 0;
		switch (a->kind) {
		case SPAWN_OPEN:
			r = spawn_open(a);
			break;
		case SPAWN_CLOSE:
			r = close(a->fd) < 0 && errno != EBADF ? errno : 0;
			break;
		case SPAWN_DUP2:
			if (a->fd == a->newfd)  /* POSIX: then clear close-on-exec */
				r = fcntl(a->fd, F_SETFD, 0) < 0 ? errno : 0;
			else
				r = dup2(a->fd, a->newfd) < 0 ? errno : 0;
			break;
		case SPAWN_CHDIR:
			r = chdir(a->path) < 0 ? errno : 0;
			break;
		case SPAWN_FCHDIR:
			r = fchdir(a->fd) < 0 ? errno : 0;
			break;
		}
		if (r)
			return r;
	}
	return 0;
}

__attribute__((noreturn)) static void spawn_child(int report, const char *path, int search,
						  const posix_spawn_file_actions_t *fa,
						  const posix_spawnattr_t *attr, const sigset_t *mask,
						  char *const argv[], char *const envp[])
{
	int err;

	spawn_reset_handlers(attr);
	if (attr && (attr->__flags & POSIX_SPAWN_SETSIGMASK))
		mask = &attr->__sigmask;
	err = attr ? spawn_apply_attr(attr) : 0;
	if (!err)
		err = spawn_apply_actions(fa);
	if (!err) {
		sigprocmask(SIG_SETMASK, mask, NULL);
		if (search)
			execvpe(path, argv, envp);
		else
			execve(path, argv, envp);
		err = errno;
	}
	while (write(report, &err, sizeof(err)) < 0 && errno == EINTR)
		;
	_exit(127);
}

static int spawn(pid_t *restrict pid, const char *path, int search,
		 const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr,
		 char *const argv[], char *const envp[])
{
	sigset_t all, old;
	int report[2], err = 0, saved = errno;

	if (pipe2(report, O_CLOEXEC) < 0)
		return errno;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid_t child = fork();
	if (child == 0)
		spawn_child(report[1], path, search, fa, attr, &old, argv, envp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(report[1]);
	if (child < 0) {
		err = errno;
	} else {
		ssize_t n;
		while ((n = read(report[0], &err, sizeof(err))) < 0 && errno == EINTR)
			;
		if (n == (ssize_t)sizeof(err)) {
			int status;
			while (waitpid(child, &status, 0) < 0 && errno == EINTR)
				;
		} else {
			err = 0;
			if (pid)
				*pid = child;
		}
	}
	close(report[0]);
	errno = saved;
	return err;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
		const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
		char *const argv[restrict], char *const envp[restrict])
{
	return spawn(pid, path, 0, actions, attr, argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
		 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
		 char *const argv[restrict], char *const envp[restrict])
{
	return spawn(pid, file, 1, actions, attr, argv, envp);
}
