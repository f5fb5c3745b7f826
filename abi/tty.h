// SPDX-License-Identifier: MIT
/*
 * The terminal protocol between libc and whatever serves a terminal (the
 * pty daemon, daemons/ptyd; docs/terminal.md).
 *
 * Tessera has no ioctl. A descriptor is a terminal when its scheme
 * answers `dupat(fd, "termios", O_RDWR)` with a control handle. Reading
 * that handle gives one tty_record_t: the settings, the window size, the
 * foreground process group, the session, and flags saying how the
 * terminal stands to the caller. Writing one applies what its `op` bits
 * ask, taking the fields it needs from the record; the server answers
 * with the record's size or -errno.
 *
 * The settings travel as abi_termios_t, which is Linux's struct termios
 * byte for byte (libc's <termios.h> has the same layout and values), so
 * a server written against either header reads the same bytes.
 */
#pragma once

#include <stdint.h>

#define ABI_NCCS 32

typedef struct abi_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	uint8_t cc[ABI_NCCS];
	uint32_t ispeed, ospeed;        /* at offset 52: three bytes of padding before */
} abi_termios_t;

typedef struct abi_winsize {
	uint16_t row, col, xpixel, ypixel;
} abi_winsize_t;

/* tty_record_t.op: what a write asks for (reads ignore it). */
#define TTY_SET_TERMIOS  0x01u  /* take termios (arg: TCSANOW/TCSADRAIN/TCSAFLUSH) */
#define TTY_SET_WINSIZE  0x02u  /* take winsize (and signal SIGWINCH) */
#define TTY_SET_PGRP     0x04u  /* take pgrp as the foreground group */
#define TTY_DRAIN        0x08u  /* return once output is transmitted */
#define TTY_FLUSH        0x10u  /* arg: TCIFLUSH/TCOFLUSH/TCIOFLUSH */
#define TTY_FLOW         0x20u  /* arg: TCOOFF/TCOON/TCIOFF/TCION */
#define TTY_BREAK        0x40u  /* arg: tcsendbreak's duration */
#define TTY_SET_CTTY     0x80u  /* make it the caller's controlling terminal
				 * (arg 1: steal it from another session; root) */

/* tty_record_t.flags, read: how the terminal stands to the reader. */
#define TTY_F_CTTY       0x01u  /* it is the caller's controlling terminal */
#define TTY_F_MASTER     0x02u  /* the handle came from a pty master */
/* tty_record_t.flags, written: facts about the caller that only libc knows. */
#define TTY_F_TTOU_OK    0x100u /* the caller ignores or blocks SIGTTOU: a
				 * background change goes ahead unsignalled */

typedef struct tty_record {
	uint32_t op;
	uint32_t arg;
	abi_termios_t termios;
	abi_winsize_t winsize;
	int32_t pgrp;           /* foreground process group, 0 if none */
	int32_t sid;            /* session it controls, 0 if none */
	uint32_t flags;         /* TTY_F_* */
	uint32_t reserved;      /* 0 */
} tty_record_t;

_Static_assert(sizeof(abi_termios_t) == 60, "Linux's struct termios");
_Static_assert(__builtin_offsetof(abi_termios_t, ispeed) == 52, "Linux's struct termios");
_Static_assert(sizeof(abi_winsize_t) == 8, "Linux's struct winsize");
_Static_assert(sizeof(tty_record_t) == 92, "tty_record_t is a wire format");
