// SPDX-License-Identifier: MIT
/*
 * Pseudo-terminals, over the pty: scheme (daemons/ptyd, docs/terminal.md).
 *
 * posix_openpt opens `pty:master`, which makes a new pair; the slave's
 * path ("pty:3") is what the master's "name" handle reads back
 * (`dupat(master, "name")`), which is how ptsname answers. A pair is
 * usable as soon as it exists, so grantpt and unlockpt only check that
 * they were given a master (the slave already belongs to the master's
 * owner, mode 0620).
 *
 * ttyname is the URL a terminal descriptor was opened with (fpath), so
 * a slave opened as "pty:3" is named "pty:3" — a path open() takes back.
 *
 * openpty, forkpty and login_tty are the BSD conveniences built on top.
 */
#include "../libc.h"
#include "tty.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <tessera/syscall.h>
#include <unistd.h>

#define PTY_PATH_MAX 64

int posix_openpt(int flags)
{
	if (flags & ~(O_ACCMODE | O_NOCTTY | O_CLOEXEC))
		return (int)__syscall_ret(-EINVAL);
	return open("pty:master", flags);
}

/* 0 if fd is a pty master, else -errno: EBADF, or EINVAL for anything else. */
static long pty_check_master(int fd)
{
	tty_record_t rec;
	long r = __tty_get(fd, &rec);

	if (r == -EBADF)
		return r;
	return r == 0 && (rec.flags & TTY_F_MASTER) ? 0 : -EINVAL;
}

int grantpt(int fd)
{
	return (int)__syscall_ret(pty_check_master(fd));
}

int unlockpt(int fd)
{
	return (int)__syscall_ret(pty_check_master(fd));
}

/* The slave's path into buf; 0 or -errno (ENOTTY: not a master, ERANGE: too small). */
static long pty_slave_path(int fd, char *buf, size_t size)
{
	long h = sys_dupat(fd, (long)"name", O_RDONLY | O_CLOEXEC), n;

	if (h < 0)
		return h == -EBADF || h == -EINTR || h == -ENOMEM || h == -EMFILE ? h : -ENOTTY;
	n = size ? sys_read(h, (long)buf, size) : -ERANGE;
	sys_close(h);
	if (n < 0)
		return n;
	if ((size_t)n >= size)
		return -ERANGE;
	buf[n] = '\0';
	return 0;
}

int ptsname_r(int fd, char *buf, size_t size)
{
	long r = pty_slave_path(fd, buf, size);

	if (r < 0) {
		errno = (int)-r;
		return (int)-r;
	}
	return 0;
}

char *ptsname(int fd)
{
	static char name[PTY_PATH_MAX];

	return ptsname_r(fd, name, sizeof(name)) ? NULL : name;
}

int ttyname_r(int fd, char *buf, size_t size)
{
	int saved = errno;

	if (!isatty(fd))
		return errno;
	if (tessera_fpath(fd, buf, size) < 0)
		return errno;
	errno = saved;
	return 0;
}

char *ttyname(int fd)
{
	static char name[PTY_PATH_MAX * 4];
	int err = ttyname_r(fd, name, sizeof(name));

	if (err) {
		errno = err;
		return NULL;
	}
	return name;
}

int openpty(int *amaster, int *aslave, char *name, const struct termios *termp,
	    const struct winsize *winp)
{
	char path[PTY_PATH_MAX];
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), s = -1, err;

	if (m < 0)
		return -1;
	if ((err = ptsname_r(m, path, sizeof(path))) == 0 &&
	    (s = open(path, O_RDWR | O_NOCTTY)) >= 0 &&
	    (!termp || tcsetattr(s, TCSANOW, termp) == 0) &&
	    (!winp || tcsetwinsize(s, winp) == 0)) {
		/* The master is the caller's to keep across exec, as on Linux. */
		fcntl(m, F_SETFD, 0);
		*amaster = m;
		*aslave = s;
		if (name)
			strcpy(name, path);
		return 0;
	}
	err = errno;
	if (s >= 0)
		close(s);
	close(m);
	errno = err;
	return -1;
}

int login_tty(int fd)
{
	if (setsid() < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0)
			return -1;
	if (fd > 2)
		close(fd);
	return 0;
}

pid_t forkpty(int *amaster, char *name, const struct termios *termp,
	      const struct winsize *winp)
{
	int m, s;

	if (openpty(&m, &s, name, termp, winp) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		close(m);
		close(s);
		errno = err;
		return -1;
	}
	if (pid == 0) {
		close(m);
		if (login_tty(s) < 0)
			_exit(1);
		return 0;
	}
	close(s);
	*amaster = m;
	return pid;
}
