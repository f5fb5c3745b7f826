// SPDX-License-Identifier: MIT
/*
 * Terminal attributes, and the convention that lets a scheme be a
 * terminal.
 *
 * Tessera has no ioctl. A descriptor is a terminal when its scheme
 * answers `dupat(fd, "termios", O_RDWR)` with a control handle. Reading
 * that handle gives one tty_record_t (abi/tty.h): the termios settings,
 * the window size, the foreground process group, the session and flags
 * (is it the caller's controlling terminal; is the handle a pty master).
 * Writing one tty_record_t applies what its `op` bits ask
 * (TTY_SET_TERMIOS with arg TCSANOW/TCSADRAIN/TCSAFLUSH, TTY_SET_WINSIZE,
 * TTY_SET_PGRP, TTY_DRAIN, TTY_FLUSH, TTY_FLOW, TTY_BREAK, TTY_SET_CTTY),
 * taking the fields it needs from the record; the server answers with
 * the record's size or -errno (EINVAL, EPERM, EIO...). Every call here
 * opens the handle, does one read or one write, and closes it.
 *
 * Job control needs one fact only the caller knows: a background process
 * that changes its terminal gets SIGTTOU, unless it ignores or blocks
 * that signal (shells do, to hand the terminal back to themselves). libc
 * says so in the record's flags (TTY_F_TTOU_OK), and asks again when the
 * signal stopped it and it was continued (tty_command). tcgetpgrp and
 * tcgetsid answer only for the caller's controlling terminal or a pty
 * master, as POSIX and Linux do (ENOTTY otherwise).
 *
 * A descriptor whose scheme has no such handle (EOPNOTSUPP, EINVAL,
 * ENOENT...) is not a terminal: ENOTTY. EBADF stays EBADF.
 *
 * Speeds are the B* codes; the output speed is also kept in c_cflag's
 * CBAUD bits, as on Linux, and an input speed of 0 means "the output
 * speed" (POSIX).
 */
#include "../libc.h"
#include "tty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <tessera/syscall.h>
#include <unistd.h>

/* The control handle of terminal fd, or -errno (ENOTTY for non-terminals). */
static long tty_open(int fd)
{
	long h = sys_dupat(fd, (long)"termios", O_RDWR | O_CLOEXEC);

	if (h >= 0 || h == -EBADF || h == -EINTR || h == -ENOMEM || h == -EMFILE)
		return h;
	return -ENOTTY;
}

long __tty_get(int fd, tty_record_t *rec)
{
	long h = tty_open(fd), r;

	if (h < 0)
		return h;
	memset(rec, 0, sizeof(*rec));
	r = sys_read(h, (long)rec, sizeof(*rec));
	sys_close(h);
	if (r >= 0 && r != (long)sizeof(*rec))
		return -EIO;
	return r < 0 ? r : 0;
}

