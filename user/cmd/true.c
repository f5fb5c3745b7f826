// SPDX-License-Identifier: MIT
/* true: does nothing, successfully. */
#include "cmd.h"

static const char help[] =
	"NAME\n    true - do nothing, successfully\n\n"
	"SYNOPSIS\n    true [ignored...]\n\n"
	"EXIT STATUS\n    0 always.\n";

int main(int argc, char **argv)
{
	cmd_start(argc, argv, help);
	return 0;
}
