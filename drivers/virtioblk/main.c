// SPDX-License-Identifier: MIT
/*
 * virtioblk: the virtio-blk driver for modern virtio-pci (1af4:1042).
 * Started by init (on pcid's request) as `virtioblk SSSS:BB:DD.F [N]`
 * with the irq and phys privileges. It reads configuration space to
 * find the virtio structures (virtio_caps.c), maps the BARs holding
 * them, negotiates features (vblk.c), sets up one queue whose MSI-X
 * entry 0 is an irq:msi vector, and serves the disk as `disk.virtioN:`
 * through the disk library: N is the argument, or else the first free
 * number (a restarted driver takes its old name back, freed by the
 * kernel when the previous instance died).
 *
 * Wiring only: the device logic is in vblk.c and virtq.c, host-tested.
 * DMA: the ring, one block of request headers, and one bounce buffer of
 * VIRTIOBLK_XFER bytes per slot.
 */
#include "vblk.h"
#include "virtio.h"

#include <drivers/lib/disk.h>
#include <drivers/lib/drvctl.h>
#include <drivers/lib/hw.h>
#include <drivers/lib/pcidev.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VIRTIOBLK_XFER   (64u * 1024u)  /* bytes per request */
#define VIRTIOBLK_SLOTS  32u

typedef struct virtioblk {
	pcidev_t pci;
	hw_irq_t irq;
	void *bar[6];
	virtio_caps_t caps;
	vblk_t v;
	hw_dma_t ring, hdr, buf_dma[VIRTIOBLK_SLOTS];
	disk_buf_t bufs[VIRTIOBLK_SLOTS];
	disk_t disk;
	char name[32];
} virtioblk_t;

static virtioblk_t vb;

static void vb_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void vb_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "virtioblk: %s\n", line);
}

/* The mapped address of a region, checking it lies inside its BAR. */
static volatile void *vb_region(virtioblk_t *b, const virtio_region_t *r)
{
	const pcidev_bar_t *bar = &b->pci.bar[r->bar];

	if (!r->present || bar->io || !bar->size || (uint64_t)r->offset + r->length > bar->size)
		return NULL;
	if (!b->bar[r->bar] && !(b->bar[r->bar] = pcidev_bar_map(&b->pci, r->bar)))
		return NULL;
	return (volatile uint8_t *)b->bar[r->bar] + r->offset;
}

static int vb_find(virtioblk_t *b, const char *addr)
{
	uint8_t cfg[256];
	int err = pcidev_open(&b->pci, addr);

	if (err)
		return err;
	if (b->pci.vendor != 0x1af4 || b->pci.device != 0x1042)
		return -ENODEV;
	for (unsigned off = 0; off < sizeof(cfg); off += 4)
		if ((err = pcidev_cfg_read(&b->pci, off, cfg + off, 4)) < 0)
			return err;
	if ((err = virtio_caps_parse(cfg, sizeof(cfg), &b->caps)))
		return err;
	if ((err = pcidev_enable(&b->pci, true, false, true)))
		return err;
	b->v.common = vb_region(b, &b->caps.common);
	b->v.devcfg = vb_region(b, &b->caps.device);
	b->v.notify_base = vb_region(b, &b->caps.notify);
	b->v.notify_mul = b->caps.notify_off_multiplier;
	return b->v.common && b->v.devcfg && b->v.notify_base ? 0 : -ENXIO;
}

static int vb_memory(virtioblk_t *b, uint16_t qsize)
{
	int err = hw_dma_alloc(virtq_bytes(qsize), &b->ring);

	if (!err)
		err = hw_dma_alloc(VIRTIOBLK_SLOTS * VBLK_HDR_STRIDE, &b->hdr);
	for (unsigned i = 0; !err && i < VIRTIOBLK_SLOTS; i++) {
		err = hw_dma_alloc(VIRTIOBLK_XFER, &b->buf_dma[i]);
		b->bufs[i] = (disk_buf_t){ .virt = b->buf_dma[i].virt, .phys = b->buf_dma[i].phys };
	}
	b->v.hdr = b->hdr.virt;
	b->v.hdr_phys = b->hdr.phys;
	return err;
}

