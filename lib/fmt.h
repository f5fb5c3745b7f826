// SPDX-License-Identifier: MIT
/*
 * printf-style formatting without libc and without floating point.
 *
 * The formatter writes through a sink so the same code serves the serial
 * console, the framebuffer log and in-memory buffers; fmt_vsnprintf is just
 * a sink that copies into a bounded buffer. Output matches glibc for the
 * supported conversions (d i u o x X p s c %, flags - 0 + space #, width
 * and precision with '*', length modifiers hh h l ll z t j), so host tests
 * can compare against the host's snprintf. Unsupported conversions
 * (including %n and floating point) are copied to the output literally.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink_t)(void *ctx, const char *s, size_t n);

/* Formats f into sink; returns the number of characters produced. */
int fmt_vformat(fmt_sink_t sink, void *ctx, const char *f, va_list ap);

/*
 * C semantics: writes at most size bytes including the terminating NUL
 * (always terminated when size > 0) and returns the length the complete
 * output would have had.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *f, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *f, ...)
	__attribute__((format(printf, 3, 4)));
