// SPDX-License-Identifier: MIT
/*
 * randd's generator: ChaCha20 as a fast-key-erasure CSPRNG, seeded and
 * reseeded from an entropy source, with anyone's bytes mixed in on
 * request. rng.c explains the construction.
 */
#pragma once

#include "chacha.h"

#include <stddef.h>
#include <stdint.h>

#define RNG_REFILL_BLOCKS 16
#define RNG_BUF_SIZE      (RNG_REFILL_BLOCKS * CHACHA20_BLOCK_SIZE)
#define RNG_RESEED_BYTES  (1ul << 20)   /* output between reseeds */
#define RNG_POOL_SIZE     288           /* entropy bytes asked for per seed */

/* Fills out[0..cap) with fresh entropy; how many bytes it filled. */
typedef size_t (*rng_entropy_fn)(void *ctx, uint8_t *out, size_t cap);

typedef struct rng {
	uint8_t key[CHACHA20_KEY_SIZE];
	uint8_t buf[RNG_BUF_SIZE];      /* buf[pos..] is output not given yet;
					 * everything before pos is zero */
	size_t pos;
	uint64_t since_seed;            /* bytes output since the last seed */
	uint64_t seeds;                 /* seeds so far, the first included */
	uint64_t refills;
	rng_entropy_fn entropy;
	void *entropy_ctx;
} rng_t;

/* A generator seeded from entropy(ctx). */
void rng_init(rng_t *r, rng_entropy_fn entropy, void *ctx);

/* len bytes of output; reseeds itself every RNG_RESEED_BYTES. */
void rng_read(rng_t *r, void *out, size_t len);

/* Mixes data into the key; output from here on depends on it. */
void rng_mix(rng_t *r, const void *data, size_t len);

/* Mixes fresh entropy into the key now. */
void rng_reseed(rng_t *r);
