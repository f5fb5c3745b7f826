// SPDX-License-Identifier: MIT
/*
 * clear: clears the terminal with the ANSI sequences every terminal
 * Tessera has (and xterm and the Linux console) understands: cursor
 * home, erase the screen, erase the scrollback. No terminfo is needed.
 */
#include "cmd.h"
#include "fileutil.h"

#include <stdio.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    clear - clear the terminal screen\n\n"
	"SYNOPSIS\n    clear [-x]\n\n"
	"DESCRIPTION\n"
	"    Writes ESC[H ESC[2J ESC[3J: moves the cursor home, erases the\n"
	"    screen and the scrollback.\n\n"
	"OPTIONS\n    -x  keep the scrollback (leave out ESC[3J)\n\n"
	"EXIT STATUS\n    0, 1 if writing failed, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	int c;
	int keep = 0;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "x")) != -1)
		keep = 1;
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	fputs(keep ? "\033[H\033[2J" : "\033[H\033[2J\033[3J", stdout);
	cmd_flush_stdout();
	return 0;
}
