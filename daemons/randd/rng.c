// SPDX-License-Identifier: MIT
/*
 * A fast-key-erasure generator (D. J. Bernstein, "Fast-key-erasure
 * random-number generators", 2017) on ChaCha20.
 *
 * Output comes in refills: the keystream of the current key (nonce 0,
 * blocks 0..RNG_REFILL_BLOCKS-1). Its first 32 bytes at once replace the
 * key and the rest is handed out, each byte zeroed in the buffer as it
 * leaves. So the state never holds anything from which output already
 * given could be computed: the key that made it is gone, and so are the
 * bytes. Every refill runs under a new key, so no block of keystream is
 * ever produced twice.
 *
 * Mixing bytes in (entropy when seeding, or what a user writes to
 * rand:) hashes them into the key with ChaCha20 itself: for each 32-byte
 * chunk, key = first 32 bytes of ChaCha20(key XOR chunk). The block is a
 * one-way function of its key input, so the new key is unpredictable if
 * either the old key or the chunk is, and chosen chunks cannot steer it.
 * Mixing uses its own nonce and puts the chunk's length in the counter,
 * so a mixing block is never an output block and "ab" and "ab\0" differ.
 * Buffered output from before the mix is thrown away.
 *
 * Every RNG_RESEED_BYTES of output, fresh entropy is mixed in, so a
 * state that leaked stops predicting the output after at most that much.
 */
#include "rng.h"

#include <string.h>

static const uint8_t rng_output_nonce[CHACHA20_NONCE_SIZE];
static const uint8_t rng_mix_nonce[CHACHA20_NONCE_SIZE] = "randd mix";

/*
 * Forgets the output not handed out yet. (The buffer outlives every
 * call, so a plain memset of it cannot be dropped as a dead store; stack
 * copies need chacha20_wipe.)
 */
static void rng_buffer_drop(rng_t *r)
{
	memset(r->buf, 0, sizeof(r->buf));
	r->pos = RNG_BUF_SIZE;
}

void rng_mix(rng_t *r, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t in[CHACHA20_KEY_SIZE], block[CHACHA20_BLOCK_SIZE];

	if (!len)
		return;
	while (len) {
		size_t n = len < sizeof(in) ? len : sizeof(in);
		memcpy(in, r->key, sizeof(in));
		for (size_t i = 0; i < n; i++)
			in[i] ^= p[i];
		chacha20_block(in, (uint32_t)n, rng_mix_nonce, block);
		memcpy(r->key, block, sizeof(r->key));
		p += n, len -= n;
	}
	chacha20_wipe(in, sizeof(in));
	chacha20_wipe(block, sizeof(block));
	rng_buffer_drop(r);
}

void rng_reseed(rng_t *r)
{
	uint8_t pool[RNG_POOL_SIZE];
	size_t n = r->entropy(r->entropy_ctx, pool, sizeof(pool));

	rng_mix(r, pool, n < sizeof(pool) ? n : sizeof(pool));
	chacha20_wipe(pool, sizeof(pool));
	rng_buffer_drop(r);
	r->since_seed = 0;
	r->seeds++;
}

void rng_init(rng_t *r, rng_entropy_fn entropy, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->entropy = entropy;
	r->entropy_ctx = ctx;
	rng_reseed(r);
}

/* A refill: new keystream, whose first bytes become the next key. */
static void rng_refill(rng_t *r)
{
	chacha20_keystream(r->key, 0, rng_output_nonce, r->buf, sizeof(r->buf));
	memcpy(r->key, r->buf, sizeof(r->key));
	memset(r->buf, 0, sizeof(r->key));
	r->pos = sizeof(r->key);
	r->refills++;
}

void rng_read(rng_t *r, void *out, size_t len)
{
	uint8_t *p = out;

	while (len) {
		if (r->since_seed >= RNG_RESEED_BYTES)
			rng_reseed(r);
		if (r->pos == RNG_BUF_SIZE)
			rng_refill(r);
		size_t n = RNG_BUF_SIZE - r->pos;
		if (n > len)
			n = len;
		if (n > RNG_RESEED_BYTES - r->since_seed)
			n = RNG_RESEED_BYTES - r->since_seed;
		memcpy(p, r->buf + r->pos, n);
		memset(r->buf + r->pos, 0, n);
		r->pos += n, r->since_seed += n;
		p += n, len -= n;
	}
}