static int vb_setup(virtioblk_t *b)
{
	int err = vblk_negotiate(&b->v);

	if (err)
		return err;
	vblk_config_read(&b->v);
	uint16_t qsize = vblk_queue_size(&b->v);
	if (qsize < 4)
		return -ENODEV;
	if ((err = vb_memory(b, qsize)) || (err = hw_irq_msi_open(&b->irq)) ||
	    (err = pcidev_msix_enable(&b->pci, 0, &b->irq)))
		return err;
	if ((err = vblk_queue_setup(&b->v, b->ring.virt, b->ring.phys, qsize, 0)))
		return err;
	b->v.disk = &b->disk;
	vblk_driver_ok(&b->v);
	return 0;
}

static int vb_serve(virtioblk_t *b, int unit)
{
	vblk_t *v = &b->v;
	uint32_t max = VIRTIOBLK_XFER;
	int err;

	if (v->size_max && v->size_max < max)
		max = v->size_max & ~(v->sector_size - 1);
	disk_driver_t drv = {
		.name = b->name, .sector_size = v->sector_size,
		.sectors = v->capacity / (v->sector_size / 512),
		.max_inflight = v->slots < VIRTIOBLK_SLOTS ? v->slots : VIRTIOBLK_SLOTS,
		.max_sectors = max / v->sector_size,
		.can_flush = (v->features >> VIRTIO_BLK_F_FLUSH) & 1,
		.bufs = b->bufs, .ctx = v, .submit = vblk_submit, .interrupt = vblk_interrupt,
		.irq_fd = b->irq.fd,
	};
	if ((err = disk_init(&b->disk, &drv)) || (err = disk_scan(&b->disk)))
		return err;
	for (int n = unit < 0 ? 0 : unit; n < (unit < 0 ? 16 : unit + 1); n++) {
		snprintf(b->name, sizeof(b->name), "disk.virtio%d", n);
		err = scheme_open(&b->disk.server, b->name);
		if (err != -EEXIST)
			break;
	}
	if (err)
		return err;
	b->disk.drv.name = b->name;
	vb_log("%s: %llu sectors of %u bytes, %u in flight, %s, %s table", b->name,
	       (unsigned long long)drv.sectors, v->sector_size, drv.max_inflight,
	       drv.can_flush ? "flush" : "write-through",
	       b->disk.table.label == DISK_LABEL_GPT ? "GPT" :
	       b->disk.table.label == DISK_LABEL_MBR ? "MBR" : "no");
	return 0;
}

/* The test-only crash request (disk.virtio<n>.ctl:crash, drvctl.h). */
static void vb_crash(void *ctx)
{
	(void)ctx;
	drvctl_crash_now("virtioblk");
}

int main(int argc, char **argv)
{
	int err;

	if (argc < 2) {
		fprintf(stderr, "usage: virtioblk SSSS:BB:DD.F [N]\n");
		return 2;
	}
	if ((err = vb_find(&vb, argv[1]))) {
		vb_log("%s: no usable virtio-blk device: %s", argv[1], strerror(-err));
		return 1;
	}
	if ((err = vb_setup(&vb))) {
		vb_log("%s: setup failed: %s", argv[1], strerror(-err));
		vblk_fail(&vb.v);
		return 1;
	}
	if ((err = vb_serve(&vb, argc > 2 ? atoi(argv[2]) : -1))) {
		vb_log("%s: cannot serve the disk: %s", argv[1], strerror(-err));
		return 1;
	}
	drvctl_start(vb.name, vb_crash, NULL);
	scheme_ready();
	disk_t *disks[1] = { &vb.disk };
	err = disk_run(disks, 1, vb.irq.fd, vblk_interrupt, &vb.v);
	vb_log("%s: stopped: %s", vb.name, strerror(-err));
	return 1;
}
