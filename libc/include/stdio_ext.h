// SPDX-License-Identifier: MIT
/*
 * <stdio_ext.h>: questions about a stream's buffer and direction, the
 * interface Solaris introduced and glibc, musl and Android share. It is
 * not POSIX, but portable programs (gnulib's fpending, fwriting,
 * freading and fpurge modules: sed, coreutils, grep...) use it in place
 * of peeking into FILE, and fail to build without it.
 */
#pragma once

#include <stddef.h>
#include <stdio.h>

/* __fsetlocking's types. Tessera's streams always lock themselves. */
#define FSETLOCKING_QUERY    0
#define FSETLOCKING_INTERNAL 1
#define FSETLOCKING_BYCALLER 2

size_t __fbufsize(FILE *f);       /* the buffer's size (0 before first use) */
size_t __fpending(FILE *f);       /* output bytes waiting in the buffer */
int __freading(FILE *f);          /* read-only, or last operation was input */
int __fwriting(FILE *f);          /* write-only, or last operation was output */
int __freadable(FILE *f);
int __fwritable(FILE *f);
int __flbf(FILE *f);              /* line buffered */
void __fpurge(FILE *f);           /* discards buffered input and output */
void _flushlbf(void);             /* flushes every line-buffered stream */
int __fsetlocking(FILE *f, int type);
