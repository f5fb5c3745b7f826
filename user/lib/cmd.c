// SPDX-License-Identifier: MIT
/*
 * The shared start and error reporting of commands (cmd.h). Messages go
 * straight to stderr, which is unbuffered, so they interleave with a
 * command's output in the order they happened.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cmd_name = "?";
static int cmd_exit_status;

void cmd_start(int argc, char **argv, const char *help)
{
	if (argc > 0 && argv[0]) {
		const char *slash = strrchr(argv[0], '/');
		cmd_name = slash ? slash + 1 : argv[0];
	}
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(help, stdout);
		cmd_flush_stdout();
		exit(0);
	}
}

void cmd_error(const char *path, int err)
{
	fprintf(stderr, "%s: %s: %s\n", cmd_name, path, strerror(err));
	cmd_exit_status = 1;
}

static void cmd_vmessage(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cmd_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cmd_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vmessage(fmt, ap);
	va_end(ap);
	cmd_exit_status = 1;
}

void cmd_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vmessage(fmt, ap);
	va_end(ap);
	exit(1);
}

void cmd_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", cmd_name);
	exit(2);
}

int cmd_status(void)
{
	return cmd_exit_status;
}

void cmd_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", cmd_name, strerror(errno));
		exit(1);
	}
}
