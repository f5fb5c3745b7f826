// SPDX-License-Identifier: MIT
/*
 * One AHCI port and the disk behind it: bringing the port up (AHCI 1.3
 * §10.1.2: stop, point the HBA at the command list and FIS area, enable
 * FIS receive, spin up, wait for the link and the device), running
 * requests in its command slots, reaping them from the interrupt, and
 * recovering from errors (§6.2.2).
 *
 * Requests wait in a FIFO queue until they can be issued. With NCQ (both
 * the HBA's CAP.SNCQ and the device's IDENTIFY word 76) reads and writes
 * are READ/WRITE FPDMA QUEUED, up to the device's queue depth at once,
 * tag = slot; completion is the slot's bit leaving PxSACT. Without NCQ,
 * reads and writes are READ/WRITE DMA EXT issued one at a time: the
 * device runs non-queued commands one by one anyway, and with a single
 * slot outstanding the failing command of an error is never in doubt.
 * Non-queued commands (FLUSH CACHE EXT, IDENTIFY) wait until no queued
 * command is outstanding, and nothing is issued while one runs.
 *
 * On an error (task file error, host bus or interface error, link
 * change), recovery: completes what finished before the error, stops the
 * port (ST off, wait for CR), clears PxSERR and PxIS, resets the link and
 * device with a COMRESET when the device is still busy, a queued command
 * failed or the link changed, and starts the port again. If one command
 * was outstanding it is the culprit and fails with -EIO. If several
 * were (a queued error, where the device aborts every outstanding
 * command), each is retried alone ("isolated") and only one failing
 * alone gets -EIO, so the other requests carry on unharmed.
 *
 * Registers are reached through the port's window (uncached MMIO in
 * Tessera) or, when env gives them, through register hooks (host tests:
 * a simulated HBA with write-1-to-clear and write-1-to-set registers),
 * and time only through env->delay_us, so the whole state machine runs
 * on the host.
 */
#pragma once

#include "fis.h"
#include "identify.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ahci_env {
	void (*delay_us)(void *ctx, unsigned us);
	void (*log)(void *ctx, const char *msg);
	/* Register access; NULL: plain volatile loads and stores (the hardware). */
	uint32_t (*reg_read)(void *ctx, volatile uint32_t *reg);
	void (*reg_write)(void *ctx, volatile uint32_t *reg, uint32_t v);
	void *ctx;
} ahci_env_t;

static inline uint32_t ahci_reg_read(const ahci_env_t *env, volatile uint32_t *reg)
{
	return env->reg_read ? env->reg_read(env->ctx, reg) : *reg;
}

static inline void ahci_reg_write(const ahci_env_t *env, volatile uint32_t *reg, uint32_t v)
{
	if (env->reg_write)
		env->reg_write(env->ctx, reg, v);
	else
		*reg = v;
}

typedef enum ahci_req_op {
	AHCI_REQ_READ = 1,
	AHCI_REQ_WRITE,
	AHCI_REQ_FLUSH,
	AHCI_REQ_IDENTIFY,              /* 512 bytes into seg */
} ahci_req_op_t;

typedef struct ahci_req {
	struct ahci_req *next;          /* in the port's queue */
	ahci_req_op_t op;
	uint64_t lba;
	uint32_t count;                 /* sectors (READ/WRITE) */
	ahci_seg_t seg;                 /* the data: count * sector_size bytes */
	void *cookie;                   /* the caller's */
	/* the port's: */
	bool isolated;                  /* retried alone after an error */
	bool sync;                      /* ahci_port_run_sync's: no done callback */
	bool finished;
	int status;                     /* 0 or -errno, once finished */
} ahci_req_t;

typedef void ahci_done_fn(void *ctx, ahci_req_t *r, int status);

typedef struct ahci_port {
	volatile uint32_t *regs;        /* the port's register window */
	unsigned no;
	const ahci_env_t *env;
	uint8_t *mem;                   /* AHCI_PORT_MEM_SIZE bytes of DMA memory */
	uint64_t mem_phys;
	unsigned nslots;                /* the HBA's command slots */
	bool hba_ncq, hba_sss;
	bool ncq;                       /* queued reads and writes */
	unsigned depth;                 /* commands on the device at once */
	uint32_t sector_size;
	bool dead;                      /* the device is gone: everything fails */
	ahci_req_t *slot[AHCI_SLOTS_MAX];
	uint32_t busy;                  /* slots issued */
	bool busy_queued;               /* ... and they are NCQ commands */
	ahci_req_t *head, *tail;        /* waiting */
	unsigned isolating;             /* isolated requests not finished yet */
	ahci_done_fn *done;
	void *done_ctx;
	unsigned long errors, resets, completed;
} ahci_port_t;

/* What the HBA tells the port (from CAP). */
typedef struct ahci_port_hba {
	unsigned nslots;
	bool ncq, sss;
} ahci_port_hba_t;

/*
 * Brings port `no` up with regs (its window) and mem/mem_phys (zeroed DMA
 * memory, AHCI_PORT_MEM_SIZE bytes, page aligned). 0 when a device is
 * ready (read its kind with ahci_port_signature), -ENODEV when nothing is
 * attached, -ETIMEDOUT when the port or the device does not respond.
 * Until ahci_port_configure, requests run one at a time with 512-byte sectors.
 */
int ahci_port_init(ahci_port_t *p, volatile uint32_t *regs, unsigned no, const ahci_env_t *env,
		   void *mem, uint64_t mem_phys, const ahci_port_hba_t *hba);

/* PxSIG: AHCI_SIG_ATA, AHCI_SIG_ATAPI, ... */
uint32_t ahci_port_signature(const ahci_port_t *p);

/*
 * Adopts what IDENTIFY said: sector size, NCQ and depth (capped by the
 * HBA's slots and by max_depth, 0 = no cap). Completed requests go to done(ctx).
 */
void ahci_port_configure(ahci_port_t *p, const ata_identify_t *id, unsigned max_depth,
			 ahci_done_fn *done, void *ctx);

/* Queues r and issues what can be issued. r stays the caller's; it comes back through done. */
void ahci_port_submit(ahci_port_t *p, ahci_req_t *r);

/*
 * The port's part of an interrupt (or a poll): acknowledges PxIS,
 * recovers from an error, completes finished requests, issues queued ones.
 */
void ahci_port_interrupt(ahci_port_t *p);

/*
 * Runs r to its end by polling (at start-up, before interrupts are
 * wanted: IDENTIFY). Returns its status, or -ETIMEDOUT (the port is
 * then reset and r failed).
 */
int ahci_port_run_sync(ahci_port_t *p, ahci_req_t *r, unsigned timeout_ms);

/* The command list, FIS area and tables inside mem (used by tests). */
ahci_cmd_header_t *ahci_port_cmd_header(ahci_port_t *p, unsigned slot);
ahci_cmd_table_t *ahci_port_cmd_table(ahci_port_t *p, unsigned slot);

/* Interrupts off and the command engine stopped (a port the driver does not use). */
void ahci_port_shutdown(ahci_port_t *p);
