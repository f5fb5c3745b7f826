// SPDX-License-Identifier: MIT
/*
 * Tests for ptyd (daemons/ptyd): first the line discipline alone (typed
 * bytes in, what a read returns and what the master sees out), then the
 * pty: scheme driven the way the kernel drives it — requests with a
 * caller's pid, process group and session through scheme_dispatch(),
 * every answer and readiness event logged, signals and the clock faked
 * through the daemon's pty_sys_t hooks.
 *
 * The limits written here (4096 bytes of input, 4096 of program output,
 * 256 pairs) are the documented ones, spelled out again rather than taken
 * from the daemon's headers.
 */
#include "unit.h"

#include <daemons/ptyd/ldisc.h>
#include <daemons/ptyd/pty.h>

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

/* ==== the line discipline ================================================== */

static ldisc_t ld;
static char outbuf[16384];

static void ld_begin(void)
{
	ldisc_init(&ld);
}

/* Types s; the last signal raised (0 if none). */
static int ld_type_n(const char *s, size_t len)
{
	size_t done = 0;
	int last = 0;

	while (done < len) {
		int sig;
		size_t n = ldisc_receive(&ld, (const uint8_t *)s + done, len - done, &sig);
		done += n;
		if (sig)
			last = sig;
		if (!n)
			break;
	}
	return last;
}

static int ld_type(const char *s)
{
	return ld_type_n(s, strlen(s));
}

/* Everything the master would read now, as a string. */
static const char *ld_out(void)
{
	size_t n = ldisc_output_take(&ld, (uint8_t *)outbuf, sizeof(outbuf) - 1);

	outbuf[n] = '\0';
	return outbuf;
}

static char readbuf[8192];

/* A read of up to len bytes as a string; "<EAGAIN>" if it would wait. */
static const char *ld_read(size_t len)
{
	long n = ldisc_read(&ld, (uint8_t *)readbuf, len);

	if (n == -EAGAIN)
		return "<EAGAIN>";
	readbuf[n < 0 ? 0 : n] = '\0';
	return readbuf;
}

static void ld_raw(void)
{
	abi_termios_t t = ld.t;

	t.lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.iflag &= ~(tcflag_t)(ICRNL | IXON);
	t.oflag &= ~(tcflag_t)OPOST;
	t.cc[VMIN] = 1;
	t.cc[VTIME] = 0;
	ldisc_set_termios(&ld, &t);
}

TEST(ldisc_defaults_are_linux_ones)
{
	ld_begin();
	CHECK(ld.t.lflag & ICANON);
	CHECK(ld.t.lflag & ECHO);
	CHECK(ld.t.lflag & ISIG);
	CHECK(ld.t.iflag & ICRNL);
	CHECK(ld.t.oflag & ONLCR);
	CHECK_EQ(ld.t.cc[VERASE], 0177);
	CHECK_EQ(ld.t.cc[VINTR], 3);
	CHECK_EQ(ld.t.cc[VEOF], 4);
	CHECK_EQ(ld.t.cc[VMIN], 1);
	CHECK_EQ(ld.t.cflag & CBAUD, B38400);
}

TEST(ldisc_canonical_read_waits_for_the_newline)
{
	ld_begin();
	ld_type("abc");
	CHECK_EQ(ldisc_readable(&ld), 0);
	CHECK_STR(ld_read(100), "<EAGAIN>");
	ld_type("\n");
	CHECK_STR(ld_read(100), "abc\n");
	CHECK_STR(ld_read(100), "<EAGAIN>");
}

TEST(ldisc_canonical_read_returns_one_line_at_a_time)
{
	ld_begin();
	ld_type("one\ntwo\n");
	CHECK_STR(ld_read(100), "one\n");
	CHECK_STR(ld_read(100), "two\n");
}

TEST(ldisc_canonical_short_read_leaves_the_rest_of_the_line)
{
	ld_begin();
	ld_type("hello\n");
	CHECK_STR(ld_read(3), "hel");
	CHECK_STR(ld_read(100), "lo\n");
}

TEST(ldisc_echo_and_return_becomes_newline)
{
	ld_begin();
	ld_type("hi\r");
	CHECK_STR(ld_out(), "hi\r\n");
	CHECK_STR(ld_read(100), "hi\n");
}

TEST(ldisc_del_erases_and_echoes_a_rubout)
{
	ld_begin();
	ld_type("ab\177\n");
	CHECK_STR(ld_out(), "ab\b \b\r\n");
	CHECK_STR(ld_read(100), "a\n");
}

TEST(ldisc_ctrl_h_erases_too)
{
	ld_begin();
	ld_type("ab\b\n");
	CHECK_STR(ld_read(100), "a\n");
}

TEST(ldisc_erase_at_line_start_does_nothing)
{
	ld_begin();
	ld_type("\177\177x\n");
	CHECK_STR(ld_out(), "x\r\n");
	CHECK_STR(ld_read(100), "x\n");
}

TEST(ldisc_erase_cannot_reach_into_a_finished_line)
{
	ld_begin();
	ld_type("a\n\177b\n");
	CHECK_STR(ld_read(100), "a\n");
	CHECK_STR(ld_read(100), "b\n");
}

TEST(ldisc_erase_without_echoe_echoes_the_erase_character)
{
	ld_begin();
	ld.t.lflag &= ~(tcflag_t)ECHOE;
	ld_type("ab\177");
	CHECK_STR(ld_out(), "ab^?");
}

TEST(ldisc_kill_erases_the_line_with_echoke)
{
	ld_begin();
	ld_type("abc\025x\n");
	CHECK_STR(ld_out(), "abc\b \b\b \b\b \bx\r\n");
	CHECK_STR(ld_read(100), "x\n");
}

TEST(ldisc_kill_without_echoke_echoes_kill_and_a_newline)
{
	ld_begin();
	ld.t.lflag &= ~(tcflag_t)ECHOKE;
	ld_type("abc\025");
	CHECK_STR(ld_out(), "abc^U\r\n");
	ld_type("d\n");
	CHECK_STR(ld_read(100), "d\n");
}

TEST(ldisc_werase_takes_blanks_then_the_word)
{
	ld_begin();
	ld_type("foo bar  \027\n");
	CHECK_STR(ld_read(100), "foo \n");
	ld_type("foo.bar\027x\n");
	CHECK_STR(ld_read(100), "x\n");
}

TEST(ldisc_eof_at_line_start_reads_zero)
{
	ld_begin();
	ld_type("\004");
	CHECK_EQ(ldisc_readable(&ld), 1);
	CHECK_STR(ld_read(100), "");
	CHECK_STR(ld_read(100), "<EAGAIN>");
	CHECK_STR(ld_out(), "");        /* ^D is not echoed */
}

TEST(ldisc_eof_after_text_returns_the_text_without_a_newline)
{
	ld_begin();
	ld_type("abc\004");
	CHECK_STR(ld_read(100), "abc");
	CHECK_STR(ld_read(100), "<EAGAIN>");
}

