// SPDX-License-Identifier: MIT
/*
 * The virtio-blk driver's logic (drivers/virtioblk: capability parsing,
 * the split virtqueue, request chains, completions) with the disk
 * library on top, against a device simulated in plain memory: "physical"
 * addresses are host pointers, so the simulator follows descriptor
 * chains like a device would, moves the data, writes the status byte
 * and returns used entries in whatever order the test chooses.
 */
#include "scheme_call.h"
#include "unit.h"

#include <drivers/lib/disk.h>
#include <drivers/virtioblk/vblk.h>
#include <drivers/virtioblk/virtio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define PHYS(p) ((uint64_t)(uintptr_t)(p))
#define QSIZE   16u
#define NSECT   2048u

/* --- capability parsing ------------------------------------------------------ */

static void cap_put(uint8_t *cfg, unsigned off, unsigned next, uint8_t type, uint8_t bar,
		    uint32_t offset, uint32_t length, uint8_t len)
{
	cfg[off] = 0x09;
	cfg[off + 1] = (uint8_t)next;
	cfg[off + 2] = len;
	cfg[off + 3] = type;
	cfg[off + 4] = bar;
	memcpy(cfg + off + 8, &offset, 4);
	memcpy(cfg + off + 12, &length, 4);
}

static void caps_cfg(uint8_t *cfg)
{
	memset(cfg, 0, 256);
	cfg[0x06] = 0x10;
	cfg[0x34] = 0x40;
	cfg[0x40] = 0x11;               /* an MSI-X capability first */
	cfg[0x41] = 0x50;
	cap_put(cfg, 0x50, 0x60, VIRTIO_PCI_CAP_COMMON, 4, 0x0000, 0x1000, 16);
	cap_put(cfg, 0x60, 0x70, VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000, 16);
	cap_put(cfg, 0x70, 0x84, VIRTIO_PCI_CAP_DEVICE, 4, 0x2000, 0x1000, 16);
	cap_put(cfg, 0x84, 0x98, VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000, 20);
	uint32_t mul = 4;
	memcpy(cfg + 0x84 + 16, &mul, 4);
	cap_put(cfg, 0x98, 0x00, VIRTIO_PCI_CAP_COMMON, 2, 0x9000, 0x1000, 16);  /* later: ignored */
}

TEST(virtio_caps_found_first_of_each_type)
{
	uint8_t cfg[256];
	virtio_caps_t c;

	caps_cfg(cfg);
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), 0);
	CHECK_EQ(c.common.bar, 4);
	CHECK_EQ(c.common.offset, 0);
	CHECK_EQ(c.isr.offset, 0x1000);
	CHECK_EQ(c.device.offset, 0x2000);
	CHECK_EQ(c.notify.offset, 0x3000);
	CHECK_EQ(c.notify_off_multiplier, 4);
}

TEST(virtio_caps_missing_or_bad_are_refused)
{
	uint8_t cfg[256];
	virtio_caps_t c;

	caps_cfg(cfg);
	cfg[0x71] = 0x00;               /* the list ends before notify */
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), -ENOENT);
	caps_cfg(cfg);
	cfg[0x84 + 2] = 16;             /* notify without its multiplier */
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), -EINVAL);
	caps_cfg(cfg);
	cfg[0x54] = 7;                  /* no BAR 7 */
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), -EINVAL);
	caps_cfg(cfg);
	cfg[0x51] = 0x50;               /* a loop */
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), -ENOENT);
	caps_cfg(cfg);
	cfg[0x06] = 0;                  /* no capability list */
	CHECK_EQ(virtio_caps_parse(cfg, sizeof(cfg), &c), -ENOENT);
}

/* --- the simulated device ------------------------------------------------------ */

typedef struct sim {
	virtio_common_t common;
	uint8_t devcfg[64];
	uint16_t notify_area[8];
	uint8_t disk[NSECT * 512];
	uint16_t seen_avail;            /* avail entries consumed */
	uint16_t pending[QSIZE];        /* heads taken, not yet returned */
	unsigned npending;
	uint16_t used_idx;
} sim_t;

typedef struct rig {
	sim_t sim;
	vblk_t v;
	disk_t disk;
	void *ring;
	uint8_t hdr[64 * VBLK_HDR_STRIDE];
	disk_buf_t bufs[8];
} rig_t;

static rig_t *rg;

