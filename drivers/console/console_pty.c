// SPDX-License-Identifier: MIT
/*
 * The console drivers' terminal and helpers (console_pty.h). Attaching
 * retries with a doubling delay up to a second while ptyd is not there
 * yet (ENOENT) or an old instance's terminal is still open (EEXIST),
 * saying so once.
 */
#include "console_pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *console_name = "console";

void console_log(const char *fmt, ...)
{
	va_list ap;
	char line[256];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", console_name, line);
}

void console_sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int console_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Creates the terminal; the new master descriptor or -errno. */
static int console_pty_create(console_pty_t *c)
{
	int fd = open(c->master_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	if (ioctl(fd, TIOCSWINSZ, &c->ws) < 0)
		console_log("%s: window size: %s", c->master_path, strerror(errno));
	return fd;
}

int console_pty_attach(console_pty_t *c)
{
	int said = 0;

	for (long wait_ms = 50;; wait_ms = wait_ms < 1000 ? wait_ms * 2 : 1000) {
		int fd = console_pty_create(c);
		if (fd >= 0)
			return fd;
		if (fd != -ENOENT && fd != -EEXIST && fd != -EIO && fd != -EBUSY) {
			console_log("%s: %s", c->master_path, strerror(-fd));
			return fd;
		}
		if (!said++)
			console_log("%s: %s; waiting", c->master_path, strerror(-fd));
		console_sleep_ms(wait_ms);
	}
}

void console_pty_lost(console_pty_t *c, int why)
{
	static int reported;

	console_sleep_ms(100);
	int fd = console_pty_create(c);
	if (fd == -EEXIST)
		return;
	if (fd < 0) {
		if (!reported++)
			console_log("%s lost (%s); trying to make it again", c->master_path,
				    why ? strerror(why) : "end of file");
		return;
	}
	if (dup2(fd, c->master) < 0) {
		console_log("dup2: %s", strerror(errno));
		close(fd);
		return;
	}
	fcntl(c->master, F_SETFD, FD_CLOEXEC);
	close(fd);
	reported = 0;
	console_log("made %s again", c->master_path);
}
