// SPDX-License-Identifier: MIT
/*
 * i8042 programming (ps2.h). Every wait for the controller is a bounded
 * spin, so a controller that stops answering makes a call fail with
 * -EIO instead of hanging the driver.
 *
 * ps2_init disables the keyboard port while it reads and writes the
 * configuration byte, so a key pressed meanwhile cannot be mistaken for
 * the controller's answer: the keyboard holds it until the port is
 * enabled again.
 */
#include "ps2.h"

#include <errno.h>
#include <stdbool.h>

#define PS2_SPINS 1000000
#define PS2_CMD_READ_CONFIG  0x20
#define PS2_CMD_WRITE_CONFIG 0x60
#define PS2_CMD_KBD_DISABLE  0xad
#define PS2_CMD_KBD_ENABLE   0xae
#define PS2_KBD_SET_LEDS     0xed

static bool ps2_wait_writable(const port_io_t *io)
{
	for (int i = 0; i < PS2_SPINS; i++)
		if (!(port_in(io, PS2_STATUS) & PS2_IN_FULL))
			return true;
	return false;
}

static bool ps2_wait_readable(const port_io_t *io)
{
	for (int i = 0; i < PS2_SPINS; i++)
		if (port_in(io, PS2_STATUS) & PS2_OUT_FULL)
			return true;
	return false;
}

static int ps2_command(const port_io_t *io, uint8_t cmd)
{
	if (!ps2_wait_writable(io))
		return -EIO;
	port_out(io, PS2_STATUS, cmd);
	return 0;
}

static int ps2_write_data(const port_io_t *io, uint8_t v)
{
	if (!ps2_wait_writable(io))
		return -EIO;
	port_out(io, PS2_DATA, v);
	return 0;
}

size_t ps2_read(const port_io_t *io, uint8_t *out, size_t max)
{
	size_t n = 0;

	/* Bounded: a broken controller that always says "full" cannot trap us. */
	for (size_t spins = 0; n < max && spins < 4 * max + 16; spins++) {
		uint8_t status = port_in(io, PS2_STATUS);
		if (!(status & PS2_OUT_FULL))
			break;
		uint8_t b = port_in(io, PS2_DATA);
		if (!(status & PS2_AUX))
			out[n++] = b;
	}
	return n;
}

static int ps2_configure(const port_io_t *io)
{
	int err = ps2_command(io, PS2_CMD_READ_CONFIG);

	if (err)
		return err;
	if (!ps2_wait_readable(io))
		return -EIO;
	/* The clock bit is set now: disabling the port (0xad) sets it. */
	uint8_t cfg = port_in(io, PS2_DATA);
	const uint8_t need = PS2_CFG_KBD_IRQ | PS2_CFG_TRANSLATE;
	if ((cfg & need) == need)
		return 0;
	uint8_t want = (uint8_t)((cfg | need) & ~PS2_CFG_KBD_NOCLOCK);
	err = ps2_command(io, PS2_CMD_WRITE_CONFIG);
	if (!err)
		err = ps2_write_data(io, want);
	return err ? err : (int)PS2_INIT_CHANGED;
}

int ps2_init(const port_io_t *io, uint8_t *early, size_t max, size_t *nearly)
{
	*nearly = 0;
	if (port_in(io, PS2_STATUS) == 0xff)
		return -ENODEV;                 /* nothing decodes the port */
	int err = ps2_command(io, PS2_CMD_KBD_DISABLE);
	if (err)
		return err;
	*nearly = ps2_read(io, early, max);
	for (int i = 0; i < 256 && (port_in(io, PS2_STATUS) & PS2_OUT_FULL); i++)
		port_in(io, PS2_DATA);          /* more than early holds: dropped */
	int result = ps2_configure(io);
	err = ps2_command(io, PS2_CMD_KBD_ENABLE);
	return result < 0 ? result : err ? err : result;
}

int ps2_set_leds(const port_io_t *io, unsigned leds)
{
	int err = ps2_write_data(io, PS2_KBD_SET_LEDS);

	return err ? err : ps2_write_data(io, (uint8_t)(leds & 7));
}