/* The device takes every newly offered chain. */
static void sim_fetch(void)
{
	while (rg->sim.seen_avail != rg->v.q.avail[1]) {
		rg->sim.pending[rg->sim.npending++] =
			rg->v.q.avail[2 + (rg->sim.seen_avail & (QSIZE - 1))];
		rg->sim.seen_avail++;
	}
}

/* Runs the i-th fetched chain and puts it on the used ring. */
static void sim_run(unsigned i, uint8_t status)
{
	uint16_t head = rg->sim.pending[i];
	volatile virtq_desc_t *d = rg->v.q.desc;
	uint8_t *h = (uint8_t *)(uintptr_t)d[head].addr;
	uint32_t type;
	uint64_t sector;
	uint32_t written = 1;

	memmove(&rg->sim.pending[i], &rg->sim.pending[i + 1],
		(rg->sim.npending - i - 1) * sizeof(uint16_t));
	rg->sim.npending--;
	memcpy(&type, h, 4);
	memcpy(&sector, h + 8, 8);
	uint16_t n = d[head].next;
	if (type != VIRTIO_BLK_T_FLUSH) {
		uint8_t *buf = (uint8_t *)(uintptr_t)d[n].addr;
		uint32_t len = d[n].len;
		if (status == VIRTIO_BLK_S_OK && type == VIRTIO_BLK_T_IN) {
			memcpy(buf, rg->sim.disk + sector * 512, len);
			written += len;
		}
		if (status == VIRTIO_BLK_S_OK && type == VIRTIO_BLK_T_OUT)
			memcpy(rg->sim.disk + sector * 512, buf, len);
		n = d[n].next;
	}
	*(uint8_t *)(uintptr_t)d[n].addr = status;
	virtq_used_elem_t *ring = (virtq_used_elem_t *)(uintptr_t)(rg->v.q.used + 2);
	ring[rg->sim.used_idx & (QSIZE - 1)] = (virtq_used_elem_t){ head, written };
	rg->sim.used_idx++;
	__atomic_store_n(&rg->v.q.used[1], rg->sim.used_idx, __ATOMIC_RELEASE);
}

static bool rig_up(uint64_t features)
{
	rg = calloc(1, sizeof(*rg));
	for (unsigned i = 0; i < sizeof(rg->sim.disk); i++)
		rg->sim.disk[i] = (uint8_t)(i * 13 + (i >> 9));
	uint64_t cap = NSECT;
	memcpy(rg->sim.devcfg, &cap, 8);
	rg->sim.common.queue_size = 256;        /* the driver uses at most VBLK_QUEUE_MAX */
	rg->sim.common.queue_notify_off = 2;
	rg->v.common = &rg->sim.common;
	rg->v.devcfg = rg->sim.devcfg;
	rg->v.notify_base = (uint8_t *)rg->sim.notify_area;
	rg->v.notify_mul = 4;
	rg->v.features = features;
	rg->v.hdr = rg->hdr;
	rg->v.hdr_phys = PHYS(rg->hdr);
	rg->v.disk = &rg->disk;
	vblk_config_read(&rg->v);
	if (vblk_queue_size(&rg->v) != VBLK_QUEUE_MAX)
		return false;
	rg->ring = aligned_alloc(4096, 16384);
	if (vblk_queue_setup(&rg->v, rg->ring, PHYS(rg->ring), QSIZE, 0) != 0)
		return false;
	for (unsigned i = 0; i < 4; i++) {
		rg->bufs[i].virt = malloc(4096);
		rg->bufs[i].phys = PHYS(rg->bufs[i].virt);
	}
	disk_driver_t drv = {
		.name = "disk.virtio0", .sector_size = rg->v.sector_size,
		.sectors = rg->v.capacity, .max_inflight = rg->v.slots < 4 ? rg->v.slots : 4,
		.max_sectors = 8, .can_flush = (features >> VIRTIO_BLK_F_FLUSH) & 1,
		.bufs = rg->bufs, .ctx = &rg->v, .submit = vblk_submit,
		.interrupt = vblk_interrupt, .irq_fd = -1,
	};
	return disk_init(&rg->disk, &drv) == 0;
}

static void rig_down(void)
{
	disk_fini(&rg->disk);
	for (unsigned i = 0; i < 4; i++)
		free(rg->bufs[i].virt);
	free(rg->ring);
	free(rg);
}

