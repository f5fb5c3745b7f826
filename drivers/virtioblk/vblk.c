// SPDX-License-Identifier: MIT
/*
 * virtio-blk device logic (the model is in vblk.h). Setup follows the
 * order virtio 1.x §3.1.1 prescribes; requests follow §5.2.6: a header
 * {type, reserved, sector in 512-byte units}, the data, and a status
 * byte the device writes last.
 */
#include "vblk.h"

#include <errno.h>
#include <string.h>

/* Features we understand; anything else offered is declined. */
#define VBLK_WANTED ((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_BLK_F_SIZE_MAX) | \
		     (1ull << VIRTIO_BLK_F_SEG_MAX) | (1ull << VIRTIO_BLK_F_RO) |       \
		     (1ull << VIRTIO_BLK_F_BLK_SIZE) | (1ull << VIRTIO_BLK_F_FLUSH))

static void vblk_status_set(vblk_t *v, uint8_t bits)
{
	v->common->device_status = (uint8_t)(v->common->device_status | bits);
}

void vblk_fail(vblk_t *v)
{
	vblk_status_set(v, VIRTIO_STATUS_FAILED);
}

int vblk_negotiate(vblk_t *v)
{
	volatile virtio_common_t *c = v->common;

	c->device_status = 0;           /* reset; done when it reads back 0 */
	for (unsigned spins = 0; c->device_status != 0; spins++)
		if (spins > 1000000)
			return -ETIMEDOUT;
	vblk_status_set(v, VIRTIO_STATUS_ACKNOWLEDGE);
	vblk_status_set(v, VIRTIO_STATUS_DRIVER);
	c->device_feature_select = 0;
	uint64_t offered = c->device_feature;
	c->device_feature_select = 1;
	offered |= (uint64_t)c->device_feature << 32;
	if (!(offered & (1ull << VIRTIO_F_VERSION_1)))
		return -ENODEV;         /* a legacy-only device */
	v->features = offered & VBLK_WANTED;
	c->driver_feature_select = 0;
	c->driver_feature = (uint32_t)v->features;
	c->driver_feature_select = 1;
	c->driver_feature = (uint32_t)(v->features >> 32);
	vblk_status_set(v, VIRTIO_STATUS_FEATURES_OK);
	if (!(c->device_status & VIRTIO_STATUS_FEATURES_OK))
		return -ENOTSUP;        /* the device did not accept our subset */
	return 0;
}

static uint32_t vblk_cfg32(vblk_t *v, unsigned off)
{
	volatile uint32_t *p = (volatile uint32_t *)(v->devcfg + off);

	return *p;
}

void vblk_config_read(vblk_t *v)
{
	uint8_t gen;

	/* config_generation brackets a consistent read of multi-word fields. */
	do {
		gen = v->common->config_generation;
		v->capacity = vblk_cfg32(v, 0) | (uint64_t)vblk_cfg32(v, 4) << 32;
		v->size_max = v->features & (1ull << VIRTIO_BLK_F_SIZE_MAX) ? vblk_cfg32(v, 8) : 0;
		v->sector_size = 512;
		if (v->features & (1ull << VIRTIO_BLK_F_BLK_SIZE)) {
			uint32_t bs = vblk_cfg32(v, 20);
			if (bs >= 512 && bs <= 65536 && !(bs & (bs - 1)))
				v->sector_size = bs;
		}
	} while (gen != v->common->config_generation);
}

uint16_t vblk_queue_size(vblk_t *v)
{
	v->common->queue_select = 0;
	uint16_t n = v->common->queue_size;

	if (n > VBLK_QUEUE_MAX)
		n = VBLK_QUEUE_MAX;
	while (n & (n - 1))
		n &= (uint16_t)(n - 1);         /* round down to a power of two */
	return n;
}

