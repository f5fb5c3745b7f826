// SPDX-License-Identifier: MIT
/*
 * rand: — cryptographically secure random bytes for anyone, like
 * /dev/urandom. rand.c is the scheme, rng.c the generator, entropy.c
 * its seed; main.c serves it.
 */
#pragma once

#include "rng.h"

#include <libscheme/libscheme.h>

#include <stdint.h>

typedef struct rand_state {
	rng_t rng;              /* one generator behind every handle */
	uint64_t next_handle;   /* handles are numbered from 1, never reused */
} rand_state_t;

/* Seeds the generator from entropy(ctx) (entropy_gather in randd). */
void rand_state_init(rand_state_t *st, rng_entropy_fn entropy, void *ctx);

extern const scheme_ops_t rand_ops;
