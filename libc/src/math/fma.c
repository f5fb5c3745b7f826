// SPDX-License-Identifier: MIT
/*
 * fma, fmaf and fmal: x * y + z rounded once, in software (the baseline
 * x86_64 CPU, and QEMU's default one, have no FMA instruction).
 *
 * Each operand becomes an integer significand and a power of two. The
 * product of two significands (at most 64 bits each) is exact in 128
 * bits; it and z are placed in a 192-bit frame whose top two bits are
 * left free, the larger operand's leading bit at bit 189. The smaller
 * one, shifted right, folds the bits it loses into a sticky bit 0; it
 * can only lose bits when it is more than 60 bits below the larger, and
 * then cancellation costs at most one bit, so the sticky bit stays far
 * below the rounding position and still rounds correctly. The exact sum
 * or difference is then rounded to the format's precision in the current
 * rounding mode (MXCSR for float and double, the x87 control word for
 * long double), subnormals included. Zero, infinite and NaN operands go
 * to the hardware's x * y + z, which is exact or correctly special then.
 */
#include "libm.h"

typedef struct {
	uint64_t w[3];	/* w[0] least significant */
} u192_t;

/* A finite non-zero number as (-1)^neg * m * 2^e. */
typedef struct {
	int neg;
	uint64_t m;
	int e;
} fma_num_t;

/* The format to round to: precision, exponent range of m * 2^e with m
 * below 2^prec, and the rounding mode. */
typedef struct {
	int prec, emin, emax, mode;
} fma_fmt_t;

static int u192_bitlen(u192_t a)
{
	for (int i = 2; i >= 0; i--)
		if (a.w[i])
			return 64 * i + 64 - __builtin_clzll(a.w[i]);
	return 0;
}

/* a << s for 0 <= s < 192 (bits shifted out must be zero). */
static u192_t u192_shl(u192_t a, int s)
{
	u192_t r = { { 0, 0, 0 } };
	int words = s / 64, bits = s % 64;
	for (int i = 2; i >= words; i--) {
		uint64_t v = a.w[i - words] << bits;
		if (bits && i - words - 1 >= 0)
			v |= a.w[i - words - 1] >> (64 - bits);
		r.w[i] = v;
	}
	return r;
}

/* a >> s; *lost says whether non-zero bits were shifted out. */
static u192_t u192_shr(u192_t a, int s, int *lost)
{
	u192_t r = { { 0, 0, 0 } };
	if (s >= 192) {
		*lost = a.w[0] || a.w[1] || a.w[2];
		return r;
	}
	int words = s / 64, bits = s % 64;
	*lost = 0;
	for (int i = 0; i < words; i++)
		*lost |= a.w[i] != 0;
	if (bits)
		*lost |= (a.w[words] << (64 - bits)) != 0;
	for (int i = 0; i + words < 3; i++) {
		uint64_t v = a.w[i + words] >> bits;
		if (bits && i + words + 1 < 3)
			v |= a.w[i + words + 1] << (64 - bits);
		r.w[i] = v;
	}
	return r;
}

static int u192_cmp(u192_t a, u192_t b)
{
	for (int i = 2; i >= 0; i--)
		if (a.w[i] != b.w[i])
			return a.w[i] < b.w[i] ? -1 : 1;
	return 0;
}

static u192_t u192_add(u192_t a, u192_t b)
{
	unsigned __int128 c = 0;
	for (int i = 0; i < 3; i++) {
		c += (unsigned __int128)a.w[i] + b.w[i];
		a.w[i] = (uint64_t)c;
		c >>= 64;
	}
	return a;
}

static u192_t u192_sub(u192_t a, u192_t b)	/* a >= b */
{
	uint64_t borrow = 0;
	for (int i = 0; i < 3; i++) {
		uint64_t d = a.w[i] - b.w[i] - borrow;
		borrow = (a.w[i] < b.w[i]) || (a.w[i] - b.w[i] < borrow);
		a.w[i] = d;
	}
	return a;
}