TEST(ldisc_eof_after_text_that_exactly_fits_is_used_up)
{
	ld_begin();
	ld_type("abc\004\004");
	CHECK_STR(ld_read(3), "abc");
	CHECK_STR(ld_read(100), "");    /* the second ^D, not the first */
	CHECK_STR(ld_read(100), "<EAGAIN>");
}

TEST(ldisc_eol_character_ends_a_line_and_is_kept)
{
	ld_begin();
	ld.t.cc[VEOL] = ';';
	ld_type("ls;");
	CHECK_STR(ld_read(100), "ls;");
}

TEST(ldisc_lnext_takes_the_next_byte_literally)
{
	ld_begin();
	CHECK_EQ(ld_type("\026\003\n"), 0);
	CHECK_STR(ld_out(), "^\b^C\r\n");
	CHECK_STR(ld_read(100), "\003\n");
	ld_type("\026\177\n");
	CHECK_STR(ld_read(100), "\177\n");
}

TEST(ldisc_echoctl_shows_control_characters_with_a_caret)
{
	ld_begin();
	ld_type("\001");
	CHECK_STR(ld_out(), "^A");
	ld.t.lflag &= ~(tcflag_t)ECHOCTL;
	ld_type("\001");
	CHECK_STR(ld_out(), "\001");
}

TEST(ldisc_erasing_a_caret_character_rubs_out_two_columns)
{
	ld_begin();
	ld_type("\001\177");
	CHECK_STR(ld_out(), "^A\b \b\b \b");
}

TEST(ldisc_echonl_echoes_only_the_newline)
{
	ld_begin();
	ld.t.lflag = ICANON | ECHONL;
	ld_type("ab\n");
	CHECK_STR(ld_out(), "\r\n");
	CHECK_STR(ld_read(100), "ab\n");
}

TEST(ldisc_no_echo_without_echo)
{
	ld_begin();
	ld.t.lflag &= ~(tcflag_t)ECHO;
	ld_type("secret\n");
	CHECK_STR(ld_out(), "");
	CHECK_STR(ld_read(100), "secret\n");
}

TEST(ldisc_without_icrnl_a_return_is_data)
{
	ld_begin();
	ld.t.iflag &= ~(tcflag_t)ICRNL;
	ld_type("a\r");
	CHECK_STR(ld_read(100), "<EAGAIN>");
	CHECK_STR(ld_out(), "a^M");
}

TEST(ldisc_igncr_drops_returns)
{
	ld_begin();
	ld.t.iflag |= IGNCR;
	ld_type("a\rb\n");
	CHECK_STR(ld_read(100), "ab\n");
}

TEST(ldisc_inlcr_turns_newlines_into_returns)
{
	ld_begin();
	ld_raw();
	ld.t.iflag |= INLCR;
	ld_type("\n");
	CHECK_STR(ld_read(100), "\r");
}

TEST(ldisc_istrip_clears_the_eighth_bit)
{
	ld_begin();
	ld_raw();
	ld.t.iflag |= ISTRIP;
	ld_type("\xc1");
	CHECK_STR(ld_read(100), "A");
}

TEST(ldisc_intr_raises_sigint_flushes_and_echoes)
{
	ld_begin();
	ld_type("abc");
	ld_out();
	CHECK_EQ(ld_type("\003"), SIGINT);
	CHECK_EQ(ld.in_len, 0);
	CHECK_STR(ld_out(), "^C");
	ld_type("d\n");
	CHECK_STR(ld_read(100), "d\n");
}

TEST(ldisc_receive_stops_after_the_signal_byte)
{
	int sig;

	ld_begin();
	CHECK_EQ(ldisc_receive(&ld, (const uint8_t *)"a\003bc", 4, &sig), 2);
	CHECK_EQ(sig, SIGINT);
	CHECK_EQ(ldisc_receive(&ld, (const uint8_t *)"bc", 2, &sig), 2);
	CHECK_EQ(sig, 0);
}

TEST(ldisc_noflsh_keeps_the_input)
{
	ld_begin();
	ld.t.lflag |= NOFLSH;
	CHECK_EQ(ld_type("abc\003"), SIGINT);
	CHECK_EQ(ld.in_len, 3);
}

TEST(ldisc_quit_and_susp_raise_sigquit_and_sigtstp)
{
	ld_begin();
	CHECK_EQ(ld_type("\034"), SIGQUIT);
	CHECK_STR(ld_out(), "^\\");
	CHECK_EQ(ld_type("\032"), SIGTSTP);
	CHECK_STR(ld_out(), "^Z");
}

TEST(ldisc_without_isig_ctrl_c_is_data)
{
	ld_begin();
	ld.t.lflag &= ~(tcflag_t)ISIG;
	CHECK_EQ(ld_type("\003\n"), 0);
	CHECK_STR(ld_read(100), "\003\n");
}

TEST(ldisc_disabled_control_character_is_data)
{
	ld_begin();
	ld.t.cc[VINTR] = 0;
	CHECK_EQ(ld_type("\003\n"), 0);
	CHECK_STR(ld_read(100), "\003\n");
}

TEST(ldisc_onlcr_turns_newlines_into_crlf)
{
	ld_begin();
	CHECK_EQ(ldisc_write(&ld, (const uint8_t *)"a\nb", 3), 3);
	CHECK_STR(ld_out(), "a\r\nb");
}

TEST(ldisc_without_opost_output_is_unchanged)
{
	ld_begin();
	ld.t.oflag &= ~(tcflag_t)OPOST;
	ldisc_write(&ld, (const uint8_t *)"a\n\tb", 4);
	CHECK_STR(ld_out(), "a\n\tb");
}

TEST(ldisc_ocrnl_and_onocr)
{
	ld_begin();
	ld.t.oflag = OPOST | OCRNL;
	ldisc_write(&ld, (const uint8_t *)"a\r", 2);
	CHECK_STR(ld_out(), "a\n");
	ld.t.oflag = OPOST | ONOCR;
	ld.column = 0;
	ldisc_write(&ld, (const uint8_t *)"\rx\r", 3);
	CHECK_STR(ld_out(), "x\r");
}

TEST(ldisc_xtabs_expands_tabs_to_spaces)
{
	ld_begin();
	ld.t.oflag |= XTABS;
	ldisc_write(&ld, (const uint8_t *)"a\tb", 3);
	CHECK_STR(ld_out(), "a       b");
}

TEST(ldisc_erasing_a_tab_backs_up_its_columns)
{
	ld_begin();
	ldisc_write(&ld, (const uint8_t *)"$ ", 2);     /* a prompt: the line starts at 2 */
	ld_type("a\t\177");
	CHECK_STR(ld_out(), "$ a\t\b\b\b\b\b");
	ld_type("\177\n");
	CHECK_STR(ld_read(100), "\n");
}

TEST(ldisc_erase_takes_a_whole_utf8_character)
{
	ld_begin();
	ld_type("x\xc3\xa9\177\n");
	CHECK_STR(ld_out(), "x\xc3\xa9\b \b\r\n");
	CHECK_STR(ld_read(100), "x\n");
}

TEST(ldisc_reprint_shows_the_line_again)
{
	ld_begin();
	ld_type("ab\022");
	CHECK_STR(ld_out(), "ab^R\r\nab");
}

