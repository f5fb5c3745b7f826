// SPDX-License-Identifier: MIT
/* poweroff: stop every service and turn the machine off (power.h). */
#include "power.h"

static const char help[] =
	"NAME\n    poweroff - stop the system and turn the machine off\n\n"
	"SYNOPSIS\n    poweroff [-f]\n\n"
	"DESCRIPTION\n"
	"    Asks init (SIGUSR2 to pid 1) to stop every service, last started\n"
	"    first, end the remaining processes, sync, and turn the machine off;\n"
	"    under QEMU, QEMU exits with status 0. poweroff itself returns at\n"
	"    once.\n\n"
	"OPTIONS\n"
	"    -f  do not ask init: sync and turn the machine off at once,\n"
	"        through sys:power (root only)\n\n"
	"EXIT STATUS\n"
	"    0 when init was asked, 1 on failure, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	static const power_cmd_t cmd = { "poweroff", SIGUSR2, help };

	return power_main(argc, argv, &cmd);
}
