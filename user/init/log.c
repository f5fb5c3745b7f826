// SPDX-License-Identifier: MIT
/*
 * init's event log. pid 1 writes each event as a line to `debug:`, the
 * kernel log: the kernel time-stamps it, keeps it for dmesg and prints it
 * on its consoles, so one write reaches both and no daemon has to be up
 * (logd may be the service that is failing). A supervisor that is not
 * pid 1 — one a test started — writes to its standard output instead,
 * where the test reads it. Lines go out in one write each, so they never
 * interleave with other writers mid-line.
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static int init_log_fd = STDOUT_FILENO;

void init_log_open(bool pid1)
{
	if (!pid1)
		return;
	int fd = open("debug:", O_WRONLY | O_CLOEXEC);
	if (fd >= 0)
		init_log_fd = fd;
}

void init_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n = snprintf(line, sizeof(line), "init: ");

	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	for (int done = 0; done < n; ) {
		ssize_t w = write(init_log_fd, line + done, (size_t)(n - done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		done += (int)w;
	}
}