TEST(ldisc_raw_read_returns_what_is_there)
{
	ld_begin();
	ld_raw();
	ld_type("ab");
	CHECK_EQ(ldisc_readable(&ld), 2);
	CHECK_STR(ld_read(100), "ab");
	CHECK_STR(ld_read(100), "");
}

TEST(ldisc_typeahead_survives_going_raw)
{
	ld_begin();
	ld_type("one\ntw");
	ld_raw();
	CHECK_EQ(ldisc_readable(&ld), 6);
	CHECK_STR(ld_read(100), "one\ntw");
}

TEST(ldisc_typeahead_survives_going_canonical)
{
	abi_termios_t t;

	ld_begin();
	ld_raw();
	ld_type("ab\ncd");
	ldisc_termios_default(&t);
	ldisc_set_termios(&ld, &t);
	CHECK_STR(ld_read(100), "ab\n");
	CHECK_STR(ld_read(100), "<EAGAIN>");
	ld_type("\177e\n");                  /* "cd" is the line being edited */
	CHECK_STR(ld_read(100), "ce\n");
}

TEST(ldisc_eof_placeholders_go_when_going_raw)
{
	ld_begin();
	ld_type("a\004\004");
	ld_raw();
	CHECK_EQ(ldisc_readable(&ld), 1);
	CHECK_STR(ld_read(100), "a");
}

TEST(ldisc_long_line_drops_the_excess_but_keeps_room_for_the_newline)
{
	static char big[5001];

	ld_begin();
	memset(big, 'x', 5000);
	ld_type(big);
	CHECK_EQ(ld.in_len, 4095);
	ld_type("\n");
	CHECK_EQ(ldisc_read(&ld, (uint8_t *)readbuf, sizeof(readbuf)), 4096);
	CHECK_EQ(readbuf[4095], '\n');
}

TEST(ldisc_input_full_of_lines_stops_taking_bytes)
{
	static char lines[4200];
	int sig;

	ld_begin();
	for (int i = 0; i < 2100; i++)
		memcpy(lines + 2 * i, "a\n", 2);
	CHECK_EQ(ldisc_receive(&ld, (const uint8_t *)lines, 4200, &sig), 4096);
	CHECK(!ldisc_input_room(&ld));
	CHECK_EQ(ld_type("\003"), SIGINT);   /* signals still get through */
	CHECK(ldisc_input_room(&ld));
}

TEST(ldisc_raw_input_full_stops_taking_bytes)
{
	static char big[5000];
	int sig;

	ld_begin();
	ld_raw();
	memset(big, 'y', sizeof(big));
	CHECK_EQ(ldisc_receive(&ld, (const uint8_t *)big, sizeof(big), &sig), 4096);
	CHECK(!ldisc_input_room(&ld));
	ld_read(10);
	CHECK(ldisc_input_room(&ld));
}

TEST(ldisc_full_raw_buffer_switched_to_canonical_stays_in_bounds)
{
	static char big[LDISC_IN_MAX];
	abi_termios_t t;
	int sig;

	ld_begin();
	t = ld.t;
	ld_raw();
	memset(big, 'z', sizeof(big));
	CHECK_EQ(ldisc_receive(&ld, (const uint8_t *)big, sizeof(big), &sig), LDISC_IN_MAX);
	ldisc_set_termios(&ld, &t);             /* canonical again */
	CHECK(ld.in_len < LDISC_IN_MAX);
	ld_type("\n");                          /* the line still ends */
	CHECK(ld.in_len <= LDISC_IN_MAX);
	CHECK_EQ(ld.in_ready, ld.in_len);
	CHECK_EQ(ld.in_mark[0], 0);
}

TEST(ldisc_ixon_stops_and_starts_output)
{
	ld_begin();
	ld_type("\023");
	ldisc_write(&ld, (const uint8_t *)"out", 3);
	CHECK(!ldisc_output_ready(&ld));
	CHECK_STR(ld_out(), "");
	ld_type("\021");
	CHECK_STR(ld_out(), "out");
	CHECK_EQ(ld.in_len, 0);             /* ^S and ^Q are not input */
}

TEST(ldisc_program_output_leaves_room_for_echo)
{
	static char big[10000];

	ld_begin();
	memset(big, 'z', sizeof(big));
	CHECK_EQ(ldisc_write(&ld, (const uint8_t *)big, sizeof(big)), 4096);
	CHECK(!ldisc_write_room(&ld));
	ld_type("q");
	CHECK_EQ(ldisc_output_pending(&ld), 4097);
}

/* ==== the scheme ============================================================== */

#define NO_ANSWER (-99999L)
#define LOG_MAX   4096
#define RW        (EVENT_READ | EVENT_WRITE)
#define NB        O_NONBLOCK
#define REC       ((long)sizeof(tty_record_t))

typedef struct who {
	int pid, pgid, sid;
	unsigned uid;
} who_t;

static scheme_server_t srv;
static pty_state_t st;
static bool st_live;
static abi_scheme_response_t rlog[LOG_MAX];
static unsigned nlog;
static uint64_t tag_seq, last_tag;
static unsigned last_events;
static who_t me;                        /* who calls */
static struct { int target, sig; } sigs[64];
static unsigned nsigs;
static uint64_t clock_now;
static int dead_sid;                    /* session_alive says no for this one */
static int foreign_pgrp;                /* pgrp_in_session says no for this one */

static void fake_signal(void *ctx, int target, int sig)
{
	(void)ctx;
	if (nsigs < 64)
		sigs[nsigs++] = (typeof(sigs[0])){ target, sig };
}

static uint64_t fake_now(void *ctx)
{
	(void)ctx;
	return clock_now;
}

static bool fake_alive(void *ctx, int sid)
{
	(void)ctx;
	return sid != dead_sid;
}

static bool fake_in_session(void *ctx, int pgrp, int sid)
{
	(void)ctx, (void)sid;
	return pgrp != foreign_pgrp;
}

/* How often sig went to target. */
static int sent(int target, int sig)
{
	int n = 0;

	for (unsigned i = 0; i < nsigs; i++)
		n += sigs[i].target == target && sigs[i].sig == sig;
	return n;
}

static void log_drain(void)
{
	abi_scheme_response_t tmp[SCHEME_OUTBOX_MAX];
	unsigned n;

	while ((n = scheme_outbox_take(&srv, tmp, SCHEME_OUTBOX_MAX)))
		for (unsigned i = 0; i < n && nlog < LOG_MAX; i++)
			rlog[nlog++] = tmp[i];
}

static long answer(uint64_t tag)
{
	log_drain();
	for (unsigned i = 0; i < nlog; i++)
		if (rlog[i].kind == SCHEME_RESP_DONE && rlog[i].tag == tag)
			return rlog[i].result;
	return NO_ANSWER;
}

/* The readiness last announced for h, or -1. */
static long event_of(long h)
{
	long ev = -1;

	log_drain();
	for (unsigned i = 0; i < nlog; i++)
		if (rlog[i].kind == SCHEME_RESP_EVENT && rlog[i].handle == (uint64_t)h)
			ev = rlog[i].events;
	return ev;
}

