// SPDX-License-Identifier: MIT
/*
 * One split virtqueue, the driver's side. The descriptor table, the
 * available ring and the used ring sit in one DMA block: descriptors at
 * 0 (16-byte aligned), the available ring right after them, the used
 * ring on the next 4-byte boundary... rounded to a page so the device's
 * writes to the used ring never share a page with ours (they need not,
 * but it keeps the layout obvious when dumping memory).
 *
 * Ordering (x86 is TSO, but the compiler is not): a chain's descriptors
 * are written before the ring slot, the slot before the index
 * (release); the index is read before the element it covers (acquire);
 * a full fence separates publishing from reading used->flags, so a
 * device that just cleared NO_NOTIFY is not missed.
 */
#include "virtio.h"

#include <errno.h>
#include <string.h>

#define VIRTQ_PAGE 4096u

static size_t virtq_avail_bytes(uint16_t size)
{
	return 6 + 2u * size;           /* flags, idx, ring[size], used_event */
}

static size_t virtq_used_off(uint16_t size)
{
	size_t end = 16u * size + virtq_avail_bytes(size);

	return (end + VIRTQ_PAGE - 1) & ~(size_t)(VIRTQ_PAGE - 1);
}

size_t virtq_bytes(uint16_t size)
{
	return virtq_used_off(size) + 6 + 8u * size;
}

int virtq_init(virtq_t *q, void *mem, uint64_t phys, uint16_t size)
{
	uint8_t *m = mem;

	if (!size || (size & (size - 1)) || size > 32768)
		return -EINVAL;
	memset(q, 0, sizeof(*q));
	memset(mem, 0, virtq_bytes(size));
	q->size = size;
	q->desc = (volatile virtq_desc_t *)m;
	q->avail = (volatile uint16_t *)(m + 16u * size);
	q->used = (volatile uint16_t *)(m + virtq_used_off(size));
	q->desc_phys = phys;
	q->avail_phys = phys + 16u * size;
	q->used_phys = phys + virtq_used_off(size);
	return 0;
}

void virtq_publish(virtq_t *q, uint16_t head)
{
	q->avail[2 + (q->avail_idx & (q->size - 1))] = head;
	q->avail_idx++;
	__atomic_store_n(&q->avail[1], q->avail_idx, __ATOMIC_RELEASE);
}

bool virtq_needs_notify(const virtq_t *q)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(q->used[0] & VIRTQ_USED_F_NO_NOTIFY);
}

bool virtq_take_used(virtq_t *q, virtq_used_elem_t *out)
{
	uint16_t idx = __atomic_load_n(&q->used[1], __ATOMIC_ACQUIRE);

	if (idx == q->last_used)
		return false;
	volatile virtq_used_elem_t *ring = (volatile virtq_used_elem_t *)(q->used + 2);
	out->id = ring[q->last_used & (q->size - 1)].id;
	out->len = ring[q->last_used & (q->size - 1)].len;
	q->last_used++;
	return true;
}
