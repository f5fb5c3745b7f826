// SPDX-License-Identifier: MIT
/*
 * seriald's command line, parsed without side effects so the host tests
 * can check it: which UART, which interrupt, what terminal name and
 * window size.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct seriald_options {
	const char *name;               /* terminal: pty:NAME (default "console") */
	uint16_t port;                  /* base I/O port (default 0x3f8, COM1) */
	unsigned irq;                   /* ISA IRQ (default 4) */
	unsigned cols, rows;            /* window size (default 80x24) */
} seriald_options_t;

/*
 * Fills o from argv: -n NAME, -p PORT, -i IRQ, -s COLSxROWS (numbers
 * decimal or 0x hex). 0, or -EINVAL with a message in err (size errlen).
 */
int seriald_options_parse(int argc, char **argv, seriald_options_t *o, char *err, size_t errlen);