static long rig_answer(uint64_t tag)
{
	abi_scheme_response_t r[16];
	long res = T_NO_ANSWER;

	vblk_interrupt(&rg->v);
	disk_pump(&rg->disk);
	unsigned n = scheme_outbox_take(&rg->disk.server, r, 16);
	for (unsigned i = 0; i < n; i++)
		if (r[i].tag == tag)
			res = r[i].result;
	return res;
}

static uint64_t rig_send(uint16_t op, uint64_t h, void *buf, size_t len)
{
	static uint64_t tag = 5000;
	abi_scheme_request_t req = { .tag = ++tag, .opcode = op, .handle = h,
				     .buf = PHYS(buf), .len = len };
	scheme_dispatch(&rg->disk.server, &req);
	return req.tag;
}

TEST(vblk_queue_setup_programs_the_common_config)
{
	CHECK(rig_up(1ull << VIRTIO_F_VERSION_1));
	virtio_common_t *c = &rg->sim.common;
	CHECK_EQ(c->queue_size, QSIZE);
	CHECK_EQ(c->queue_enable, 1);
	CHECK_EQ(c->queue_msix_vector, 0);
	CHECK_EQ(c->config_msix_vector, VIRTIO_NO_VECTOR);
	CHECK_EQ((uint64_t)c->queue_desc_lo | (uint64_t)c->queue_desc_hi << 32, PHYS(rg->ring));
	CHECK_EQ((uint64_t)c->queue_device_lo | (uint64_t)c->queue_device_hi << 32,
		 PHYS(rg->v.q.used));
	CHECK(rg->v.notify == &rg->sim.notify_area[4]);     /* off 2 * multiplier 4 bytes */
	CHECK_EQ(rg->v.slots, QSIZE / 3);
	CHECK_EQ(rg->v.capacity, NSECT);
	CHECK_EQ(rg->v.sector_size, 512);
	rig_down();
}

TEST(vblk_reads_in_flight_complete_out_of_order)
{
	CHECK(rig_up(1ull << VIRTIO_F_VERSION_1));
	long h = sc_open(&rg->disk.server, "0", O_RDONLY, NULL);
	CHECK(h > 0);
	size_t len = 32 * 512;          /* 4 chunks, 4 slots */
	uint8_t *buf = malloc(len);
	CHECK_EQ(sc_call(&rg->disk.server, (abi_scheme_request_t){ .opcode = SCHEME_OP_SEEK,
			 .handle = (uint64_t)h, .arg = { 100 * 512, 0 } }, NULL), 100 * 512);
	uint64_t tag = rig_send(SCHEME_OP_READ, (uint64_t)h, buf, len);
	sim_fetch();
	CHECK_EQ(rg->sim.npending, 4);
	CHECK_EQ(rg->sim.notify_area[4], 0);
	CHECK_EQ(rg->v.notifies, 4);
	/* The chain: header (device-readable), data (device-writable), status. */
	volatile virtq_desc_t *d = rg->v.q.desc;
	uint16_t head = rg->sim.pending[1];
	CHECK_EQ(d[head].len, 16);
	CHECK_EQ(d[head].flags, VIRTQ_DESC_F_NEXT);
	CHECK_EQ(d[d[head].next].flags, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE);
	CHECK_EQ(d[d[head].next].len, 8 * 512);
	CHECK_EQ(d[d[d[head].next].next].flags, VIRTQ_DESC_F_WRITE);
	sim_run(3, VIRTIO_BLK_S_OK);
	sim_run(0, VIRTIO_BLK_S_OK);
	CHECK_EQ(rig_answer(tag), T_NO_ANSWER);
	sim_run(1, VIRTIO_BLK_S_OK);
	sim_run(0, VIRTIO_BLK_S_OK);
	CHECK_EQ(rig_answer(tag), (long)len);
	CHECK(!memcmp(buf, rg->sim.disk + 100 * 512, len));
	free(buf);
	rig_down();
}

TEST(vblk_write_then_flush)
{
	uint8_t w[1024];
	CHECK(rig_up((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_BLK_F_FLUSH)));
	long h = sc_open(&rg->disk.server, "0", O_RDWR, NULL);
	memset(w, 0x3c, sizeof(w));
	uint64_t tw = rig_send(SCHEME_OP_WRITE, (uint64_t)h, w, sizeof(w));
	uint64_t tf = rig_send(SCHEME_OP_FSYNC, (uint64_t)h, NULL, 0);
	sim_fetch();
	CHECK_EQ(rg->sim.npending, 1);  /* the flush waits */
	sim_run(0, VIRTIO_BLK_S_OK);
	CHECK_EQ(rig_answer(tw), 1024);
	CHECK_EQ(rg->sim.disk[1023], 0x3c);
	sim_fetch();
	CHECK_EQ(rg->sim.npending, 1);
	uint16_t head = rg->sim.pending[0];
	uint32_t type;
	memcpy(&type, (void *)(uintptr_t)rg->v.q.desc[head].addr, 4);
	CHECK_EQ(type, VIRTIO_BLK_T_FLUSH);
	CHECK_EQ(rg->v.q.desc[head].next, head + 2);        /* header -> status */
	sim_run(0, VIRTIO_BLK_S_OK);
	CHECK_EQ(rig_answer(tf), 0);
	rig_down();
}

