// SPDX-License-Identifier: MIT
/*
 * What poweroff, reboot and halt share (each is one small file naming
 * its action). Normally the command only asks init, with a signal — the
 * same ones busybox's init understands: SIGUSR2 powers off, SIGTERM
 * reboots, SIGUSR1 halts — and init stops the services in order, ends
 * every process, syncs and asks the kernel (docs/init.md). The command
 * returns at once; the system goes down shortly after.
 *
 * -f skips init: sync(), then the word straight to the kernel's
 * `sys:power` (root only). Nothing is stopped first, which is what -f is
 * for: a system whose init no longer answers.
 *
 * On any other system than Tessera these commands refuse: their host
 * builds exist to be tested, and signalling the host's pid 1 from a
 * test run must never shut the host (or the CI container) down.
 */
#pragma once

#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

typedef struct {
	const char *word;       /* for sys:power, NULL if -f is not offered */
	int signal;             /* what asks init */
	const char *help;
} power_cmd_t;

static bool power_on_tessera(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Tessera") == 0;
}

static int power_force(const char *word)
{
	int fd;

	sync();
	fd = open("sys:power", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, word, strlen(word)) != (ssize_t)strlen(word)) {
		cmd_error("sys:power", errno);
		return 1;
	}
	close(fd);
	sleep(5);
	cmd_die("sys:power: the system is still running");
}

static int power_main(int argc, char **argv, const power_cmd_t *p)
{
	bool force = false;
	int opt;

	cmd_start(argc, argv, p->help);
	opterr = 0;
	while ((opt = getopt(argc, argv, p->word ? "f" : "")) != -1) {
		if (opt != 'f')
			cmd_usage_error("invalid option -- '%c'", optopt);
		force = true;
	}
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	if (!power_on_tessera())
		cmd_die("this is not Tessera; refusing to signal the host's init");
	if (force)
		return power_force(p->word);
	if (kill(1, p->signal) < 0)
		cmd_die("cannot signal init: %s", strerror(errno));
	return 0;
}
