// SPDX-License-Identifier: MIT
/*
 * The terminal protocol between libc and whatever serves a terminal (the
 * pty daemon, later): see libc/src/io/termios.c. This is the record read
 * from and written to a descriptor's "termios" handle; it belongs in
 * abi/ once a server uses it.
 */
#pragma once

#include <stdint.h>
#include <termios.h>

/* tty_record_t.op: what a write asks for (reads ignore it). */
#define TTY_SET_TERMIOS  0x01u  /* take termios (arg: TCSANOW/TCSADRAIN/TCSAFLUSH) */
#define TTY_SET_WINSIZE  0x02u  /* take winsize (and signal SIGWINCH) */
#define TTY_SET_PGRP     0x04u  /* take pgrp as the foreground group */
#define TTY_DRAIN        0x08u  /* return once output is transmitted */
#define TTY_FLUSH        0x10u  /* arg: TCIFLUSH/TCOFLUSH/TCIOFLUSH */
#define TTY_FLOW         0x20u  /* arg: TCOOFF/TCOON/TCIOFF/TCION */
#define TTY_BREAK        0x40u  /* arg: tcsendbreak's duration */
#define TTY_SET_CTTY     0x80u  /* make it the caller's controlling terminal */

typedef struct tty_record {
	uint32_t op;
	uint32_t arg;
	struct termios termios;
	struct winsize winsize;
	int32_t pgrp;           /* foreground process group */
	int32_t sid;            /* session it controls, 0 if none */
	uint32_t reserved[2];
} tty_record_t;

_Static_assert(sizeof(struct termios) == 60, "Linux's struct termios");
_Static_assert(sizeof(tty_record_t) == 92, "tty_record_t is a wire format");
