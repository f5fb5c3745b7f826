// SPDX-License-Identifier: MIT
/*
 * zero: — an endless source of zero bytes that swallows writes, like
 * /dev/zero. zero.c is the logic (host-tested); main.c serves it.
 */
#pragma once

#include <libscheme/libscheme.h>

#include <stdint.h>

typedef struct zero_state {
	uint64_t next_handle;   /* handles are numbered from 1, never reused */
} zero_state_t;

void zero_state_init(zero_state_t *st);

extern const scheme_ops_t zero_ops;
