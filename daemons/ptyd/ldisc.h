// SPDX-License-Identifier: MIT
/*
 * The line discipline: what a terminal does to the bytes between the
 * keyboard (the pty master's writes) and the program (the slave's reads),
 * and to the program's output on its way back. Pure logic over two
 * buffers, no scheme and no system calls, so every rule is tested on the
 * host (tests/unit/test_ptyd.c). ldisc.c has the buffers, output
 * processing, reads and mode changes; ldisc_input.c the typed input:
 * signals, flow control, canonical editing and echo.
 *
 * Settings are an abi_termios_t with <termios.h>'s flag values (Linux's,
 * on Tessera and on the host alike). A control character set to 0
 * (_POSIX_VDISABLE on Linux) is disabled.
 */
#pragma once

#include <abi/tty.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LDISC_IN_MAX        4096u   /* typed input held for readers */
#define LDISC_OUT_MAX       8192u   /* output for the master, echoes included */
#define LDISC_OUT_WRITE_MAX 4096u   /* how much of it the program's writes may fill */
#define LDISC_EXPAND_MAX    8u      /* the most one byte becomes (a tab as spaces) */

/* ldisc_t.in_mark: what a byte of typed input is, beyond its value. */
#define LDISC_MARK_EOL 0x1u     /* it ends a line (canonical) */
#define LDISC_MARK_EOF 0x2u     /* not data: VEOF ended the line here */

typedef struct ldisc {
	abi_termios_t t;
	/*
	 * Typed input, oldest first. In canonical mode the first in_ready
	 * bytes are complete lines (readable) and the rest is the line being
	 * edited; in non-canonical mode every byte is readable.
	 */
	uint8_t in[LDISC_IN_MAX];
	uint8_t in_mark[LDISC_IN_MAX];
	size_t in_len, in_ready;
	bool lnext;             /* VLNEXT came: the next byte is taken literally */
	bool stopped;           /* output held by VSTOP (IXON) or tcflow(TCOOFF) */
	/* Output for the master, processed (OPOST) and with the echoes. */
	uint8_t out[LDISC_OUT_MAX];
	size_t out_len;
	unsigned column;        /* the output's column, for erasing tabs */
	unsigned canon_column;  /* the column where the line being edited began */
} ldisc_t;

/* Linux's defaults: canonical, echo, signals, ICRNL, OPOST|ONLCR, ^C ^\ DEL ^U ^D ^Z ^W ^V ^R. */
void ldisc_termios_default(abi_termios_t *t);
void ldisc_init(ldisc_t *ld);

/*
 * New settings (TCSANOW; the caller drains or flushes first for the other
 * actions). Typed-ahead input survives: leaving canonical mode makes the
 * whole input readable; entering it turns what was typed into lines at
 * each newline (or VEOL), the rest becoming the line being edited.
 */
void ldisc_set_termios(ldisc_t *ld, const abi_termios_t *t);
bool ldisc_canonical(const ldisc_t *ld);

/* --- typed input (ldisc_input.c) ------------------------------------------- */

/*
 * Takes keyboard bytes. Stops after a byte that raises a signal (*sig =
 * SIGINT, SIGQUIT or SIGTSTP; else 0), so the caller can send it before
 * going on, and before a byte that finds no room (see ldisc_input_room).
 * Returns how many bytes were taken.
 */
size_t ldisc_receive(ldisc_t *ld, const uint8_t *buf, size_t len, int *sig);
/*
 * Whether typed input can be taken now. It cannot when the buffer is full
 * of readable input: then the writer waits. In canonical mode a line
 * being edited never blocks: past the limit its bytes are dropped, always
 * leaving room for the byte that ends it.
 */
bool ldisc_input_room(const ldisc_t *ld);

/* --- reading ---------------------------------------------------------------- */

/* Canonical: whether a read returns now. Non-canonical: the bytes there. */
size_t ldisc_readable(const ldisc_t *ld);
/*
 * Canonical: one line, or as much of it as fits (0 at a VEOF at the start
 * of a line), or -EAGAIN without a complete line. Non-canonical: up to
 * len bytes of what is there (0 if nothing); VMIN/VTIME are the caller's.
 */
long ldisc_read(ldisc_t *ld, uint8_t *buf, size_t len);
void ldisc_flush_input(ldisc_t *ld);

/* --- output ----------------------------------------------------------------- */

/* Takes the program's bytes into the output (OPOST); how many fitted. */
size_t ldisc_write(ldisc_t *ld, const uint8_t *buf, size_t len);
/* Whether a write can take at least one byte. */
bool ldisc_write_room(const ldisc_t *ld);
/* Moves output to the master's buffer; 0 while stopped or empty. */
size_t ldisc_output_take(ldisc_t *ld, uint8_t *buf, size_t len);
/* Output waiting, stopped or not (tcdrain waits for 0). */
size_t ldisc_output_pending(const ldisc_t *ld);
bool ldisc_output_ready(const ldisc_t *ld);
void ldisc_flush_output(ldisc_t *ld);
/* Puts c in the output as it is (tcflow's TCIOFF/TCION); false without room. */
bool ldisc_output_raw(ldisc_t *ld, uint8_t c);

/* --- shared by ldisc.c and ldisc_input.c --------------------------------------- */

/* Whether c is control character `index` (VINTR...) and that is enabled. */
bool ldisc_is(const ldisc_t *ld, uint8_t c, unsigned index);
/* Echoes c through output processing, as ECHOCTL shows it ("^C"). */
void ldisc_echo(ldisc_t *ld, uint8_t c);
/* Echoes c through output processing as it is. */
void ldisc_echo_raw(ldisc_t *ld, uint8_t c);
/* The columns c takes when echoed (ECHOCTL: 2 for a control character). */
unsigned ldisc_echo_width(const ldisc_t *ld, uint8_t c);
