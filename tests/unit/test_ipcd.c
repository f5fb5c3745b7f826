// SPDX-License-Identifier: MIT
/*
 * Tests for ipcd (daemons/ipcd): its four schemes driven the way the
 * kernel drives them. Each call builds an abi_scheme_request_t with a
 * fresh tag, goes through scheme_dispatch(), and every response that
 * comes out of the outbox is appended to a log, so a test can ask what
 * the answer to a tag was (or that there was none: the call is pending),
 * and which readiness events were announced for a handle. Buffers are
 * the test's own: a pending read's buffer is where a later write's bytes
 * must land, and ASan catches the daemon touching one after a cancel.
 *
 * The limits checked here (64 messages, 256 KiB, 64 KiB streams, a
 * backlog of 32, 4096-byte pages) are the documented ones, written out
 * again rather than taken from the daemon's headers.
 *
 * The stress tests at the end run ten thousand random operations (twice,
 * with different seeds) on chan: and uds_stream: connections against a
 * model of every direction (what was written, read, queued and is
 * pending), checking each answer, the byte order, and that the readiness
 * the kernel was told always matches FEVENT and the model.
 */
#include "unit.h"

#include <daemons/ipcd/ipcd.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define NO_ANSWER (-99999L)
#define LOG_MAX   8192
#define RW        (EVENT_READ | EVENT_WRITE)

static scheme_server_t srv;
static abi_scheme_response_t rlog[LOG_MAX];
static unsigned nlog;
static uint64_t tag_seq;
static unsigned last_events;    /* the events of the last call's answer */
static uint64_t last_tag;       /* the last call's tag */
static uint16_t last_op;        /* and its opcode */

static void log_drain(void)
{
	abi_scheme_response_t tmp[SCHEME_OUTBOX_MAX];
	unsigned n;

	while ((n = scheme_outbox_take(&srv, tmp, SCHEME_OUTBOX_MAX)))
		for (unsigned i = 0; i < n && nlog < LOG_MAX; i++)
			rlog[nlog++] = tmp[i];
}

/* The DONE answer to tag in the log, or NULL. */
static const abi_scheme_response_t *log_done(uint64_t tag)
{
	for (unsigned i = 0; i < nlog; i++)
		if (rlog[i].kind == SCHEME_RESP_DONE && rlog[i].tag == tag)
			return &rlog[i];
	return NULL;
}

static long answer(uint64_t tag)
{
	const abi_scheme_response_t *r = log_done(tag);

	return r ? r->result : NO_ANSWER;
}

static int answers(uint64_t tag)
{
	int n = 0;

	for (unsigned i = 0; i < nlog; i++)
		n += rlog[i].kind == SCHEME_RESP_DONE && rlog[i].tag == tag;
	return n;
}

/* The last readiness announced for h, or -1 if none was. */
static long event_of(uint64_t h)
{
	long ev = -1;

	for (unsigned i = 0; i < nlog; i++)
		if (rlog[i].kind == SCHEME_RESP_EVENT && rlog[i].handle == h)
			ev = rlog[i].events;
	return ev;
}

static void log_clear(void)
{
	log_drain();
	nlog = 0;
}

static long call(uint16_t op, uint64_t h, const void *buf, uint64_t len, uint64_t a0,
		 uint64_t a1)
{
	abi_scheme_request_t r = {
		.tag = ++tag_seq, .opcode = op, .handle = h, .buf = (uint64_t)(uintptr_t)buf,
		.len = len, .arg = { a0, a1 },
	};
	const abi_scheme_response_t *d;

	last_tag = r.tag;
	last_op = op;
	scheme_dispatch(&srv, &r);
	log_drain();
	d = log_done(r.tag);
	last_events = d ? d->events : 0;
	return d ? d->result : NO_ANSWER;
}

static long op_open(const char *path, int flags)
{
	return call(SCHEME_OP_OPEN, 0, path, strlen(path) + 1, (uint64_t)flags, 0);
}

static long op_dup(uint64_t h, const char *path, unsigned fl)
{
	return call(SCHEME_OP_DUP, h, path, strlen(path) + 1, 0, fl);
}

static long op_read(uint64_t h, void *buf, size_t len, unsigned fl)
{
	return call(SCHEME_OP_READ, h, buf, len, 0, fl);
}

static long op_write(uint64_t h, const void *buf, size_t len, unsigned fl)
{
	return call(SCHEME_OP_WRITE, h, buf, len, 0, fl);
}

static void op_close(uint64_t h)
{
	call(SCHEME_OP_CLOSE, h, NULL, 0, 0, 0);
}

static void op_cancel(uint64_t tag)
{
	call(SCHEME_OP_CANCEL, 0, NULL, 0, tag, 0);
}

static long op_fevent(uint64_t h)
{
	return call(SCHEME_OP_FEVENT, h, NULL, 0, RW, 0);
}

static long op_fstat(uint64_t h, abi_stat_t *st)
{
	return call(SCHEME_OP_FSTAT, h, st, sizeof(*st), 0, 0);
}

static long op_seek(uint64_t h, int64_t off, int whence)
{
	return call(SCHEME_OP_SEEK, h, NULL, 0, (uint64_t)off, (uint64_t)whence);
}

static long op_ftruncate(uint64_t h, uint64_t len)
{
	return call(SCHEME_OP_FTRUNCATE, h, NULL, 0, len, 0);
}

static long op_mmap(uint64_t h, uint64_t off, size_t len)
{
	return call(SCHEME_OP_MMAP, h, NULL, len, off, 3);
}

static long op_unlink(const char *path)
{
	return call(SCHEME_OP_UNLINK, 0, path, strlen(path) + 1, 0, 0);
}

static void net_begin(ipcd_net_t *(*create)(scheme_server_t *), const scheme_ops_t *ops)
{
	scheme_server_init(&srv, ops, NULL);
	srv.state = create(&srv);
	nlog = 0;
}

static void net_end(void)
{
	ipcd_net_destroy(srv.state);
	log_clear();
}

#define NB O_NONBLOCK

/* A connection on a fresh chan: or uds_stream: scheme: listener, client, server. */
static void conn_begin(ipcd_net_t *(*create)(scheme_server_t *), const scheme_ops_t *ops,
		       long *l, long *cli, long *srvh)
{
	net_begin(create, ops);
	*l = op_open("svc", O_CREAT);
	*cli = op_open("svc", 0);
	*srvh = op_dup((uint64_t)*l, "accept", 0);
}

/* --- chan: --------------------------------------------------------------- */

TEST(chan_listen_connect_and_names)
{
	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("echo", O_CREAT);
	CHECK(l >= 1);
	CHECK_EQ(last_events, 0);
	CHECK_EQ(op_open("echo", O_CREAT), -EADDRINUSE);
	CHECK_EQ(op_open("", O_CREAT), -EINVAL);
	CHECK_EQ(op_open("", 0), -EINVAL);
	CHECK_EQ(op_open("nobody", 0), -ECONNREFUSED);
	long c = op_open("echo", 0);
	CHECK(c >= 1 && c != l);
	CHECK_EQ(last_events, EVENT_WRITE);
	CHECK_EQ(event_of((uint64_t)l), EVENT_READ);
	long s = op_dup((uint64_t)l, "accept", 0);
	CHECK(s >= 1 && s != c && s != l);
	CHECK_EQ(last_events, EVENT_WRITE);
	CHECK_EQ(event_of((uint64_t)l), 0);
	net_end();
}

TEST(chan_handle_numbers_are_reused_lowest_first)
{
	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long a = op_open("a", O_CREAT), b = op_open("b", O_CREAT), c = op_open("c", O_CREAT);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(c, 3);
	op_close(2);
	op_close(1);
	CHECK_EQ(op_open("d", O_CREAT), 1);
	CHECK_EQ(op_open("e", O_CREAT), 2);
	CHECK_EQ(op_open("f", O_CREAT), 4);
	/* Past the table's first size. */
	for (long i = 5; i < 35; i++)
		CHECK_EQ(op_open("c", 0), i);
	net_end();
}