static void setup(void)
{
	const pty_sys_t sys = { .signal = fake_signal, .now_ms = fake_now,
				.session_alive = fake_alive, .pgrp_in_session = fake_in_session };

	if (st_live)
		pty_state_destroy(&st);
	scheme_server_init(&srv, &pty_ops, &st);
	pty_state_init(&st, &srv, &sys);
	st_live = true;
	nlog = nsigs = 0;
	me = (who_t){ .pid = 500, .pgid = 1, .sid = 1, .uid = 0 };
	clock_now = 1000;
	dead_sid = foreign_pgrp = -1;
}

static long call(uint16_t op, long h, const void *buf, uint64_t len, uint64_t a0, uint64_t a1)
{
	abi_scheme_request_t r = {
		.tag = ++tag_seq, .opcode = op, .handle = (uint64_t)h,
		.buf = (uint64_t)(uintptr_t)buf, .len = len, .arg = { a0, a1 },
		.pid = me.pid, .pgid = me.pgid, .sid = me.sid, .uid = me.uid, .gid = me.uid,
	};

	last_tag = r.tag;
	scheme_dispatch(&srv, &r);
	log_drain();
	for (unsigned i = 0; i < nlog; i++)
		if (rlog[i].kind == SCHEME_RESP_DONE && rlog[i].tag == r.tag) {
			last_events = rlog[i].events;
			return rlog[i].result;
		}
	return NO_ANSWER;
}

static long op_open(const char *path, int flags)
{
	return call(SCHEME_OP_OPEN, 0, path, strlen(path) + 1, (uint64_t)flags, 0);
}

static long op_dup(long h, const char *path)
{
	return call(SCHEME_OP_DUP, h, path, strlen(path) + 1, 0, 0);
}

static long op_read(long h, void *buf, size_t len, unsigned fl)
{
	return call(SCHEME_OP_READ, h, buf, len, 0, fl);
}

static long op_write(long h, const void *buf, size_t len, unsigned fl)
{
	return call(SCHEME_OP_WRITE, h, buf, len, 0, fl);
}

static long op_puts(long h, const char *s)
{
	return op_write(h, s, strlen(s), 0);
}

static void op_close(long h)
{
	call(SCHEME_OP_CLOSE, h, NULL, 0, 0, 0);
}

static void op_cancel(uint64_t tag)
{
	call(SCHEME_OP_CANCEL, 0, NULL, 0, tag, 0);
}

static char mbuf[16384];

/* What the master can read now, as a string ("" if nothing). */
static const char *master_out(long m)
{
	long n = op_read(m, mbuf, sizeof(mbuf) - 1, NB);

	mbuf[n > 0 ? n : 0] = '\0';
	return mbuf;
}

static char sbuf[8192];

/* A non-blocking slave read as a string; "<EAGAIN>" etc. for errors. */
static const char *slave_in(long s, size_t len)
{
	long n = op_read(s, sbuf, len, NB);

	if (n == -EAGAIN)
		return "<EAGAIN>";
	if (n < 0)
		return "<error>";
	sbuf[n] = '\0';
	return sbuf;
}

/* The slave's name through the master's "name" handle. */
static const char *slave_name(long m)
{
	static char name[64];
	long h = op_dup(m, "name");
	long n = h > 0 ? op_read(h, name, sizeof(name) - 1, 0) : -1;

	if (h > 0)
		op_close(h);
	name[n > 0 ? n : 0] = '\0';
	return name;
}

static long ctl_get(long h, tty_record_t *rec)
{
	long c = op_dup(h, "termios");
	long r = c > 0 ? op_read(c, rec, sizeof(*rec), 0) : c;

	if (c > 0)
		op_close(c);
	return r;
}

/* Writes rec with op and arg on a fresh control handle; its answer (NO_ANSWER: pending). */
static long ctl_set(long h, uint32_t op, uint32_t arg, tty_record_t *rec)
{
	long c = op_dup(h, "termios");

	if (c < 0)
		return c;
	rec->op = op;
	rec->arg = arg;
	long r = op_write(c, rec, sizeof(*rec), 0);
	if (r != NO_ANSWER)
		op_close(c);
	return r;
}

static long set_termios(long h, const abi_termios_t *t, uint32_t action)
{
	tty_record_t rec = { .termios = *t };

	return ctl_set(h, TTY_SET_TERMIOS, action, &rec);
}

static abi_termios_t get_termios(long h)
{
	tty_record_t rec = { 0 };

	ctl_get(h, &rec);
	return rec.termios;
}

/* Non-canonical, no echo, no output processing, VMIN and VTIME as given. */
static long make_raw(long h, unsigned min, unsigned time)
{
	abi_termios_t t = get_termios(h);

	t.lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.oflag &= ~(tcflag_t)OPOST;
	t.iflag &= ~(tcflag_t)ICRNL;
	t.cc[VMIN] = (uint8_t)min;
	t.cc[VTIME] = (uint8_t)time;
	return set_termios(h, &t, TCSANOW);
}

/* A fresh numbered pair: *m the master, *s the slave (opened by `me`). */
static void pair(long *m, long *s, int slave_flags)
{
	*m = op_open("master", O_RDWR);
	*s = op_open(slave_name(*m) + 4, O_RDWR | slave_flags);
}

/* A pair controlling session 10 (leader 10, foreground group 10). */
static void session_pair(long *m, long *s)
{
	*m = op_open("master", O_RDWR);
	me = (who_t){ .pid = 10, .pgid = 10, .sid = 10 };
	*s = op_open(slave_name(*m) + 4, O_RDWR);
}

TEST(pty_masters_are_numbered_from_zero)
{
	setup();
	long m0 = op_open("master", O_RDWR), m1 = op_open("master", O_RDWR);
	CHECK(m0 > 0 && m1 > 0 && m0 != m1);
	CHECK_STR(slave_name(m0), "pty:0");
	CHECK_STR(slave_name(m1), "pty:1");
	op_close(m0);
	CHECK_EQ(st.npairs, 1);
	long m2 = op_open("master", O_RDWR);
	CHECK_STR(slave_name(m2), "pty:0");     /* the lowest free number again */
}

TEST(pty_only_root_creates_named_terminals)
{
	setup();
	me.uid = 1000;
	CHECK_EQ(op_open("master/console", O_RDWR | O_CREAT), -EACCES);
	CHECK(op_open("master", O_RDWR) > 0);   /* numbered pairs are for anyone */
}

TEST(pty_named_master_needs_ocreat_and_is_exclusive)
{
	setup();
	long m = op_open("master/console", O_RDWR | O_CREAT);
	CHECK(m > 0);
	CHECK_STR(slave_name(m), "pty:console");
	CHECK_EQ(op_open("master/console", O_RDWR | O_CREAT), -EEXIST);
	CHECK_EQ(op_open("master/console", O_RDWR), -EEXIST);
	CHECK_EQ(op_open("master/tty1", O_RDWR), -ENOENT);
	CHECK_EQ(op_open("master/", O_RDWR | O_CREAT), -EINVAL);
	CHECK_EQ(op_open("master/a/b", O_RDWR | O_CREAT), -EINVAL);
	CHECK_EQ(op_open("master/0123456789012345678901234567890123", O_RDWR | O_CREAT),
		 -EINVAL);
	long s = op_open("console", O_RDWR);
	CHECK(s > 0);
	op_close(m);
	CHECK(op_open("master/console", O_RDWR | O_CREAT) > 0);  /* free once closed */
}

