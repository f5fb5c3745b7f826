// SPDX-License-Identifier: MIT
/*
 * ioctl without an ioctl system call: the requests programs use on
 * terminals become termios calls (libc/src/io/termios.c), FIONBIO and
 * FIOCLEX/FIONCLEX become fcntl, FIONREAD is answered for pipes (whose
 * fstat size is the bytes buffered). Anything else is ENOTTY, which is
 * what Linux says to a request a file does not understand.
 */
#include "../libc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

int __tty_set_ctty(int fd, int steal);

static int ioctl_nonblock(int fd, const int *on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, *on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

static int ioctl_cloexec(int fd, int on)
{
	int fl = fcntl(fd, F_GETFD);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFD, on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC);
}

static int ioctl_nread(int fd, int *count)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISFIFO(st.st_mode)) {
		errno = ENOTTY;
		return -1;
	}
	*count = (int)st.st_size;
	return 0;
}

static int ioctl_getpgrp(int fd, pid_t *out, pid_t (*get)(int))
{
	pid_t p = get(fd);

	if (p < 0)
		return -1;
	*out = p;
	return 0;
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	switch (request) {
	case TCGETS:
		return tcgetattr(fd, arg);
	case TCSETS:
		return tcsetattr(fd, TCSANOW, arg);
	case TCSETSW:
		return tcsetattr(fd, TCSADRAIN, arg);
	case TCSETSF:
		return tcsetattr(fd, TCSAFLUSH, arg);
	case TCSBRK:
		return (uintptr_t)arg ? tcdrain(fd) : tcsendbreak(fd, 0);
	case TCXONC:
		return tcflow(fd, (int)(uintptr_t)arg);
	case TCFLSH:
		return tcflush(fd, (int)(uintptr_t)arg);
	case TIOCGWINSZ:
		return tcgetwinsize(fd, arg);
	case TIOCSWINSZ:
		return tcsetwinsize(fd, arg);
	case TIOCGPGRP:
		return ioctl_getpgrp(fd, arg, tcgetpgrp);
	case TIOCSPGRP:
		return tcsetpgrp(fd, *(const pid_t *)arg);
	case TIOCGSID:
		return ioctl_getpgrp(fd, arg, tcgetsid);
	case TIOCSCTTY:
		return __tty_set_ctty(fd, (int)(uintptr_t)arg);
	case FIONBIO:
		return ioctl_nonblock(fd, arg);
	case FIOCLEX:
	case FIONCLEX:
		return ioctl_cloexec(fd, request == FIOCLEX);
	case FIONREAD:
		return ioctl_nread(fd, arg);
	default:
		if (fcntl(fd, F_GETFD) < 0)
			return -1;
		errno = ENOTTY;
		return -1;
	}
}