TEST(chan_messages_keep_their_boundaries)
{
	long l, c, s;
	char buf[16];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_write((uint64_t)c, "abc", 3, 0), 3);
	CHECK_EQ(op_write((uint64_t)c, "defg", 4, 0), 4);
	CHECK_EQ(op_write((uint64_t)c, NULL, 0, 0), 0);
	CHECK_EQ(op_write((uint64_t)c, "h", 1, 0), 1);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "abc", 3));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 4);
	CHECK(!memcmp(buf, "defg", 4));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 0);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(buf[0], 'h');
	net_end();
}

TEST(chan_short_read_truncates_the_message)
{
	long l, c, s;
	char buf[16] = { 0 };

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_write((uint64_t)s, "0123456789", 10, 0), 10);
	CHECK_EQ(op_write((uint64_t)s, "xy", 2, 0), 2);
	CHECK_EQ(op_read((uint64_t)c, buf, 4, 0), 4);
	CHECK(!memcmp(buf, "0123", 4));
	CHECK_EQ(op_read((uint64_t)c, buf, sizeof(buf), 0), 2);
	CHECK(!memcmp(buf, "xy", 2));
	CHECK_EQ(op_read((uint64_t)c, buf, sizeof(buf), NB), -EAGAIN);
	net_end();
}

TEST(chan_pending_read_is_completed_by_a_write)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	memset(buf, '.', sizeof(buf));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	CHECK_EQ(op_write((uint64_t)c, "hello", 5, 0), 5);
	CHECK_EQ(answer(rtag), 5);
	CHECK_EQ(answers(rtag), 1);
	CHECK(!memcmp(buf, "hello...", 8));
	/* A message longer than the pending buffer is truncated into it. */
	CHECK_EQ(op_read((uint64_t)s, buf, 3, 0), NO_ANSWER);
	rtag = last_tag;
	CHECK_EQ(op_write((uint64_t)c, "WORLD", 5, 0), 5);
	CHECK_EQ(answer(rtag), 3);
	CHECK(!memcmp(buf, "WORlo...", 8));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), NB), -EAGAIN);
	net_end();
}

TEST(chan_cancelled_read_is_forgotten)
{
	long l, c, s;
	char old[8], buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	memset(old, '.', sizeof(old));
	CHECK_EQ(op_read((uint64_t)s, old, sizeof(old), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	op_cancel(rtag);
	CHECK_EQ(op_write((uint64_t)c, "late", 4, 0), 4);
	CHECK_EQ(answers(rtag), 0);
	CHECK(!memcmp(old, "........", 8));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 4);
	CHECK(!memcmp(buf, "late", 4));
	/* Cancelling an unknown tag is harmless. */
	op_cancel(424242);
	net_end();
}

TEST(chan_close_gives_eof_and_epipe)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_write((uint64_t)c, "one", 3, 0), 3);
	CHECK_EQ(op_write((uint64_t)c, "two", 3, 0), 3);
	op_close((uint64_t)c);
	CHECK_EQ(event_of((uint64_t)s), RW);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 3);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "two", 3));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 0);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), NB), 0);
	CHECK_EQ(op_write((uint64_t)s, "x", 1, 0), -EPIPE);
	CHECK_EQ(op_read((uint64_t)c, buf, sizeof(buf), 0), -EBADF);
	net_end();
}

TEST(chan_close_wakes_a_pending_reader_with_eof)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	op_close((uint64_t)c);
	CHECK_EQ(answer(rtag), 0);
	net_end();
}

TEST(chan_close_answers_the_closers_own_pending_calls)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	op_close((uint64_t)s);
	CHECK_EQ(answer(rtag), -EBADF);
	CHECK_EQ(op_write((uint64_t)c, "x", 1, 0), -EPIPE);
	net_end();
}

/* Fills c's direction with 64 one-byte messages. */
static int chan_fill_count(long c)
{
	for (int i = 0; i < 64; i++)
		if (op_write((uint64_t)c, "m", 1, 0) != 1)
			return -1;
	return 0;
}

TEST(chan_full_queue_blocks_writers_until_drained)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(chan_fill_count(c), 0);
	CHECK_EQ(event_of((uint64_t)c), 0);
	CHECK_EQ(op_write((uint64_t)c, "z", 1, NB), -EAGAIN);
	CHECK_EQ(op_write((uint64_t)c, "pending", 7, 0), NO_ANSWER);
	uint64_t wtag = last_tag;
	/* A later write queues behind the pending one, even non-blocking. */
	CHECK_EQ(op_write((uint64_t)c, "z", 1, NB), -EAGAIN);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(answer(wtag), 7);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)s, &st), 0);
	CHECK_EQ(st.size, 63 + 7);
	for (int i = 0; i < 63; i++)
		CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(event_of((uint64_t)c), EVENT_WRITE);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 7);
	CHECK(!memcmp(buf, "pending", 7));
	net_end();
}

TEST(chan_byte_limit_and_message_size)
{
	long l, c, s;
	static char big[65537];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_write((uint64_t)c, big, 65537, 0), -EMSGSIZE);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(op_write((uint64_t)c, big, 65536, 0), 65536);
	CHECK_EQ(op_write((uint64_t)c, big, 1, NB), -EAGAIN);
	/* Zero bytes still fit in 256 KiB. */
	CHECK_EQ(op_write((uint64_t)c, NULL, 0, NB), 0);
	CHECK_EQ(op_read((uint64_t)s, big, 10, 0), 10);
	CHECK_EQ(op_write((uint64_t)c, big, 65536, NB), 65536);
	net_end();
}

TEST(chan_pending_writer_gets_epipe_when_the_reader_closes)
{
	long l, c, s;

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(chan_fill_count(c), 0);
	CHECK_EQ(op_write((uint64_t)c, "w", 1, 0), NO_ANSWER);
	uint64_t wtag = last_tag;
	op_close((uint64_t)s);
	CHECK_EQ(answer(wtag), -EPIPE);
	CHECK_EQ(event_of((uint64_t)c), RW);
	net_end();
}

TEST(chan_cancelled_write_lets_the_next_one_in)
{
	long l, c, s;
	char buf[8];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(chan_fill_count(c), 0);
	CHECK_EQ(op_write((uint64_t)c, "first", 5, 0), NO_ANSWER);
	uint64_t first = last_tag;
	CHECK_EQ(op_write((uint64_t)c, "second", 6, 0), NO_ANSWER);
	uint64_t second = last_tag;
	op_cancel(first);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(answers(first), 0);
	CHECK_EQ(answer(second), 6);
	for (int i = 0; i < 63; i++)
		CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 6);
	CHECK(!memcmp(buf, "second", 6));
	net_end();
}

/* Three 64 KiB messages and one a byte short: 1 byte of room left. */
static int chan_fill_bytes(long c, const char *big)
{
	for (int i = 0; i < 3; i++)
		if (op_write((uint64_t)c, big, 65536, 0) != 65536)
			return -1;
	return op_write((uint64_t)c, big, 65535, 0) == 65535 ? 0 : -1;
}

TEST(chan_small_write_waits_behind_a_big_one_until_cancelled)
{
	long l, c, s;
	static char big[65536];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(chan_fill_bytes(c, big), 0);
	CHECK_EQ(op_write((uint64_t)c, big, 65536, 0), NO_ANSWER);
	uint64_t bigtag = last_tag;
	/* One byte would fit, but writes keep their order. */
	CHECK_EQ(op_write((uint64_t)c, "s", 1, NB), -EAGAIN);
	CHECK_EQ(op_write((uint64_t)c, "s", 1, 0), NO_ANSWER);
	uint64_t smalltag = last_tag;
	op_cancel(bigtag);
	CHECK_EQ(answers(bigtag), 0);
	CHECK_EQ(answer(smalltag), 1);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)s, &st), 0);
	CHECK_EQ(st.size, 262144);
	net_end();
}

TEST(chan_accept_waits_for_a_connect)
{
	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("svc", O_CREAT);
	CHECK_EQ(op_dup((uint64_t)l, "accept", NB), -EAGAIN);
	CHECK_EQ(op_dup((uint64_t)l, "accept", 0), NO_ANSWER);
	uint64_t atag = last_tag;
	long c = op_open("svc", 0);
	CHECK(c > 0);
	long s = answer(atag);
	CHECK(s > 0 && s != c && s != l);
	/* The late answer carries no readiness, so it follows as an event. */
	CHECK_EQ(event_of((uint64_t)s), EVENT_WRITE);
	CHECK_EQ(event_of((uint64_t)l), -1);
	char buf[4];
	CHECK_EQ(op_write((uint64_t)c, "hi", 2, 0), 2);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 2);
	net_end();
}

