// SPDX-License-Identifier: MIT
/*
 * Tests for daemons/randd: ChaCha20 against RFC 8439's test vectors, the
 * fast-key-erasure generator (checked against the construction it
 * claims, and statistically), its reseeding and mixing, the entropy
 * sources, and the rand: scheme driven through scheme_dispatch(). The
 * generator tests use a deterministic entropy source, so two generators
 * given the same entropy must agree byte for byte and any difference
 * is the thing under test.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/randd/chacha.h>
#include <daemons/randd/entropy.h>
#include <daemons/randd/rand.h>
#include <daemons/randd/rng.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* --- helpers ------------------------------------------------------------ */

/* A deterministic entropy source: byte i of call n is seed + n*0x11 + i,
 * plus `later` from the second call on. */
typedef struct t_source {
	uint8_t seed, later;
	unsigned calls;
} t_source_t;

static size_t t_entropy(void *ctx, uint8_t *out, size_t cap)
{
	t_source_t *s = ctx;

	s->calls++;
	for (size_t i = 0; i < cap; i++)
		out[i] = (uint8_t)(s->seed + s->calls * 0x11 + i + (s->calls > 1 ? s->later : 0));
	return cap;
}

static size_t t_hex(const char *hex, uint8_t *out)
{
	size_t n = 0;

	for (; hex[0] && hex[1]; hex += 2)
		out[n++] = (uint8_t)strtoul((char[3]){ hex[0], hex[1], 0 }, NULL, 16);
	return n;
}

/* Whether needle occurs anywhere in hay. */
static bool t_contains(const void *hay, size_t hlen, const void *needle, size_t nlen)
{
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (!memcmp((const uint8_t *)hay + i, needle, nlen))
			return true;
	return false;
}

static int t_block_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 64);
}