/* Whether the caller ignores or blocks SIGTTOU (job control lets it change its terminal). */
static int tty_ttou_ok(void)
{
	struct sigaction sa;
	sigset_t mask;

	if (sigaction(SIGTTOU, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		return 1;
	return sigprocmask(SIG_BLOCK, NULL, &mask) == 0 && sigismember(&mask, SIGTTOU) == 1;
}

/* Whether SIGTTOU would stop the caller (its default action, not blocked). */
static int tty_ttou_stops(void)
{
	struct sigaction sa;

	return !tty_ttou_ok() && sigaction(SIGTTOU, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL;
}

/* Times a change is asked again after SIGTTOU stopped the caller (see tty_command). */
#define TTY_TTOU_RETRIES 64

/*
 * Writes a record asking for op (fields from `fields`); 0, or -1 and
 * errno. A background process asking for a change gets SIGTTOU and EINTR;
 * when that signal's default action stopped it, it asks again once
 * continued, as Linux restarts the call. The retries are bounded: where
 * the stop does not happen (an orphaned process group) it ends in EINTR.
 */
static int tty_command(int fd, uint32_t op, uint32_t arg, const tty_record_t *fields)
{
	tty_record_t rec;
	long h = tty_open(fd), r;

	if (h < 0)
		return (int)__syscall_ret(h);
	if (fields)
		rec = *fields;
	else
		memset(&rec, 0, sizeof(rec));
	rec.op = op;
	rec.arg = arg;
	for (int tries = 0;; tries++) {
		rec.flags = tty_ttou_ok() ? TTY_F_TTOU_OK : 0;
		r = sys_write(h, (long)&rec, sizeof(rec));
		if (r != -EINTR || tries == TTY_TTOU_RETRIES || !tty_ttou_stops())
			break;
	}
	sys_close(h);
	if (r >= 0 && r != (long)sizeof(rec))
		r = -EIO;
	return (int)__syscall_ret(r < 0 ? r : 0);
}

int tcgetattr(int fd, struct termios *t)
{
	tty_record_t rec;
	long r = __tty_get(fd, &rec);

	if (r < 0)
		return (int)__syscall_ret(r);
	tty_termios_from_abi(t, &rec.termios);
	return 0;
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	tty_record_t rec = { 0 };

	tty_termios_to_abi(&rec.termios, t);
	if (action != TCSANOW && action != TCSADRAIN && action != TCSAFLUSH)
		return (int)__syscall_ret(-EINVAL);
	return tty_command(fd, TTY_SET_TERMIOS, (uint32_t)action, &rec);
}

int tcgetwinsize(int fd, struct winsize *ws)
{
	tty_record_t rec;
	long r = __tty_get(fd, &rec);

	if (r < 0)
		return (int)__syscall_ret(r);
	tty_winsize_from_abi(ws, &rec.winsize);
	return 0;
}

int tcsetwinsize(int fd, const struct winsize *ws)
{
	tty_record_t rec = { 0 };

	tty_winsize_to_abi(&rec.winsize, ws);
	return tty_command(fd, TTY_SET_WINSIZE, 0, &rec);
}

int tcdrain(int fd)
{
	return tty_command(fd, TTY_DRAIN, 0, NULL);
}

int tcflush(int fd, int queue)
{
	if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH)
		return (int)__syscall_ret(-EINVAL);
	return tty_command(fd, TTY_FLUSH, (uint32_t)queue, NULL);
}

int tcflow(int fd, int action)
{
	if (action < TCOOFF || action > TCION)
		return (int)__syscall_ret(-EINVAL);
	return tty_command(fd, TTY_FLOW, (uint32_t)action, NULL);
}

int tcsendbreak(int fd, int duration)
{
	return tty_command(fd, TTY_BREAK, (uint32_t)(duration < 0 ? 0 : duration), NULL);
}

pid_t tcgetpgrp(int fd)
{
	tty_record_t rec;
	long r = __tty_get(fd, &rec);

	if (r < 0)
		return (pid_t)__syscall_ret(r);
	if (!(rec.flags & (TTY_F_CTTY | TTY_F_MASTER)))
		return (pid_t)__syscall_ret(-ENOTTY);
	return rec.pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	tty_record_t rec = { .pgrp = pgrp };

	if (pgrp < 0)
		return (int)__syscall_ret(-EINVAL);
	return tty_command(fd, TTY_SET_PGRP, 0, &rec);
}

pid_t tcgetsid(int fd)
{
	tty_record_t rec;
	long r = __tty_get(fd, &rec);

	if (r < 0)
		return (pid_t)__syscall_ret(r);
	if (!(rec.flags & (TTY_F_CTTY | TTY_F_MASTER)) || rec.sid <= 0)
		return (pid_t)__syscall_ret(-ENOTTY);
	return rec.sid;
}

int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

/* Used by ioctl(TIOCSCTTY, steal) (libc/src/io/ioctl.c declares it). */
int __tty_set_ctty(int fd, int steal);
int __tty_set_ctty(int fd, int steal)
{
	return tty_command(fd, TTY_SET_CTTY, steal ? 1u : 0u, NULL);
}
