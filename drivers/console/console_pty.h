// SPDX-License-Identifier: MIT
/*
 * What the console drivers (seriald, vtd) share: their terminal in the
 * pty daemon — made at start once ptyd serves (and an old instance's
 * terminal has gone), made again in place when ptyd died and came back —
 * and their small helpers (log lines on stderr, sleeping, whole writes).
 * Linked into each driver by daemons/daemons.mk.
 */
#pragma once

#include <stddef.h>
#include <sys/ioctl.h>

typedef struct console_pty {
	char master_path[64];           /* "pty:master/NAME" */
	int master;                     /* the same number for the driver's life */
	struct winsize ws;              /* given to the terminal when it is made */
} console_pty_t;

/* The driver's name for log lines ("seriald: ..."). */
extern const char *console_name;

void console_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_sleep_ms(long ms);
/* Writes all of buf (retrying on EINTR); 0, or -1 on an error. */
int console_write_all(int fd, const void *buf, size_t len);

/* Waits until the terminal can be made; its master descriptor or -errno. */
int console_pty_attach(console_pty_t *c);
/*
 * The master failed or ended (why: errno, 0 for end of file). When ptyd
 * still has the terminal there is nothing to repair; when it came back
 * without it, the terminal is made again on the same descriptor number.
 */
void console_pty_lost(console_pty_t *c, int why);
