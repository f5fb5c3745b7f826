// SPDX-License-Identifier: MIT
/*
 * Argument reduction for sin, cos and tan: x = k pi/2 + r, |r| <= ~pi/4,
 * with r as a double-double accurate to well over 2^-60 relative, even
 * for the doubles closest to a multiple of pi/2 (|r| ~ 2^-61 at worst).
 *
 * |x| < 2^20 (Cody-Waite): k = nearest(x 2/pi), and pi/2 is taken as four
 * pieces, three of 33 bits, so k times each of those is exact for
 * k < 2^20, and x - k P1 is exact by Sterbenz's lemma. The two further
 * subtractions are done exactly with two_sum; the last piece's product
 * is rounded, an error of at most 2^-125 absolute. That is 152 bits of
 * pi/2, enough for the ~2^-60 closest cases in this range.
 *
 * |x| >= 2^20 (Payne-Hanek): x = m 2^e with m a 53-bit integer. The bits
 * of 2/pi whose products with x are multiples of 4 do not matter (k is
 * only needed mod 4), so we take the 192 bits of 2/pi starting at weight
 * 2^(1-e), multiply by m in 192-bit integer arithmetic modulo 2^192, and
 * read k mod 4 from the top two bits and the fraction from the other 190.
 * The 2/pi bits left out contribute less than 2^-137 (in units of
 * pi/2), so the fraction keeps at least 75 correct bits after the worst
 * cancellation. It becomes a double-double and is multiplied by pi/2.
 */
#include "libm.h"
#include "poly.h"

static int rem_pio2_medium(double x, dd_t *r)
{
	double kn = OPAQUE(x * TWO_OPI + 0x1.8p52) - 0x1.8p52;
	double y = x - kn * PIO2_1;
	dd_t s = dd_two_sum(y, -kn * PIO2_2);
	dd_t t = dd_two_sum(s.hi, -kn * PIO2_3);
	*r = dd_two_sum(t.hi, s.lo + t.lo - kn * PIO2_4);
	return (int)kn & 3;
}

/* The 64 bits of the 2/pi table starting at bit position p. */
static uint64_t two_opi_bits(int p)
{
	int w = p / 64, s = p % 64;
	uint64_t v = __libm_two_over_pi[w] << s;
	if (s)
		v |= __libm_two_over_pi[w + 1] >> (64 - s);
	return v;
}

/* g (190-bit fraction in c[2..0], below 2^189) times 2^-190, as a dd. */
static dd_t frac_to_dd(uint64_t c2, uint64_t c1, uint64_t c0)
{
	int lz = c2 ? __builtin_clzll(c2) : 64 + __builtin_clzll(c1);
	/* shift left by lz so the leading one is bit 191 */
	uint64_t w2, w1;
	if (lz >= 64) {
		int s = lz - 64;
		w2 = s ? (c1 << s) | (c0 >> (64 - s)) : c1;
		w1 = c0 << s;
	} else {
		w2 = lz ? (c2 << lz) | (c1 >> (64 - lz)) : c2;
		w1 = lz ? (c1 << lz) | (c0 >> (64 - lz)) : c1;
	}
	/* value = (w2 2^128 + w1 2^64) 2^(-190-lz) */
	int e = -190 - lz;
	double hi = (double)(w2 >> 11) * pow2i(e + 128 + 11);
	double lo = ((double)(w2 & 0x7ff) * 0x1p64 + (double)w1) * pow2i(e + 64);
	return dd_fast_two_sum(hi, lo);
}

static int rem_pio2_large(double x, dd_t *r)
{
	uint64_t u = asu64(x);
	uint64_t m = (u & ((1ull << 52) - 1)) | 1ull << 52;
	int e = (int)(u >> 52 & 0x7ff) - 1075;
	int p = e + 62;	/* table position of the bit of weight 2^(1-e) */
	uint64_t c2 = two_opi_bits(p), c1 = two_opi_bits(p + 64), c0 = two_opi_bits(p + 128);

	unsigned __int128 p0 = (unsigned __int128)m * c0;
	unsigned __int128 p1 = (unsigned __int128)m * c1 + (uint64_t)(p0 >> 64);
	uint64_t r0 = (uint64_t)p0, r1 = (uint64_t)p1;
	uint64_t r2 = (uint64_t)(p1 >> 64) + m * c2;

	int k = (int)(r2 >> 62);
	r2 &= (1ull << 62) - 1;
	int neg = 0;
	if (r2 >> 61) {	/* fraction >= 1/2: use fraction - 1 */
		k++;
		neg = 1;
		/* 2^190 - (r2, r1, r0) */
		r0 = ~r0 + 1;
		r1 = ~r1 + (r0 == 0);
		r2 = ((1ull << 62) - 1 - r2) + (r0 == 0 && r1 == 0);
	}
	dd_t f = frac_to_dd(r2, r1, r0);
	dd_t y = dd_mul(f, (dd_t){ PIO2_HI, PIO2_LO });
	if (neg != (x < 0)) {
		y.hi = -y.hi;
		y.lo = -y.lo;
	}
	*r = y;
	return (x < 0 ? -k : k) & 3;
}

int __libm_rem_pio2(double x, dd_t *r)
{
	double ax = __builtin_fabs(x);
	if (ax <= PIO4_HI) {
		*r = (dd_t){ x, 0 };
		return 0;
	}
	if (ax < 0x1p20)
		return rem_pio2_medium(x, r);
	return rem_pio2_large(x, r);
}
