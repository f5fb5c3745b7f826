// SPDX-License-Identifier: MIT
/*
 * The i8042 PS/2 controller's keyboard side: making sure the keyboard
 * interrupts (IRQ 1) and that the controller translates to scan code
 * set 1, reading the bytes it holds, and setting the keyboard's LEDs.
 * Mouse bytes (the AUX flag) are read and dropped.
 */
#pragma once

#include "portio.h"

#include <stddef.h>
#include <stdint.h>

#define PS2_DATA   0x60
#define PS2_STATUS 0x64                 /* read: status; write: controller command */

/* Status register bits. */
#define PS2_OUT_FULL 0x01u              /* a byte waits in PS2_DATA */
#define PS2_IN_FULL  0x02u              /* the controller has not taken our last byte */
#define PS2_AUX      0x20u              /* the waiting byte is the mouse's */

/* Controller configuration byte bits. */
#define PS2_CFG_KBD_IRQ     0x01u
#define PS2_CFG_KBD_NOCLOCK 0x10u
#define PS2_CFG_TRANSLATE   0x40u

/* ps2_init's result bits (>= 0). */
#define PS2_INIT_CHANGED 0x01u          /* the configuration had to be changed */

/*
 * Sets the controller up for the keyboard. Keyboard bytes that were
 * already waiting are kept in early (up to max; *nearly says how many),
 * so keys typed before the driver started are not lost. Returns
 * PS2_INIT_* bits, -ENODEV without a controller, -EIO when it does not
 * answer.
 */
int ps2_init(const port_io_t *io, uint8_t *early, size_t max, size_t *nearly);

/* The keyboard bytes waiting now (up to max); how many. */
size_t ps2_read(const port_io_t *io, uint8_t *out, size_t max);

/* Sends Set LEDs (0xED) with KBD_LED_* bits; -EIO if the controller stays busy. */
int ps2_set_leds(const port_io_t *io, unsigned leds);
