// SPDX-License-Identifier: MIT
/*
 * libc's side of the terminal protocol (abi/tty.h): the record travels
 * with abi_termios_t and abi_winsize_t, which are struct termios and
 * struct winsize byte for byte, so converting is a copy; the asserts
 * keep the two in step.
 */
#pragma once

#include <abi/tty.h>
#include <stddef.h>
#include <string.h>
#include <termios.h>

_Static_assert(sizeof(struct termios) == sizeof(abi_termios_t), "same layout");
_Static_assert(offsetof(struct termios, c_cc) == offsetof(abi_termios_t, cc), "same layout");
_Static_assert(offsetof(struct termios, c_ispeed) == offsetof(abi_termios_t, ispeed),
	       "same layout");
_Static_assert(sizeof(struct winsize) == sizeof(abi_winsize_t), "same layout");

static inline void tty_termios_to_abi(abi_termios_t *out, const struct termios *t)
{
	memcpy(out, t, sizeof(*out));
}

static inline void tty_termios_from_abi(struct termios *out, const abi_termios_t *t)
{
	memcpy(out, t, sizeof(*out));
}

static inline void tty_winsize_to_abi(abi_winsize_t *out, const struct winsize *ws)
{
	memcpy(out, ws, sizeof(*out));
}

static inline void tty_winsize_from_abi(struct winsize *out, const abi_winsize_t *ws)
{
	memcpy(out, ws, sizeof(*out));
}

/* Reads fd's terminal record; 0 or -errno (ENOTTY for non-terminals). */
long __tty_get(int fd, tty_record_t *rec);