TEST(chan_cancelled_accept_takes_no_connection)
{
	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("svc", O_CREAT);
	CHECK_EQ(op_dup((uint64_t)l, "accept", 0), NO_ANSWER);
	uint64_t atag = last_tag;
	op_cancel(atag);
	CHECK(op_open("svc", 0) > 0);
	CHECK_EQ(answers(atag), 0);
	CHECK_EQ(event_of((uint64_t)l), EVENT_READ);
	CHECK(op_dup((uint64_t)l, "accept", NB) > 0);
	net_end();
}

TEST(chan_accept_takes_the_oldest_and_clients_write_first)
{
	char buf[8];

	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("svc", O_CREAT);
	long c1 = op_open("svc", 0), c2 = op_open("svc", 0);
	CHECK_EQ(op_write((uint64_t)c2, "two", 3, 0), 3);
	CHECK_EQ(op_write((uint64_t)c1, "one", 3, 0), 3);
	long s1 = op_dup((uint64_t)l, "accept", 0);
	CHECK_EQ(last_events, RW);
	CHECK_EQ(op_read((uint64_t)s1, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "one", 3));
	long s2 = op_dup((uint64_t)l, "accept", 0);
	CHECK_EQ(op_read((uint64_t)s2, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "two", 3));
	net_end();
}

TEST(chan_backlog_holds_32)
{
	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("svc", O_CREAT);
	for (int i = 0; i < 32; i++)
		CHECK(op_open("svc", 0) > 0);
	CHECK_EQ(op_open("svc", 0), -ECONNREFUSED);
	CHECK(op_dup((uint64_t)l, "accept", 0) > 0);
	CHECK(op_open("svc", 0) > 0);
	CHECK_EQ(op_open("svc", 0), -ECONNREFUSED);
	net_end();
}

TEST(chan_closing_the_listener_ends_unaccepted_connections)
{
	char buf[4];

	net_begin(ipcd_chan_create, &ipcd_chan_ops);
	long l = op_open("svc", O_CREAT);
	long c = op_open("svc", 0);
	CHECK_EQ(op_read((uint64_t)c, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	op_close((uint64_t)l);
	CHECK_EQ(answer(rtag), 0);
	CHECK_EQ(event_of((uint64_t)c), RW);
	CHECK_EQ(op_write((uint64_t)c, "x", 1, 0), -EPIPE);
	CHECK_EQ(op_open("svc", 0), -ECONNREFUSED);
	/* The name is free again. */
	l = op_open("svc", O_CREAT);
	CHECK(l > 0);
	CHECK_EQ(op_dup((uint64_t)l, "accept", 0), NO_ANSWER);
	uint64_t atag = last_tag;
	op_close((uint64_t)l);
	CHECK_EQ(answer(atag), -EBADF);
	net_end();
}

TEST(chan_bad_handles_and_misuse)
{
	long l, c, s;
	char buf[4];
	abi_stat_t st;

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_read((uint64_t)l, buf, sizeof(buf), 0), -EINVAL);
	CHECK_EQ(op_write((uint64_t)l, "x", 1, 0), -EINVAL);
	CHECK_EQ(op_dup((uint64_t)c, "accept", 0), -EINVAL);
	CHECK_EQ(op_dup((uint64_t)l, "", 0), -EINVAL);
	CHECK_EQ(op_dup((uint64_t)l, "other", 0), -EINVAL);
	CHECK_EQ(op_dup(999, "accept", 0), -EBADF);
	CHECK_EQ(op_read(0, buf, sizeof(buf), 0), -EBADF);
	CHECK_EQ(op_read(999, buf, sizeof(buf), 0), -EBADF);
	CHECK_EQ(op_write(999, "x", 1, 0), -EBADF);
	CHECK_EQ(op_fstat(999, &st), -EBADF);
	CHECK_EQ(op_fevent(999), -EBADF);
	CHECK_EQ(op_seek((uint64_t)c, 0, SEEK_SET), -ESPIPE);
	CHECK_EQ(op_ftruncate((uint64_t)c, 0), -EOPNOTSUPP);
	op_close(999);  /* no answer, no harm */
	op_close((uint64_t)c);
	CHECK_EQ(op_write((uint64_t)c, "x", 1, 0), -EBADF);
	net_end();
}

TEST(chan_readiness_follows_the_queues)
{
	long l, c, s;
	char buf[4];

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	log_clear();
	CHECK_EQ(op_write((uint64_t)c, "x", 1, 0), 1);
	CHECK_EQ(event_of((uint64_t)s), RW);
	CHECK_EQ(event_of((uint64_t)c), -1);    /* unchanged: not announced */
	CHECK_EQ(op_fevent((uint64_t)s), RW);
	CHECK_EQ(call(SCHEME_OP_FEVENT, (uint64_t)s, NULL, 0, EVENT_READ, 0), EVENT_READ);
	log_clear();
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 1);
	CHECK_EQ(event_of((uint64_t)s), EVENT_WRITE);
	CHECK_EQ(op_fevent((uint64_t)l), 0);
	net_end();
}

TEST(chan_fstat_reports_a_socket_and_its_queue)
{
	long l, c, s;
	abi_stat_t st;

	conn_begin(ipcd_chan_create, &ipcd_chan_ops, &l, &c, &s);
	CHECK_EQ(op_write((uint64_t)c, "abcde", 5, 0), 5);
	CHECK_EQ(op_write((uint64_t)c, "fg", 2, 0), 2);
	CHECK_EQ(op_fstat((uint64_t)s, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFSOCK | 0666);
	CHECK_EQ(st.size, 7);
	CHECK_EQ(op_fstat((uint64_t)c, &st), 0);
	CHECK_EQ(st.size, 0);
	CHECK_EQ(call(SCHEME_OP_FSTAT, (uint64_t)c, &st, 4, 0, 0), -EINVAL);
	net_end();
}

/* --- uds_stream: --------------------------------------------------------- */

TEST(stream_reads_and_writes_are_partial)
{
	long l, c, s;
	static char big[70000], buf[70000];

	conn_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops, &l, &c, &s);
	CHECK(s > 0);
	CHECK_EQ(op_write((uint64_t)c, "0123456789", 10, 0), 10);
	CHECK_EQ(op_write((uint64_t)c, "ab", 2, 0), 2);
	CHECK_EQ(op_read((uint64_t)s, buf, 4, 0), 4);
	CHECK(!memcmp(buf, "0123", 4));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 8);
	CHECK(!memcmp(buf, "456789ab", 8));
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), NB), -EAGAIN);
	CHECK_EQ(op_read((uint64_t)s, buf, 0, NB), 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 256);
	CHECK_EQ(op_write((uint64_t)c, big, 60000, 0), 60000);
	CHECK_EQ(op_write((uint64_t)c, big + 60000, 10000, 0), 5536);
	CHECK_EQ(event_of((uint64_t)c), 0);
	CHECK_EQ(op_write((uint64_t)c, big, 1, NB), -EAGAIN);
	CHECK_EQ(op_read((uint64_t)s, buf, 30000, 0), 30000);
	CHECK_EQ(op_read((uint64_t)s, buf + 30000, sizeof(buf) - 30000, 0), 35536);
	CHECK(!memcmp(buf, big, 65536));
	net_end();
}

TEST(stream_pending_write_completes_when_room_appears)
{
	long l, c, s;
	static char big[65536], buf[65536];

	conn_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops, &l, &c, &s);
	memset(big, 'a', sizeof(big));
	CHECK_EQ(op_write((uint64_t)c, big, sizeof(big), 0), 65536);
	memset(big, 'b', sizeof(big));
	CHECK_EQ(op_write((uint64_t)c, big, 1000, 0), NO_ANSWER);
	uint64_t wtag = last_tag;
	CHECK_EQ(op_read((uint64_t)s, buf, 100, 0), 100);
	CHECK_EQ(answer(wtag), 100);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 65536);
	CHECK_EQ(buf[65435], 'a');
	CHECK_EQ(buf[65436], 'b');
	CHECK_EQ(buf[65535], 'b');
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), NB), -EAGAIN);
	net_end();
}

