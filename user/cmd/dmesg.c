// SPDX-License-Identifier: MIT
/*
 * dmesg: print the kernel's log. In Tessera that is `debug:` read from
 * the start (kernel/scheme/debug.c): the newest 64 KiB of log lines,
 * already time-stamped "[   12.345678] ...". The first read asks for the
 * whole ring at once, so the text is one consistent snapshot even while
 * the kernel keeps logging.
 *
 * Built for the host it reads Linux's /dev/kmsg (one record per read,
 * "priority,sequence,microseconds,flags;text", without blocking at the
 * end) and prints the records the same way; where that cannot be read it
 * says "dmesg: not supported here". Clearing the log (-c) is not offered:
 * Tessera's kernel has no way to do it.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    dmesg - print the kernel's log\n\n"
	"SYNOPSIS\n    dmesg\n\n"
	"DESCRIPTION\n"
	"    Prints the kernel's log messages, oldest first, each with the time\n"
	"    since boot in seconds. In Tessera it reads debug:, which keeps the\n"
	"    newest 64 KiB of the log, including the lines daemons send to log:.\n\n"
	"EXIT STATUS\n"
	"    0, 1 if the log cannot be read, 2 on a usage error.\n";

#define DMESG_CHUNK 65536

#ifdef __tessera__

static int dmesg_print(void)
{
	char *buf = malloc(DMESG_CHUNK);
	int fd = open("debug:", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (!buf)
		cmd_die("out of memory");
	if (fd < 0) {
		cmd_error("debug:", errno);
		free(buf);
		return 1;
	}
	while ((n = read(fd, buf, DMESG_CHUNK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cmd_error("debug:", errno);
			break;
		}
		fwrite(buf, 1, (size_t)n, stdout);
	}
	close(fd);
	free(buf);
	return cmd_status();
}

#else /* the host: Linux's /dev/kmsg */

/* "pri,seq,usec,flags;text\n( continuation lines)" as "[ s.us] text". */
static void dmesg_print_record(char *rec)
{
	char *semi = strchr(rec, ';');
	unsigned long long usec = 0;
	char *nl;

	if (!semi)
		return;
	sscanf(rec, "%*u,%*u,%llu", &usec);
	nl = strchr(semi + 1, '\n');
	if (nl)
		*nl = '\0';
	printf("[%5llu.%06llu] %s\n", usec / 1000000, usec % 1000000, semi + 1);
}

static int dmesg_print(void)
{
	char *buf = malloc(DMESG_CHUNK);
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (!buf)
		cmd_die("out of memory");
	if (fd < 0) {
		free(buf);
		cmd_die("not supported here");
	}
	for (;;) {
		n = read(fd, buf, DMESG_CHUNK - 1);
		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;       /* EPIPE: records were overwritten; go on */
		if (n <= 0)
			break;
		buf[n] = '\0';
		dmesg_print_record(buf);
	}
	if (n < 0 && errno != EAGAIN)
		cmd_error("/dev/kmsg", errno);
	close(fd);
	free(buf);
	return cmd_status();
}

#endif

int main(int argc, char **argv)
{
	int opt;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, "")) != -1)
		cmd_usage_error("invalid option -- '%c'", optopt);
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	int status = dmesg_print();
	cmd_flush_stdout();
	return status;
}