static const uint8_t t_key_0_to_31[32] = {
	0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/* --- ChaCha20 ----------------------------------------------------------- */

TEST(chacha20_block_matches_rfc8439_2_3_2)
{
	const uint8_t nonce[12] = { 0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	uint8_t want[64], got[64];

	CHECK_EQ(t_hex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
		       "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
		       want),
		 64);
	chacha20_block(t_key_0_to_31, 1, nonce, got);
	CHECK(!memcmp(got, want, 64));
}

TEST(chacha20_keystream_matches_rfc8439_2_4_2)
{
	const char *plain = "Ladies and Gentlemen of the class of '99: If I could offer you "
			    "only one tip for the future, sunscreen would be it.";
	const uint8_t nonce[12] = { 0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	uint8_t want[114], ks[114];

	CHECK_EQ(strlen(plain), 114);
	CHECK_EQ(t_hex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
		       "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
		       "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
		       "5af90bbf74a35be6b40b8eedf2785e42874d",
		       want),
		 114);
	memset(ks, 0xee, sizeof(ks));
	chacha20_keystream(t_key_0_to_31, 1, nonce, ks, sizeof(ks)); /* a partial last block */
	for (size_t i = 0; i < sizeof(ks); i++)
		CHECK_EQ(ks[i] ^ (uint8_t)plain[i], want[i]);
}

/* --- the generator ------------------------------------------------------ */

TEST(rng_refill_is_fast_key_erasure)
{
	static const uint8_t zero_nonce[12];
	t_source_t src = { .seed = 1 };
	uint8_t key[32], ks[RNG_BUF_SIZE], out[RNG_BUF_SIZE - 32];
	rng_t r;

	rng_init(&r, t_entropy, &src);
	for (int refill = 0; refill < 4; refill++) {
		memcpy(key, r.key, sizeof(key));
		chacha20_keystream(key, 0, zero_nonce, ks, sizeof(ks));
		rng_read(&r, out, 1);                   /* this read refills */
		CHECK(memcmp(r.key, key, 32) != 0);     /* the key changed... */
		CHECK(!memcmp(r.key, ks, 32));          /* ...to the first 32 bytes */
		rng_read(&r, out + 1, sizeof(out) - 1); /* the rest of the refill */
		CHECK(!memcmp(r.key, ks, 32));          /* no refill in between */
		CHECK(!memcmp(out, ks + 32, sizeof(out)));
		CHECK(!t_contains(out, sizeof(out), r.key, 32));
	}
	CHECK_EQ(r.refills, 4);
}

TEST(rng_state_keeps_no_copy_of_past_output)
{
	t_source_t src = { .seed = 2 };
	uint8_t out[300];
	rng_t r;

	rng_init(&r, t_entropy, &src);
	rng_read(&r, out, sizeof(out));
	for (size_t i = 0; i + 16 <= sizeof(out); i++)
		CHECK(!t_contains(&r, sizeof(r), out + i, 16));
	/* The bytes still to come are in the state until they are read. */
	uint8_t next[16], got[16];
	CHECK(r.pos + sizeof(next) <= RNG_BUF_SIZE);
	memcpy(next, r.buf + r.pos, sizeof(next));
	rng_read(&r, got, sizeof(got));
	CHECK(!memcmp(got, next, sizeof(got)));
	CHECK(!t_contains(&r, sizeof(r), got, sizeof(got)));
}

TEST(rng_same_entropy_same_output_different_entropy_different_output)
{
	t_source_t a = { .seed = 10 }, b = { .seed = 10 }, c = { .seed = 11 };
	uint8_t oa[256], ob[256], oc[256];
	rng_t ra, rb, rc;

	rng_init(&ra, t_entropy, &a);
	rng_init(&rb, t_entropy, &b);
	rng_init(&rc, t_entropy, &c);
	rng_read(&ra, oa, sizeof(oa));
	rng_read(&rb, ob, sizeof(ob));
	rng_read(&rc, oc, sizeof(oc));
	CHECK(!memcmp(oa, ob, sizeof(oa)));
	CHECK(memcmp(oa, oc, sizeof(oa)) != 0);
	CHECK(!t_contains(oa, sizeof(oa), oc, 8));
}

TEST(rng_real_entropy_seeds_generators_apart)
{
	uint8_t oa[64], ob[64];
	rng_t ra, rb;

	rng_init(&ra, entropy_gather, NULL);
	rng_init(&rb, entropy_gather, NULL);
	rng_read(&ra, oa, sizeof(oa));
	rng_read(&rb, ob, sizeof(ob));
	CHECK(memcmp(oa, ob, sizeof(oa)) != 0);
}

TEST(rng_one_mib_is_balanced_and_never_repeats_a_block)
{
	size_t len = 1 << 20;
	uint8_t *out = malloc(len);
	uint64_t ones = 0;
	size_t repeats = 0;
	rng_t r;

	CHECK(out);
	rng_init(&r, entropy_gather, NULL);
	rng_read(&r, out, len);
	for (size_t i = 0; i < len; i++)
		ones += (uint64_t)__builtin_popcount(out[i]);
	qsort(out, len / 64, 64, t_block_cmp);
	for (size_t i = 64; i < len; i += 64)
		repeats += !memcmp(out + i - 64, out + i, 64);
	free(out);
	/* 8 Mi bits: one standard deviation is 0.00017 of them. */
	CHECK(ones > len * 8 * 499 / 1000 && ones < len * 8 * 501 / 1000);
	CHECK_EQ(repeats, 0);
}

TEST(rng_reseeds_exactly_every_mib)
{
	t_source_t src = { .seed = 3 };
	uint8_t *out = malloc(RNG_RESEED_BYTES);
	rng_t r;

	CHECK(out);
	rng_init(&r, t_entropy, &src);
	CHECK_EQ(r.seeds, 1);
	CHECK_EQ(src.calls, 1);
	rng_read(&r, out, 1000);
	rng_read(&r, out, RNG_RESEED_BYTES - 1000);
	bool before = r.seeds == 1 && src.calls == 1;
	rng_read(&r, out, 1);
	bool after = r.seeds == 2 && src.calls == 2 && r.since_seed == 1;
	rng_read(&r, out, RNG_RESEED_BYTES);
	bool again = r.seeds == 3 && src.calls == 3;
	free(out);
	CHECK(before);
	CHECK(after);
	CHECK(again);
}

TEST(rng_reseed_takes_in_fresh_entropy)
{
	/* Twins whose sources agree on the first seed and differ later. */
	t_source_t a = { .seed = 4 }, b = { .seed = 4, .later = 1 };
	uint8_t *oa = malloc(RNG_RESEED_BYTES + 64), *ob = malloc(RNG_RESEED_BYTES + 64);
	rng_t ra, rb;

	CHECK(oa && ob);
	rng_init(&ra, t_entropy, &a);
	rng_init(&rb, t_entropy, &b);
	rng_read(&ra, oa, RNG_RESEED_BYTES + 64);
	rng_read(&rb, ob, RNG_RESEED_BYTES + 64);
	bool same_before = !memcmp(oa, ob, RNG_RESEED_BYTES);
	bool differ_after = memcmp(oa + RNG_RESEED_BYTES, ob + RNG_RESEED_BYTES, 64) != 0;
	free(oa);
	free(ob);
	CHECK(same_before);
	CHECK(differ_after);
}

TEST(rng_mix_changes_all_later_output)
{
	t_source_t a = { .seed = 5 }, b = { .seed = 5 };
	uint8_t oa[64], ob[64];
	rng_t ra, rb;

	rng_init(&ra, t_entropy, &a);
	rng_init(&rb, t_entropy, &b);
	rng_read(&ra, oa, 10); /* both have buffered output now */
	rng_read(&rb, ob, 10);
	rng_mix(&ra, "same", 4);
	rng_mix(&rb, "same", 4);
	rng_read(&ra, oa, sizeof(oa));
	rng_read(&rb, ob, sizeof(ob));
	CHECK(!memcmp(oa, ob, sizeof(oa)));
	rng_mix(&ra, "ab", 2);
	rng_mix(&rb, "ab\0", 3); /* padding must not make these equal */
	rng_read(&ra, oa, sizeof(oa));
	rng_read(&rb, ob, sizeof(ob));
	CHECK(memcmp(oa, ob, sizeof(oa)) != 0);
}

TEST(rng_mix_of_long_input_uses_every_chunk)
{
	t_source_t a = { .seed = 6 }, b = { .seed = 6 };
	uint8_t in[100] = { 0 }, oa[32], ob[32];
	rng_t ra, rb;

	rng_init(&ra, t_entropy, &a);
	rng_init(&rb, t_entropy, &b);
	rng_mix(&ra, in, sizeof(in));
	in[99] = 1; /* only the last, partial chunk differs */
	rng_mix(&rb, in, sizeof(in));
	rng_read(&ra, oa, sizeof(oa));
	rng_read(&rb, ob, sizeof(ob));
	CHECK(memcmp(oa, ob, sizeof(oa)) != 0);
}

/* --- entropy ------------------------------------------------------------ */

TEST(entropy_features_agree_with_the_compiler)
{
	unsigned has = entropy_hw_features();

	CHECK_EQ(!!(has & ENTROPY_HAS_RDRAND), !!__builtin_cpu_supports("rdrnd"));
	CHECK_EQ(!!(has & ENTROPY_HAS_RDSEED), !!__builtin_cpu_supports("rdseed"));
}

TEST(entropy_gather_differs_between_calls)
{
	uint8_t a[RNG_POOL_SIZE], b[RNG_POOL_SIZE];

	CHECK_EQ(entropy_gather(NULL, a, sizeof(a)), sizeof(a));
	CHECK_EQ(entropy_gather(NULL, b, sizeof(b)), sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	if (entropy_hw_features()) /* the hardware part alone differs too */
		CHECK(memcmp(a, b, ENTROPY_HW_BYTES) != 0);
}

TEST(entropy_jitter_alone_fills_and_varies)
{
	unsigned none = 0;
	uint8_t a[64], b[64];
	uint32_t s0, s;
	bool all_same = true;

	memset(a, 0, sizeof(a));
	CHECK_EQ(entropy_gather(&none, a, sizeof(a)), sizeof(a));
	CHECK_EQ(entropy_gather(&none, b, sizeof(b)), sizeof(b));
	memcpy(&s0, a, 4);
	for (size_t i = 4; i < sizeof(a); i += 4) {
		memcpy(&s, a + i, 4);
		all_same &= s == s0;
	}
	CHECK(s0 != 0); /* a loop takes time */
	CHECK(!all_same);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
}

/* --- the rand: scheme --------------------------------------------------- */


static scheme_server_t srv;
static rand_state_t st;

static void t_setup(void)
{
	rand_state_init(&st, entropy_gather, NULL);
	scheme_server_init(&srv, &rand_ops, &st);
}

static long t_call(abi_scheme_request_t req, unsigned *events)
{
	return sc_call(&srv, req, events);
}

static long t_open(const char *path, int flags, unsigned *events)
{
	return sc_open(&srv, path, flags, events);
}

static long t_io(uint16_t op, uint64_t h, const void *buf, size_t len)
{
	return sc_io(&srv, op, (uint64_t)h, buf, len);
}

TEST(randd_open_empty_path_only)
{
	unsigned ev = 0;

	t_setup();
	long a = t_open("", O_RDONLY, &ev);
	CHECK(a >= 0);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	long b = t_open("", O_RDWR, NULL);
	CHECK(b >= 0 && b != a);
	CHECK_EQ(t_open("urandom", O_RDONLY, NULL), -ENOENT);
}

TEST(randd_read_fills_exactly_len_bytes)
{
	uint8_t buf[100];
	size_t zeros = 0;

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, buf, 64), 64);
	for (int i = 0; i < 64; i++)
		zeros += buf[i] == 0;
	CHECK(zeros < 8); /* 64 random bytes: about one zero expected */
	for (int i = 64; i < 100; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, NULL, 0), 0);
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, NULL, 4), -EFAULT);
}

