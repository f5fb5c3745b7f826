// SPDX-License-Identifier: MIT
/*
 * Where a modern virtio device keeps its structures: each is announced
 * by a vendor-specific PCI capability (id 09) holding cfg_type, the BAR,
 * and the offset and length inside it; the notify capability also
 * carries notify_off_multiplier. The list is walked over a copy of
 * configuration space with a step bound, so a looping list ends.
 */
#include "virtio.h"

#include <errno.h>
#include <string.h>

#define PCI_STATUS_CAPS 0x10
#define PCI_CAP_VENDOR  0x09

static uint32_t caps_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decodes the capability at off into the slot for its type; 0 or -EINVAL. */
static int caps_take(const uint8_t *cfg, size_t len, unsigned off, virtio_caps_t *out)
{
	uint8_t cap_len = cfg[off + 2], type = cfg[off + 3];
	virtio_region_t *r = type == VIRTIO_PCI_CAP_COMMON ? &out->common
			   : type == VIRTIO_PCI_CAP_NOTIFY ? &out->notify
			   : type == VIRTIO_PCI_CAP_ISR    ? &out->isr
			   : type == VIRTIO_PCI_CAP_DEVICE ? &out->device : NULL;

	if (!r || r->present)
		return 0;               /* other types (PCI cfg access), or not the first */
	if (cap_len < 16 || off + cap_len > len || cfg[off + 4] > 5)
		return -EINVAL;
	r->present = true;
	r->bar = cfg[off + 4];
	r->offset = caps_le32(cfg + off + 8);
	r->length = caps_le32(cfg + off + 12);
	if (type == VIRTIO_PCI_CAP_NOTIFY) {
		if (cap_len < 20)
			return -EINVAL;
		out->notify_off_multiplier = caps_le32(cfg + off + 16);
	}
	return 0;
}

int virtio_caps_parse(const uint8_t *cfg, size_t len, virtio_caps_t *out)
{
	memset(out, 0, sizeof(*out));
	if (len < 256)
		return -EINVAL;
	if (!(cfg[0x06] & PCI_STATUS_CAPS))
		return -ENOENT;
	unsigned off = cfg[0x34] & ~3u;
	for (unsigned steps = 0; off >= 0x40 && off + 4 <= len && steps < 64; steps++) {
		if (cfg[off] == PCI_CAP_VENDOR) {
			int err = caps_take(cfg, len, off, out);
			if (err)
				return err;
		}
		off = cfg[off + 1] & ~3u;
	}
	if (!out->common.present || !out->notify.present || !out->device.present)
		return -ENOENT;
	if (out->common.length < sizeof(virtio_common_t))
		return -EINVAL;
	return 0;
}
