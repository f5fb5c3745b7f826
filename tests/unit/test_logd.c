// SPDX-License-Identifier: MIT
/*
 * Tests for daemons/logd: the log: scheme driven through scheme_dispatch()
 * with hand-built requests. The sink is a buffer that collects every
 * forwarded line, so a test compares what reached it (and what the ring
 * hands readers) with the lines it expects.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/logd/log.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The sink: every forwarded line, concatenated, and how many calls. */
static struct {
	char text[1 << 18];
	size_t len;
	unsigned lines;
	bool bad;       /* a line without its '\n', or the buffer overflowed */
} sink;

static scheme_server_t srv;
static log_state_t st;

static void t_emit(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	if (!len || line[len - 1] != '\n' || memchr(line, '\n', len - 1) ||
	    sink.len + len >= sizeof(sink.text)) {
		sink.bad = true;
		return;
	}
	memcpy(sink.text + sink.len, line, len);
	sink.len += len;
	sink.text[sink.len] = '\0';
	sink.lines++;
}

static void t_setup(void)
{
	log_state_fini(&st);
	memset(&sink, 0, sizeof(sink));
	log_state_init(&st, t_emit, NULL);
	scheme_server_init(&srv, &log_ops, &st);
}

static long t_call(abi_scheme_request_t req, unsigned *events)
{
	return sc_call(&srv, req, events);
}

static long t_open(const char *path, unsigned *events)
{
	return sc_open(&srv, path, O_RDWR, events);
}

static long t_io(uint16_t op, long h, const void *buf, size_t len)
{
	return sc_io(&srv, op, (uint64_t)h, buf, len);
}

static long t_write(long h, const char *s)
{
	return t_io(SCHEME_OP_WRITE, h, s, strlen(s));
}

/* Closes h; how many answers came (none should). */
static unsigned t_close(long h)
{
	abi_scheme_response_t r;

	scheme_dispatch(&srv, &(abi_scheme_request_t){ .tag = ++sc_tag, .opcode = SCHEME_OP_CLOSE,
						       .handle = (uint64_t)h });
	return scheme_outbox_take(&srv, &r, 1);
}

/* --- forwarding lines --------------------------------------------------- */

TEST(logd_whole_line_is_forwarded_with_its_name)
{
	unsigned ev = 0;

	t_setup();
	long h = t_open("ipcd", &ev);
	CHECK(h >= 0);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	CHECK_EQ(t_write(h, "hello\n"), 6);
	CHECK_STR(sink.text, "[ipcd] hello\n");
	CHECK_EQ(sink.lines, 1);
	CHECK(!sink.bad);
}

TEST(logd_lines_split_across_and_within_writes)
{
	t_setup();
	long h = t_open("a", NULL);
	CHECK_EQ(t_write(h, "hel"), 3);
	CHECK_EQ(t_write(h, "lo wor"), 6);
	CHECK_EQ(sink.lines, 0);
	CHECK_EQ(t_write(h, "ld\nsec"), 6);
	CHECK_STR(sink.text, "[a] hello world\n");
	CHECK_EQ(t_write(h, "ond\n\nthird\nfou"), 14);
	CHECK_STR(sink.text, "[a] hello world\n[a] second\n[a] \n[a] third\n");
	CHECK_EQ(sink.lines, 4);
	CHECK_EQ(t_write(h, "rth\n"), 4);
	CHECK_EQ(sink.lines, 5);
	CHECK(!sink.bad);
}

TEST(logd_handles_keep_their_own_partial_lines)
{
	t_setup();
	long a = t_open("netd", NULL), b = t_open("fsd", NULL);
	CHECK(a >= 0 && b >= 0 && a != b);
	t_write(a, "a1 ");
	t_write(b, "b1 ");
	t_write(a, "a2\na3 ");
	t_write(b, "b2\n");
	t_write(a, "a4\n");
	CHECK_STR(sink.text, "[netd] a1 a2\n[fsd] b1 b2\n[netd] a3 a4\n");
}

TEST(logd_partial_line_is_flushed_at_close)
{
	t_setup();
	long a = t_open("x", NULL), b = t_open("y", NULL);
	t_write(a, "done\nunfinished");
	CHECK_EQ(t_close(a), 0);
	CHECK_STR(sink.text, "[x] done\n[x] unfinished\n");
	CHECK_EQ(t_close(b), 0); /* nothing pending: nothing sent */
	CHECK_EQ(sink.lines, 2);
	CHECK_EQ(t_write(a, "late\n"), -EBADF);
}

TEST(logd_long_line_is_cut_and_continued)
{
	static char text[1300], want[1400];

	t_setup();
	long h = t_open("big", NULL);
	memset(text, 'x', 1200);
	text[1200] = '\n';
	CHECK_EQ(t_io(SCHEME_OP_WRITE, h, text, 1201), 1201);
	CHECK_EQ(sink.lines, 3);
	snprintf(want, sizeof(want), "[big] %.512s\n[big] %.512s\n[big] %.176s\n", text, text, text);
	CHECK_STR(sink.text, want);
}