TEST(randd_large_read_returns_len_and_handles_share_no_bytes)
{
	size_t len = 5 * SCHEME_COPY_MAX + 3;
	uint8_t *a = calloc(1, len), b[64];

	CHECK(a);
	t_setup();
	long h1 = t_open("", O_RDONLY, NULL), h2 = t_open("", O_RDONLY, NULL);
	long got = t_io(SCHEME_OP_READ, (uint64_t)h1, a, len);
	long got2 = t_io(SCHEME_OP_READ, (uint64_t)h2, b, sizeof(b));
	bool tail_set = a[len - 1] | a[len - 2] | a[len - 3] | a[len - 4];
	bool shared = t_contains(a, len, b, 16);
	free(a);
	CHECK_EQ(got, (long)len);
	CHECK_EQ(got2, 64);
	CHECK(tail_set);
	CHECK(!shared);
}

TEST(randd_write_mixes_into_the_key)
{
	uint8_t key[32];

	t_setup();
	long h = t_open("", O_WRONLY, NULL);
	memcpy(key, st.rng.key, sizeof(key));
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, "entropy!", 8), 8);
	CHECK(memcmp(key, st.rng.key, sizeof(key)) != 0);
	memcpy(key, st.rng.key, sizeof(key));
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, "", 0), 0);
	CHECK(!memcmp(key, st.rng.key, sizeof(key)));
}

TEST(randd_fstat_close_and_fevent)
{
	abi_stat_t sb;
	abi_scheme_response_t r;

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	memset(&sb, 0xff, sizeof(sb));
	CHECK_EQ(t_io(SCHEME_OP_FSTAT, (uint64_t)h, &sb, sizeof(sb)), 0);
	CHECK_EQ(sb.mode, ABI_S_IFCHR | 0666);
	CHECK_EQ(sb.size, 0);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_FEVENT, .handle = (uint64_t)h,
						.arg = { EVENT_READ } },
			NULL),
		 EVENT_READ | EVENT_WRITE);
	scheme_dispatch(&srv, &(abi_scheme_request_t){ .tag = 77, .opcode = SCHEME_OP_CLOSE,
						       .handle = (uint64_t)h });
	CHECK_EQ(scheme_outbox_take(&srv, &r, 1), 0);
}
