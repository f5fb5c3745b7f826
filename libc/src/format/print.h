// SPDX-License-Identifier: MIT
/*
 * Internals of the printf engine shared by its files: the output state
 * (a sink plus the running count), a parsed conversion specification, and
 * the argument source that serves both sequential and positional (%n$)
 * arguments.
 */
#pragma once

#include "format.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- output --------------------------------------------------------------- */

typedef struct print_out {
	format_sink_t *sink;
	size_t count;	/* bytes produced, dropped ones included */
	bool failed;	/* the sink reported an error */
} print_out_t;

void print_bytes(print_out_t *out, const char *s, size_t n);
void print_repeat(print_out_t *out, char c, size_t n);

/* --- a conversion specification ------------------------------------------- */

enum {
	PRINT_MINUS = 1, /* '-' left-justify */
	PRINT_PLUS = 2,	 /* '+' */
	PRINT_SPACE = 4, /* ' ' */
	PRINT_HASH = 8,	 /* '#' alternative form */
	PRINT_ZERO = 16, /* '0' pad with zeros */
};

typedef enum print_len {
	PRINT_LEN_NONE,
	PRINT_LEN_HH,
	PRINT_LEN_H,
	PRINT_LEN_L,
	PRINT_LEN_LL,
	PRINT_LEN_J,
	PRINT_LEN_Z,
	PRINT_LEN_T,
	PRINT_LEN_BIG_L,
} print_len_t;

typedef struct print_spec {
	unsigned flags;
	long width;	/* -1: none */
	long prec;	/* -1: none */
	print_len_t len;
	char conv;
	int arg_pos;	/* n of %n$, 0 when sequential */
	int width_pos;	/* -1: no '*'; 0: sequential '*'; n: '*n$' */
	int prec_pos;
} print_spec_t;

/* Pads the text of a conversion: `prefix` (sign, "0x") and `body` pieces
 * are emitted by the caller between print_pad_begin and print_pad_end,
 * which add the spaces or zeros that width asks for. */
typedef struct print_pad {
	size_t fill; /* padding bytes still owed */
	bool left;
} print_pad_t;

void print_pad_begin(print_out_t *out, const print_spec_t *spec, size_t len, bool zero_ok,
		     const char *prefix, size_t prefix_len, print_pad_t *pad);
void print_pad_end(print_out_t *out, print_pad_t *pad);

/* --- arguments ------------------------------------------------------------ */

typedef enum print_arg_type {
	PRINT_ARG_NONE,
	PRINT_ARG_INT,
	PRINT_ARG_LONG,
	PRINT_ARG_LLONG,
	PRINT_ARG_INTMAX,
	PRINT_ARG_SIZE,
	PRINT_ARG_PTRDIFF,
	PRINT_ARG_DOUBLE,
	PRINT_ARG_LDOUBLE,
	PRINT_ARG_PTR,
} print_arg_type_t;

typedef union print_arg {
	long long i;
	double d;
	long double ld;
	void *p;
} print_arg_t;

typedef struct print_args {
	va_list ap;
	print_arg_t *table; /* positional: argument n is table[n - 1] */
	int ntable;
} print_args_t;

/* The type a conversion consumes for its value. */
print_arg_type_t print_arg_type(const print_spec_t *spec);
/* Parses the directive after '%' at *fmt into spec and advances *fmt;
 * false on an invalid directive. */
bool print_parse_spec(const char **fmt, print_spec_t *spec);
/* Positional mode: collects every argument of fmt into args->table (which
 * uses `local` when nlocal entries suffice, else malloc). Returns 0, or an
 * errno value. */
int print_args_collect(print_args_t *args, const char *fmt, print_arg_t *local, int nlocal);
void print_args_release(print_args_t *args, print_arg_t *local);
/* Argument `pos` (0: the next sequential one) of the given type. */
void print_args_get(print_args_t *args, int pos, print_arg_type_t type, print_arg_t *arg);

/* --- conversions ---------------------------------------------------------- */

/* %a %e %f %g and capitals; returns 0 or an errno value (ENOMEM). */
int print_float(print_out_t *out, const print_spec_t *spec, const print_arg_t *arg);

/* UTF-8 encoding of one code point into buf (4 bytes); returns the length,
 * or 0 if c is not a Unicode scalar value. */
size_t print_utf8_encode(char *buf, uint32_t c);
