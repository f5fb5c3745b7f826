// SPDX-License-Identifier: MIT
/*
 * disk: setting a disk up, and the synchronous reads of its start-up
 * (the partition scan), which run through the same slots and queue as
 * callers' requests: they are calls whose answer goes to a flag here
 * instead of the scheme. While waiting, the driver's wait() (or one
 * interrupt on irq_fd) makes progress.
 */
#include "disk_int.h"
#include "disk_part.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int disk_init(disk_t *d, const disk_driver_t *drv)
{
	uint32_t ss = drv->sector_size;

	memset(d, 0, sizeof(*d));
	if (ss < 512 || (ss & (ss - 1)) || !drv->sectors || !drv->max_inflight ||
	    drv->max_inflight > DISK_SLOTS_MAX || !drv->max_sectors || !drv->submit || !drv->bufs)
		return -EINVAL;
	d->drv = *drv;
	for (unsigned i = 0; i < drv->max_inflight; i++) {
		if (!drv->bufs[i].virt)
			return -EINVAL;
		d->slot[i].slot = i;
		d->slot[i].buf = drv->bufs[i].virt;
		d->slot[i].phys = drv->bufs[i].phys;
	}
	scheme_server_init(&d->server, &disk_scheme_ops, d);
	return 0;
}

void disk_fini(disk_t *d)
{
	disk_io_drop_all(d);
	disk_files_free(d);
}

typedef struct disk_sync {
	bool done;
	long result;
} disk_sync_t;

static void disk_sync_done(disk_t *d, disk_call_t *c, long result)
{
	disk_sync_t *s = c->done_ctx;

	(void)d;
	s->done = true;
	s->result = result;
}

/* One round of device progress while nobody serves the scheme. */
static int disk_sync_wait(disk_t *d)
{
	uint64_t count;

	if (d->drv.wait)
		return d->drv.wait(d->drv.ctx);
	if (d->drv.irq_fd < 0 || !d->drv.interrupt)
		return -ENOSYS;
	ssize_t n = read(d->drv.irq_fd, &count, sizeof(count));
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	if (write(d->drv.irq_fd, &count, sizeof(count)) < 0)
		return -errno;
	d->drv.interrupt(d->drv.ctx);
	return 0;
}

int disk_read_sync(disk_t *d, uint64_t lba, uint32_t count, void *buf)
{
	disk_sync_t s = { 0 };

	if (lba >= d->drv.sectors || count > d->drv.sectors - lba)
		return -EINVAL;
	long r = disk_io_start(d, 0, DISK_OP_READ, lba, count, buf, disk_sync_done, &s);
	if (r != SCHEME_PENDING)
		return (int)r;
	while (!s.done) {
		int err = disk_sync_wait(d);
		if (err) {
			/* Its completion, if it ever comes, must not reach s. */
			for (disk_call_t *c = d->calls; c; c = c->next)
				if (c->done_ctx == &s)
					c->cancelled = true;
			return err;
		}
		disk_pump(d);
	}
	return s.result < 0 ? (int)s.result : 0;
}

static int disk_scan_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return disk_read_sync(ctx, lba, count, buf);
}

int disk_scan(disk_t *d)
{
	return disk_part_read(disk_scan_read, d, d->drv.sector_size, d->drv.sectors, &d->table);
}
