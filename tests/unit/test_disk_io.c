// SPDX-License-Identifier: MIT
/*
 * The disk library (drivers/lib/disk*.c) driven through its scheme with
 * a fake device: an in-memory disk whose submit() only records the
 * request, so a test decides when and in which order requests finish.
 * The fake moves data at completion time, as DMA would, between the
 * memory disk and the slot's bounce buffer. Caller buffers are heap
 * blocks the test frees after a cancel, so ASan catches any late touch.
 */
#include "scheme_call.h"
#include "unit.h"

#include <drivers/lib/disk.h>
#include <drivers/lib/disk_part.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SS      512u
#define SECTORS 4096u           /* 2 MiB */
#define SLOTS   4u
#define MAXSEC  8u              /* 4 KiB per request */

typedef struct fake {
	uint8_t mem[SECTORS * SS];
	disk_buf_t bufs[SLOTS];
	disk_req_t *pending[64];        /* submitted, not completed, in order */
	unsigned npending;
	unsigned flushes, submits;
	int fail_submit;                /* next submit returns this */
	disk_t *disk;
} fake_t;

static fake_t *fk;
static disk_t *dk;

static int fake_submit(void *ctx, disk_req_t *r)
{
	fake_t *f = ctx;

	if (f->fail_submit) {
		int e = f->fail_submit;
		f->fail_submit = 0;
		return e;
	}
	f->submits++;
	f->pending[f->npending++] = r;
	return 0;
}

/* Finishes the i-th pending request with status (the DMA happens now). */
static void fake_finish(unsigned i, int status)
{
	disk_req_t *r = fk->pending[i];

	memmove(&fk->pending[i], &fk->pending[i + 1], (fk->npending - i - 1) * sizeof(r));
	fk->npending--;
	if (status == 0 && r->op == DISK_OP_READ)
		memcpy(r->buf, fk->mem + r->lba * SS, (size_t)r->count * SS);
	if (status == 0 && r->op == DISK_OP_WRITE)
		memcpy(fk->mem + r->lba * SS, r->buf, (size_t)r->count * SS);
	if (r->op == DISK_OP_FLUSH)
		fk->flushes++;
	disk_complete(fk->disk, r, status);
}

static int fake_wait(void *ctx)
{
	fake_t *f = ctx;

	while (f->npending)
		fake_finish(0, 0);
	return 0;
}

/* A disk with an MBR: partition 1 at 64 (128 sectors), partition 2 at 256 (1024). */
static void fake_mbr(uint8_t *m)
{
	static const uint32_t part[2][2] = { { 64, 128 }, { 256, 1024 } };

	for (int i = 0; i < 2; i++) {
		uint8_t *e = m + 446 + 16 * i;
		e[4] = 0x83;
		memcpy(e + 8, &part[i][0], 4);
		memcpy(e + 12, &part[i][1], 4);
	}
	m[510] = 0x55;
	m[511] = 0xaa;
}

static bool setup(bool with_table)
{
	fk = calloc(1, sizeof(*fk));
	dk = calloc(1, sizeof(*dk));
	for (unsigned i = 0; i < SECTORS * SS; i++)
		fk->mem[i] = (uint8_t)(i * 7 + i / SS);
	if (with_table)
		fake_mbr(fk->mem);
	for (unsigned i = 0; i < SLOTS; i++)
		fk->bufs[i].virt = malloc(MAXSEC * SS);
	fk->disk = dk;
	disk_driver_t drv = {
		.name = "disk.fake0", .sector_size = SS, .sectors = SECTORS,
		.max_inflight = SLOTS, .max_sectors = MAXSEC, .can_flush = true,
		.bufs = fk->bufs, .ctx = fk, .submit = fake_submit, .wait = fake_wait, .irq_fd = -1,
	};
	return disk_init(dk, &drv) == 0 && disk_scan(dk) == 0;
}

static void teardown(void)
{
	disk_fini(dk);
	for (unsigned i = 0; i < SLOTS; i++)
		free(fk->bufs[i].virt);
	free(fk);
	free(dk);
}

static long t_open(const char *path, int flags)
{
	return sc_open(&dk->server, path, flags, NULL);
}

static uint64_t t_tag;

/* Sends a request expected to stay pending; returns its tag. */
static uint64_t t_send(uint16_t op, uint64_t h, void *buf, size_t len)
{
	abi_scheme_request_t req = { .tag = ++t_tag + 1000000, .opcode = op, .handle = h,
				     .buf = (uint64_t)(uintptr_t)buf, .len = len };
	scheme_dispatch(&dk->server, &req);
	return req.tag;
}