TEST(pty_unknown_slave_is_enoent)
{
	setup();
	CHECK_EQ(op_open("7", O_RDWR), -ENOENT);
	CHECK_EQ(op_open("nosuch", O_RDWR), -ENOENT);
}

TEST(pty_slave_of_another_user_is_eacces)
{
	long m;

	setup();
	me.uid = 1000;
	m = op_open("master", O_RDWR);
	me.uid = 1001;
	CHECK_EQ(op_open("0", O_RDWR), -EACCES);
	me.uid = 1000;
	CHECK(op_open("0", O_RDWR) > 0);
	me.uid = 0;
	CHECK(op_open("0", O_RDWR) > 0);
	(void)m;
}

TEST(pty_slave_read_waits_for_a_typed_line)
{
	long m, s;
	char buf[64];

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK_EQ(op_puts(m, "hi"), 2);
	CHECK_EQ(answer(tag), NO_ANSWER);
	CHECK_EQ(op_puts(m, "\r"), 1);
	CHECK_EQ(answer(tag), 3);
	CHECK(memcmp(buf, "hi\n", 3) == 0);
	CHECK_STR(master_out(m), "hi\r\n");      /* the echo */
}

TEST(pty_master_reads_the_programs_output)
{
	long m, s;

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(op_puts(s, "hello\n"), 6);
	CHECK_STR(master_out(m), "hello\r\n");
}

TEST(pty_master_read_waits_for_output)
{
	long m, s;
	char buf[32];

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(op_read(m, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK_EQ(op_puts(s, "x"), 1);
	CHECK_EQ(answer(tag), 1);
	CHECK_EQ(buf[0], 'x');
}

TEST(pty_nonblocking_reads_are_eagain)
{
	long m, s;
	char buf[8];

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(op_read(s, buf, sizeof(buf), NB), -EAGAIN);
	CHECK_EQ(op_read(m, buf, sizeof(buf), NB), -EAGAIN);
}

TEST(pty_readiness_follows_the_data)
{
	long m, s;

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(last_events, EVENT_WRITE);     /* the slave: nothing to read yet */
	op_puts(m, "a");
	CHECK_EQ(event_of(m), RW);               /* the echo */
	CHECK_EQ(event_of(s), -1);               /* no line yet: no change */
	op_puts(m, "\n");
	CHECK_EQ(event_of(s), RW);
	slave_in(s, 100);
	CHECK_EQ(event_of(s), EVENT_WRITE);
	master_out(m);
	CHECK_EQ(event_of(m), EVENT_WRITE);
}

TEST(pty_cancelled_read_is_forgotten_and_the_input_kept)
{
	long m, s;
	char buf[32];

	setup();
	pair(&m, &s, 0);
	op_read(s, buf, sizeof(buf), 0);
	uint64_t tag = last_tag;
	op_cancel(tag);
	op_puts(m, "line\n");
	CHECK_EQ(answer(tag), NO_ANSWER);
	CHECK_STR(slave_in(s, 100), "line\n");
}

TEST(pty_cancelled_write_lets_the_next_one_go)
{
	static char big[6000];
	long m, s;

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	memset(big, 'w', sizeof(big));
	CHECK_EQ(op_write(s, big, sizeof(big), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	op_cancel(tag);
	CHECK_EQ(strlen(master_out(m)), 4096);
	CHECK_EQ(op_puts(s, "ok"), 2);
	CHECK_STR(master_out(m), "ok");
	CHECK_EQ(answer(tag), NO_ANSWER);
}

TEST(pty_blocking_write_is_answered_when_all_is_taken)
{
	static char big[10000];
	long m, s;
	size_t got = 0;

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	memset(big, 'b', sizeof(big));
	CHECK_EQ(op_write(s, big, sizeof(big), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	for (int i = 0; i < 10 && answer(tag) == NO_ANSWER; i++)
		got += strlen(master_out(m));
	CHECK_EQ(answer(tag), 10000);
	got += strlen(master_out(m));
	CHECK_EQ(got, 10000);
}

TEST(pty_nonblocking_write_takes_what_fits)
{
	static char big[10000];
	long m, s;

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	memset(big, 'n', sizeof(big));
	CHECK_EQ(op_write(s, big, sizeof(big), NB), 4096);
	CHECK_EQ(op_write(s, big, sizeof(big), NB), -EAGAIN);
	CHECK_EQ(event_of(s), 0);                /* neither readable nor writable */
}

TEST(pty_master_write_waits_while_raw_input_is_full)
{
	static char big[5000];
	long m, s;
	char buf[4096];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	memset(big, 'k', sizeof(big));
	CHECK_EQ(op_write(m, big, sizeof(big), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK_EQ(op_write(m, "x", 1, NB), -EAGAIN);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 4096);
	CHECK_EQ(answer(tag), 5000);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 904);
}

TEST(pty_vmin_read_waits_for_min_bytes)
{
	long m, s;
	char buf[16];

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(make_raw(s, 3, 0), REC);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	op_puts(m, "ab");
	CHECK_EQ(answer(tag), NO_ANSWER);
	op_puts(m, "cd");
	CHECK_EQ(answer(tag), 4);
	CHECK(memcmp(buf, "abcd", 4) == 0);
}

TEST(pty_vmin_larger_than_the_buffer_needs_only_the_buffer)
{
	long m, s;
	char buf[2];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 5, 0);
	op_puts(m, "xy");
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 2);
}

TEST(pty_vmin0_vtime0_returns_at_once)
{
	long m, s;
	char buf[16];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 0, 0);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 0);
	op_puts(m, "z");
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 1);
}

TEST(pty_vtime_read_times_out_with_zero)
{
	long m, s;
	char buf[16];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 0, 5);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK_EQ(pty_next_deadline(&st), 1500);
	clock_now = 1499;
	pty_timers_run(&st, clock_now);
	CHECK_EQ(answer(tag), NO_ANSWER);
	clock_now = 1500;
	pty_timers_run(&st, clock_now);
	CHECK_EQ(answer(tag), 0);
	CHECK_EQ(pty_next_deadline(&st), 0);
}

TEST(pty_vtime_read_returns_a_byte_that_comes_in_time)
{
	long m, s;
	char buf[16];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 0, 5);
	op_read(s, buf, sizeof(buf), 0);
	uint64_t tag = last_tag;
	clock_now = 1200;
	op_puts(m, "q");
	CHECK_EQ(answer(tag), 1);
}