TEST(stream_pending_read_takes_whatever_arrives)
{
	long l, c, s;
	char buf[100];

	conn_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops, &l, &c, &s);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t r1 = last_tag;
	CHECK_EQ(op_read((uint64_t)s, buf + 50, 50, 0), NO_ANSWER);
	uint64_t r2 = last_tag;
	CHECK_EQ(op_write((uint64_t)c, "xyz", 3, 0), 3);
	CHECK_EQ(answer(r1), 3);
	CHECK(!memcmp(buf, "xyz", 3));
	CHECK_EQ(answers(r2), 0);
	op_close((uint64_t)c);
	CHECK_EQ(answer(r2), 0);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 0);
	CHECK_EQ(op_write((uint64_t)s, "q", 1, 0), -EPIPE);
	net_end();
}

TEST(stream_write_feeds_several_pending_reads_then_the_buffer)
{
	long l, c, s;
	char a[4], b[4], rest[16];

	conn_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops, &l, &c, &s);
	CHECK_EQ(op_read((uint64_t)s, a, sizeof(a), 0), NO_ANSWER);
	uint64_t r1 = last_tag;
	CHECK_EQ(op_read((uint64_t)s, b, sizeof(b), 0), NO_ANSWER);
	uint64_t r2 = last_tag;
	CHECK_EQ(op_write((uint64_t)c, "abcdefghij", 10, 0), 10);
	CHECK_EQ(answer(r1), 4);
	CHECK_EQ(answer(r2), 4);
	CHECK(!memcmp(a, "abcd", 4) && !memcmp(b, "efgh", 4));
	CHECK_EQ(op_read((uint64_t)s, rest, sizeof(rest), 0), 2);
	CHECK(!memcmp(rest, "ij", 2));
	net_end();
}

TEST(stream_cancelled_read_leaves_its_buffer_alone)
{
	long l, c, s;
	char *old = malloc(8), buf[8];

	conn_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops, &l, &c, &s);
	CHECK(old);
	CHECK_EQ(op_read((uint64_t)s, old, 8, 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	op_cancel(rtag);
	free(old);      /* ASan reports any later write through it */
	CHECK_EQ(op_write((uint64_t)c, "data", 4, 0), 4);
	CHECK_EQ(answers(rtag), 0);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), 4);
	net_end();
}

/* --- uds_dgram: ---------------------------------------------------------- */

TEST(dgram_bind_connect_and_datagrams)
{
	char buf[16];

	net_begin(ipcd_uds_dgram_create, &ipcd_uds_dgram_ops);
	long b = op_open("/tmp/d", O_CREAT);
	CHECK(b > 0);
	CHECK_EQ(last_events, 0);
	CHECK_EQ(op_open("/tmp/d", O_CREAT), -EADDRINUSE);
	CHECK_EQ(op_open("/tmp/none", 0), -ECONNREFUSED);
	CHECK_EQ(op_open("", O_CREAT), -EINVAL);
	long s1 = op_open("/tmp/d", 0), s2 = op_open("/tmp/d", 0);
	CHECK(s1 > 0 && s2 > 0 && s1 != s2);
	CHECK_EQ(last_events, EVENT_WRITE);
	CHECK_EQ(op_write((uint64_t)s1, "first", 5, 0), 5);
	CHECK_EQ(event_of((uint64_t)b), EVENT_READ);
	CHECK_EQ(op_write((uint64_t)s2, "second!", 7, 0), 7);
	CHECK_EQ(op_write((uint64_t)s1, NULL, 0, 0), 0);
	CHECK_EQ(op_read((uint64_t)b, buf, 3, 0), 3);
	CHECK(!memcmp(buf, "fir", 3));
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), 0), 7);
	CHECK(!memcmp(buf, "second!", 7));
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), 0), 0);
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), NB), -EAGAIN);
	CHECK_EQ(op_write((uint64_t)b, "x", 1, 0), -ENOTCONN);
	net_end();
}

TEST(dgram_pending_read_and_write)
{
	char buf[16];
	static char big[65537];

	net_begin(ipcd_uds_dgram_create, &ipcd_uds_dgram_ops);
	long b = op_open("/d", O_CREAT), s = op_open("/d", 0);
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	CHECK_EQ(op_write((uint64_t)s, "ping", 4, 0), 4);
	CHECK_EQ(answer(rtag), 4);
	CHECK(!memcmp(buf, "ping", 4));
	CHECK_EQ(op_write((uint64_t)s, big, 65537, 0), -EMSGSIZE);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(op_write((uint64_t)s, "d", 1, 0), 1);
	CHECK_EQ(op_write((uint64_t)s, "d", 1, NB), -EAGAIN);
	CHECK_EQ(op_write((uint64_t)s, "last", 4, 0), NO_ANSWER);
	uint64_t wtag = last_tag;
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), 0), 1);
	CHECK_EQ(answer(wtag), 4);
	net_end();
}

TEST(dgram_closing_a_sender_lets_the_next_one_in)
{
	static char big[65536];

	net_begin(ipcd_uds_dgram_create, &ipcd_uds_dgram_ops);
	long b = op_open("/d", O_CREAT), s1 = op_open("/d", 0), s2 = op_open("/d", 0);
	CHECK(b > 0);
	CHECK_EQ(chan_fill_bytes(s1, big), 0);
	CHECK_EQ(op_write((uint64_t)s1, big, 65536, 0), NO_ANSWER);
	uint64_t bigtag = last_tag;
	CHECK_EQ(op_write((uint64_t)s2, "s", 1, 0), NO_ANSWER);
	uint64_t smalltag = last_tag;
	op_close((uint64_t)s1);
	CHECK_EQ(answer(bigtag), -EBADF);
	CHECK_EQ(answer(smalltag), 1);
	net_end();
}

TEST(dgram_senders_never_receive)
{
	char buf[4];

	net_begin(ipcd_uds_dgram_create, &ipcd_uds_dgram_ops);
	long b = op_open("/d", O_CREAT), s = op_open("/d", 0);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), NB), -EAGAIN);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t rtag = last_tag;
	CHECK_EQ(op_write((uint64_t)s, "x", 1, 0), 1);
	CHECK_EQ(answers(rtag), 0);
	op_cancel(rtag);
	CHECK_EQ(op_read((uint64_t)s, buf, sizeof(buf), 0), NO_ANSWER);
	rtag = last_tag;
	op_close((uint64_t)s);
	CHECK_EQ(answer(rtag), -EBADF);
	CHECK_EQ(op_dup((uint64_t)b, "accept", 0), -EOPNOTSUPP);
	CHECK_EQ(op_dup((uint64_t)b, "x", 0), -EINVAL);
	CHECK_EQ(op_dup(99, "accept", 0), -EBADF);
	net_end();
}

TEST(dgram_closed_name_refuses_and_can_be_bound_again)
{
	char buf[8];

	net_begin(ipcd_uds_dgram_create, &ipcd_uds_dgram_ops);
	long b = op_open("/d", O_CREAT), old = op_open("/d", 0);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(op_write((uint64_t)old, "d", 1, 0), 1);
	CHECK_EQ(op_write((uint64_t)old, "w", 1, 0), NO_ANSWER);
	uint64_t wtag = last_tag;
	op_close((uint64_t)b);
	CHECK_EQ(answer(wtag), -ECONNREFUSED);
	CHECK_EQ(event_of((uint64_t)old), EVENT_WRITE);
	CHECK_EQ(op_write((uint64_t)old, "x", 1, 0), -ECONNREFUSED);
	CHECK_EQ(op_open("/d", 0), -ECONNREFUSED);
	long b2 = op_open("/d", O_CREAT);
	CHECK(b2 > 0);
	CHECK_EQ(op_write((uint64_t)old, "x", 1, 0), -ECONNREFUSED);
	long s = op_open("/d", 0);
	CHECK_EQ(op_write((uint64_t)s, "new", 3, 0), 3);
	CHECK_EQ(op_read((uint64_t)b2, buf, sizeof(buf), 0), 3);
	CHECK(!memcmp(buf, "new", 3));
	net_end();
}

