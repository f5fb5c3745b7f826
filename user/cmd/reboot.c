// SPDX-License-Identifier: MIT
/* reboot: stop every service and restart the machine (power.h). */
#include "power.h"

static const char help[] =
	"NAME\n    reboot - stop the system and restart the machine\n\n"
	"SYNOPSIS\n    reboot [-f]\n\n"
	"DESCRIPTION\n"
	"    Asks init (SIGTERM to pid 1) to stop every service, last started\n"
	"    first, end the remaining processes, sync, and restart the machine.\n"
	"    reboot itself returns at once.\n\n"
	"OPTIONS\n"
	"    -f  do not ask init: sync and restart at once, through sys:power\n"
	"        (root only)\n\n"
	"EXIT STATUS\n"
	"    0 when init was asked, 1 on failure, 2 on a usage error.\n";

int main(int argc, char **argv)
{
	static const power_cmd_t cmd = { "reboot", SIGTERM, help };

	return power_main(argc, argv, &cmd);
}
