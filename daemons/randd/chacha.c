// SPDX-License-Identifier: MIT
/*
 * The ChaCha20 block function, written from RFC 8439 §2.1-2.4.
 *
 * The state is sixteen 32-bit words: four constants ("expand 32-byte k"),
 * the key as eight little-endian words, the block counter, and the nonce
 * as three little-endian words. Twenty rounds — ten "double rounds", each
 * a column round then a diagonal round of the quarter round — scramble a
 * copy of it, and the original is added back word by word, so the block
 * cannot be run backwards to the key. The result is serialized
 * little-endian. Everything is done on bytes in and bytes out, so the
 * code does not depend on the machine's byte order.
 */
#include "chacha.h"

#include <string.h>

static uint32_t chacha_load32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void chacha_store32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t chacha_rotl(uint32_t v, int n)
{
	return v << n | v >> (32 - n);
}

/* RFC 8439 §2.1: the quarter round on words a, b, c, d of x. */
static void chacha_quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b], x[d] = chacha_rotl(x[d] ^ x[a], 16);
	x[c] += x[d], x[b] = chacha_rotl(x[b] ^ x[c], 12);
	x[a] += x[b], x[d] = chacha_rotl(x[d] ^ x[a], 8);
	x[c] += x[d], x[b] = chacha_rotl(x[b] ^ x[c], 7);
}

void chacha20_wipe(void *p, size_t len)
{
	volatile uint8_t *v = p;

	while (len--)
		*v++ = 0;
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t out[CHACHA20_BLOCK_SIZE])
{
	uint32_t in[16], x[16];

	in[0] = 0x61707865, in[1] = 0x3320646e, in[2] = 0x79622d32, in[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		in[4 + i] = chacha_load32(key + 4 * i);
	in[12] = counter;
	for (int i = 0; i < 3; i++)
		in[13 + i] = chacha_load32(nonce + 4 * i);
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {
		chacha_quarter(x, 0, 4, 8, 12);         /* columns */
		chacha_quarter(x, 1, 5, 9, 13);
		chacha_quarter(x, 2, 6, 10, 14);
		chacha_quarter(x, 3, 7, 11, 15);
		chacha_quarter(x, 0, 5, 10, 15);        /* diagonals */
		chacha_quarter(x, 1, 6, 11, 12);
		chacha_quarter(x, 2, 7, 8, 13);
		chacha_quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		chacha_store32(out + 4 * i, x[i] + in[i]);
	/* Either copy gives the key back; leave neither on the stack. */
	chacha20_wipe(in, sizeof(in));
	chacha20_wipe(x, sizeof(x));
}

void chacha20_keystream(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
			const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *out, size_t len)
{
	uint8_t last[CHACHA20_BLOCK_SIZE];

	for (; len >= CHACHA20_BLOCK_SIZE; len -= CHACHA20_BLOCK_SIZE) {
		chacha20_block(key, counter++, nonce, out);
		out += CHACHA20_BLOCK_SIZE;
	}
	if (len) {
		chacha20_block(key, counter, nonce, last);
		memcpy(out, last, len);
		chacha20_wipe(last, sizeof(last));
	}
}
