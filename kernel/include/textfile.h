// SPDX-License-Identifier: MIT
/*
 * Read-only text files generated at open: the contents are a snapshot
 * taken when the file is opened (like reading /proc on Linux, but
 * consistent for the whole read). Schemes such as sys: and proc: fill a
 * textbuf_t and hand it to textfile_attach; read, seek, fstat and close
 * come from the textfile operations.
 */
#pragma once

#include <scheme.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct textbuf {
	char *data;
	size_t len, cap;
	bool failed;                    /* out of memory while appending */
} textbuf_t;

void textbuf_printf(textbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends bytes as they are (binary snapshots such as ACPI tables). */
void textbuf_append(textbuf_t *b, const void *data, size_t len);
/* Makes b the contents of f (which then owns it); -ENOMEM if appending failed. */
int textfile_attach(file_t *f, textbuf_t *b);

/* The operations of a scheme whose every file is a snapshot. */
#define TEXTFILE_SCHEME_OPS(open_fn)                                    \
	{ .open = (open_fn), .close = textfile_close, .read = textfile_read, \
	  .seek = textfile_seek, .fstat = textfile_fstat }

long textfile_read(file_t *f, uptr_t buf, size_t len);
int64_t textfile_seek(file_t *f, int64_t offset, int whence);
int textfile_fstat(file_t *f, abi_stat_t *st);
void textfile_close(file_t *f);
