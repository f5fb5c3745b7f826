// SPDX-License-Identifier: MIT
/*
 * disk: running for real. disk_start() reads the partition table before
 * registering the scheme, so the first client already sees every
 * partition. disk_run() is the driver's one thread: an event: queue
 * watches the scheme descriptors (non-blocking) and the interrupt
 * descriptor. An interrupt is acknowledged before the driver's handler
 * looks at the device, so a completion that lands while the handler runs
 * raises a fresh event instead of being lost (MSI is edge-triggered).
 * After every event each disk is pumped (queued chunks into the slots the
 * completions freed) and its answers are written.
 */
#include "disk_int.h"

#include <abi/event.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int disk_start(disk_t *d, const disk_driver_t *drv)
{
	int err = disk_init(d, drv);

	if (!err)
		err = disk_scan(d);
	if (!err)
		err = scheme_open(&d->server, drv->name);
	return err;
}

static int disk_run_subscribe(int q, int fd, uint64_t data)
{
	abi_event_t sub = { .id = (uint64_t)fd, .flags = EVENT_READ, .data = data };

	return write(q, &sub, sizeof(sub)) == sizeof(sub) ? 0 : -errno;
}

/* A batch of the requests queued on d's scheme; -EAGAIN when there were none. */
static int disk_run_requests(disk_t *d)
{
	abi_scheme_request_t batch[32];
	ssize_t n = read(d->server.fd, batch, sizeof(batch));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (n == 0)
		return -EIO;
	for (size_t i = 0; i < (size_t)n / sizeof(batch[0]); i++)
		scheme_dispatch(&d->server, &batch[i]);
	return 0;
}

static int disk_run_interrupt(int irq_fd, void (*interrupt)(void *ctx), void *ctx)
{
	uint64_t count;

	if (read(irq_fd, &count, sizeof(count)) < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (write(irq_fd, &count, sizeof(count)) < 0)
		return -errno;
	interrupt(ctx);
	return 0;
}

static int disk_run_setup(disk_t *const *disks, unsigned count, int irq_fd)
{
	int q = open("event:", O_RDWR | O_CLOEXEC), err = 0;

	if (q < 0)
		return -errno;
	for (unsigned i = 0; i < count && !err; i++) {
		int fl = fcntl(disks[i]->server.fd, F_GETFL);
		if (fl < 0 || fcntl(disks[i]->server.fd, F_SETFL, fl | O_NONBLOCK) < 0)
			err = -errno;
		else
			err = disk_run_subscribe(q, disks[i]->server.fd, i);
	}
	if (!err && irq_fd >= 0)
		err = disk_run_subscribe(q, irq_fd, UINT64_MAX);
	if (err) {
		close(q);
		return err;
	}
	return q;
}

int disk_run(disk_t *const *disks, unsigned count, int irq_fd,
	     void (*interrupt)(void *ctx), void *ctx)
{
	abi_event_t ev[16];
	int q = disk_run_setup(disks, count, irq_fd), err = 0;

	if (q < 0)
		return q;
	while (!err) {
		ssize_t n = read(q, ev, sizeof(ev));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		for (size_t i = 0; i < (size_t)n / sizeof(ev[0]) && !err; i++) {
			if (ev[i].data == UINT64_MAX)
				err = disk_run_interrupt(irq_fd, interrupt, ctx);
			else if (ev[i].data < count)
				err = disk_run_requests(disks[ev[i].data]);
		}
		for (unsigned i = 0; i < count && !err; i++) {
			disk_pump(disks[i]);
			err = scheme_flush(&disks[i]->server);
		}
	}
	close(q);
	return err;
}
