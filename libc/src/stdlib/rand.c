// SPDX-License-Identifier: MIT
/*
 * Pseudo-random numbers: random() and rand(), rand_r(), and the 48-bit
 * family (drand48 ...).
 *
 * random() is the additive feedback generator of 4.3BSD that glibc also
 * uses, seeded the same way, so a seed gives the same sequence as on
 * Linux (programs and tests compare against it): r[i] = r[i-deg] +
 * r[i-deg+sep] mod 2^32, the output being r[i] >> 1. srandom fills the
 * table with the Park-Miller generator (16807 * x mod 2^31-1) and then
 * runs it 10 * deg times. The table's size comes from initstate's buffer:
 * 8..31 bytes give the plain 31-bit LCG, then degrees 7, 15, 31 and 63.
 * The buffer's first word records the type and both positions, so
 * setstate can switch between buffers. rand() is random(), as in glibc.
 * One lock keeps the shared state consistent across threads.
 *
 * The 48-bit family is POSIX's linear congruential generator,
 * X' = (a * X + c) mod 2^48, with the default a = 0x5deece66d, c = 0xb
 * unless lcong48 changed them; its results are fully specified, so they
 * match every other implementation.
 */
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* --- random() ------------------------------------------------------------- */

typedef struct random_type {
	unsigned degree, separation;
} random_type_t;

static const random_type_t random_types[] = {
	{ 0, 0 }, { 7, 3 }, { 15, 1 }, { 31, 3 }, { 63, 1 },
};

/* state[0]: type (bits 0..7), front (8..15), rear (16..23); state[1..]: the table. */
static uint32_t random_default[32] = { 3 };
static uint32_t *random_state = random_default;
static bool random_default_seeded;      /* lock: as if by srandom(1) */
static volatile int random_lock;

static void random_lock_take(void)
{
	while (__atomic_exchange_n(&random_lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void random_lock_drop(void)
{
	__atomic_store_n(&random_lock, 0, __ATOMIC_RELEASE);
}

static void random_seed_locked(unsigned seed);

static uint32_t random_next_locked(void)
{
	uint32_t *st = random_state, type = st[0] & 0xff;
	uint32_t *r = st + 1;

	if (st == random_default && !random_default_seeded)
		random_seed_locked(1);
	if (type == 0) {
		r[0] = (r[0] * 1103515245u + 12345u) & 0x7fffffff;
		return r[0];
	}
	unsigned deg = random_types[type].degree;
	unsigned front = st[0] >> 8 & 0xff, rear = st[0] >> 16 & 0xff;
	r[front] += r[rear];
	uint32_t out = r[front] >> 1;
	front = front + 1 == deg ? 0 : front + 1;
	rear = rear + 1 == deg ? 0 : rear + 1;
	st[0] = type | front << 8 | rear << 16;
	return out;
}

static void random_seed_locked(unsigned seed)
{
	uint32_t *st = random_state, type = st[0] & 0xff, *r = st + 1;
	const random_type_t *t = &random_types[type];
	int32_t x = seed ? (int32_t)seed : 1;

	if (st == random_default)
		random_default_seeded = true;
	r[0] = (uint32_t)x;
	if (type == 0)
		return;
	for (unsigned i = 1; i < t->degree; i++) {
		/* 16807 * x mod (2^31 - 1) without overflow (Schrage's method). */
		int32_t hi = x / 127773, lo = x % 127773;
		x = 16807 * lo - 2836 * hi;
		if (x < 0)
			x += 2147483647;
		r[i] = (uint32_t)x;
	}
	st[0] = type | t->separation << 8;
	for (unsigned i = 0; i < 10 * t->degree; i++)
		random_next_locked();
}

long random(void)
{
	random_lock_take();
	long v = random_next_locked();
	random_lock_drop();
	return v;
}

void srandom(unsigned seed)
{
	random_lock_take();
	random_seed_locked(seed);
	random_lock_drop();
}

char *initstate(unsigned seed, char *state, size_t size)
{
	unsigned type = size < 8 ? 99 : size < 32 ? 0 : size < 64 ? 1 : size < 128 ? 2
		      : size < 256 ? 3 : 4;
	char *old;

	if (type == 99)
		return NULL;
	random_lock_take();
	old = (char *)random_state;
	random_state = (uint32_t *)(void *)state;
	random_state[0] = type;
	random_seed_locked(seed);
	random_lock_drop();
	return old;
}

char *setstate(char *state)
{
	char *old;

	random_lock_take();
	old = (char *)random_state;
	random_state = (uint32_t *)(void *)state;
	random_lock_drop();
	return old;
}

int rand(void)
{
	return (int)random();
}

void srand(unsigned seed)
{
	srandom(seed);
}

/* Two steps of a 32-bit LCG; the high bits of each make the 31-bit result. */
int rand_r(unsigned *seed)
{
	uint32_t x = *seed;
	uint32_t a = x = x * 1103515245u + 12345u;
	uint32_t b = x = x * 1103515245u + 12345u;

	*seed = x;
	return (int)(((a >> 16) << 15 ^ (b >> 17)) & RAND_MAX);
}

/* --- the 48-bit family ---------------------------------------------------- */

static unsigned short lcg48_x[3] = { 0x330e, 0, 0 };
static uint64_t lcg48_a = 0x5deece66dull;
static uint16_t lcg48_c = 0xb;

static uint64_t lcg48_step(unsigned short x[3])
{
	uint64_t v = (uint64_t)x[0] | (uint64_t)x[1] << 16 | (uint64_t)x[2] << 32;

	v = (lcg48_a * v + lcg48_c) & 0xffffffffffffull;
	x[0] = (unsigned short)v;
	x[1] = (unsigned short)(v >> 16);
	x[2] = (unsigned short)(v >> 32);
	return v;
}

double erand48(unsigned short xsubi[3])
{
	return (double)lcg48_step(xsubi) / 281474976710656.0;     /* 2^48: exact */
}

double drand48(void)
{
	return erand48(lcg48_x);
}

long nrand48(unsigned short xsubi[3])
{
	return (long)(lcg48_step(xsubi) >> 17);
}

long lrand48(void)
{
	return nrand48(lcg48_x);
}

long jrand48(unsigned short xsubi[3])
{
	return (long)(int32_t)(uint32_t)(lcg48_step(xsubi) >> 16);
}

long mrand48(void)
{
	return jrand48(lcg48_x);
}

void srand48(long seed)
{
	lcg48_x[0] = 0x330e;
	lcg48_x[1] = (unsigned short)seed;
	lcg48_x[2] = (unsigned short)((unsigned long)seed >> 16);
	lcg48_a = 0x5deece66dull;
	lcg48_c = 0xb;
}

unsigned short *seed48(unsigned short seed16v[3])
{
	static unsigned short previous[3];

	for (int i = 0; i < 3; i++) {
		previous[i] = lcg48_x[i];
		lcg48_x[i] = seed16v[i];
	}
	lcg48_a = 0x5deece66dull;
	lcg48_c = 0xb;
	return previous;
}

void lcong48(unsigned short param[7])
{
	for (int i = 0; i < 3; i++)
		lcg48_x[i] = param[i];
	lcg48_a = (uint64_t)param[3] | (uint64_t)param[4] << 16 | (uint64_t)param[5] << 32;
	lcg48_c = param[6];
}