TEST(pty_vtime_between_bytes_ends_a_vmin_read)
{
	long m, s;
	char buf[16];

	setup();
	pair(&m, &s, 0);
	make_raw(s, 5, 2);
	op_read(s, buf, sizeof(buf), 0);
	uint64_t tag = last_tag;
	CHECK_EQ(pty_next_deadline(&st), 0);    /* no byte yet: no timer */
	clock_now = 2000;
	op_puts(m, "ab");
	CHECK_EQ(answer(tag), NO_ANSWER);
	CHECK_EQ(pty_next_deadline(&st), 2200);
	clock_now = 2100;
	op_puts(m, "c");                         /* the timer starts again */
	CHECK_EQ(pty_next_deadline(&st), 2300);
	clock_now = 2300;
	pty_timers_run(&st, clock_now);
	CHECK_EQ(answer(tag), 3);
}

TEST(pty_control_record_round_trips)
{
	long m, s;
	tty_record_t rec;

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK(rec.termios.lflag & ICANON);
	CHECK_EQ(rec.winsize.row, 24);
	CHECK_EQ(rec.winsize.col, 80);
	CHECK_EQ(rec.flags, 0);
	CHECK_EQ(make_raw(s, 1, 0), REC);
	CHECK_EQ(ctl_get(m, &rec), REC);         /* both sides see one terminal */
	CHECK(!(rec.termios.lflag & ICANON));
	CHECK_EQ(rec.flags, TTY_F_MASTER);
}

TEST(pty_control_write_checks_the_record)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	long c = op_dup(s, "termios");
	CHECK_EQ(op_write(c, &rec, sizeof(rec) - 1, 0), -EINVAL);
	rec.op = 0x10000;
	CHECK_EQ(op_write(c, &rec, sizeof(rec), 0), -EINVAL);
	rec.op = TTY_SET_TERMIOS;
	rec.arg = 7;
	CHECK_EQ(op_write(c, &rec, sizeof(rec), 0), -EINVAL);
	CHECK_EQ(op_read(c, &rec, 10, 0), -EINVAL);
	CHECK_EQ(op_dup(s, "nosuch"), -ENOENT);
	CHECK_EQ(op_dup(s, "name"), -ENOENT);    /* only the master names its slave */
}

TEST(pty_tcsadrain_waits_for_the_master_to_read)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	op_puts(s, "abc");
	rec.termios = get_termios(s);
	rec.termios.lflag &= ~(tcflag_t)ECHO;
	CHECK_EQ(ctl_set(s, TTY_SET_TERMIOS, TCSADRAIN, &rec), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK(get_termios(s).lflag & ECHO);      /* not applied yet */
	CHECK_STR(master_out(m), "abc");
	CHECK_EQ(answer(tag), REC);
	CHECK(!(get_termios(s).lflag & ECHO));
}

TEST(pty_tcdrain_returns_at_once_with_nothing_to_send)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(ctl_set(s, TTY_DRAIN, 0, &rec), REC);
	op_puts(s, "x");
	CHECK_EQ(ctl_set(s, TTY_DRAIN, 0, &rec), NO_ANSWER);
	uint64_t tag = last_tag;
	master_out(m);
	CHECK_EQ(answer(tag), REC);
}

TEST(pty_typeahead_survives_tcsanow_and_tcsaflush_drops_it)
{
	long m, s;
	abi_termios_t t;

	setup();
	pair(&m, &s, 0);
	op_puts(m, "abc");
	make_raw(s, 1, 0);
	CHECK_STR(slave_in(s, 100), "abc");
	op_puts(m, "def");
	master_out(m);                           /* the earlier echo: TCSAFLUSH drains first */
	t = get_termios(s);
	CHECK_EQ(set_termios(s, &t, TCSAFLUSH), REC);
	CHECK_STR(slave_in(s, 100), "<EAGAIN>");
}

TEST(pty_tcflush_discards_each_queue_and_the_master_sees_them_swapped)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	op_puts(m, "in");
	op_puts(s, "out");
	CHECK_EQ(ctl_set(s, TTY_FLUSH, TCOFLUSH, &rec), REC);
	CHECK_STR(master_out(m), "");
	CHECK_STR(slave_in(s, 100), "in");
	op_puts(m, "in");
	op_puts(s, "out");
	CHECK_EQ(ctl_set(m, TTY_FLUSH, TCIFLUSH, &rec), REC);  /* the master's input: output */
	CHECK_STR(master_out(m), "");
	CHECK_STR(slave_in(s, 100), "in");
}

TEST(pty_tcflow_stops_and_restarts_output)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(ctl_set(s, TTY_FLOW, TCOOFF, &rec), REC);
	op_puts(s, "held");
	CHECK_STR(master_out(m), "");
	CHECK_EQ(ctl_set(s, TTY_FLOW, TCOON, &rec), REC);
	CHECK_STR(master_out(m), "held");
}

TEST(pty_session_leader_opening_the_slave_gets_a_controlling_terminal)
{
	long m, s;
	tty_record_t rec;

	setup();
	session_pair(&m, &s);
	CHECK(s > 0);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.sid, 10);
	CHECK_EQ(rec.pgrp, 10);
	CHECK_EQ(rec.flags, TTY_F_CTTY);
	me = (who_t){ .pid = 11, .pgid = 10, .sid = 10 };
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.flags, TTY_F_CTTY);         /* every process of the session */
	me = (who_t){ .pid = 20, .pgid = 20, .sid = 20 };
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.flags, 0);
}

TEST(pty_tty_opens_the_callers_controlling_terminal)
{
	long m, s, t;
	tty_record_t rec;

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 11, .pgid = 11, .sid = 10 };
	t = op_open("tty", O_RDWR);
	CHECK(t > 0);
	CHECK_EQ(ctl_get(t, &rec), REC);
	CHECK_EQ(rec.sid, 10);
	me = (who_t){ .pid = 20, .pgid = 20, .sid = 20 };
	CHECK_EQ(op_open("tty", O_RDWR), -ENXIO);       /* no terminal */
}

TEST(pty_onoctty_and_non_leaders_get_no_controlling_terminal)
{
	long m, s;
	tty_record_t rec;

	setup();
	m = op_open("master", O_RDWR);
	me = (who_t){ .pid = 10, .pgid = 10, .sid = 10 };
	s = op_open("0", O_RDWR | O_NOCTTY);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.sid, 0);
	me = (who_t){ .pid = 11, .pgid = 10, .sid = 10 };
	CHECK(op_open("0", O_RDWR) > 0);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.sid, 0);
	(void)m;
}

TEST(pty_a_session_gets_one_controlling_terminal)
{
	long m, s;
	tty_record_t rec;

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 500, .pgid = 1, .sid = 1 };
	long m2 = op_open("master", O_RDWR);
	me = (who_t){ .pid = 10, .pgid = 10, .sid = 10 };
	long s2 = op_open("1", O_RDWR);
	CHECK_EQ(ctl_get(s2, &rec), REC);
	CHECK_EQ(rec.sid, 0);
	(void)m2;
}

TEST(pty_another_sessions_terminal_is_not_taken_unless_its_leader_died)
{
	long m, s;
	tty_record_t rec;

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 30, .pgid = 30, .sid = 30 };
	long s2 = op_open("0", O_RDWR);
	CHECK_EQ(ctl_get(s2, &rec), REC);
	CHECK_EQ(rec.sid, 10);
	dead_sid = 10;
	long s3 = op_open("0", O_RDWR);
	CHECK_EQ(ctl_get(s3, &rec), REC);
	CHECK_EQ(rec.sid, 30);
	CHECK_EQ(rec.pgrp, 30);
}

