// SPDX-License-Identifier: MIT
/*
 * Modern virtio over PCI (virtio 1.x, "Virtio PCI Card Specification"
 * §4.1) as far as a block driver needs it: the vendor capabilities that
 * say where the common, notify, ISR and device configuration structures
 * live in the BARs (virtio_caps.c, parsed from a copy of configuration
 * space), the layout of the common configuration structure, and one
 * split virtqueue (virtq.c). All pure: the host tests drive them over
 * plain memory standing in for the device.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- capabilities ---------------------------------------------------------- */

#define VIRTIO_PCI_CAP_COMMON 1
#define VIRTIO_PCI_CAP_NOTIFY 2
#define VIRTIO_PCI_CAP_ISR    3
#define VIRTIO_PCI_CAP_DEVICE 4

typedef struct virtio_region {
	bool present;
	uint8_t bar;
	uint32_t offset, length;
} virtio_region_t;

typedef struct virtio_caps {
	virtio_region_t common, notify, isr, device;
	uint32_t notify_off_multiplier;
} virtio_caps_t;

/*
 * Finds the structures in cfg (a copy of configuration space, len bytes,
 * at least 256): the first capability of each type wins, as the spec
 * asks. -ENOENT when common, notify or device is missing; -EINVAL for a
 * malformed one (bad BAR, too short, common config too small).
 */
int virtio_caps_parse(const uint8_t *cfg, size_t len, virtio_caps_t *out);

/* --- common configuration (virtio 1.x §4.1.4.3) ------------------------------ */

typedef struct virtio_common {
	uint32_t device_feature_select;
	uint32_t device_feature;
	uint32_t driver_feature_select;
	uint32_t driver_feature;
	uint16_t config_msix_vector;
	uint16_t num_queues;
	uint8_t device_status;
	uint8_t config_generation;
	uint16_t queue_select;
	uint16_t queue_size;
	uint16_t queue_msix_vector;
	uint16_t queue_enable;
	uint16_t queue_notify_off;
	uint32_t queue_desc_lo, queue_desc_hi;
	uint32_t queue_driver_lo, queue_driver_hi;
	uint32_t queue_device_lo, queue_device_hi;
} virtio_common_t;

_Static_assert(offsetof(virtio_common_t, device_status) == 0x14, "virtio 1.x layout");
_Static_assert(offsetof(virtio_common_t, queue_notify_off) == 0x1e, "virtio 1.x layout");
_Static_assert(offsetof(virtio_common_t, queue_device_lo) == 0x30, "virtio 1.x layout");
_Static_assert(sizeof(virtio_common_t) == 0x38, "virtio 1.x layout");

#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER      2
#define VIRTIO_STATUS_DRIVER_OK   4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED      128

#define VIRTIO_F_VERSION_1 32
#define VIRTIO_NO_VECTOR   0xffff

/* --- split virtqueue (virtio 1.x §2.7) --------------------------------------- */

typedef struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
} virtq_desc_t;

#define VIRTQ_DESC_F_NEXT  1
#define VIRTQ_DESC_F_WRITE 2    /* the device writes this buffer */
#define VIRTQ_USED_F_NO_NOTIFY 1

typedef struct virtq_used_elem {
	uint32_t id, len;
} virtq_used_elem_t;

typedef struct virtq {
	uint16_t size;                  /* a power of two */
	uint16_t last_used;             /* the next used entry to look at */
	uint16_t avail_idx;             /* our copy of avail->idx */
	volatile virtq_desc_t *desc;
	volatile uint16_t *avail;       /* flags, idx, ring[size], used_event */
	volatile uint16_t *used;        /* flags, idx, then virtq_used_elem_t[size] */
	uint64_t desc_phys, avail_phys, used_phys;
} virtq_t;

/* Bytes of DMA memory a queue of `size` entries needs (virtq_init's mem). */
size_t virtq_bytes(uint16_t size);
/*
 * Lays the queue out in mem (zeroed, virtq_bytes long, 16-byte aligned,
 * at physical address phys). -EINVAL unless size is a power of two
 * between 1 and 32768.
 */
int virtq_init(virtq_t *q, void *mem, uint64_t phys, uint16_t size);
/* Offers the chain starting at descriptor head to the device. */
void virtq_publish(virtq_t *q, uint16_t head);
/* Does the device want a notification now (used->flags)? */
bool virtq_needs_notify(const virtq_t *q);
/* The next used element, if the device returned one; false otherwise. */
bool virtq_take_used(virtq_t *q, virtq_used_elem_t *out);