/* After the "interrupt": pump, then the answer for tag (T_NO_ANSWER if none). */
static long t_answer(uint64_t tag)
{
	abi_scheme_response_t r[SCHEME_OUTBOX_MAX];

	disk_pump(dk);
	unsigned n = scheme_outbox_take(&dk->server, r, SCHEME_OUTBOX_MAX);
	long res = T_NO_ANSWER;
	for (unsigned i = 0; i < n; i++)
		if (r[i].tag == tag)
			res = r[i].result;
	return res;
}

static long t_seek(uint64_t h, int64_t off, int whence)
{
	return sc_call(&dk->server, (abi_scheme_request_t){ .opcode = SCHEME_OP_SEEK, .handle = h,
				.arg = { (uint64_t)off, (uint64_t)whence } }, NULL);
}

TEST(disk_scan_reads_mbr_through_the_driver)
{
	CHECK(setup(true));
	CHECK_EQ(dk->table.label, DISK_LABEL_MBR);
	CHECK_EQ(dk->table.count, 2);
	CHECK_EQ(dk->table.part[1].number, 2);
	CHECK_EQ(dk->table.part[1].first_lba, 256);
	CHECK_EQ(fk->npending, 0);
	teardown();
}

TEST(disk_root_lists_whole_disk_partitions_and_table)
{
	char buf[256];
	CHECK(setup(true));
	long h = t_open("", O_RDONLY | O_DIRECTORY);
	CHECK(h > 0);
	long n = sc_io(&dk->server, SCHEME_OP_GETDENTS, (uint64_t)h, buf, sizeof(buf));
	CHECK(n > 0);
	const char *want[] = { "0", "1", "2", "table" };
	long off = 0;
	for (int i = 0; i < 4; i++) {
		abi_dirent_t *e = (abi_dirent_t *)(buf + off);
		CHECK_STR(e->name, want[i]);
		CHECK_EQ(e->type, i == 3 ? ABI_DT_REG : 6);
		off += e->reclen;
	}
	CHECK_EQ(off, n);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_GETDENTS, (uint64_t)h, buf, sizeof(buf)), 0);
	CHECK_EQ(t_open("3", O_RDONLY), -ENOENT);
	CHECK_EQ(t_open("01", O_RDONLY), -ENOENT);
	CHECK_EQ(t_open("table", O_RDWR), -EACCES);
	CHECK_EQ(t_open("", O_RDWR), -EISDIR);
	CHECK_EQ(t_open("1", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	teardown();
}

TEST(disk_only_root_opens)
{
	CHECK(setup(true));
	abi_scheme_request_t req = { .opcode = SCHEME_OP_OPEN, .uid = 1000,
				     .buf = (uint64_t)(uintptr_t)"0", .len = 2 };
	CHECK_EQ(sc_call(&dk->server, req, NULL), -EACCES);
	teardown();
}

TEST(disk_table_text)
{
	char buf[512];
	CHECK(setup(true));
	long h = t_open("table", O_RDONLY);
	CHECK(h > 0);
	long n = sc_io(&dk->server, SCHEME_OP_READ, (uint64_t)h, buf, sizeof(buf) - 1);
	CHECK(n > 0);
	buf[n] = '\0';
	CHECK_STR(buf, "label mbr\nsector-size 512\nsectors 4096\n"
		       "part 1 first 64 sectors 128 type 0x83\n"
		       "part 2 first 256 sectors 1024 type 0x83\n");
	abi_stat_t st;
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_FSTAT, (uint64_t)h, &st, sizeof(st)), 0);
	CHECK_EQ(st.size, n);
	teardown();
}

TEST(disk_fstat_is_a_block_device_of_the_partition_size)
{
	abi_stat_t st;
	CHECK(setup(true));
	long h = t_open("2", O_RDWR);
	CHECK(h > 0);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_FSTAT, (uint64_t)h, &st, sizeof(st)), 0);
	CHECK_EQ(st.mode, ABI_S_IFBLK | 0600);
	CHECK_EQ(st.size, 1024 * 512);
	CHECK_EQ(st.blksize, 512);
	long w = t_open("0", O_RDONLY);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_FSTAT, (uint64_t)w, &st, sizeof(st)), 0);
	CHECK_EQ(st.size, SECTORS * SS);
	CHECK_EQ(t_seek((uint64_t)h, 0, SEEK_END), 1024 * 512);
	CHECK_EQ(t_seek((uint64_t)h, -1, SEEK_SET), -EINVAL);
	teardown();
}

TEST(disk_unaligned_requests_are_einval)
{
	uint8_t buf[1024];
	CHECK(setup(true));
	long h = t_open("1", O_RDWR);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_READ, (uint64_t)h, buf, 100), -EINVAL);
	CHECK_EQ(t_seek((uint64_t)h, 3, SEEK_SET), 3);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_READ, (uint64_t)h, buf, 512), -EINVAL);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_WRITE, (uint64_t)h, buf, 512), -EINVAL);
	CHECK_EQ(fk->submits, 1);       /* only the scan's read of LBA 0 */
	teardown();
}

