// SPDX-License-Identifier: MIT
/*
 * ahcid: the AHCI SATA driver. Started by init (on pcid's request) as
 * `ahcid SSSS:BB:DD.F` with the io, irq and phys privileges. It maps
 * ABAR (BAR 5), points the controller's MSI at an irq:msi vector, resets
 * the HBA, brings up every implemented port, IDENTIFYs what answers, and
 * serves each ATA disk as `disk.ahci<n>:` through the disk library
 * (drivers/lib/disk.h), n counting disks in port order. ATAPI devices
 * (QEMU's CD-ROM) and port multipliers are logged and left alone.
 *
 * Wiring only; the hardware logic is in hba.c and port*.c (host-tested):
 * the library's submit() turns a disk_req_t into the ahci_req_t of the
 * same slot and queues it on the port; the one MSI vector is shared by
 * all ports, and its handler asks every port with a pending or
 * outstanding command to reap, recover and issue, which completes
 * requests back to the library with disk_complete().
 *
 * Each disk gets one DMA area for its command list, FIS area and tables
 * (port.h) and one bounce buffer per in-flight slot, AHCID_XFER bytes.
 *
 * A second thread serves `disk.ahci<n>.ctl:` (drivers/lib/drvctl.h): writing to its
 * `crash` file makes the driver dereference NULL, for restart tests.
 *
 * When the driver faults, a signal handler resets the HBA before the
 * process dies: the kernel frees a dead process's DMA memory, and a
 * command still running would otherwise write into pages that may
 * already belong to someone else. (SIGKILL cannot be caught; see
 * docs/ahci.md.)
 */
#include "hba.h"
#include "port.h"

#include <drivers/lib/disk.h>
#include <drivers/lib/drvctl.h>
#include <drivers/lib/hw.h>
#include <drivers/lib/pcidev.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AHCID_XFER      (128u * 1024u)  /* bytes per request (bounce buffer) */
#define AHCID_PLAIN_INFLIGHT 4u         /* slots given the library without NCQ */

typedef struct ahcid_disk {
	ahci_port_t port;
	hw_dma_t mem;
	ata_identify_t id;
	char name[24];
	disk_t disk;
	disk_buf_t bufs[AHCI_SLOTS_MAX];
	hw_dma_t buf_dma[AHCI_SLOTS_MAX];
	ahci_req_t reqs[DISK_SLOTS_MAX];        /* by disk_req_t.slot */
} ahcid_disk_t;

typedef struct ahcid {
	pcidev_t pci;
	ahci_hba_t hba;
	ahci_env_t env;
	hw_irq_t irq;
	ahcid_disk_t *disks[AHCI_PORTS_MAX];
	unsigned ndisks;
} ahcid_t;

static void ahcid_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ahcid_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "ahcid: %s\n", line);
}

static void ahcid_env_log(void *ctx, const char *msg)
{
	(void)ctx;
	ahcid_log("%s", msg);
}

static uint64_t ahcid_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Short waits of start-up and recovery: spin on the clock, yielding. */
static void ahcid_delay_us(void *ctx, unsigned us)
{
	uint64_t end = ahcid_now_ns() + (uint64_t)us * 1000u;

	(void)ctx;
	while (ahcid_now_ns() < end)
		sched_yield();
}

/* --- the disk library's side ----------------------------------------------------- */

static void ahcid_done(void *ctx, ahci_req_t *r, int status)
{
	ahcid_disk_t *dk = ctx;

	disk_complete(&dk->disk, r->cookie, status);
}

static int ahcid_submit(void *ctx, disk_req_t *dr)
{
	ahcid_disk_t *dk = ctx;
	ahci_req_t *r = &dk->reqs[dr->slot];

	*r = (ahci_req_t){ .lba = dr->lba, .count = dr->count, .cookie = dr };
	switch (dr->op) {
	case DISK_OP_READ:
		r->op = AHCI_REQ_READ;
		break;
	case DISK_OP_WRITE:
		r->op = AHCI_REQ_WRITE;
		break;
	case DISK_OP_FLUSH:
		r->op = AHCI_REQ_FLUSH;
		break;
	default:
		return -EINVAL;
	}
	r->seg = (ahci_seg_t){ .phys = dr->phys, .len = dr->count * dk->port.sector_size };
	ahci_port_submit(&dk->port, r);
	return 0;
}

static ahcid_t ahcid;

