// SPDX-License-Identifier: MIT
/*
 * What libc's signal files share (libc/src/signal.c and
 * the files of libc/src/signal/).
 *
 * Every handler a program installs runs through the trampoline in
 * signal.c. Besides building a siginfo_t, the trampoline counts the
 * handlers it ran on each thread in __sig_delivered: a thread that wants
 * to sleep "until a signal has been handled" reads the count, changes its
 * mask, and futex-waits on the count with the value it read. If a handler
 * ran in between, the futex refuses to sleep (the value differs); if one
 * runs while it sleeps, the kernel interrupts the wait. That closes the
 * race the kernel's missing sigsuspend would otherwise leave open.
 */
#pragma once

#include <signal.h>

/* Handlers run on this thread so far (only ever grows; wraps harmlessly). */
extern _Thread_local volatile int __sig_delivered;

/* Sleeps until a handler runs on this thread after `seen` was read. */
void __sig_wait_handled(int seen);

/* sigaction without the checks of the public one: SIGKILL etc. pass through. */
int __sig_action_raw(int sig, const struct sigaction *act, struct sigaction *old);