TEST(pty_set_ctty_is_for_session_leaders)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, O_NOCTTY);
	me = (who_t){ .pid = 11, .pgid = 10, .sid = 10 };
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 0, &rec), -EPERM);
	me = (who_t){ .pid = 10, .pgid = 10, .sid = 10 };
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 0, &rec), REC);
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 0, &rec), REC);   /* already ours */
	me = (who_t){ .pid = 40, .pgid = 40, .sid = 40, .uid = 1000 };
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 1, &rec), -EPERM);
	me.uid = 0;
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 0, &rec), -EPERM);
	CHECK_EQ(ctl_set(s, TTY_SET_CTTY, 1, &rec), REC);   /* root steals it */
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.sid, 40);
}

TEST(pty_tcsetpgrp_rules)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	session_pair(&m, &s);
	rec.pgrp = 12;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), REC);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.pgrp, 12);
	foreign_pgrp = 13;
	rec.pgrp = 13;
	rec.flags = TTY_F_TTOU_OK;               /* the shell is in the background now */
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), -EPERM);
	rec.pgrp = 0;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), -EINVAL);
	rec.pgrp = 10;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), REC);
	me = (who_t){ .pid = 50, .pgid = 50, .sid = 50 };
	rec.pgrp = 50;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), -ENOTTY);
}

TEST(pty_background_tcsetpgrp_gets_sigttou_unless_ignored)
{
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 12, .pgid = 12, .sid = 10 };
	rec.pgrp = 12;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), -EINTR);
	CHECK_EQ(sent(-12, SIGTTOU), 1);
	rec.flags = TTY_F_TTOU_OK;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), REC);
	CHECK_EQ(sent(-12, SIGTTOU), 1);
}

TEST(pty_ctrl_c_z_and_backslash_signal_the_foreground_group)
{
	long m, s;

	setup();
	session_pair(&m, &s);
	op_puts(m, "\003");
	CHECK_EQ(sent(-10, SIGINT), 1);
	CHECK_STR(master_out(m), "^C");
	op_puts(m, "\032");
	CHECK_EQ(sent(-10, SIGTSTP), 1);
	CHECK_STR(master_out(m), "^Z");
	op_puts(m, "ab\034");                  /* flushes the echo of "ab" */
	CHECK_EQ(sent(-10, SIGQUIT), 1);
	CHECK_STR(master_out(m), "^\\");
}

TEST(pty_ctrl_c_without_a_session_signals_nobody)
{
	long m, s;

	setup();
	pair(&m, &s, 0);
	op_puts(m, "\003");
	CHECK_EQ(nsigs, 0);
}

TEST(pty_ctrl_c_gets_through_a_full_raw_input)
{
	static char big[4096];
	long m, s;
	abi_termios_t t;

	setup();
	session_pair(&m, &s);
	t = get_termios(s);
	t.lflag &= ~(tcflag_t)ICANON;
	set_termios(s, &t, TCSANOW);
	memset(big, 'f', sizeof(big));
	CHECK_EQ(op_write(m, big, sizeof(big), NB), 4096);
	CHECK_EQ(op_write(m, "\003", 1, NB), 1);
	CHECK_EQ(sent(-10, SIGINT), 1);
}

TEST(pty_background_read_gets_sigttin_and_eintr)
{
	long m, s;
	char buf[8];

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 12, .pgid = 12, .sid = 10 };
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), -EINTR);
	CHECK_EQ(sent(-12, SIGTTIN), 1);
	me = (who_t){ .pid = 60, .pgid = 60, .sid = 60 };     /* another session: no rule */
	CHECK_EQ(op_read(s, buf, sizeof(buf), NB), -EAGAIN);
	CHECK_EQ(nsigs, 1);
}

TEST(pty_background_write_gets_sigttou_only_with_tostop)
{
	long m, s;
	abi_termios_t t;

	setup();
	session_pair(&m, &s);
	me = (who_t){ .pid = 12, .pgid = 12, .sid = 10 };
	CHECK_EQ(op_puts(s, "ok"), 2);
	me = (who_t){ .pid = 10, .pgid = 10, .sid = 10 };
	t = get_termios(s);
	t.lflag |= TOSTOP;
	set_termios(s, &t, TCSANOW);
	me = (who_t){ .pid = 12, .pgid = 12, .sid = 10 };
	CHECK_EQ(op_puts(s, "no"), -EINTR);
	CHECK_EQ(sent(-12, SIGTTOU), 1);
}

TEST(pty_background_tcsetattr_gets_sigttou)
{
	long m, s;
	abi_termios_t t;

	setup();
	session_pair(&m, &s);
	t = get_termios(s);
	me = (who_t){ .pid = 12, .pgid = 12, .sid = 10 };
	CHECK_EQ(set_termios(s, &t, TCSANOW), -EINTR);
	CHECK_EQ(sent(-12, SIGTTOU), 1);
}

TEST(pty_tcsetpgrp_sends_waiting_background_readers_sigttin)
{
	long m, s;
	char buf[8];
	tty_record_t rec = { .pgrp = 12 };

	setup();
	session_pair(&m, &s);
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	CHECK_EQ(ctl_set(s, TTY_SET_PGRP, 0, &rec), REC);
	CHECK_EQ(answer(tag), -EINTR);
	CHECK_EQ(sent(-10, SIGTTIN), 1);
}

TEST(pty_window_size_change_sends_sigwinch)
{
	long m, s;
	tty_record_t rec = { .winsize = { .row = 50, .col = 132 } };

	setup();
	session_pair(&m, &s);
	CHECK_EQ(ctl_set(m, TTY_SET_WINSIZE, 0, &rec), REC);
	CHECK_EQ(sent(-10, SIGWINCH), 1);
	CHECK_EQ(ctl_get(s, &rec), REC);
	CHECK_EQ(rec.winsize.row, 50);
	CHECK_EQ(rec.winsize.col, 132);
	CHECK_EQ(ctl_set(s, TTY_SET_WINSIZE, 0, &rec), REC);
	CHECK_EQ(sent(-10, SIGWINCH), 1);        /* the same size: no signal */
}

TEST(pty_closing_the_master_hangs_up)
{
	long m, s;
	char buf[8];
	tty_record_t rec = { .pgrp = 12 };

	setup();
	session_pair(&m, &s);
	ctl_set(s, TTY_SET_PGRP, 0, &rec);
	me = (who_t){ .pid = 13, .pgid = 12, .sid = 10 };
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	op_close(m);
	CHECK_EQ(answer(tag), 0);
	CHECK_EQ(sent(-12, SIGHUP), 1);
	CHECK_EQ(sent(-12, SIGCONT), 1);
	CHECK_EQ(sent(10, SIGHUP), 1);           /* and the session leader */
	CHECK_EQ(op_read(s, buf, sizeof(buf), 0), 0);
	CHECK_EQ(op_puts(s, "x"), -EIO);
	CHECK_EQ(ctl_get(s, &rec), -EIO);
	CHECK_EQ(event_of(s), RW);
	CHECK_EQ(op_open("0", O_RDWR), -ENOENT);
	CHECK_EQ(st.npairs, 1);
	op_close(s);
	CHECK_EQ(st.npairs, 0);
}

