// SPDX-License-Identifier: MIT
/*
 * virtio-blk, the device half of the driver: bringing the device up
 * through its common configuration (reset, feature negotiation with
 * VIRTIO_F_VERSION_1 required, one queue with its MSI-X vector,
 * DRIVER_OK), turning the disk library's requests into descriptor
 * chains, and turning used-ring entries back into completions.
 *
 * Each of the library's slots owns three fixed descriptors (3i: the
 * 16-byte request header, 3i+1: the data in the slot's bounce buffer,
 * 3i+2: the status byte), so no descriptor allocator is needed and a
 * used entry's id names its slot (id / 3). A flush chains 3i -> 3i+2.
 * Headers and status bytes live in one DMA block, 32 bytes per slot.
 * No register is touched through anything but the pointers given to
 * vblk_t, so the host tests run all of this over plain memory.
 */
#pragma once

#include "virtio.h"

#include <drivers/lib/disk.h>

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX  2
#define VIRTIO_BLK_F_RO       5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH    9

#define VIRTIO_BLK_T_IN    0
#define VIRTIO_BLK_T_OUT   1
#define VIRTIO_BLK_T_FLUSH 4

#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define VBLK_HDR_STRIDE 32u     /* bytes of header block per slot */
#define VBLK_QUEUE_MAX  128u    /* entries we use at most */

typedef struct vblk {
	volatile virtio_common_t *common;
	volatile uint8_t *devcfg;       /* struct virtio_blk_config */
	volatile uint8_t *notify_base;  /* the notify region */
	uint32_t notify_mul;
	volatile uint16_t *notify;      /* queue 0's doorbell (vblk_queue_setup) */
	virtq_t q;
	uint64_t features;              /* negotiated */
	uint64_t capacity;              /* in 512-byte units, as virtio counts */
	uint32_t sector_size;           /* the logical block size (BLK_SIZE) or 512 */
	uint32_t size_max;              /* largest segment in bytes; 0: no limit */
	unsigned slots;
	uint8_t *hdr;                   /* slots * VBLK_HDR_STRIDE, DMA */
	uint64_t hdr_phys;
	disk_req_t *inflight[VBLK_QUEUE_MAX / 3];
	disk_t *disk;                   /* completions go here */
	unsigned long notifies, spurious;
} vblk_t;

/* Reset, ACKNOWLEDGE|DRIVER, features (VERSION_1 required), FEATURES_OK. 0 / -errno. */
int vblk_negotiate(vblk_t *v);
/* Reads capacity, block size and size_max from the device configuration. */
void vblk_config_read(vblk_t *v);
/* The size queue 0 will have (the device's, at most VBLK_QUEUE_MAX); 0: no queue. */
uint16_t vblk_queue_size(vblk_t *v);
/*
 * Sets queue 0 up in ring (virtq_bytes(size), DMA at ring_phys), points
 * it at MSI-X table entry `vector` (config changes get none), enables
 * it and finds its doorbell. -EIO when the device refuses the vector.
 */
int vblk_queue_setup(vblk_t *v, void *ring, uint64_t ring_phys, uint16_t size, uint16_t vector);
/* DRIVER_OK: the device is live. */
void vblk_driver_ok(vblk_t *v);
/* Marks the device FAILED (after an error during setup). */
void vblk_fail(vblk_t *v);

/* disk_driver_t callbacks (ctx = the vblk_t). */
int vblk_submit(void *ctx, disk_req_t *r);
void vblk_interrupt(void *ctx);