/* --- shm: ---------------------------------------------------------------- */

static int shm_allocs, shm_releases;
static size_t shm_live;         /* bytes handed out and not released */
static size_t shm_last_alloc;

static void *shm_test_alloc(size_t bytes)
{
	void *p;

	if (bytes % 4096)
		return NULL;    /* the daemon must round up */
	p = aligned_alloc(4096, bytes);
	if (!p)
		return NULL;
	memset(p, 0xa5, bytes); /* the daemon must not rely on zeroed memory */
	shm_allocs++;
	shm_live += bytes;
	shm_last_alloc = bytes;
	return p;
}

static void shm_test_release(void *p, size_t bytes)
{
	shm_releases++;
	shm_live -= bytes;
	free(p);
}

static void shm_begin(void)
{
	scheme_server_init(&srv, &ipcd_shm_ops, NULL);
	srv.state = ipcd_shm_create(&srv, shm_test_alloc, shm_test_release);
	shm_allocs = shm_releases = 0;
	shm_live = 0;
	nlog = 0;
}

static void shm_end(void)
{
	ipcd_shm_destroy(srv.state);
	log_clear();
}

TEST(shm_create_open_excl_and_enoent)
{
	shm_begin();
	CHECK_EQ(op_open("seg", 0), -ENOENT);
	long a = op_open("seg", O_CREAT | O_EXCL | O_RDWR);
	CHECK(a > 0);
	CHECK_EQ(last_events, RW);
	CHECK_EQ(op_open("seg", O_CREAT | O_EXCL), -EEXIST);
	long b = op_open("seg", O_CREAT), c = op_open("seg", O_RDWR);
	CHECK(b > 0 && c > 0 && b != a && c != b);
	CHECK_EQ(op_open("", O_CREAT), -EINVAL);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)c, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFREG | 0666);
	CHECK_EQ(st.size, 0);
	CHECK_EQ(op_fevent((uint64_t)a), RW);
	CHECK_EQ(shm_allocs, 0);
	shm_end();
	CHECK_EQ(shm_live, 0);
}

TEST(shm_ftruncate_and_mmap)
{
	shm_begin();
	long h = op_open("seg", O_CREAT);
	CHECK_EQ(op_mmap((uint64_t)h, 0, 4096), -ENXIO);
	CHECK_EQ(op_ftruncate((uint64_t)h, 100), 0);
	CHECK_EQ(shm_allocs, 1);
	CHECK_EQ(shm_last_alloc, 4096);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)h, &st), 0);
	CHECK_EQ(st.size, 100);
	long addr = op_mmap((uint64_t)h, 0, 4096);
	CHECK(addr > 0);
	CHECK_EQ(addr % 4096, 0);
	unsigned char *p = (unsigned char *)(uintptr_t)addr;
	CHECK_EQ(p[0], 0);      /* new memory reads as zero */
	CHECK_EQ(p[4095], 0);
	CHECK_EQ(op_mmap((uint64_t)h, 1, 100), -EINVAL);
	CHECK_EQ(op_mmap((uint64_t)h, 4096, 1), -ENXIO);
	CHECK_EQ(op_mmap((uint64_t)h, 0, 4097), -ENXIO);
	CHECK_EQ(op_mmap((uint64_t)h, 0, 0), -EINVAL);
	CHECK_EQ(op_mmap((uint64_t)h, 8192, 4096), -ENXIO);
	/* Through the mapping, then through read. */
	memcpy(p, "shared", 6);
	char buf[8];
	CHECK_EQ(op_read((uint64_t)h, buf, 6, 0), 6);
	CHECK(!memcmp(buf, "shared", 6));
	shm_end();
	CHECK_EQ(shm_live, 0);
}

TEST(shm_growth_after_mmap_is_busy)
{
	shm_begin();
	long h = op_open("seg", O_CREAT);
	CHECK_EQ(op_ftruncate((uint64_t)h, 5000), 0);
	CHECK_EQ(shm_last_alloc, 8192);
	long addr = op_mmap((uint64_t)h, 4096, 4096);
	CHECK(addr > 0);
	unsigned char *p = (unsigned char *)(uintptr_t)addr - 4096;
	CHECK_EQ(op_ftruncate((uint64_t)h, 8192), 0);   /* within capacity */
	CHECK_EQ(op_ftruncate((uint64_t)h, 8193), -EBUSY);
	CHECK_EQ(op_seek((uint64_t)h, 8190, SEEK_SET), 8190);
	CHECK_EQ(op_write((uint64_t)h, "abcd", 4, 0), -EBUSY);
	CHECK_EQ(op_write((uint64_t)h, "ab", 2, 0), 2);
	CHECK_EQ(p[8191], 'b');
	/* Shrinking zeroes what it cuts off, and the area stays. */
	CHECK_EQ(op_ftruncate((uint64_t)h, 10), 0);
	CHECK_EQ(p[8191], 0);
	CHECK_EQ(shm_allocs, 1);
	CHECK_EQ(shm_releases, 0);
	shm_end();
	CHECK_EQ(shm_releases, 1);
	CHECK_EQ(shm_live, 0);
}

TEST(shm_growth_before_mmap_moves_the_contents)
{
	char buf[8];

	shm_begin();
	long h = op_open("seg", O_CREAT);
	CHECK_EQ(op_write((uint64_t)h, "keepme", 6, 0), 6);
	CHECK_EQ(shm_last_alloc, 4096);
	CHECK_EQ(op_ftruncate((uint64_t)h, 10000), 0);
	CHECK_EQ(shm_allocs, 2);
	CHECK_EQ(shm_releases, 1);
	CHECK_EQ(shm_last_alloc, 12288);
	CHECK_EQ(shm_live, 12288);
	CHECK_EQ(op_seek((uint64_t)h, 0, SEEK_SET), 0);
	CHECK_EQ(op_read((uint64_t)h, buf, 6, 0), 6);
	CHECK(!memcmp(buf, "keepme", 6));
	CHECK_EQ(op_seek((uint64_t)h, 9990, SEEK_SET), 9990);
	CHECK_EQ(op_read((uint64_t)h, buf, 8, 0), 8);
	CHECK(!memcmp(buf, "\0\0\0\0\0\0\0\0", 8));
	CHECK_EQ(op_read((uint64_t)h, buf, 8, 0), 2);
	CHECK_EQ(op_read((uint64_t)h, buf, 8, 0), 0);
	shm_end();
	CHECK_EQ(shm_live, 0);
}

TEST(shm_handles_have_their_own_offsets)
{
	char buf[16];

	shm_begin();
	long a = op_open("seg", O_CREAT), b = op_open("seg", 0);
	CHECK_EQ(op_write((uint64_t)a, "hello world", 11, 0), 11);
	CHECK_EQ(op_read((uint64_t)b, buf, 5, 0), 5);
	CHECK(!memcmp(buf, "hello", 5));
	CHECK_EQ(op_write((uint64_t)a, "!", 1, 0), 1);
	CHECK_EQ(op_seek((uint64_t)b, 1, SEEK_CUR), 6);
	CHECK_EQ(op_read((uint64_t)b, buf, sizeof(buf), 0), 6);
	CHECK(!memcmp(buf, "world!", 6));
	CHECK_EQ(op_seek((uint64_t)b, 3, SEEK_SET), 3);
	CHECK_EQ(op_seek((uint64_t)b, -2, SEEK_END), 10);
	CHECK_EQ(op_seek((uint64_t)b, -13, SEEK_END), -EINVAL);
	CHECK_EQ(op_seek((uint64_t)b, -1, SEEK_SET), -EINVAL);
	CHECK_EQ(op_seek((uint64_t)b, 0, 7), -EINVAL);
	CHECK_EQ(op_seek((uint64_t)b, 0, SEEK_CUR), 10);
	CHECK_EQ(call(SCHEME_OP_WRITE, (uint64_t)b, "+", 1, 0, O_APPEND), 1);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)a, &st), 0);
	CHECK_EQ(st.size, 13);
	/* Writing past the end leaves a hole of zeros. */
	CHECK_EQ(op_seek((uint64_t)a, 20, SEEK_SET), 20);
	CHECK_EQ(op_write((uint64_t)a, "z", 1, 0), 1);
	CHECK_EQ(op_seek((uint64_t)a, 13, SEEK_SET), 13);
	CHECK_EQ(op_read((uint64_t)a, buf, sizeof(buf), 0), 8);
	CHECK(!memcmp(buf, "\0\0\0\0\0\0\0z", 8));
	CHECK_EQ(op_ftruncate((uint64_t)a, (uint64_t)-1), -EINVAL);
	shm_end();
}