TEST(pty_hangup_fails_a_waiting_write_and_drain)
{
	static char big[6000];
	long m, s;
	tty_record_t rec = { 0 };

	setup();
	pair(&m, &s, 0);
	make_raw(s, 1, 0);
	op_puts(s, "x");
	CHECK_EQ(ctl_set(s, TTY_DRAIN, 0, &rec), NO_ANSWER);
	uint64_t drain = last_tag;
	memset(big, 'h', sizeof(big));
	CHECK_EQ(op_write(s, big, sizeof(big), 0), NO_ANSWER);
	uint64_t write = last_tag;
	op_close(m);
	CHECK_EQ(answer(drain), -EIO);
	CHECK_EQ(answer(write), 4095);           /* what it had written */
}

TEST(pty_named_pair_can_be_made_again_while_the_old_slave_is_open)
{
	long m, s;

	setup();
	m = op_open("master/console", O_RDWR | O_CREAT);
	s = op_open("console", O_RDWR);
	op_close(m);
	long m2 = op_open("master/console", O_RDWR | O_CREAT);
	CHECK(m2 > 0);
	long s2 = op_open("console", O_RDWR);
	CHECK_EQ(op_puts(s, "old"), -EIO);
	CHECK_EQ(op_puts(s2, "new"), 3);
	CHECK_STR(master_out(m2), "new");
}

TEST(pty_last_slave_close_frees_the_session)
{
	long m, s;
	tty_record_t rec;

	setup();
	session_pair(&m, &s);
	op_close(s);
	me = (who_t){ .pid = 30, .pgid = 30, .sid = 30 };
	long s2 = op_open("0", O_RDWR);
	CHECK_EQ(ctl_get(s2, &rec), REC);
	CHECK_EQ(rec.sid, 30);
}

TEST(pty_master_reads_eio_once_the_slave_is_gone)
{
	long m, s;
	char buf[8];

	setup();
	m = op_open("master", O_RDWR);
	CHECK_EQ(op_read(m, buf, sizeof(buf), NB), -EAGAIN);   /* never opened yet */
	s = op_open("0", O_RDWR);
	CHECK_EQ(op_read(m, buf, sizeof(buf), 0), NO_ANSWER);
	uint64_t tag = last_tag;
	op_puts(s, "bye");
	CHECK_EQ(answer(tag), 3);
	op_close(s);
	CHECK_EQ(op_read(m, buf, sizeof(buf), 0), -EIO);
	CHECK_EQ(event_of(m), RW);
	CHECK(op_open("0", O_RDWR) > 0);         /* a new slave: reads wait again */
	CHECK_EQ(op_read(m, buf, sizeof(buf), NB), -EAGAIN);
}

TEST(pty_a_consoles_master_waits_across_sessions)
{
	long m, s;
	char buf[8];

	setup();
	m = op_open("master/tty1", O_RDWR | O_CREAT);
	s = op_open("tty1", O_RDWR);
	op_close(s);
	CHECK_EQ(op_read(m, buf, sizeof(buf), NB), -EAGAIN);
}

TEST(pty_pairs_are_freed_when_both_sides_close)
{
	long m, s;

	setup();
	pair(&m, &s, 0);
	long c = op_dup(s, "termios");
	op_close(s);
	op_close(m);
	CHECK_EQ(st.npairs, 1);                  /* the control handle holds it */
	op_close(c);
	CHECK_EQ(st.npairs, 0);
}

TEST(pty_a_duplicated_master_keeps_the_pair_up)
{
	long m, s;

	setup();
	pair(&m, &s, 0);
	long m2 = op_dup(m, "");
	CHECK(m2 > 0 && m2 != m);
	op_close(m);
	CHECK_EQ(op_puts(s, "still"), 5);
	CHECK_STR(master_out(m2), "still");
}

TEST(pty_many_pairs_and_the_limit)
{
	static long ms[256];

	setup();
	for (int i = 0; i < 256; i++) {
		ms[i] = op_open("master", O_RDWR);
		CHECK(ms[i] > 0);
	}
	CHECK_EQ(op_open("master", O_RDWR), -ENOSPC);
	CHECK_STR(slave_name(ms[255]), "pty:255");
	for (int i = 0; i < 256; i++)
		op_close(ms[i]);
	CHECK_EQ(st.npairs, 0);
	CHECK(op_open("master", O_RDWR) > 0);
}

TEST(pty_fstat_says_character_device)
{
	long m, s;
	abi_stat_t sb;

	setup();
	pair(&m, &s, 0);
	CHECK_EQ(call(SCHEME_OP_FSTAT, s, &sb, sizeof(sb), 0, 0), 0);
	CHECK_EQ(sb.mode & ABI_S_IFMT, ABI_S_IFCHR);
	CHECK_EQ(sb.mode & 0777, 0620);
	CHECK_EQ(call(SCHEME_OP_FSTAT, m, &sb, sizeof(sb), 0, 0), 0);
	CHECK_EQ(sb.mode & ABI_S_IFMT, ABI_S_IFCHR);
}

TEST(pty_directory_lists_the_slaves)
{
	char buf[512];
	long m0, s0;

	setup();
	pair(&m0, &s0, 0);
	op_open("master/console", O_RDWR | O_CREAT);
	long d = op_open("", O_RDONLY);
	CHECK(d > 0);
	CHECK_EQ(op_open("", O_RDWR), -EISDIR);
	long n = call(SCHEME_OP_GETDENTS, d, buf, sizeof(buf), 0, 0);
	CHECK(n > 0);
	const abi_dirent_t *e = (const abi_dirent_t *)buf;
	CHECK_STR(e->name, "0");
	e = (const abi_dirent_t *)(buf + e->reclen);
	CHECK_STR(e->name, "console");
	CHECK_EQ(call(SCHEME_OP_GETDENTS, d, buf, sizeof(buf), 0, 0), 0);
	CHECK_EQ(op_read(d, buf, sizeof(buf), 0), -EISDIR);
}

TEST(pty_requests_for_unknown_handles_are_ebadf)
{
	char buf[4];

	setup();
	CHECK_EQ(op_read(77, buf, sizeof(buf), 0), -EBADF);
	CHECK_EQ(op_write(77, buf, sizeof(buf), 0), -EBADF);
	op_close(77);
	op_cancel(12345);
}

TEST(pty_closing_a_handle_with_a_waiting_call_forgets_it)
{
	long m, s;
	char buf[8];

	setup();
	pair(&m, &s, 0);
	long s2 = op_dup(s, "");
	op_read(s2, buf, sizeof(buf), 0);
	uint64_t tag = last_tag;
	op_close(s2);                            /* an orphaned call's handle */
	op_puts(m, "a\n");
	CHECK_EQ(answer(tag), NO_ANSWER);
	CHECK_STR(slave_in(s, 100), "a\n");
}
