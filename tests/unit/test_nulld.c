// SPDX-License-Identifier: MIT
/*
 * Tests for daemons/nulld: the null: scheme driven through libscheme's
 * scheme_dispatch() with hand-built requests, the way the kernel sends
 * them, and its answers read back from the outbox.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/nulld/null.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>


static scheme_server_t srv;
static null_state_t st;

static void t_setup(void)
{
	null_state_init(&st);
	scheme_server_init(&srv, &null_ops, &st);
}

static long t_call(abi_scheme_request_t req, unsigned *events)
{
	return sc_call(&srv, req, events);
}

static long t_open(const char *path, int flags, unsigned *events)
{
	return sc_open(&srv, path, flags, events);
}

static long t_io(uint16_t op, uint64_t h, void *buf, size_t len)
{
	return sc_io(&srv, op, (uint64_t)h, buf, len);
}

TEST(nulld_open_empty_path_gives_ready_handles)
{
	unsigned ev = 0;

	t_setup();
	long a = t_open("", O_RDWR, &ev);
	CHECK(a >= 0);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	long b = t_open("", O_RDONLY, &ev);
	CHECK(b >= 0);
	CHECK(a != b);
}

TEST(nulld_open_other_paths_is_enoent)
{
	t_setup();
	CHECK_EQ(t_open("x", O_RDWR, NULL), -ENOENT);
	CHECK_EQ(t_open("/", O_RDONLY, NULL), -ENOENT);
}

TEST(nulld_read_is_eof_and_leaves_buffer_alone)
{
	char buf[16];

	t_setup();
	long h = t_open("", O_RDWR, NULL);
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, buf, sizeof(buf)), 0);
	CHECK_EQ(buf[0], 0x5a);
	CHECK_EQ(buf[15], 0x5a);
}

TEST(nulld_write_consumes_everything)
{
	static char big[1 << 16];

	t_setup();
	long h = t_open("", O_WRONLY, NULL);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, "hello", 5), 5);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, big, sizeof(big)), (long)sizeof(big));
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, big, 0), 0);
}

TEST(nulld_fstat_is_a_character_device)
{
	abi_stat_t sb;

	t_setup();
	long h = t_open("", O_RDWR, NULL);
	memset(&sb, 0xff, sizeof(sb));
	CHECK_EQ(t_io(SCHEME_OP_FSTAT, (uint64_t)h, &sb, sizeof(sb)), 0);
	CHECK_EQ(sb.mode, ABI_S_IFCHR | 0666);
	CHECK_EQ(sb.size, 0);
	CHECK_EQ(sb.nlink, 1);
}

TEST(nulld_close_sends_no_answer)
{
	abi_scheme_response_t r;

	t_setup();
	long h = t_open("", O_RDWR, NULL);
	scheme_dispatch(&srv, &(abi_scheme_request_t){ .tag = 99, .opcode = SCHEME_OP_CLOSE,
						       .handle = (uint64_t)h });
	CHECK_EQ(scheme_outbox_take(&srv, &r, 1), 0);
}

TEST(nulld_dup_and_fevent)
{
	unsigned ev = 0;

	t_setup();
	long h = t_open("", O_RDWR, NULL);
	long d = t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_DUP, .handle = (uint64_t)h,
						.buf = (uint64_t)(uintptr_t)"", .len = 1 },
			&ev);
	CHECK(d >= 0 && d != h);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_DUP, .handle = (uint64_t)h,
						.buf = (uint64_t)(uintptr_t)"a", .len = 2 },
			NULL),
		 -ENOENT);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_FEVENT, .handle = (uint64_t)h,
						.arg = { EVENT_READ } },
			NULL),
		 EVENT_READ | EVENT_WRITE);
}

TEST(nulld_seek_and_other_calls_are_refused)
{
	t_setup();
	long h = t_open("", O_RDWR, NULL);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_SEEK, .handle = (uint64_t)h },
			NULL),
		 -ESPIPE);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_FTRUNCATE,
						.handle = (uint64_t)h },
			NULL),
		 -EOPNOTSUPP);
}