TEST(vblk_device_errors_and_read_only)
{
	uint8_t b[512];
	CHECK(rig_up((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_BLK_F_RO)));
	long h = sc_open(&rg->disk.server, "0", O_RDWR, NULL);
	uint64_t t = rig_send(SCHEME_OP_READ, (uint64_t)h, b, sizeof(b));
	sim_fetch();
	sim_run(0, VIRTIO_BLK_S_IOERR);
	CHECK_EQ(rig_answer(t), -EIO);
	t = rig_send(SCHEME_OP_WRITE, (uint64_t)h, b, sizeof(b));
	CHECK_EQ(rig_answer(t), -EROFS);
	sim_fetch();
	CHECK_EQ(rg->sim.npending, 0);
	rig_down();
}

TEST(vblk_block_size_scales_the_sector_field)
{
	uint8_t b[4096];
	/* A 4096-byte logical block device: LBA n is virtio sector 8n. */
	CHECK(rig_up((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_BLK_F_BLK_SIZE)));
	CHECK_EQ(rg->v.sector_size, 512);       /* blk_size 0 in config: ignored */
	uint32_t bs = 4096;
	memcpy(rg->sim.devcfg + 20, &bs, 4);
	vblk_config_read(&rg->v);
	CHECK_EQ(rg->v.sector_size, 4096);
	disk_fini(&rg->disk);
	disk_driver_t drv = rg->disk.drv;
	drv.sector_size = 4096;
	drv.sectors = rg->v.capacity / 8;
	drv.max_sectors = 1;
	CHECK_EQ(disk_init(&rg->disk, &drv), 0);
	long h = sc_open(&rg->disk.server, "0", O_RDONLY, NULL);
	CHECK_EQ(sc_call(&rg->disk.server, (abi_scheme_request_t){ .opcode = SCHEME_OP_SEEK,
			 .handle = (uint64_t)h, .arg = { 3 * 4096, 0 } }, NULL), 3 * 4096);
	uint64_t t = rig_send(SCHEME_OP_READ, (uint64_t)h, b, sizeof(b));
	sim_fetch();
	uint64_t sector;
	memcpy(&sector, (void *)(uintptr_t)rg->v.q.desc[rg->sim.pending[0]].addr + 8, 8);
	CHECK_EQ(sector, 24);
	sim_run(0, VIRTIO_BLK_S_OK);
	CHECK_EQ(rig_answer(t), 4096);
	CHECK(!memcmp(b, rg->sim.disk + 24 * 512, 4096));
	rig_down();
}

TEST(virtq_rejects_bad_sizes_and_wraps_indices)
{
	virtq_t q;
	void *mem = aligned_alloc(4096, 8192);
	virtq_used_elem_t e;

	CHECK_EQ(virtq_init(&q, mem, 0x1000, 3), -EINVAL);
	CHECK_EQ(virtq_init(&q, mem, 0x1000, 4), 0);
	CHECK_EQ(q.avail_phys, 0x1000 + 64);
	CHECK_EQ(q.used_phys % 4096, 0);
	for (unsigned i = 0; i < 70000; i++) {  /* the 16-bit indices wrap */
		virtq_publish(&q, (uint16_t)(i & 3));
		CHECK_EQ(q.avail[2 + (i & 3)], i & 3);
		volatile virtq_used_elem_t *ring = (volatile virtq_used_elem_t *)(q.used + 2);
		ring[i & 3].id = i & 3;
		ring[i & 3].len = i;
		q.used[1] = (uint16_t)(i + 1);
		CHECK(virtq_take_used(&q, &e));
		CHECK_EQ(e.len, i);
		CHECK(!virtq_take_used(&q, &e));
	}
	CHECK_EQ(q.avail[1], (uint16_t)70000);
	free(mem);
}