TEST(shm_unlink_waits_for_the_last_close)
{
	char buf[4];

	shm_begin();
	long a = op_open("seg", O_CREAT), b = op_open("seg", 0);
	CHECK_EQ(op_ftruncate((uint64_t)a, 4096), 0);
	CHECK_EQ(op_write((uint64_t)a, "abc", 3, 0), 3);
	CHECK_EQ(op_unlink("seg"), 0);
	CHECK_EQ(op_unlink("seg"), -ENOENT);
	CHECK_EQ(op_open("seg", 0), -ENOENT);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)a, &st), 0);
	CHECK_EQ(st.nlink, 0);
	op_close((uint64_t)a);
	CHECK_EQ(shm_releases, 0);
	CHECK_EQ(op_read((uint64_t)b, buf, 3, 0), 3);
	CHECK(!memcmp(buf, "abc", 3));
	op_close((uint64_t)b);
	CHECK_EQ(shm_releases, 1);
	CHECK_EQ(shm_live, 0);
	/* A new object under the old name is a different one. */
	long c = op_open("seg", O_CREAT | O_EXCL);
	CHECK(c > 0);
	CHECK_EQ(op_read((uint64_t)c, buf, 3, 0), 0);
	shm_end();
}

TEST(shm_named_objects_outlive_their_handles)
{
	char buf[4];

	shm_begin();
	long a = op_open("keep", O_CREAT);
	CHECK_EQ(op_write((uint64_t)a, "xyz", 3, 0), 3);
	op_close((uint64_t)a);
	CHECK_EQ(shm_releases, 0);
	long b = op_open("keep", 0);
	CHECK_EQ(op_read((uint64_t)b, buf, 3, 0), 3);
	CHECK(!memcmp(buf, "xyz", 3));
	op_close((uint64_t)b);
	long c = op_open("keep", O_CREAT | O_TRUNC);
	abi_stat_t st;
	CHECK_EQ(op_fstat((uint64_t)c, &st), 0);
	CHECK_EQ(st.size, 0);
	CHECK_EQ(op_unlink("missing"), -ENOENT);
	/* Shrunk to nothing, it keeps its pages but has nothing to map. */
	CHECK_EQ(op_ftruncate((uint64_t)c, 100), 0);
	CHECK_EQ(op_ftruncate((uint64_t)c, 0), 0);
	CHECK_EQ(op_mmap((uint64_t)c, 0, 4096), -ENXIO);
	/* Unlinking a name nobody has open releases it at once. */
	op_close((uint64_t)c);
	CHECK_EQ(shm_releases, 0);
	CHECK_EQ(op_unlink("keep"), 0);
	CHECK_EQ(shm_releases, 1);
	shm_end();
	CHECK_EQ(shm_releases, 1);
	CHECK_EQ(shm_live, 0);
}

TEST(shm_bad_handles)
{
	char buf[4];
	abi_stat_t st;

	shm_begin();
	CHECK_EQ(op_read(1, buf, sizeof(buf), 0), -EBADF);
	CHECK_EQ(op_write(7, "x", 1, 0), -EBADF);
	CHECK_EQ(op_seek(1, 0, SEEK_SET), -EBADF);
	CHECK_EQ(op_ftruncate(1, 10), -EBADF);
	CHECK_EQ(op_mmap(1, 0, 4096), -EBADF);
	CHECK_EQ(op_fstat(1, &st), -EBADF);
	CHECK_EQ(op_fevent(1), -EBADF);
	CHECK_EQ(op_dup(1, "", 0), -EOPNOTSUPP);
	long h = op_open("seg", O_CREAT);
	op_close((uint64_t)h);
	CHECK_EQ(op_read((uint64_t)h, buf, sizeof(buf), 0), -EBADF);
	shm_end();
}

/* --- stress: random operations against a model --------------------------- */

#define ST_SLOTS    3           /* connections alive at once */
#define ST_OPS      32          /* calls outstanding at once */
#define ST_SEQS     8192        /* chan: messages per direction */
#define ST_STEPS    10000
#define ST_HANDLES  256
#define ST_PENDING  NO_ANSWER   /* expected: no answer yet */
#define ST_POSITIVE (-99998L)   /* expected: a count, checked against the data */