TEST(logd_line_of_exactly_the_limit_is_one_line)
{
	static char text[LOG_LINE_MAX + 1];

	t_setup();
	long h = t_open("e", NULL);
	memset(text, 'y', LOG_LINE_MAX);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, h, text, LOG_LINE_MAX), LOG_LINE_MAX);
	CHECK_EQ(sink.lines, 0);                 /* a newline may still come */
	CHECK_EQ(t_write(h, "\n"), 1);
	CHECK_EQ(sink.lines, 1);
	CHECK_EQ(sink.len, 4 + LOG_LINE_MAX + 1);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, h, text, LOG_LINE_MAX), LOG_LINE_MAX);
	CHECK_EQ(t_write(h, "z\n"), 2);          /* one byte too many: cut */
	CHECK_EQ(sink.lines, 3);
	CHECK(!strcmp(sink.text + sink.len - 6, "[e] z\n"));
}

TEST(logd_names_empty_long_and_odd)
{
	char name[LOG_NAME_MAX + 2];

	t_setup();
	long h = t_open("", NULL);
	CHECK(h >= 0);
	t_write(h, "anon\n");
	CHECK_STR(sink.text, "[?] anon\n");
	memset(name, 'n', LOG_NAME_MAX);
	name[LOG_NAME_MAX] = '\0';
	CHECK(t_open(name, NULL) >= 0);
	name[LOG_NAME_MAX] = 'n', name[LOG_NAME_MAX + 1] = '\0';
	CHECK_EQ(t_open(name, NULL), -ENAMETOOLONG);
	CHECK_EQ(t_open("bad\nname", NULL), -EINVAL);
	CHECK_EQ(t_open("esc\x1b", NULL), -EINVAL);
}

TEST(logd_unknown_handles_are_ebadf)
{
	char buf[8];

	t_setup();
	long h = t_open("a", NULL);
	CHECK_EQ(t_write(h + 1, "x\n"), -EBADF);
	CHECK_EQ(t_io(SCHEME_OP_READ, 1000, buf, sizeof(buf)), -EBADF);
	CHECK_EQ(t_close(12345), 0);
	CHECK_EQ(sink.lines, 0);
}

TEST(logd_closed_slots_are_reused_and_table_grows)
{
	long h[40];

	t_setup();
	for (int i = 0; i < 40; i++) {
		h[i] = t_open("many", NULL);
		CHECK(h[i] >= 0);
		for (int j = 0; j < i; j++)
			CHECK(h[j] != h[i]);
	}
	CHECK_EQ(t_close(h[7]), 0);
	CHECK_EQ(t_open("again", NULL), h[7]);
	t_write(h[39], "last\n");
	CHECK_STR(sink.text, "[many] last\n");
}

TEST(logd_dup_shares_name_not_partial_line)
{
	t_setup();
	long h = t_open("dd", NULL);
	t_write(h, "part");
	long d = t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_DUP, .handle = (uint64_t)h,
						.buf = (uint64_t)(uintptr_t)"", .len = 1 },
			NULL);
	CHECK(d >= 0 && d != h);
	t_write(d, "other\n");
	t_write(h, "ial\n");
	CHECK_STR(sink.text, "[dd] other\n[dd] partial\n");
}

TEST(logd_fstat_and_fevent)
{
	abi_stat_t sb;

	t_setup();
	long h = t_open("s", NULL);
	memset(&sb, 0xff, sizeof(sb));
	CHECK_EQ(t_io(SCHEME_OP_FSTAT, h, &sb, sizeof(sb)), 0);
	CHECK_EQ(sb.mode, ABI_S_IFCHR | 0666);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_FEVENT, .handle = (uint64_t)h,
						.arg = { EVENT_READ } },
			NULL),
		 EVENT_READ | EVENT_WRITE);
}

/* --- the ring ----------------------------------------------------------- */

TEST(logd_reader_gets_the_lines_then_eof_then_new_lines)
{
	char buf[256];

	t_setup();
	long w = t_open("src", NULL);
	t_write(w, "one\ntwo\n");
	long r = t_open("", NULL);
	long n = t_io(SCHEME_OP_READ, r, buf, sizeof(buf));
	CHECK_EQ(n, 20);
	CHECK(!memcmp(buf, "[src] one\n[src] two\n", 20));
	CHECK_EQ(t_io(SCHEME_OP_READ, r, buf, sizeof(buf)), 0);
	t_write(w, "three\n");
	CHECK_EQ(t_io(SCHEME_OP_READ, r, buf, sizeof(buf)), 12);
	CHECK(!memcmp(buf, "[src] three\n", 12));
	CHECK_EQ(t_io(SCHEME_OP_READ, r, buf, sizeof(buf)), 0);
}

