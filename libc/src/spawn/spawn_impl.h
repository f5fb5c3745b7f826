// SPDX-License-Identifier: MIT
/* posix_spawn's file action record, shared by actions.c and spawn.c. */
#pragma once

#include <spawn.h>

enum spawn_kind { SPAWN_OPEN, SPAWN_CLOSE, SPAWN_DUP2, SPAWN_CHDIR, SPAWN_FCHDIR };

struct spawn_action {
	enum spawn_kind kind;
	int fd;
	int newfd;              /* SPAWN_DUP2 */
	int oflag;              /* SPAWN_OPEN */
	mode_t mode;            /* SPAWN_OPEN */
	char *path;             /* SPAWN_OPEN, SPAWN_CHDIR: owned */
};

#define SPAWN_FLAGS_KNOWN (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | \
			   POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | \
			   POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | \
			   POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID)
