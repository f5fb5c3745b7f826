// SPDX-License-Identifier: MIT
/*
 * Tests for daemons/zerod: the zero: scheme driven through libscheme's
 * scheme_dispatch() with hand-built requests, the way the kernel sends
 * them, and its answers read back from the outbox.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/zerod/zero.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>


static scheme_server_t srv;
static zero_state_t st;

static void t_setup(void)
{
	zero_state_init(&st);
	scheme_server_init(&srv, &zero_ops, &st);
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

TEST(zerod_open_empty_path_gives_ready_handles)
{
	unsigned ev = 0;

	t_setup();
	long a = t_open("", O_RDONLY, &ev);
	CHECK(a >= 0);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	long b = t_open("", O_RDWR, NULL);
	CHECK(b >= 0);
	CHECK(a != b);
}

TEST(zerod_open_other_paths_is_enoent)
{
	t_setup();
	CHECK_EQ(t_open("zero", O_RDONLY, NULL), -ENOENT);
	CHECK_EQ(t_open(" ", O_RDONLY, NULL), -ENOENT);
}

TEST(zerod_read_fills_exactly_len_bytes_with_zeros)
{
	unsigned char buf[64];

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	memset(buf, 0xa5, sizeof(buf));
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, buf, 40), 40);
	for (int i = 0; i < 40; i++)
		CHECK_EQ(buf[i], 0);
	for (int i = 40; i < 64; i++)
		CHECK_EQ(buf[i], 0xa5);
}

TEST(zerod_read_of_a_large_mapped_buffer)
{
	size_t len = 3 * SCHEME_COPY_MAX + 17;
	unsigned char *buf = malloc(len);

	CHECK(buf);
	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	memset(buf, 0xff, len);
	long got = t_io(SCHEME_OP_READ, (uint64_t)h, buf, len);
	size_t nonzero = 0;
	for (size_t i = 0; i < len; i++)
		nonzero += buf[i] != 0;
	free(buf);
	CHECK_EQ(got, (long)len);
	CHECK_EQ(nonzero, 0);
}

TEST(zerod_read_of_nothing_and_of_no_buffer)
{
	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, NULL, 0), 0);
	CHECK_EQ(t_io(SCHEME_OP_READ, (uint64_t)h, NULL, 8), -EFAULT);
}

TEST(zerod_write_consumes_everything)
{
	t_setup();
	long h = t_open("", O_RDWR, NULL);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, "abc", 3), 3);
	CHECK_EQ(t_io(SCHEME_OP_WRITE, (uint64_t)h, "", 0), 0);
}

TEST(zerod_fstat_is_a_character_device)
{
	abi_stat_t sb;

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	memset(&sb, 0xff, sizeof(sb));
	CHECK_EQ(t_io(SCHEME_OP_FSTAT, (uint64_t)h, &sb, sizeof(sb)), 0);
	CHECK_EQ(sb.mode, ABI_S_IFCHR | 0666);
	CHECK_EQ(sb.size, 0);
	CHECK_EQ(sb.nlink, 1);
}

TEST(zerod_close_sends_no_answer)
{
	abi_scheme_response_t r;

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	scheme_dispatch(&srv, &(abi_scheme_request_t){ .tag = 99, .opcode = SCHEME_OP_CLOSE,
						       .handle = (uint64_t)h });
	CHECK_EQ(scheme_outbox_take(&srv, &r, 1), 0);
}

TEST(zerod_dup_and_fevent)
{
	unsigned ev = 0;

	t_setup();
	long h = t_open("", O_RDONLY, NULL);
	long d = t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_DUP, .handle = (uint64_t)h,
						.buf = (uint64_t)(uintptr_t)"", .len = 1 },
			&ev);
	CHECK(d >= 0 && d != h);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	CHECK_EQ(t_call((abi_scheme_request_t){ .opcode = SCHEME_OP_FEVENT, .handle = (uint64_t)h,
						.arg = { EVENT_WRITE } },
			NULL),
		 EVENT_READ | EVENT_WRITE);
}