int vblk_queue_setup(vblk_t *v, void *ring, uint64_t ring_phys, uint16_t size, uint16_t vector)
{
	volatile virtio_common_t *c = v->common;
	int err = virtq_init(&v->q, ring, ring_phys, size);

	if (err)
		return err;
	c->config_msix_vector = VIRTIO_NO_VECTOR;
	c->queue_select = 0;
	c->queue_size = size;
	c->queue_desc_lo = (uint32_t)v->q.desc_phys;
	c->queue_desc_hi = (uint32_t)(v->q.desc_phys >> 32);
	c->queue_driver_lo = (uint32_t)v->q.avail_phys;
	c->queue_driver_hi = (uint32_t)(v->q.avail_phys >> 32);
	c->queue_device_lo = (uint32_t)v->q.used_phys;
	c->queue_device_hi = (uint32_t)(v->q.used_phys >> 32);
	c->queue_msix_vector = vector;
	if (c->queue_msix_vector != vector)
		return -EIO;            /* the device could not take the vector */
	v->notify = (volatile uint16_t *)(v->notify_base +
					  (size_t)c->queue_notify_off * v->notify_mul);
	c->queue_enable = 1;
	v->slots = size / 3;
	if (v->slots > DISK_SLOTS_MAX)
		v->slots = DISK_SLOTS_MAX;
	return 0;
}

void vblk_driver_ok(vblk_t *v)
{
	vblk_status_set(v, VIRTIO_STATUS_DRIVER_OK);
}

static void vblk_desc(vblk_t *v, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
		      uint16_t next)
{
	v->q.desc[i].addr = addr;
	v->q.desc[i].len = len;
	v->q.desc[i].flags = flags;
	v->q.desc[i].next = next;
}

int vblk_submit(void *ctx, disk_req_t *r)
{
	vblk_t *v = ctx;
	unsigned s = r->slot, d0 = 3 * s;
	uint8_t *h = v->hdr + (size_t)s * VBLK_HDR_STRIDE;
	uint64_t hp = v->hdr_phys + (uint64_t)s * VBLK_HDR_STRIDE;
	uint32_t type = r->op == DISK_OP_READ ? VIRTIO_BLK_T_IN
		      : r->op == DISK_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
	uint64_t sector = r->op == DISK_OP_FLUSH ? 0 : r->lba * (v->sector_size / 512);

	if (s >= v->slots || v->inflight[s])
		return -EBUSY;
	if (r->op == DISK_OP_WRITE && (v->features & (1ull << VIRTIO_BLK_F_RO)))
		return -EROFS;
	memset(h, 0, VBLK_HDR_STRIDE);
	memcpy(h, &type, 4);
	memcpy(h + 8, &sector, 8);
	h[16] = 0xff;                   /* the device overwrites it */
	vblk_desc(v, d0 + 2, hp + 16, 1, VIRTQ_DESC_F_WRITE, 0);
	if (r->op == DISK_OP_FLUSH) {
		vblk_desc(v, d0, hp, 16, VIRTQ_DESC_F_NEXT, (uint16_t)(d0 + 2));
	} else {
		uint16_t dir = r->op == DISK_OP_READ ? VIRTQ_DESC_F_WRITE : 0;
		vblk_desc(v, d0, hp, 16, VIRTQ_DESC_F_NEXT, (uint16_t)(d0 + 1));
		vblk_desc(v, d0 + 1, r->phys, r->count * v->sector_size,
			  (uint16_t)(dir | VIRTQ_DESC_F_NEXT), (uint16_t)(d0 + 2));
	}
	v->inflight[s] = r;
	virtq_publish(&v->q, (uint16_t)d0);
	if (virtq_needs_notify(&v->q)) {
		*v->notify = 0;         /* the queue's index */
		v->notifies++;
	}
	return 0;
}

void vblk_interrupt(void *ctx)
{
	vblk_t *v = ctx;
	virtq_used_elem_t e;

	while (virtq_take_used(&v->q, &e)) {
		unsigned s = e.id / 3;
		if (e.id % 3 || s >= v->slots || !v->inflight[s]) {
			v->spurious++;  /* not a head we gave out: ignore it */
			continue;
		}
		disk_req_t *r = v->inflight[s];
		uint8_t st = v->hdr[(size_t)s * VBLK_HDR_STRIDE + 16];
		v->inflight[s] = NULL;
		disk_complete(v->disk, r, st == VIRTIO_BLK_S_OK ? 0
				       : st == VIRTIO_BLK_S_UNSUPP ? -EOPNOTSUPP : -EIO);
	}
}