TEST(disk_big_read_is_split_and_completes_out_of_order)
{
	CHECK(setup(true));
	long h = t_open("2", O_RDONLY);
	size_t len = 64 * SS;           /* 8 chunks of 8 sectors, 4 slots */
	uint8_t *buf = malloc(len);
	unsigned base = fk->submits;
	uint64_t tag = t_send(SCHEME_OP_READ, (uint64_t)h, buf, len);
	CHECK_EQ(t_answer(tag), T_NO_ANSWER);
	CHECK_EQ(fk->npending, SLOTS);
	CHECK_EQ(fk->submits - base, SLOTS);
	CHECK_EQ(fk->pending[0]->lba, 256);
	CHECK_EQ(fk->pending[3]->lba, 256 + 24);
	fake_finish(3, 0);
	fake_finish(1, 0);
	CHECK_EQ(t_answer(tag), T_NO_ANSWER);
	CHECK_EQ(fk->npending, SLOTS);          /* two more went in */
	while (fk->npending > 1)
		fake_finish(fk->npending - 1, 0);
	CHECK_EQ(t_answer(tag), T_NO_ANSWER);
	while (fk->npending)
		fake_finish(0, 0);
	CHECK_EQ(t_answer(tag), (long)len);
	CHECK(!memcmp(buf, fk->mem + 256 * SS, len));
	CHECK_EQ(fk->submits - base, 8);
	CHECK_EQ(dk->max_seen_inflight, SLOTS);
	CHECK_EQ(t_seek((uint64_t)h, 0, SEEK_CUR), (long)len);
	free(buf);
	teardown();
}

TEST(disk_two_calls_answer_in_completion_order)
{
	uint8_t a[SS], b[2 * SS];
	CHECK(setup(true));
	long h1 = t_open("1", O_RDONLY), h2 = t_open("0", O_RDONLY);
	CHECK_EQ(t_seek((uint64_t)h2, 100 * SS, SEEK_SET), 100 * SS);
	uint64_t ta = t_send(SCHEME_OP_READ, (uint64_t)h1, a, sizeof(a));
	uint64_t tb = t_send(SCHEME_OP_READ, (uint64_t)h2, b, sizeof(b));
	CHECK_EQ(fk->npending, 2);
	fake_finish(1, 0);
	CHECK_EQ(t_answer(tb), (long)sizeof(b));
	CHECK(!memcmp(b, fk->mem + 100 * SS, sizeof(b)));
	fake_finish(0, 0);
	CHECK_EQ(t_answer(ta), (long)sizeof(a));
	CHECK(!memcmp(a, fk->mem + 64 * SS, sizeof(a)));
	teardown();
}

TEST(disk_partition_bounds_clip_and_refuse)
{
	uint8_t buf[4 * SS], before[SS];
	CHECK(setup(true));
	long h = t_open("1", O_RDWR);   /* sectors 64..191 */
	memcpy(before, fk->mem + 192 * SS, SS);
	CHECK_EQ(t_seek((uint64_t)h, 126 * SS, SEEK_SET), 126 * SS);
	memset(buf, 0xab, sizeof(buf));
	uint64_t tag = t_send(SCHEME_OP_WRITE, (uint64_t)h, buf, sizeof(buf));
	CHECK_EQ(fk->npending, 1);
	CHECK_EQ(fk->pending[0]->lba, 190);
	CHECK_EQ(fk->pending[0]->count, 2);
	fake_wait(fk);
	CHECK_EQ(t_answer(tag), 2 * SS);
	CHECK_EQ(fk->mem[191 * SS + 511], 0xab);
	CHECK(!memcmp(before, fk->mem + 192 * SS, SS));      /* the next sector untouched */
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_WRITE, (uint64_t)h, buf, SS), -ENOSPC);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_READ, (uint64_t)h, buf, SS), 0);
	teardown();
}