/* v * 2^e moved into the frame whose bit 0 weighs 2^f, sticky in bit 0. */
static u192_t fma_align(u192_t v, int e, int f)
{
	if (e >= f)
		return u192_shl(v, e - f);
	int lost;
	u192_t r = u192_shr(v, f - e, &lost);
	r.w[0] |= (uint64_t)lost;
	return r;
}

/* Rounds (-1)^neg * s * 2^f to the format: *m * 2^*e with *m < 2^prec.
 * Returns 1 if inexact. *e > emax means overflow. */
static int fma_round(u192_t s, int f, int neg, const fma_fmt_t *fmt, uint64_t *m, int *e)
{
	int len = u192_bitlen(s);
	int ex = f + len - fmt->prec;
	if (ex < fmt->emin)
		ex = fmt->emin;
	int shift = ex - f, lost = 0, half = 0;
	if (shift <= 0) {
		*m = u192_shl(s, -shift).w[0];
		*e = ex;
		return 0;
	}
	if (shift >= 1) {
		u192_t below = u192_shr(s, shift - 1, &lost);
		half = (int)(below.w[0] & 1);
	}
	s = u192_shr(s, shift, &(int){ 0 });
	uint64_t q = s.w[0];
	int up = 0;
	switch (fmt->mode) {
	case 0x000: up = half && (lost || (q & 1)); break;	/* nearest */
	case 0x400: up = neg && (half || lost); break;		/* down */
	case 0x800: up = !neg && (half || lost); break;	/* up */
	default: break;						/* toward zero */
	}
	q += (uint64_t)up;
	if (fmt->prec < 64 ? q >> fmt->prec : (up && q == 0)) {
		q = fmt->prec < 64 ? q >> 1 : 1ull << 63;
		ex++;
	}
	*m = q;
	*e = ex;
	return half || lost;
}

/* The exact x * y + z, rounded. Returns 0 for an exact zero sum. */
static int fma_core(fma_num_t x, fma_num_t y, fma_num_t z, const fma_fmt_t *fmt,
		    int *neg, uint64_t *m, int *e, int *inexact)
{
	unsigned __int128 p = (unsigned __int128)x.m * y.m;
	u192_t a = { { (uint64_t)p, (uint64_t)(p >> 64), 0 } }, b = { { z.m, 0, 0 } };
	int ea = x.e + y.e, pneg = x.neg ^ y.neg;
	int top_a = ea + u192_bitlen(a), top_b = z.e + u192_bitlen(b);
	int f = (top_a > top_b ? top_a : top_b) - 190;
	a = fma_align(a, ea, f);
	b = fma_align(b, z.e, f);
	u192_t s;
	if (pneg == z.neg) {
		s = u192_add(a, b);
		*neg = pneg;
	} else if (u192_cmp(a, b) >= 0) {
		s = u192_sub(a, b);
		*neg = pneg;
	} else {
		s = u192_sub(b, a);
		*neg = z.neg;
	}
	if (!s.w[0] && !s.w[1] && !s.w[2])
		return 0;
	*inexact = fma_round(s, f, *neg, fmt, m, e);
	return 1;
}

static int sse_mode(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return (int)(m >> 3 & 0xc00);
}

static int x87_mode(void)
{
	unsigned short cw;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw & 0xc00;
}

/* Raises inexact, and underflow for a tiny inexact result. */
static void fma_flags(int inexact, int tiny)
{
	if (tiny && inexact)
		FORCE_EVAL(OPAQUE(0x1p-1022) * 0x1p-1022);
	else if (inexact)
		FORCE_EVAL(OPAQUE(1.0) + 0x1p-100);
}

static fma_num_t fma_num_double(double x)
{
	uint64_t u = asu64(x);
	int ex = (int)(u >> 52 & 0x7ff);
	uint64_t m = u & ((1ull << 52) - 1);
	if (ex)
		m |= 1ull << 52;
	return (fma_num_t){ (int)(u >> 63), m, (ex ? ex : 1) - 1075 };
}

