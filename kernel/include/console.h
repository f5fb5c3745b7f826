// SPDX-License-Identifier: MIT
/*
 * The kernel's output devices. The log writes every line to each of them;
 * they are called with the log lock held and interrupts off, and must not
 * log themselves.
 */
#pragma once

#include <lib/mb2.h>
#include <stdbool.h>
#include <stddef.h>

void serial_init(void);
void serial_write(const char *s, size_t n);

/* The framebuffer text console; fbcon_init fails (false) without one. */
bool fbcon_init(const boot_framebuffer_t *fb);
void fbcon_write(const char *s, size_t n);
bool fbcon_active(void);
/*
 * A user program (the display driver) takes the framebuffer (true) or
 * lets it go (false): the kernel stops drawing while any holds it, and
 * redraws its log when the last lets go (a crashed driver leaves the
 * screen to the kernel's log).
 */
void fbcon_hand_over(bool to_user);
