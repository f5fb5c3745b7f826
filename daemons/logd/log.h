// SPDX-License-Identifier: MIT
/*
 * log: — where daemons and programs send their diagnostics. A source
 * opens "log:NAME" and writes text; logd forwards it line by line as
 * "[NAME] text\n" to a sink (the console, in logd) and keeps the last
 * 64 KiB of it for readers. log.c is the logic (host-tested); main.c
 * serves it.
 */
#pragma once

#include "ring.h"

#include <libscheme/libscheme.h>

#include <stddef.h>
#include <stdint.h>

#define LOG_NAME_MAX 31         /* bytes of a source's name */
#define LOG_LINE_MAX 512        /* bytes of text per line; longer lines are cut */
/* A forwarded line: "[" name "] " text "\n". */
#define LOG_FORMATTED_MAX (1 + LOG_NAME_MAX + 2 + LOG_LINE_MAX + 1)

/* Where each forwarded line goes (line has its '\n'; not NUL-terminated). */
typedef void (*log_emit_fn)(void *ctx, const char *line, size_t len);

typedef struct log_handle {
	char name[LOG_NAME_MAX + 1];
	char line[LOG_LINE_MAX];        /* the line written so far, no '\n' yet */
	size_t len;
	uint64_t read_off;              /* where this handle reads the ring */
} log_handle_t;

typedef struct log_state {
	log_emit_fn emit;               /* may be NULL: the ring only */
	void *emit_ctx;
	log_handle_t **handles;         /* by handle number; NULL: free */
	size_t nhandles;
	log_ring_t ring;
} log_state_t;

void log_state_init(log_state_t *st, log_emit_fn emit, void *ctx);
/* Frees every handle, forwarding nothing. */
void log_state_fini(log_state_t *st);

extern const scheme_ops_t log_ops;
