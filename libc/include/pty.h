// SPDX-License-Identifier: MIT
/*
 * Pseudo-terminal conveniences (BSD and glibc's <pty.h>): a master and
 * slave pair in one call, and a child whose terminal is the slave. The
 * POSIX calls underneath (posix_openpt, ptsname...) are in <stdlib.h>;
 * the pty: scheme behind them is described in docs/terminal.md.
 */
#pragma once

#include <sys/types.h>
#include <termios.h>

/*
 * Opens a pair: the master in *amaster, the slave in *aslave (both
 * O_RDWR | O_NOCTTY), the slave's path in name if it is not NULL (room
 * for 64 bytes), and applies termp and winp to it when they are given.
 */
int openpty(int *amaster, int *aslave, char *name, const struct termios *termp,
	    const struct winsize *winp);
/*
 * fork() with a new pty: the child runs in a new session whose
 * controlling terminal is the slave (its descriptors 0, 1 and 2); the
 * parent gets the master in *amaster. Returns what fork returns.
 */
pid_t forkpty(int *amaster, char *name, const struct termios *termp,
	      const struct winsize *winp);
/* Makes fd the caller's controlling terminal in a new session, and its 0, 1, 2. */
int login_tty(int fd);