#define ST_CHECK(cond)                                            \
	do {                                                      \
		if (!(cond)) {                                    \
			unit_fail(__FILE__, __LINE__, #cond);     \
			return false;                             \
		}                                                 \
	} while (0)

enum { ST_READ, ST_WRITE };

/* One direction of a connection: written by end i, read by end 1 - i. */
typedef struct st_dir {
	uint64_t wpos, rpos;    /* stream: byte positions; chan: sequence numbers */
	long queued, qcount;    /* bytes and (chan) messages in the queue */
	int pending_writes, pending_reads;
	size_t pending_read_len;
	uint64_t acked_end;     /* chan: 1 + the last message acknowledged */
	bool writer_open, reader_open;
	uint8_t cancelled[ST_SEQS]; /* chan: sequence numbers never delivered */
} st_dir_t;

typedef struct st_slot {
	bool used;
	long h[2];              /* client, server */
	bool open[2];
	st_dir_t dir[2];
} st_slot_t;

typedef struct st_op {
	bool used, pending;
	uint64_t tag;
	int kind, slot, end;
	unsigned char *buf;
	size_t len;
	uint64_t seq;           /* WRITE: chan sequence number or stream position */
	long expect;
} st_op_t;

static struct {
	bool stream;
	long listener;
	uint64_t accept_tag;
	long accepted;
	st_slot_t slot[ST_SLOTS];
	st_op_t op[ST_OPS];
	long known[ST_HANDLES]; /* the readiness the kernel was told */
	uint32_t rng;
	unsigned phase;
	int hot_slot, hot_end;
	unsigned long pended, eofs, eagains, cancels, closes, bytes;
	unsigned long woken_reads, pumped_writes;     /* pending calls completed with data */
} S;

static unsigned st_rand(unsigned n)
{
	S.rng ^= S.rng << 13;
	S.rng ^= S.rng >> 17;
	S.rng ^= S.rng << 5;
	return S.rng % n;
}

static unsigned char st_stream_byte(int d, uint64_t pos)
{
	return (unsigned char)(((pos * 2654435761u) >> 13) ^ (uint64_t)d);
}

static unsigned char st_chan_byte(uint64_t seq, size_t i)
{
	return (unsigned char)(seq * 131 + i * 7);
}

static st_op_t *st_op_new(int kind, int slot, int end, size_t len)
{
	for (int i = 0; i < ST_OPS; i++) {
		st_op_t *op = &S.op[i];

		if (op->used)
			continue;
		*op = (st_op_t){ .used = true, .kind = kind, .slot = slot, .end = end, .len = len };
		op->buf = malloc(len ? len : 1);
		op->tag = tag_seq + 1;  /* the tag call() gives next */
		return op->buf ? op : NULL;
	}
	return NULL;
}

static void st_op_free(st_op_t *op)
{
	free(op->buf);
	op->used = false;
}

static st_op_t *st_op_find(uint64_t tag)
{
	for (int i = 0; i < ST_OPS; i++)
		if (S.op[i].used && S.op[i].tag == tag)
			return &S.op[i];
	return NULL;
}

static bool st_write_done(st_op_t *op, long r)
{
	st_slot_t *sl = &S.slot[op->slot];
	st_dir_t *d = &sl->dir[op->end];

	if (op->pending) {
		d->pending_writes--;
		S.pumped_writes += r > 0;
	} else {
		ST_CHECK(r == op->expect);
	}
	if (r >= 0) {
		ST_CHECK(S.stream ? r > 0 && (size_t)r <= op->len : (size_t)r == op->len);
		d->queued += r;
		S.bytes += (unsigned long)r;
		if (S.stream) {
			ST_CHECK(op->seq == d->wpos);
			d->wpos += (uint64_t)r;
		} else {
			d->qcount++;
			d->acked_end = op->seq + 1;
		}
		return true;
	}
	if (r == -EPIPE)
		ST_CHECK(!d->reader_open);
	else if (r == -EBADF)
		ST_CHECK(!sl->open[op->end]);
	else
		ST_CHECK(r == -EAGAIN && !op->pending);
	S.eagains += r == -EAGAIN;
	if (!S.stream)
		d->cancelled[op->seq] = 1;
	return true;
}

static bool st_stream_got(st_dir_t *d, int di, const st_op_t *op, long r)
{
	ST_CHECK((size_t)r <= op->len);
	for (long i = 0; i < r; i++)
		ST_CHECK(op->buf[i] == st_stream_byte(di, d->rpos + (uint64_t)i));
	d->rpos += (uint64_t)r;
	d->queued -= r;
	return true;
}

static bool st_chan_got(st_dir_t *d, const st_op_t *op, long r)
{
	uint32_t seq, len;

	ST_CHECK(r >= 8);
	memcpy(&seq, op->buf, 4);
	memcpy(&len, op->buf + 4, 4);
	ST_CHECK(seq < ST_SEQS && seq >= d->rpos);
	ST_CHECK((size_t)r == (op->len < len ? op->len : len));
	for (uint64_t s = d->rpos; s < seq; s++)
		ST_CHECK(d->cancelled[s]);
	for (long i = 8; i < r; i++)
		ST_CHECK(op->buf[i] == st_chan_byte(seq, (size_t)i));
	d->rpos = seq + 1;
	d->queued -= len;
	d->qcount--;
	return true;
}

static bool st_read_done(st_op_t *op, long r)
{
	st_slot_t *sl = &S.slot[op->slot];
	st_dir_t *d = &sl->dir[1 - op->end];

	if (op->pending) {
		d->pending_reads--;
		d->pending_read_len -= op->len;
		S.woken_reads += r > 0;
	} else {
		ST_CHECK(op->expect == ST_POSITIVE ? r > 0 : r == op->expect);
	}
	if (r > 0)
		return S.stream ? st_stream_got(d, 1 - op->end, op, r) : st_chan_got(d, op, r);
	if (r == 0) {
		/* EOF: everything the peer got acknowledged was delivered. */
		S.eofs++;
		ST_CHECK(!d->writer_open && d->queued == 0 && d->qcount == 0);
		ST_CHECK(S.stream ? d->rpos == d->wpos : d->rpos >= d->acked_end);
		return true;
	}
	if (r == -EBADF) {
		ST_CHECK(!sl->open[op->end]);
		return true;
	}
	ST_CHECK(r == -EAGAIN && !op->pending);
	S.eagains++;
	return true;
}

/* The answer to the call just made (not one of the tracked calls). */
static bool st_direct_done(const abi_scheme_response_t *r)
{
	ST_CHECK(r->tag == last_tag);
	if ((last_op == SCHEME_OP_OPEN || last_op == SCHEME_OP_DUP) && r->result > 0) {
		ST_CHECK(r->result < ST_HANDLES);
		S.known[r->result] = r->events;
	}
	return true;
}

static bool st_done(const abi_scheme_response_t *r)
{
	st_op_t *op = st_op_find(r->tag);
	bool ok;

	if (r->tag == S.accept_tag) {
		S.accept_tag = 0;
		S.accepted = r->result;
		ST_CHECK(r->result > 0 && r->result < ST_HANDLES);
		S.known[r->result] = r->events;
		return true;
	}
	if (!op)
		return st_direct_done(r);
	ok = op->kind == ST_READ ? st_read_done(op, r->result) : st_write_done(op, r->result);
	st_op_free(op);
	return ok;
}

/* Takes every response in the log, in order, into the model. */
static bool st_process(void)
{
	log_drain();
	for (unsigned i = 0; i < nlog; i++) {
		const abi_scheme_response_t *r = &rlog[i];

		if (r->kind == SCHEME_RESP_EVENT) {
			ST_CHECK(r->handle < ST_HANDLES);
			S.known[r->handle] = r->events;
		} else if (!st_done(r)) {
			return false;
		}
	}
	nlog = 0;
	return true;
}

/* After a call on op: still unanswered means pending, which must be expected. */
static bool st_after(st_op_t *op)
{
	st_dir_t *d = &S.slot[op->slot].dir[op->kind == ST_WRITE ? op->end : 1 - op->end];

	if (!st_process())
		return false;
	if (!op->used || op->tag != last_tag)
		return true;
	ST_CHECK(op->expect == ST_PENDING);
	op->pending = true;
	S.pended++;
	if (op->kind == ST_WRITE) {
		d->pending_writes++;
	} else {
		d->pending_reads++;
		d->pending_read_len += op->len;
	}
	return true;
}

static long st_expect_write(const st_dir_t *d, size_t len, bool block)
{
	long r;

	if (!d->reader_open)
		return -EPIPE;
	if (S.stream) {
		size_t avail = d->pending_writes ? 0
						 : 65536 - (size_t)d->queued + d->pending_read_len;
		r = (long)(len < avail ? len : avail);
	} else {
		bool fits = !d->pending_writes &&
			    (d->pending_reads || (d->qcount < 64 && d->queued + (long)len <= 262144));
		r = fits ? (long)len : 0;
	}
	if (r == 0)
		r = block ? ST_PENDING : -EAGAIN;
	return r;
}

static long st_expect_read(const st_dir_t *d, size_t len, bool block)
{
	if (d->queued > 0 || d->qcount > 0) {
		if (!S.stream)
			return ST_POSITIVE;
		return (long)(len < (size_t)d->queued ? len : (size_t)d->queued);
	}
	if (!d->writer_open)
		return 0;
	return block ? ST_PENDING : -EAGAIN;
}

static size_t st_len(void)
{
	if (st_rand(8) == 0)
		return 30000 + st_rand(35537);
	return (S.stream ? 1 : 8) + st_rand(5000);
}

static bool st_write(int si, int e)
{
	st_slot_t *sl = &S.slot[si];
	st_dir_t *d = &sl->dir[e];
	bool block = st_rand(2) && d->pending_writes < (S.stream ? 1 : 3);
	size_t len = st_len();
	st_op_t *op = st_op_new(ST_WRITE, si, e, len);

	if (!op)
		return true;
	op->expect = st_expect_write(d, len, block);
	op->seq = S.stream ? d->wpos : d->wpos++;
	ST_CHECK(op->seq < ST_SEQS || S.stream);
	if (S.stream) {
		for (size_t i = 0; i < len; i++)
			op->buf[i] = st_stream_byte(e, op->seq + i);
	} else {
		uint32_t seq = (uint32_t)op->seq, l32 = (uint32_t)len;

		memcpy(op->buf, &seq, 4);
		memcpy(op->buf + 4, &l32, 4);
		for (size_t i = 8; i < len; i++)
			op->buf[i] = st_chan_byte(seq, i);
	}
	call(SCHEME_OP_WRITE, (uint64_t)sl->h[e], op->buf, len, 0, block ? 0 : NB);
	return st_after(op);
}

static bool st_read(int si, int e)
{
	st_slot_t *sl = &S.slot[si];
	st_dir_t *d = &sl->dir[1 - e];
	bool block = st_rand(2) && d->pending_reads < 2;
	size_t len = st_rand(8) == 0 ? 65536 + st_rand(8000) : (S.stream ? 1 : 8) + st_rand(8000);
	st_op_t *op = st_op_new(ST_READ, si, e, len);

	if (!op)
		return true;
	op->expect = st_expect_read(d, len, block);
	call(SCHEME_OP_READ, (uint64_t)sl->h[e], op->buf, len, 0, block ? 0 : NB);
	return st_after(op);
}

/* Forgets one of the pending calls, as the kernel does when its caller dies. */
static bool st_cancel(void)
{
	st_op_t *op = NULL;
	unsigned seen = 0;

	for (int i = 0; i < ST_OPS; i++)
		if (S.op[i].used && S.op[i].pending && st_rand(++seen) == 0)
			op = &S.op[i];
	if (!op)
		return true;
	st_slot_t *sl = &S.slot[op->slot];
	if (op->kind == ST_WRITE) {
		sl->dir[op->end].pending_writes--;
		if (!S.stream)
			sl->dir[op->end].cancelled[op->seq] = 1;
	} else {
		sl->dir[1 - op->end].pending_reads--;
		sl->dir[1 - op->end].pending_read_len -= op->len;
	}
	uint64_t tag = op->tag;
	st_op_free(op);         /* ASan catches the daemon still using the buffer */
	S.cancels++;
	call(SCHEME_OP_CANCEL, 0, NULL, 0, tag, 0);
	return st_process();
}

static bool st_close(int si, int e)
{
	st_slot_t *sl = &S.slot[si];

	sl->open[e] = false;
	sl->dir[e].writer_open = false;
	sl->dir[1 - e].reader_open = false;
	sl->dir[1 - e].queued = sl->dir[1 - e].qcount = 0;      /* dropped */
	S.known[sl->h[e]] = -1;
	S.closes++;
	call(SCHEME_OP_CLOSE, (uint64_t)sl->h[e], NULL, 0, 0, 0);
	if (!st_process())
		return false;
	if (sl->open[0] || sl->open[1])
		return true;
	for (int i = 0; i < ST_OPS; i++)
		ST_CHECK(!S.op[i].used || S.op[i].slot != si);
	sl->used = false;
	return true;
}

static bool st_connect(void)
{
	int si = 0;
	long c, s;

	while (si < ST_SLOTS && S.slot[si].used)
		si++;
	if (si == ST_SLOTS)
		return true;
	bool accept_first = st_rand(2);
	if (accept_first) {
		ST_CHECK(call(SCHEME_OP_DUP, (uint64_t)S.listener, "accept", 7, 0, 0) ==
			 NO_ANSWER);
		S.accept_tag = last_tag;
		ST_CHECK(st_process());
	}
	c = call(SCHEME_OP_OPEN, 0, "svc", 4, 0, 0);
	ST_CHECK(st_process());
	s = accept_first ? S.accepted
			 : call(SCHEME_OP_DUP, (uint64_t)S.listener, "accept", 7, 0, NB);
	ST_CHECK(st_process());
	ST_CHECK(c > 0 && s > 0 && c != s && !S.accept_tag);
	st_slot_t *sl = &S.slot[si];
	memset(sl, 0, sizeof(*sl));
	*sl = (st_slot_t){ .used = true, .h = { c, s }, .open = { true, true } };
	for (int d = 0; d < 2; d++)
		sl->dir[d].writer_open = sl->dir[d].reader_open = true;
	return true;
}

static unsigned st_model_events(const st_slot_t *sl, int e)
{
	const st_dir_t *rx = &sl->dir[1 - e], *tx = &sl->dir[e];
	unsigned ev = 0;
	bool room = S.stream ? tx->queued < 65536
			     : tx->qcount < 64 && tx->queued + 65536 <= 262144;

	if (rx->queued > 0 || rx->qcount > 0 || !rx->writer_open)
		ev |= EVENT_READ;
	if (!tx->reader_open || (!tx->pending_writes && room))
		ev |= EVENT_WRITE;
	return ev;
}

/* Readiness (told, asked and modelled) and queue sizes of every handle. */
static bool st_verify(void)
{
	abi_stat_t st;

	ST_CHECK(op_fevent((uint64_t)S.listener) == 0 && st_process());
	ST_CHECK(S.known[S.listener] == 0);
	for (int si = 0; si < ST_SLOTS; si++) {
		st_slot_t *sl = &S.slot[si];

		for (int e = 0; sl->used && e < 2; e++) {
			long h = sl->h[e], want = st_model_events(sl, e);

			if (!sl->open[e])
				continue;
			ST_CHECK(op_fevent((uint64_t)h) == want && st_process());
			ST_CHECK(S.known[h] == want);
			ST_CHECK(op_fstat((uint64_t)h, &st) == 0 && st_process());
			ST_CHECK(st.size == sl->dir[1 - e].queued);
		}
	}
	return true;
}

/* An open end of a connection, mostly the phase's favourite, or false. */
static bool st_pick(int *si, int *e)
{
	bool hot = st_rand(10) < 7;

	*si = hot ? S.hot_slot : (int)st_rand(ST_SLOTS);
	*e = hot ? S.hot_end : (int)st_rand(2);
	return S.slot[*si].used && S.slot[*si].open[*e];
}

/*
 * Phases of 100 steps work mostly on one end and lean towards writing
 * (its queue fills, writers wait) or reading (queues empty, readers
 * wait); a connection whose peer is gone is soon closed too, so new ones
 * keep coming.
 */
static bool st_step(int step)
{
	static const unsigned write_pct[3] = { 75, 20, 42 };
	unsigned what = st_rand(100), writes;
	int si, e;

	if (step % 100 == 0) {
		S.phase = st_rand(3);
		S.hot_slot = (int)st_rand(ST_SLOTS);
		S.hot_end = (int)st_rand(2);
	}
	writes = write_pct[S.phase];
	if (what < 4)
		return st_connect() && st_verify();
	if (what < 7)
		return st_cancel() && st_verify();
	if (!st_pick(&si, &e))
		return true;
	if (what >= 98 || (!S.slot[si].open[1 - e] && st_rand(4) == 0))
		return st_close(si, e) && st_verify();
	if (what < 7 + writes)
		return st_write(si, e) && st_verify();
	return st_read(si, e) && st_verify();
}

/* Cancels what is pending, drains every open direction, and checks nothing was lost. */
static bool st_finish(void)
{
	for (int i = 0; i < ST_OPS; i++)
		while (S.op[i].used)
			if (!st_cancel())
				return false;
	for (int si = 0; si < ST_SLOTS; si++) {
		st_slot_t *sl = &S.slot[si];

		for (int e = 0; sl->used && e < 2; e++) {
			st_dir_t *d = &sl->dir[1 - e];

			while (sl->open[e] && (d->queued > 0 || d->qcount > 0))
				if (!st_read(si, e))
					return false;
			ST_CHECK(!sl->open[e] || !S.stream || d->rpos == d->wpos);
			ST_CHECK(!sl->open[e] || S.stream || d->rpos >= d->acked_end);
		}
		for (int e = 0; sl->used && e < 2; e++)
			if (sl->open[e] && !st_close(si, e))
				return false;
	}
	return true;
}

static bool st_run(bool stream, uint32_t seed)
{
	memset(&S, 0, sizeof(S));
	S.stream = stream;
	S.rng = seed;
	for (int h = 0; h < ST_HANDLES; h++)
		S.known[h] = -1;
	if (stream)
		net_begin(ipcd_uds_stream_create, &ipcd_uds_stream_ops);
	else
		net_begin(ipcd_chan_create, &ipcd_chan_ops);
	S.listener = call(SCHEME_OP_OPEN, 0, "svc", 4, O_CREAT, 0);
	ST_CHECK(S.listener > 0 && st_process());
	for (int i = 0; i < ST_STEPS; i++)
		if (!st_step(i))
			return false;
	if (!st_finish())
		return false;
	net_end();
	/* The run went through the interesting paths, not around them. */
	ST_CHECK(S.pended > 200 && S.cancels > 50 && S.eofs > 10 && S.eagains > 500);
	ST_CHECK(S.closes > 100 && S.bytes > 2000000);
	ST_CHECK(S.woken_reads > 50 && S.pumped_writes > 10);
	return true;
}

TEST(stress_chan_random_operations)
{
	CHECK(st_run(false, 0x1234567u));
	CHECK(st_run(false, 0xdeadbeefu));
}

TEST(stress_uds_stream_random_operations)
{
	CHECK(st_run(true, 0x7654321u));
	CHECK(st_run(true, 0xfeedf00du));
}
