// SPDX-License-Identifier: MIT
/*
 * HBA start-up (see hba.h). The order follows the specification: the
 * handoff first (so the BIOS stops touching the HBA), then GHC.AE before
 * GHC.HR as §10.4.3 asks, wait for HR to read 0, AE again (a reset may
 * clear it on HBAs that are not AHCI-only), and IS cleared last so stale
 * interrupts from the firmware's use are not taken for ours.
 */
#include "hba.h"

#include <errno.h>

static uint32_t hba_rd(const ahci_hba_t *h, unsigned off)
{
	return ahci_reg_read(h->env, &h->abar[off / 4]);
}

static void hba_wr(ahci_hba_t *h, unsigned off, uint32_t v)
{
	ahci_reg_write(h->env, &h->abar[off / 4], v);
}

static bool hba_wait(ahci_hba_t *h, unsigned off, uint32_t mask, uint32_t want, unsigned ms)
{
	for (unsigned us = 0;; us += 100) {
		if ((hba_rd(h, off) & mask) == want)
			return true;
		if (us >= ms * 1000u)
			return false;
		h->env->delay_us(h->env->ctx, 100);
	}
}

/* §10.6: set OOS, wait for BOS to clear; give a busy BIOS up to 2 s more. */
static void hba_handoff(ahci_hba_t *h)
{
	if (!(h->cap2 & AHCI_CAP2_BOH))
		return;
	hba_wr(h, AHCI_BOHC, hba_rd(h, AHCI_BOHC) | AHCI_BOHC_OOS);
	if (hba_wait(h, AHCI_BOHC, AHCI_BOHC_BOS, 0, 25) &&
	    !(hba_rd(h, AHCI_BOHC) & AHCI_BOHC_BB))
		return;
	hba_wait(h, AHCI_BOHC, AHCI_BOHC_BB | AHCI_BOHC_BOS, 0, 2000);
}

int ahci_hba_init(ahci_hba_t *h, volatile uint32_t *abar, const ahci_env_t *env)
{
	*h = (ahci_hba_t){ .abar = abar, .env = env };
	h->cap2 = hba_rd(h, AHCI_CAP2);
	hba_handoff(h);
	hba_wr(h, AHCI_GHC, hba_rd(h, AHCI_GHC) | AHCI_GHC_AE);
	hba_wr(h, AHCI_GHC, AHCI_GHC_AE | AHCI_GHC_HR);
	if (!hba_wait(h, AHCI_GHC, AHCI_GHC_HR, 0, 1000))
		return -ETIMEDOUT;
	hba_wr(h, AHCI_GHC, AHCI_GHC_AE);
	h->cap = hba_rd(h, AHCI_CAP);
	h->cap2 = hba_rd(h, AHCI_CAP2);
	h->pi = hba_rd(h, AHCI_PI);
	h->vs = hba_rd(h, AHCI_VS);
	h->nslots = AHCI_CAP_NCS(h->cap);
	hba_wr(h, AHCI_IS, 0xffffffffu);
	return 0;
}

volatile uint32_t *ahci_hba_port_regs(const ahci_hba_t *h, unsigned n)
{
	return h->abar + AHCI_PORT_BASE(n) / 4;
}

ahci_port_hba_t ahci_hba_port_caps(const ahci_hba_t *h)
{
	return (ahci_port_hba_t){
		.nslots = h->nslots,
		.ncq = h->cap & AHCI_CAP_SNCQ,
		.sss = h->cap & AHCI_CAP_SSS,
	};
}

void ahci_hba_irq_enable(ahci_hba_t *h, bool on)
{
	uint32_t ghc = hba_rd(h, AHCI_GHC);

	hba_wr(h, AHCI_GHC, on ? ghc | AHCI_GHC_IE : ghc & ~AHCI_GHC_IE);
}

uint32_t ahci_hba_pending(const ahci_hba_t *h)
{
	return hba_rd(h, AHCI_IS);
}

void ahci_hba_ack(ahci_hba_t *h, uint32_t mask)
{
	if (mask)
		hba_wr(h, AHCI_IS, mask);
}
