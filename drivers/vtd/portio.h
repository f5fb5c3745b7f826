// SPDX-License-Identifier: MIT
/*
 * I/O ports reached through a table, so the code that programs a device
 * (ps2.c) runs against the real ports in Tessera (main.c: inb/outb after
 * ioperm) and against a simulated device in the host tests.
 */
#pragma once

#include <stdint.h>

typedef struct port_io {
	uint8_t (*in)(void *ctx, uint16_t port);
	void (*out)(void *ctx, uint16_t port, uint8_t value);
	void *ctx;
} port_io_t;

static inline uint8_t port_in(const port_io_t *io, uint16_t port)
{
	return io->in(io->ctx, port);
}

static inline void port_out(const port_io_t *io, uint16_t port, uint8_t value)
{
	io->out(io->ctx, port, value);
}
