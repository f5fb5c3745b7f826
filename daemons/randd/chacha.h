// SPDX-License-Identifier: MIT
/*
 * ChaCha20 (RFC 8439): a 256-bit key, a 96-bit nonce and a 32-bit block
 * counter give 64-byte blocks of keystream. randd builds its generator
 * on it (rng.c); nothing here encrypts, since a keystream is all a
 * generator needs (XOR it in to encrypt).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE   32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

/* The block function: keystream block number `counter`. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t out[CHACHA20_BLOCK_SIZE]);

/* len bytes of keystream from block `counter` on (a last partial block
 * is cut); the counter must not wrap within len. */
void chacha20_keystream(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
			const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *out, size_t len);

/* Zeroes secret bytes in a way the compiler may not drop as a dead store. */
void chacha20_wipe(void *p, size_t len);
