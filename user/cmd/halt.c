// SPDX-License-Identifier: MIT
/* halt: stop every service and leave the machine halted (power.h). */
#include "power.h"

static const char help[] =
	"NAME\n    halt - stop the system and halt the machine\n\n"
	"SYNOPSIS\n    halt\n\n"
	"DESCRIPTION\n"
	"    Asks init (SIGUSR1 to pid 1) to stop every service, last started\n"
	"    first, end the remaining processes and sync; then init exits and\n"
	"    the kernel halts the processors, with the machine still on. halt\n"
	"    itself returns at once.\n\n"
	"EXIT STATUS\n"
	"    0 when init was asked, 1 on failure, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	static const power_cmd_t cmd = { NULL, SIGUSR1, help };

	return power_main(argc, argv, &cmd);
}
