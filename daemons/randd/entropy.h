// SPDX-License-Identifier: MIT
/*
 * Where randd's seed comes from: the CPU's random number instructions
 * when it has them, and always the jitter of the CPU's own timing.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define ENTROPY_HAS_RDRAND 0x1u
#define ENTROPY_HAS_RDSEED 0x2u

/* Bytes taken from the hardware per gather, when it has a source. */
#define ENTROPY_HW_BYTES 32

/* What the CPU offers: ENTROPY_HAS_* bits, from CPUID. */
unsigned entropy_hw_features(void);

/*
 * Fills out[0..cap): up to ENTROPY_HW_BYTES from RDSEED (or RDRAND) and
 * the rest with timing-jitter samples, so even a CPU without either (or
 * whose instructions keep failing) gives something. Returns cap. ctx is
 * NULL, or points to an unsigned mask of the ENTROPY_HAS_* sources that
 * may be used (a test takes the hardware away with 0). The bytes are
 * raw: hash them before use (rng_mix does).
 */
size_t entropy_gather(void *ctx, uint8_t *out, size_t cap);
