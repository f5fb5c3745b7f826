// SPDX-License-Identifier: MIT
/*
 * The kernel log. klog formats one line, prefixes the time since boot
 * (`[    1.234567] `) and writes it to every console. Lines are also kept
 * in a ring buffer, the future source of `debug:` (dmesg).
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void klog_v(const char *fmt, va_list ap);

/*
 * For panic: from now on the log lock is taken only if it is free, so a
 * CPU that died holding it cannot silence the report.
 */
void klog_panic_mode(void);

/* Copies the newest part of the log ring into buf; returns the length. */
size_t klog_read_ring(char *buf, size_t size);

/* Raw text to the consoles (no timestamp, not kept in the ring): user output. */
void console_write(const char *s, size_t n);

/* Runs fn(arg) holding the log lock (the consoles' writers' lock). */
void klog_locked_call(void (*fn)(void *), void *arg);