TEST(logd_readers_keep_their_own_offsets)
{
	char all[256], piece[256];
	size_t got = 0;
	long n;

	t_setup();
	long w = t_open("w", NULL);
	t_write(w, "alpha\nbeta\ngamma\n");
	long r1 = t_open("", NULL), r2 = t_open("", NULL);
	CHECK_EQ(t_io(SCHEME_OP_READ, r1, all, sizeof(all)), 29);
	while ((n = t_io(SCHEME_OP_READ, r2, piece + got, 5)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, 29);
	CHECK(!memcmp(all, piece, 29));
	CHECK(!memcmp(all, "[w] alpha\n[w] beta\n[w] gamma\n", 29));
	/* A reader that has read a part goes on from there. */
	long r3 = t_open("", NULL);
	CHECK_EQ(t_io(SCHEME_OP_READ, r3, piece, 10), 10);
	t_write(w, "delta\n");
	CHECK_EQ(t_io(SCHEME_OP_READ, r3, piece, sizeof(piece)), 29 - 10 + 10);
	CHECK(!memcmp(piece, "[w] beta\n[w] gamma\n[w] delta\n", 29));
}

/* Bytes of one line t_write_numbered forwards: "[r] line NNNNN\n". */
#define T_NUM_LINE 15

/* Writes lines "line NNNNN\n" numbered from..to-1. */
static void t_write_numbered(long h, int from, int to)
{
	char line[32];

	for (int i = from; i < to; i++) {
		snprintf(line, sizeof(line), "line %05d\n", i);
		t_write(h, line);
	}
}

/* Reads r to the end into a malloc'd, NUL-terminated buffer. */
static char *t_read_all(long r, size_t *len)
{
	size_t cap = 2 * LOG_RING_SIZE, n = 0;
	char *buf = malloc(cap + 1);
	long k;

	while (buf && n < cap &&
	       (k = t_io(SCHEME_OP_READ, r, buf + n, cap - n < 1000 ? cap - n : 1000)) > 0)
		n += (size_t)k;
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

TEST(logd_ring_wraps_keeping_the_newest_whole_lines)
{
	size_t len;
	int first;

	t_setup();
	long w = t_open("r", NULL);
	t_write_numbered(w, 0, 10000); /* 150 000 bytes: the ring wraps twice */
	long r = t_open("", NULL);
	char *all = t_read_all(r, &len);
	CHECK(all);
	bool starts = sscanf(all, "[r] line %d\n", &first) == 1;
	bool whole = len % T_NUM_LINE == 0;
	bool ends = len >= T_NUM_LINE && !strcmp(all + len - T_NUM_LINE, "[r] line 09999\n");
	bool in_order = true;
	for (size_t i = 0; i + T_NUM_LINE <= len; i += T_NUM_LINE) {
		char want[17];
		snprintf(want, sizeof(want), "[r] line %05d\n", first + (int)(i / T_NUM_LINE));
		in_order &= !memcmp(all + i, want, T_NUM_LINE);
	}
	free(all);
	CHECK(starts);
	CHECK(whole);
	CHECK(ends);
	CHECK(in_order);
	CHECK(len <= LOG_RING_SIZE && len > LOG_RING_SIZE - T_NUM_LINE);
	CHECK_EQ(first, 10000 - (int)(len / T_NUM_LINE));
}

TEST(logd_reader_left_behind_resumes_at_the_oldest_line)
{
	char buf[64];
	int first;

	t_setup();
	long w = t_open("r", NULL);
	t_write_numbered(w, 0, 10);
	long r = t_open("", NULL);
	CHECK_EQ(t_io(SCHEME_OP_READ, r, buf, 20), 20); /* stops inside line 1 */
	t_write_numbered(w, 10, 6000);                  /* line 1 is long gone */
	long n = t_io(SCHEME_OP_READ, r, buf, 32);
	CHECK_EQ(n, 32);
	buf[n] = '\0';
	CHECK_EQ(sscanf(buf, "[r] line %d\n", &first), 1);
	CHECK(first > 1000);
	CHECK_EQ(sink.lines, 6000); /* the sink saw every line */
	CHECK(!sink.bad);
}

TEST(logd_ring_alone_around_the_wrap_point)
{
	static log_ring_t ring;
	char line[100], out[200];
	uint64_t off = 0;

	/* Lines of 100 bytes: the 656th straddles the end of the buffer. */
	memset(line, 'q', sizeof(line));
	line[99] = '\n';
	log_ring_init(&ring);
	for (int i = 0; i < 656; i++) {
		line[0] = (char)('A' + i % 26);
		log_ring_put(&ring, line, sizeof(line));
	}
	CHECK_EQ(ring.tail, 65600);
	CHECK_EQ(ring.head, 100);        /* exactly one line was dropped */
	off = ring.tail - 100;
	CHECK_EQ(log_ring_read(&ring, &off, out, sizeof(out)), 100);
	CHECK_EQ(out[0], 'A' + 655 % 26);
	CHECK(!memcmp(out + 1, line + 1, 99));
	CHECK_EQ(off, ring.tail);
	off = 0;
	CHECK_EQ(log_ring_read(&ring, &off, out, 1), 1);
	CHECK_EQ(off, 101);
	CHECK_EQ(out[0], 'B');
}
