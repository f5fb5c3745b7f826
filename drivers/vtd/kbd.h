// SPDX-License-Identifier: MIT
/*
 * The PS/2 keyboard's scan codes (set 1, what the i8042 controller
 * hands over when it translates, as PCs and QEMU do by default) turned
 * into the bytes an xterm sends for each key on a US layout.
 *
 * Printable keys give ASCII, with Shift and Caps Lock (letters only);
 * Ctrl makes control codes (Ctrl-C is 0x03, Ctrl-Space and Ctrl-@ NUL,
 * Ctrl-[ \ ] ^ _ the rest of C0, Ctrl-? DEL); Alt sends ESC before the
 * key. Backspace sends DEL, Enter CR, Shift-Tab ESC [ Z. Cursor keys and
 * Home/End send ESC [ A..D/H/F (ESC O ... in application cursor mode,
 * DECCKM), the editing keys ESC [ 2~ 3~ 5~ 6~, F1-F12 xterm's codes; with
 * Shift, Alt or Ctrl held they carry xterm's modifier parameter
 * (ESC [ 1 ; 5 A is Ctrl-Up). The keypad gives digits while Num Lock is
 * on (it starts on) and the cursor keys while it is off.
 *
 * A key held down repeats (the keyboard resends its make code), so it
 * types again; only the lock keys ignore repeats, so holding Caps Lock
 * toggles once. Release codes update the modifiers and produce nothing.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KBD_OUT_MAX 16                  /* the most bytes one scan code produces */

/* Modifier bits (kbd_t.mods). */
#define KBD_LSHIFT 0x01u
#define KBD_RSHIFT 0x02u
#define KBD_LCTRL  0x04u
#define KBD_RCTRL  0x08u
#define KBD_LALT   0x10u
#define KBD_RALT   0x20u

/* LED bits, as the keyboard's Set LEDs command (0xED) takes them. */
#define KBD_LED_SCROLL 0x01u
#define KBD_LED_NUM    0x02u
#define KBD_LED_CAPS   0x04u

typedef struct kbd {
	bool e0;                        /* the previous byte was the E0 prefix */
	int skip;                       /* bytes of a Pause (E1) sequence to skip */
	unsigned mods;                  /* KBD_* held now */
	bool caps, num, scroll;         /* lock states */
	uint8_t down[32];               /* a bit per key code: held now */
} kbd_t;

void kbd_init(kbd_t *k);

/*
 * Feeds one byte from the keyboard; the bytes the terminal should send,
 * if any, go to out (KBD_OUT_MAX bytes), and their count is returned.
 * app_cursor: the terminal is in application cursor mode.
 */
size_t kbd_feed(kbd_t *k, uint8_t byte, bool app_cursor, char *out);

/* The LEDs the lock states call for (KBD_LED_*). */
unsigned kbd_leds(const kbd_t *k);
