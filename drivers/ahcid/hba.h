// SPDX-License-Identifier: MIT
/*
 * The HBA as a whole (AHCI 1.3 §10.1.1-§10.1.2): taking it from the BIOS
 * (BIOS/OS handoff, when CAP2.BOH says the firmware may own it), a reset
 * through GHC.HR that returns every port to its idle state, AHCI mode on,
 * and the global interrupt status that tells which ports need a look.
 * Like port.c it sees registers through a pointer and time through
 * ahci_env_t, so it runs on the host against a simulated HBA.
 */
#pragma once

#include "port.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ahci_hba {
	volatile uint32_t *abar;        /* BAR 5 */
	const ahci_env_t *env;
	uint32_t cap, cap2, pi, vs;
	unsigned nslots;                /* per port */
} ahci_hba_t;

/*
 * Takes ownership, resets the HBA (1 s for GHC.HR to clear), enables
 * AHCI mode with interrupts still off, clears pending interrupts and
 * reads the capabilities. 0, or -ETIMEDOUT when the reset does not end.
 */
int ahci_hba_init(ahci_hba_t *h, volatile uint32_t *abar, const ahci_env_t *env);

/* Port n's register window. */
volatile uint32_t *ahci_hba_port_regs(const ahci_hba_t *h, unsigned n);
/* What a port needs to know of the HBA. */
ahci_port_hba_t ahci_hba_port_caps(const ahci_hba_t *h);

void ahci_hba_irq_enable(ahci_hba_t *h, bool on);
/* IS: one bit per port with an interrupt pending. */
uint32_t ahci_hba_pending(const ahci_hba_t *h);
/* Clears the IS bits in mask (after the ports' PxIS were cleared). */
void ahci_hba_ack(ahci_hba_t *h, uint32_t mask);
