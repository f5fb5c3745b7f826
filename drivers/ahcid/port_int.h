// SPDX-License-Identifier: MIT
/*
 * Internals shared by port.c (bring-up, stop/start, COMRESET) and
 * port_io.c (queue, issue, completion, recovery). Not for main.c.
 */
#pragma once

#include "port.h"

static inline uint32_t port_rd(const ahci_port_t *p, unsigned off)
{
	return ahci_reg_read(p->env, &p->regs[off / 4]);
}

static inline void port_wr(ahci_port_t *p, unsigned off, uint32_t v)
{
	ahci_reg_write(p->env, &p->regs[off / 4], v);
}

void port_log(ahci_port_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Waits up to ms for (reg & mask) == want; true when it happened. */
bool port_wait(ahci_port_t *p, unsigned off, uint32_t mask, uint32_t want, unsigned ms);

/* ST off, wait for CR off (500 ms). -ETIMEDOUT if the HBA does not stop. */
int port_stop(ahci_port_t *p);
/* FRE on, ST on (the port must be stopped and its errors cleared). */
void port_start(ahci_port_t *p);
/* Clears PxSERR and PxIS (both write-1-to-clear). */
void port_clear_errors(ahci_port_t *p);
/*
 * COMRESET: the link and the device start over. The port must be stopped.
 * Waits for the link (1 s) and for the device to drop BSY/DRQ (10 s).
 * -ENODEV when no device answers, -ETIMEDOUT when it stays busy.
 */
int port_comreset(ahci_port_t *p);
