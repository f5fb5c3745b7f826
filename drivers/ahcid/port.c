// SPDX-License-Identifier: MIT
/*
 * Port bring-up and the register sequences of AHCI 1.3 that recovery
 * reuses: stopping the command engine (§10.1.2: clear ST, wait for CR),
 * starting it (FRE before ST), clearing errors, and COMRESET through
 * PxSCTL.DET (§10.4.2: DET=1 for at least 1 ms, then 0, then wait for
 * PxSSTS.DET = 3 and clear PxSERR, which the reset fills).
 *
 * Waiting is polling with env->delay_us in steps of 100 us: these are
 * rare, short waits (start-up and error recovery), and the host tests'
 * simulated HBA advances its state inside that callback.
 */
#include "port_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define PORT_POLL_US 100u

void port_log(ahci_port_t *p, const char *fmt, ...)
{
	char msg[200];
	int n = snprintf(msg, sizeof(msg), "port %u: ", p->no);
	va_list ap;

	if (!p->env->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	p->env->log(p->env->ctx, msg);
}

bool port_wait(ahci_port_t *p, unsigned off, uint32_t mask, uint32_t want, unsigned ms)
{
	for (unsigned waited = 0;; waited += PORT_POLL_US) {
		if ((port_rd(p, off) & mask) == want)
			return true;
		if (waited >= ms * 1000u)
			return false;
		p->env->delay_us(p->env->ctx, PORT_POLL_US);
	}
}

int port_stop(ahci_port_t *p)
{
	uint32_t cmd = port_rd(p, AHCI_PxCMD);

	if (cmd & AHCI_PxCMD_ST)
		port_wr(p, AHCI_PxCMD, cmd & ~AHCI_PxCMD_ST);
	if (!port_wait(p, AHCI_PxCMD, AHCI_PxCMD_CR, 0, 500)) {
		port_log(p, "command engine does not stop (PxCMD %08x)", port_rd(p, AHCI_PxCMD));
		return -ETIMEDOUT;
	}
	return 0;
}

void port_start(ahci_port_t *p)
{
	uint32_t cmd = port_rd(p, AHCI_PxCMD) | AHCI_PxCMD_FRE;

	port_wr(p, AHCI_PxCMD, cmd);
	port_wr(p, AHCI_PxCMD, cmd | AHCI_PxCMD_ST);
}

void port_clear_errors(ahci_port_t *p)
{
	port_wr(p, AHCI_PxSERR, 0xffffffffu);
	port_wr(p, AHCI_PxIS, 0xffffffffu);
}

static int port_wait_ready(ahci_port_t *p, unsigned ms)
{
	if (!port_wait(p, AHCI_PxTFD, ATA_STS_BSY | ATA_STS_DRQ, 0, ms)) {
		port_log(p, "device stays busy (PxTFD %08x)", port_rd(p, AHCI_PxTFD));
		return -ETIMEDOUT;
	}
	return 0;
}

int port_comreset(ahci_port_t *p)
{
	p->resets++;
	port_wr(p, AHCI_PxSCTL, AHCI_SCTL_IPM_NONE | AHCI_SCTL_DET_INIT);
	p->env->delay_us(p->env->ctx, 1000);
	port_wr(p, AHCI_PxSCTL, AHCI_SCTL_IPM_NONE);
	if (!port_wait(p, AHCI_PxSSTS, 0xfu, AHCI_SSTS_DET_PRESENT, 1000))
		return -ENODEV;
	port_wr(p, AHCI_PxSERR, 0xffffffffu);
	return port_wait_ready(p, 10000);
}

ahci_cmd_header_t *ahci_port_cmd_header(ahci_port_t *p, unsigned slot)
{
	return (ahci_cmd_header_t *)(p->mem + AHCI_MEM_CL) + slot;
}

ahci_cmd_table_t *ahci_port_cmd_table(ahci_port_t *p, unsigned slot)
{
	return (ahci_cmd_table_t *)(p->mem + AHCI_MEM_TABLES) + slot;
}

/* The FIS engine off too, so the addresses may change (§10.1.2). */
static int port_idle(ahci_port_t *p)
{
	int rc = port_stop(p);
	uint32_t cmd = port_rd(p, AHCI_PxCMD);

	if (rc < 0)
		return rc;
	if (cmd & AHCI_PxCMD_FRE)
		port_wr(p, AHCI_PxCMD, cmd & ~AHCI_PxCMD_FRE);
	if (!port_wait(p, AHCI_PxCMD, AHCI_PxCMD_FR, 0, 500))
		return -ETIMEDOUT;
	return 0;
}

static void port_set_memory(ahci_port_t *p)
{
	uint64_t cl = p->mem_phys + AHCI_MEM_CL, fis = p->mem_phys + AHCI_MEM_FIS;

	memset(p->mem, 0, AHCI_MEM_TABLES);
	port_wr(p, AHCI_PxCLB, (uint32_t)cl);
	port_wr(p, AHCI_PxCLBU, (uint32_t)(cl >> 32));
	port_wr(p, AHCI_PxFB, (uint32_t)fis);
	port_wr(p, AHCI_PxFBU, (uint32_t)(fis >> 32));
}

/* Spin-up (staggered spin-up HBAs leave it to software) and the link. */
static int port_link_up(ahci_port_t *p)
{
	uint32_t cmd = port_rd(p, AHCI_PxCMD);

	if (p->hba_sss)
		port_wr(p, AHCI_PxCMD, cmd | AHCI_PxCMD_SUD |
				       ((cmd & AHCI_PxCMD_CPD) ? AHCI_PxCMD_POD : 0));
	if (port_wait(p, AHCI_PxSSTS, 0xfu, AHCI_SSTS_DET_PRESENT, 20))
		return 0;
	if (AHCI_SSTS_DET(port_rd(p, AHCI_PxSSTS)) == 0)
		return -ENODEV;
	return port_comreset(p);        /* present but no link: try once from the start */
}

int ahci_port_init(ahci_port_t *p, volatile uint32_t *regs, unsigned no, const ahci_env_t *env,
		   void *mem, uint64_t mem_phys, const ahci_port_hba_t *hba)
{
	int rc;

	*p = (ahci_port_t){
		.regs = regs, .no = no, .env = env, .mem = mem, .mem_phys = mem_phys,
		.nslots = hba->nslots < AHCI_SLOTS_MAX ? hba->nslots : AHCI_SLOTS_MAX,
		.hba_ncq = hba->ncq, .hba_sss = hba->sss, .depth = 1, .sector_size = 512,
	};
	if ((rc = port_idle(p)) < 0)
		return rc;
	port_set_memory(p);
	port_wr(p, AHCI_PxCMD, port_rd(p, AHCI_PxCMD) | AHCI_PxCMD_FRE);
	port_wr(p, AHCI_PxSERR, 0xffffffffu);
	if ((rc = port_link_up(p)) < 0)
		return rc;
	port_clear_errors(p);
	if (port_wait_ready(p, 5000) < 0 && (rc = port_comreset(p)) < 0)
		return rc;
	port_clear_errors(p);
	port_wr(p, AHCI_PxIE, AHCI_PxIE_WANTED);
	port_start(p);
	return 0;
}

uint32_t ahci_port_signature(const ahci_port_t *p)
{
	return port_rd(p, AHCI_PxSIG);
}

void ahci_port_configure(ahci_port_t *p, const ata_identify_t *id, unsigned max_depth,
			 ahci_done_fn *done, void *ctx)
{
	unsigned depth = 1;

	p->ncq = p->hba_ncq && id->ncq;
	if (p->ncq) {
		depth = id->ncq_depth < p->nslots ? id->ncq_depth : p->nslots;
		if (max_depth && depth > max_depth)
			depth = max_depth;
	}
	p->depth = depth ? depth : 1;
	p->sector_size = id->sector_size;
	p->done = done;
	p->done_ctx = ctx;
}
