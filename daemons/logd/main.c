// SPDX-License-Identifier: MIT
/*
 * logd: opens the kernel's console (debug:) as the sink for forwarded
 * lines, then registers log: and serves it (log.c is the scheme).
 */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Writes a line to the console; a console that fails loses the line
 * there, while the ring still keeps it. */
static void logd_emit(void *ctx, const char *line, size_t len)
{
	int fd = *(const int *)ctx;

	while (len) {
		ssize_t n = write(fd, line, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		line += n;
		len -= (size_t)n;
	}
}

int main(void)
{
	static scheme_server_t s;
	static log_state_t st;
	static int sink;

	sink = open("debug:", O_WRONLY | O_CLOEXEC);
	if (sink < 0) {
		fprintf(stderr, "logd: cannot open debug: %s\n", strerror(errno));
		return 1;
	}
	log_state_init(&st, logd_emit, &sink);
	scheme_server_init(&s, &log_ops, &st);
	int err = scheme_open(&s, "log");
	if (err) {
		fprintf(stderr, "logd: cannot register log: %s\n", strerror(-err));
		return 1;
	}
	scheme_ready();
	return scheme_run(&s) ? 1 : 0;
}
