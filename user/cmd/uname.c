// SPDX-License-Identifier: MIT
/*
 * uname: print the system's names (POSIX), from uname(), which Tessera's
 * libc fills from `sys:uname` and /etc/hostname. The fields come out in
 * one fixed order whatever the order of the options: -s -n -r -v -m as
 * POSIX has it, then -p and -o, the common additions (the processor,
 * which is the machine here, and the operating system, the same as the
 * system name). -a is POSIX's -snrvm.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    uname - print the system's names\n\n"
	"SYNOPSIS\n    uname [-asnrvmpo]\n\n"
	"DESCRIPTION\n"
	"    Prints the chosen fields on one line, separated by blanks, always in\n"
	"    the order of the options below. Without options it prints -s.\n\n"
	"OPTIONS\n"
	"    -a    all of -s -n -r -v -m\n"
	"    -s    the system's name (Tessera)\n"
	"    -n    the node (host) name: /etc/hostname in Tessera\n"
	"    -r    the release\n"
	"    -v    the version\n"
	"    -m    the machine (hardware) type\n"
	"    -p    the processor type (the machine type)\n"
	"    -o    the operating system (the system's name)\n\n"
	"EXIT STATUS\n    0, or 1 if the names cannot be read, 2 on a usage error.\n";

enum { UNAME_S, UNAME_N, UNAME_R, UNAME_V, UNAME_M, UNAME_P, UNAME_O, UNAME_FIELDS };

int main(int argc, char **argv)
{
	static const char letters[] = "snrvmpo";
	bool want[UNAME_FIELDS] = { false };
	bool any = false;
	struct utsname u;
	int opt;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, "asnrvmpo")) != -1) {
		if (opt == 'a') {
			for (int f = UNAME_S; f <= UNAME_M; f++)
				want[f] = true;
		} else if (opt != '?') {
			want[strchr(letters, opt) - letters] = true;
		} else {
			cmd_usage_error("invalid option -- '%c'", optopt);
		}
		any = true;
	}
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	if (!any)
		want[UNAME_S] = true;
	if (uname(&u) < 0)
		cmd_die("cannot get the system's names: %s", strerror(errno));

	const char *values[UNAME_FIELDS] = {
		u.sysname, u.nodename, u.release, u.version, u.machine, u.machine, u.sysname,
	};
	const char *sep = "";
	for (int f = 0; f < UNAME_FIELDS; f++) {
		if (want[f]) {
			printf("%s%s", sep, values[f]);
			sep = " ";
		}
	}
	putchar('\n');
	cmd_flush_stdout();
	return 0;
}