/* The controller's interrupt: every port with something to say, then IS. */
static void ahcid_interrupt_all(void *ctx)
{
	ahcid_t *a = ctx;
	uint32_t is = ahci_hba_pending(&a->hba);

	for (unsigned i = 0; i < a->ndisks; i++) {
		ahci_port_t *p = &a->disks[i]->port;
		if ((is & (1u << p->no)) || p->busy || p->head)
			ahci_port_interrupt(p);
	}
	ahci_hba_ack(&a->hba, is);
}

static void ahcid_interrupt_disk(void *ctx)
{
	(void)ctx;
	ahcid_interrupt_all(&ahcid);
}

/* --- bringing disks up ------------------------------------------------------------ */

static int ahcid_identify(ahcid_disk_t *dk)
{
	ahci_req_t r = {
		.op = AHCI_REQ_IDENTIFY,
		.seg = { .phys = dk->mem.phys + AHCI_MEM_ID, .len = 512 },
	};
	int rc = ahci_port_run_sync(&dk->port, &r, 5000);

	if (rc < 0)
		return rc;
	return ata_identify_parse((const uint8_t *)dk->mem.virt + AHCI_MEM_ID, &dk->id);
}

static int ahcid_buffers(ahcid_disk_t *dk, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int rc = hw_dma_alloc(AHCID_XFER, &dk->buf_dma[i]);
		if (rc < 0)
			return rc;
		dk->bufs[i] = (disk_buf_t){ .virt = dk->buf_dma[i].virt, .phys = dk->buf_dma[i].phys };
	}
	return 0;
}

static int ahcid_disk_serve(ahcid_disk_t *dk)
{
	const ata_identify_t *id = &dk->id;
	unsigned inflight = dk->port.ncq ? dk->port.depth : AHCID_PLAIN_INFLIGHT;
	int rc;

	if (inflight > DISK_SLOTS_MAX)
		inflight = DISK_SLOTS_MAX;
	if ((rc = ahcid_buffers(dk, inflight)) < 0)
		return rc;
	disk_driver_t drv = {
		.name = dk->name,
		.sector_size = id->sector_size,
		.sectors = id->sectors,
		.max_inflight = inflight,
		.max_sectors = AHCID_XFER / id->sector_size,
		.can_flush = id->flush_ext,
		.bufs = dk->bufs,
		.ctx = dk,
		.submit = ahcid_submit,
		.interrupt = ahcid_interrupt_disk,
		.irq_fd = ahcid.irq.fd,
	};
	return disk_start(&dk->disk, &drv);
}

/* Port n: a served disk (0), or a reason it is not (-errno, logged). */
static int ahcid_port(ahcid_t *a, unsigned n)
{
	ahcid_disk_t *dk = calloc(1, sizeof(*dk));
	ahci_port_hba_t caps = ahci_hba_port_caps(&a->hba);
	int rc = dk ? hw_dma_alloc(AHCI_PORT_MEM_SIZE, &dk->mem) : -ENOMEM;

	if (rc == 0)
		rc = ahci_port_init(&dk->port, ahci_hba_port_regs(&a->hba, n), n, &a->env,
				    dk->mem.virt, dk->mem.phys, &caps);
	if (rc == 0 && ahci_port_signature(&dk->port) != AHCI_SIG_ATA) {
		uint32_t sig = ahci_port_signature(&dk->port);
		ahcid_log("port %u: %s (signature %08x), skipped", n,
			  sig == AHCI_SIG_ATAPI ? "ATAPI device" :
			  sig == AHCI_SIG_PM ? "port multiplier" : "not an ATA disk", sig);
		ahci_port_shutdown(&dk->port);
		rc = -ENOTSUP;
	}
	if (rc == 0 && (rc = ahcid_identify(dk)) < 0)
		ahcid_log("port %u: IDENTIFY DEVICE: %s", n, strerror(-rc));
	if (rc == 0 && !dk->id.lba48) {
		ahcid_log("port %u: no LBA48, not supported", n);
		rc = -ENOTSUP;
	}
	if (rc < 0) {
		if (rc != -ENODEV && rc != -ENOTSUP && dk)
			ahci_port_shutdown(&dk->port);
		if (dk && dk->mem.virt)
			hw_dma_free(&dk->mem);
		free(dk);
		return rc;
	}
	ahci_port_configure(&dk->port, &dk->id, 0, ahcid_done, dk);
	snprintf(dk->name, sizeof(dk->name), "disk.ahci%u", a->ndisks);
	ahcid_log("port %u: %s: \"%s\" %llu sectors of %u bytes, %s depth %u%s", n, dk->name,
		  dk->id.model, (unsigned long long)dk->id.sectors, dk->id.sector_size,
		  dk->port.ncq ? "NCQ" : "DMA EXT", dk->port.depth,
		  dk->id.flush_ext ? ", flush" : "");
	a->disks[a->ndisks++] = dk;
	return 0;
}

