// SPDX-License-Identifier: MIT
/*
 * Signals and traps. The shell's handler only records that a signal came;
 * the trap's command runs later, between commands (trap_run_pending), as
 * POSIX requires. What a signal does to the shell follows from its trap,
 * whether the shell is interactive (SIGINT caught to abandon the command
 * line, SIGQUIT and SIGTERM ignored), whether job control is on (SIGTSTP,
 * SIGTTIN, SIGTTOU ignored), and whether it was ignored when the shell
 * started (then a non-interactive shell cannot trap it).
 */
#pragma once

#include <stdbool.h>

/* Records the dispositions inherited at startup. */
void trap_init(void);
/* The shell became interactive (or job control changed): dispositions follow. */
void trap_set_interactive(void);
void trap_set_monitor(bool on);
/* A forked child: traps reset, signals as a command expects them (bg: INT/QUIT ignored). */
void trap_child_reset(bool bg_ignore);

/* A caught signal whose trap has not run yet, or 0. */
int trap_pending_signal(void);
/* Runs the traps of signals that arrived. */
void trap_run_pending(void);
/* Runs the EXIT trap (once). */
void trap_run_exit(void);
bool trap_exit_set(void);

/* A signal's number from its name ("INT", "SIGINT", "2", "EXIT" is 0); -1 if none. */
int sig_number(const char *name);
/* The name without SIG ("INT"), or NULL. */
const char *sig_name(int sig);

int bi_trap(int argc, char **argv);
int bi_kill(int argc, char **argv);
