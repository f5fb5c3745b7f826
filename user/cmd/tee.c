// SPDX-License-Identifier: MIT
/*
 * tee: copies standard input to standard output and to each FILE. A file
 * that cannot be opened or written is reported and dropped; the copy
 * goes on to the others, and tee exits 1 at the end. Writes are
 * unbuffered, so what comes in goes out at once (tee in a pipeline to a
 * terminal shows lines as they arrive).
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    tee - copy standard input to files and standard output\n\n"
	"SYNOPSIS\n    tee [-ai] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes what it reads from standard input to standard output and to\n"
	"    each FILE, which is created or emptied first.\n\n"
	"OPTIONS\n"
	"    -a  append to the FILEs instead of emptying them\n"
	"    -i  ignore the interrupt signal (SIGINT)\n\n"
	"EXIT STATUS\n"
	"    0, 1 if a file could not be opened or written, 2 on a usage error.\n";

typedef struct {
	int fd;
	const char *name;
} tee_out_t;

static bool tee_write(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		buf += w;
		n -= (size_t)w;
	}
	return true;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	bool append = false;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "ai")) != -1) {
		if (c == 'a')
			append = true;
		else
			signal(SIGINT, SIG_IGN);
	}
	int n = argc - optind + 1;
	tee_out_t *outs = fileutil_alloc(sizeof(*outs) * (size_t)n);
	outs[0] = (tee_out_t){ STDOUT_FILENO, "standard output" };
	for (int i = 1; i < n; i++) {
		const char *name = argv[optind + i - 1];
		outs[i].name = name;
		outs[i].fd = open(name, O_WRONLY | O_CREAT | O_CLOEXEC |
					(append ? O_APPEND : O_TRUNC), 0666);
		if (outs[i].fd < 0)
			cmd_error(name, errno);
	}
	for (;;) {
		ssize_t got = read(STDIN_FILENO, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error("standard input", errno);
			break;
		}
		if (got == 0)
			break;
		for (int i = 0; i < n; i++) {
			if (outs[i].fd < 0)
				continue;
			if (!tee_write(outs[i].fd, buf, (size_t)got)) {
				cmd_error(outs[i].name, errno);
				if (i > 0)
					close(outs[i].fd);
				outs[i].fd = -1;
			}
		}
	}
	for (int i = 1; i < n; i++)
		if (outs[i].fd >= 0 && close(outs[i].fd) != 0)
			cmd_error(outs[i].name, errno);
	free(outs);
	return cmd_status();
}
