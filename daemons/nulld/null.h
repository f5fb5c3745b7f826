// SPDX-License-Identifier: MIT
/*
 * null: — the scheme that holds nothing and swallows everything, like
 * /dev/null. null.c is the logic (host-tested); main.c serves it.
 */
#pragma once

#include <libscheme/libscheme.h>

#include <stdint.h>

typedef struct null_state {
	uint64_t next_handle;   /* handles are numbered from 1, never reused */
} null_state_t;

void null_state_init(null_state_t *st);

extern const scheme_ops_t null_ops;
