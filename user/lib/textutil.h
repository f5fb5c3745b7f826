// SPDX-License-Identifier: MIT
/*
 * What the text commands (echo, printf, tr, grep, sort, head, tail, wc,
 * cut, uniq, ...) share: opening an operand that may be "-" for standard
 * input, backslash escapes in the dialects echo, printf and tr speak,
 * strict parsing of counts, and whole-input reading. Portable POSIX C, as
 * every command is.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The name standard input is reported as. */
#define TEXTUTIL_STDIN_NAME "(standard input)"

/*
 * Opens name for reading ("-" is standard input); NULL after reporting
 * "cmd: name: reason" with cmd_error.
 */
FILE *textutil_open(const char *name);
/* Closes what textutil_open returned (standard input stays open). */
void textutil_close(FILE *fp);

/* Which escapes textutil_escape understands (or them together). */
#define TEXTUTIL_ESC_OCTAL   0x1 /* \NNN, 1 to 3 octal digits (printf formats, tr) */
#define TEXTUTIL_ESC_OCTAL0  0x2 /* \0NNN, 0 to 3 digits after the 0 (echo -e, %b) */
#define TEXTUTIL_ESC_HEX     0x4 /* \xHH, 1 or 2 hex digits */
#define TEXTUTIL_ESC_STOP    0x8 /* \c: stop all output */
#define TEXTUTIL_ESC_ESCAPE  0x10 /* \e: ESC */

/* textutil_escape's answer for \c. */
#define TEXTUTIL_STOP (-1)

/*
 * The escape after a backslash at s (s points past the backslash):
 * returns the byte it stands for, or TEXTUTIL_STOP, and sets *used to the
 * characters it took. \\ \a \b \f \n \r \t \v are always known; an
 * unknown escape (or a backslash at the end, *s == '\0') is returned as
 * -2 with *used 0, for the caller to print as it is.
 */
int textutil_escape(const char *s, int flags, size_t *used);

/*
 * A non-negative decimal count, all of s ("007" is 7); false for
 * anything else, or a value above max.
 */
bool textutil_count(const char *s, uintmax_t max, uintmax_t *value);

/*
 * Reads all of fp into a buffer that ends with a NUL (not counted in
 * *len). Returns NULL on a read error (errno set); ends the command if
 * memory runs out.
 */
char *textutil_slurp(FILE *fp, size_t *len);
