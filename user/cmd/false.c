// SPDX-License-Identifier: MIT
/* false: does nothing, unsuccessfully. */
#include "cmd.h"

static const char help[] =
	"NAME\n    false - do nothing, unsuccessfully\n\n"
	"SYNOPSIS\n    false [ignored...]\n\n"
	"EXIT STATUS\n    1 always (0 for --help alone).\n";

int main(int argc, char **argv)
{
	cmd_start(argc, argv, help);
	return 1;
}
