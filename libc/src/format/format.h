// SPDX-License-Identifier: MIT
/*
 * The interface between libc's formatted-conversion engines and the
 * streams. The printf engine writes through a sink and the scanf engine
 * reads through a source, so one engine serves FILE streams, strings and
 * file descriptors alike; snprintf, sscanf and friends are thin wrappers
 * that only supply a sink or source.
 */
#pragma once
#include <stdarg.h>
#include <stddef.h>

/* Where formatted output goes. write() takes n bytes and returns how many it
 * took; a sink that cannot take more (snprintf's full buffer) still returns n
 * and drops the rest; on an I/O error it sets sink->error and returns 0. */
typedef struct format_sink {
	size_t (*write)(struct format_sink *sink, const char *s, size_t n);
	void *ctx;
	int error;
} format_sink_t;

/* The printf engine: every C17/POSIX conversion and flag (incl. %n, %m,
 * positional %1$d, floating point %a %e %f %g exactly rounded, long double).
 * Returns the number of bytes produced (counting those a sink dropped), or -1
 * with errno set (EOVERFLOW when the count exceeds INT_MAX, EINVAL on a bad
 * format, or the sink's error). */
int format_vprint(format_sink_t *sink, const char *fmt, va_list ap);

/* Where scanf input comes from. get() returns the next byte or -1 (EOF or
 * error: then sets src->error); unget(c) pushes back one byte just read. */
typedef struct format_source {
	int (*get)(struct format_source *src);
	void (*unget)(struct format_source *src, int c);
	void *ctx;
	int error;
} format_source_t;

/* The scanf engine: every C17/POSIX conversion (incl. %[ ], %n, %m
 * allocation, positional %1$d, * suppression, widths, length modifiers,
 * floats through the strtod core). Returns the number of assignments, or EOF
 * (-1) if input failed before the first conversion. */
int format_vscan(format_source_t *src, const char *fmt, va_list ap);