double fma(double x, double y, double z)
{
	if (__builtin_isinf(z) && __builtin_isfinite(x) && __builtin_isfinite(y))
		return z;	/* x * y is finite, even if it would overflow */
	if (!__builtin_isfinite(x) || !__builtin_isfinite(y) || !__builtin_isfinite(z) ||
	    x == 0 || y == 0)
		return x * y + z;
	if (z == 0) {
		double p = x * y;	/* one rounding; its sign is the exact one */
		return p == 0 ? p : p + z;
	}
	fma_fmt_t fmt = { 53, -1074, 971, sse_mode() };
	int neg, e, inexact = 0;
	uint64_t m;
	if (!fma_core(fma_num_double(x), fma_num_double(y), fma_num_double(z), &fmt, &neg, &m,
		      &e, &inexact))
		return fmt.mode == 0x400 ? -0.0 : 0.0;
	if (e > fmt.emax) {
		double big = OPAQUE(neg ? -0x1p1023 : 0x1p1023);
		return big * 0x1p1023;	/* inf or the largest finite, by mode */
	}
	fma_flags(inexact, m < 1ull << 52);
	return asdbl((uint64_t)neg << 63 | (((uint64_t)(e + 1074) << 52) + m));
}

static fma_num_t fma_num_float(float x)
{
	uint32_t u = asu32(x);
	int ex = (int)(u >> 23 & 0xff);
	uint64_t m = u & ((1u << 23) - 1);
	if (ex)
		m |= 1u << 23;
	return (fma_num_t){ (int)(u >> 31), m, (ex ? ex : 1) - 150 };
}

float fmaf(float x, float y, float z)
{
	if (__builtin_isinf(z) && __builtin_isfinite(x) && __builtin_isfinite(y))
		return z;	/* x * y is finite, even if it would overflow */
	if (!__builtin_isfinite(x) || !__builtin_isfinite(y) || !__builtin_isfinite(z) ||
	    x == 0 || y == 0)
		return x * y + z;
	if (z == 0) {
		float p = x * y;
		return p == 0 ? p : p + z;
	}
	fma_fmt_t fmt = { 24, -149, 104, sse_mode() };
	int neg, e, inexact = 0;
	uint64_t m;
	if (!fma_core(fma_num_float(x), fma_num_float(y), fma_num_float(z), &fmt, &neg, &m, &e,
		      &inexact))
		return fmt.mode == 0x400 ? -0.0f : 0.0f;
	if (e > fmt.emax) {
		float big = OPAQUE(neg ? -0x1p127f : 0x1p127f);
		return big * 0x1p127f;
	}
	fma_flags(inexact, m < 1u << 23);
	return asflt((uint32_t)neg << 31 | (((uint32_t)(e + 149) << 23) + (uint32_t)m));
}

static fma_num_t fma_num_ld(long double x)
{
	ldbits_t u = { x };
	int ex = u.i.se & 0x7fff;
	return (fma_num_t){ u.i.se >> 15, u.i.m, (ex ? ex : 1) - 16446 };
}

long double fmal(long double x, long double y, long double z)
{
	if (__builtin_isinf(z) && __builtin_isfinite(x) && __builtin_isfinite(y))
		return z;	/* x * y is finite, even if it would overflow */
	if (!__builtin_isfinite(x) || !__builtin_isfinite(y) || !__builtin_isfinite(z) ||
	    x == 0 || y == 0)
		return x * y + z;
	if (z == 0) {
		long double p = x * y;
		return p == 0 ? p : p + z;
	}
	fma_fmt_t fmt = { 64, -16445, 16320, x87_mode() };
	int neg, e, inexact = 0;
	uint64_t m;
	if (!fma_core(fma_num_ld(x), fma_num_ld(y), fma_num_ld(z), &fmt, &neg, &m, &e, &inexact))
		return fmt.mode == 0x400 ? -0.0L : 0.0L;
	if (e > fmt.emax) {
		long double big = OPAQUE(neg ? -0x1p16383L : 0x1p16383L);
		return big * 0x1p16383L;
	}
	fma_flags(inexact, m < 1ull << 63);
	ldbits_t u;
	u.i.m = m;
	u.i.se = (uint16_t)(neg << 15 | (m >> 63 ? e + 16446 : 0));
	return u.f;
}