TEST(disk_write_reaches_the_device_and_reads_back)
{
	uint8_t w[3 * SS], r[3 * SS];
	CHECK(setup(true));
	long h = t_open("2", O_RDWR);
	for (unsigned i = 0; i < sizeof(w); i++)
		w[i] = (uint8_t)(i ^ 0x5a);
	uint64_t tag = t_send(SCHEME_OP_WRITE, (uint64_t)h, w, sizeof(w));
	memset(w, 0, sizeof(w));        /* the bytes were taken at submit */
	fake_wait(fk);
	CHECK_EQ(t_answer(tag), (long)sizeof(w));
	CHECK_EQ(fk->mem[256 * SS + 1], 1 ^ 0x5a);
	CHECK_EQ(t_seek((uint64_t)h, 0, SEEK_SET), 0);
	tag = t_send(SCHEME_OP_READ, (uint64_t)h, r, sizeof(r));
	fake_wait(fk);
	CHECK_EQ(t_answer(tag), (long)sizeof(r));
	for (unsigned i = 0; i < sizeof(r); i++)
		CHECK_EQ(r[i], (uint8_t)(i ^ 0x5a));
	long ro = t_open("2", O_RDONLY);
	CHECK_EQ(sc_io(&dk->server, SCHEME_OP_WRITE, (uint64_t)ro, w, SS), -EBADF);
	teardown();
}

TEST(disk_cancel_never_touches_the_callers_buffer)
{
	CHECK(setup(true));
	long h = t_open("0", O_RDONLY);
	size_t len = 64 * SS;
	uint8_t *buf = malloc(len);
	unsigned base = fk->submits;
	uint64_t tag = t_send(SCHEME_OP_READ, (uint64_t)h, buf, len);
	CHECK_EQ(fk->npending, SLOTS);
	fake_finish(0, 0);              /* one chunk copied while the call was live */
	CHECK_EQ(t_answer(tag), T_NO_ANSWER);   /* the pump starts the fifth chunk */
	CHECK_EQ(fk->npending, SLOTS);
	abi_scheme_request_t cancel = { .opcode = SCHEME_OP_CANCEL, .arg = { tag } };
	scheme_dispatch(&dk->server, &cancel);
	free(buf);                      /* ASan: any later copy into it is caught */
	fake_finish(0, 0);
	CHECK_EQ(t_answer(tag), T_NO_ANSWER);   /* chunks still on the device */
	while (fk->npending)
		fake_finish(0, 0);
	CHECK_EQ(t_answer(tag), -EINTR);        /* the kernel frees its orphan on it */
	CHECK_EQ(fk->submits - base, SLOTS + 1);    /* the queued chunks were dropped */
	CHECK_EQ(dk->calls, NULL);
	/* The slots are free again. */
	uint8_t small[SS];
	uint64_t t2 = t_send(SCHEME_OP_READ, (uint64_t)h, small, SS);
	fake_wait(fk);
	CHECK_EQ(t_answer(t2), SS);
	teardown();
}

TEST(disk_fsync_is_a_barrier_after_writes)
{
	uint8_t w[2 * SS] = { 1 }, r[SS];
	CHECK(setup(true));
	long h = t_open("2", O_RDWR);
	uint64_t tw = t_send(SCHEME_OP_WRITE, (uint64_t)h, w, sizeof(w));
	uint64_t tf = t_send(SCHEME_OP_FSYNC, (uint64_t)h, NULL, 0);
	uint64_t tr = t_send(SCHEME_OP_READ, (uint64_t)h, r, sizeof(r));
	CHECK_EQ(fk->npending, 1);      /* the flush waits for the write, the read for the flush */
	fake_finish(0, 0);
	CHECK_EQ(t_answer(tw), (long)sizeof(w));
	CHECK_EQ(fk->npending, 1);
	CHECK_EQ(fk->pending[0]->op, DISK_OP_FLUSH);
	fake_finish(0, 0);
	CHECK_EQ(t_answer(tf), 0);
	CHECK_EQ(fk->flushes, 1);
	CHECK_EQ(fk->npending, 1);
	CHECK_EQ(fk->pending[0]->op, DISK_OP_READ);
	fake_finish(0, 0);
	CHECK_EQ(t_answer(tr), SS);
	teardown();
}

TEST(disk_device_errors_fail_the_call)
{
	uint8_t buf[16 * SS];
	CHECK(setup(true));
	long h = t_open("0", O_RDWR);
	uint64_t tag = t_send(SCHEME_OP_READ, (uint64_t)h, buf, sizeof(buf));
	fake_finish(1, -EIO);
	fake_finish(0, 0);
	CHECK_EQ(t_answer(tag), -EIO);
	fk->fail_submit = -ENODEV;
	tag = t_send(SCHEME_OP_WRITE, (uint64_t)h, buf, SS);
	CHECK_EQ(t_answer(tag), -ENODEV);
	CHECK_EQ(dk->inflight, 0);
	teardown();
}

TEST(disk_no_table_gives_the_whole_disk_only)
{
	CHECK(setup(false));
	CHECK_EQ(dk->table.label, DISK_LABEL_NONE);
	CHECK(t_open("0", O_RDONLY) > 0);
	CHECK_EQ(t_open("1", O_RDONLY), -ENOENT);
	teardown();
}
