// SPDX-License-Identifier: MIT
/*
 * Entropy from the CPU.
 *
 * RDSEED (CPUID.(EAX=7,ECX=0):EBX bit 18) reads the hardware's entropy
 * conditioner directly and is what a seed should come from; RDRAND
 * (CPUID.1:ECX bit 30) is a DRBG reseeded from it, the fallback. Both can
 * fail transiently (the carry flag is clear) when many threads drain
 * them, so each word is retried a bounded number of times — RDSEED more,
 * as it underflows more easily — and a word neither gives is left to the
 * jitter instead of looping forever.
 *
 * The jitter is how long a small loop takes, counted with RDTSC:
 * caches, branch predictors, interrupts and other cores make the low
 * bits of each delta vary. It is weak alone but costs nothing, and it is
 * always mixed in, so a generator on a CPU whose RDRAND is missing,
 * broken or not trusted still starts from something nobody can replay.
 *
 * All of this is x86_64 and runs the same on the host, where the tests
 * use it.
 */
#include "entropy.h"

#include <stdbool.h>
#include <string.h>

#define ENTROPY_RDSEED_TRIES 128
#define ENTROPY_RDRAND_TRIES 10        /* Intel's advice for RDRAND */

static void entropy_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

unsigned entropy_hw_features(void)
{
	uint32_t r[4];
	unsigned has = 0;

	entropy_cpuid(0, 0, r);
	uint32_t max_leaf = r[0];
	entropy_cpuid(1, 0, r);
	if (r[2] & (1u << 30))
		has |= ENTROPY_HAS_RDRAND;
	if (max_leaf >= 7) {
		entropy_cpuid(7, 0, r);
		if (r[1] & (1u << 18))
			has |= ENTROPY_HAS_RDSEED;
	}
	return has;
}

static bool entropy_rdseed(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static bool entropy_rdrand(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static uint64_t entropy_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* One hardware word: RDSEED first, then RDRAND; false if neither gave one. */
static bool entropy_hw_word(unsigned has, uint64_t *v)
{
	for (int i = 0; (has & ENTROPY_HAS_RDSEED) && i < ENTROPY_RDSEED_TRIES; i++) {
		if (entropy_rdseed(v))
			return true;
		__asm__ volatile("pause");
	}
	for (int i = 0; (has & ENTROPY_HAS_RDRAND) && i < ENTROPY_RDRAND_TRIES; i++)
		if (entropy_rdrand(v))
			return true;
	return false;
}

/* Up to max bytes from the hardware; how many it gave. */
static size_t entropy_hw_fill(unsigned has, uint8_t *out, size_t max)
{
	size_t n = 0;
	uint64_t v;

	while (n < max && entropy_hw_word(has, &v)) {
		size_t k = max - n < sizeof(v) ? max - n : sizeof(v);
		memcpy(out + n, &v, k);
		n += k;
	}
	return n;
}

/*
 * One jitter sample: the time a short loop takes. The loop's length
 * depends on the clock itself, and its result goes to a volatile so the
 * compiler cannot drop it.
 */
static uint32_t entropy_jitter_sample(void)
{
	static volatile uint32_t sink;
	uint64_t t0 = entropy_rdtsc();

	for (uint32_t i = 0; i < 64 + (t0 & 63); i++)
		sink = sink * 31 + i;
	return (uint32_t)(entropy_rdtsc() - t0);
}

size_t entropy_gather(void *ctx, uint8_t *out, size_t cap)
{
	unsigned has = entropy_hw_features();
	size_t n;

	if (ctx)
		has &= *(const unsigned *)ctx;
	n = entropy_hw_fill(has, out, cap < ENTROPY_HW_BYTES ? cap : ENTROPY_HW_BYTES);
	while (n < cap) {
		uint32_t s = entropy_jitter_sample();
		size_t k = cap - n < sizeof(s) ? cap - n : sizeof(s);
		memcpy(out + n, &s, k);
		n += k;
	}
	return cap;
}