/* --- dying safely ----------------------------------------------------------------- */

static volatile uint32_t *ahcid_abar;

/* GHC.HR: every port stops and drops its commands (no more DMA); then die as we would have. */
static void ahcid_fault(int sig)
{
	if (ahcid_abar)
		ahcid_abar[AHCI_GHC / 4] = AHCI_GHC_HR;
	signal(sig, SIG_DFL);
	if (sig == SIGABRT)
		raise(sig);
	/* a fault returns to the faulting instruction, which faults again */
}

static void ahcid_fault_handlers(volatile uint32_t *abar)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };

	ahcid_abar = abar;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], ahcid_fault);
}

static int ahcid_controller(ahcid_t *a, const char *addr)
{
	int rc;

	if ((rc = pcidev_open(&a->pci, addr)) < 0) {
		ahcid_log("%s: %s", addr, strerror(-rc));
		return rc;
	}
	if (a->pci.bar[5].size == 0 || a->pci.bar[5].io) {
		ahcid_log("%s: no memory BAR 5 (ABAR)", addr);
		return -ENODEV;
	}
	volatile uint32_t *abar = pcidev_bar_map(&a->pci, 5);
	if (!abar) {
		ahcid_log("%s: cannot map ABAR", addr);
		return -ENOMEM;
	}
	if ((rc = pcidev_enable(&a->pci, true, false, true)) < 0 ||
	    (rc = hw_irq_msi_open(&a->irq)) < 0 ||
	    (rc = pcidev_msi_enable(&a->pci, &a->irq)) < 0) {
		ahcid_log("%s: enabling the device and its MSI: %s", addr, strerror(-rc));
		return rc;
	}
	ahcid_fault_handlers(abar);
	a->env = (ahci_env_t){ .delay_us = ahcid_delay_us, .log = ahcid_env_log };
	if ((rc = ahci_hba_init(&a->hba, abar, &a->env)) < 0) {
		ahcid_log("%s: HBA reset did not finish", addr);
		return rc;
	}
	ahcid_log("%s: AHCI %x.%x, %u ports, %u slots%s", addr, a->hba.vs >> 16,
		  (a->hba.vs >> 8) & 0xff, AHCI_CAP_NP(a->hba.cap), a->hba.nslots,
		  (a->hba.cap & AHCI_CAP_SNCQ) ? ", NCQ" : "");
	return 0;
}

/* --- the control scheme ------------------------------------------------------------- */

static void ahcid_crash(void *ctx)
{
	(void)ctx;
	drvctl_crash_now("ahcid");
}

int main(int argc, char **argv)
{
	ahcid_t *a = &ahcid;

	if (argc != 2) {
		fprintf(stderr, "usage: ahcid SSSS:BB:DD.F\n");
		return 2;
	}
	if (ahcid_controller(a, argv[1]) < 0)
		return 1;
	for (unsigned n = 0; n < AHCI_PORTS_MAX; n++)
		if (a->hba.pi & (1u << n))
			ahcid_port(a, n);
	if (a->ndisks == 0) {
		/* Ready all the same (init waits for it before what comes
		 * next), and alive, so init does not restart it for nothing;
		 * there is no hot plug to wait for yet. */
		ahcid_log("no disks");
		scheme_ready();
		for (;;)
			pause();
	}
	ahci_hba_ack(&a->hba, 0xffffffffu);
	ahci_hba_irq_enable(&a->hba, true);
	disk_t *served[AHCI_PORTS_MAX];
	unsigned nserved = 0;
	for (unsigned i = 0; i < a->ndisks; i++) {
		int rc = ahcid_disk_serve(a->disks[i]);
		if (rc < 0) {
			ahcid_log("%s: %s", a->disks[i]->name, strerror(-rc));
			continue;
		}
		served[nserved++] = &a->disks[i]->disk;
	}
	if (nserved == 0)
		return 1;
	drvctl_start(served[0]->drv.name, ahcid_crash, NULL);
	scheme_ready();
	int rc = disk_run(served, nserved, a->irq.fd, ahcid_interrupt_all, a);
	ahcid_log("serving ended: %s", strerror(-rc));
	return 1;
}
