// SPDX-License-Identifier: MIT
/*
 * The pci: scheme (scheme.c, docs/pci.md):
 *
 *   pci:                     directory of every function, "SSSS:BB:DD.F"
 *   pci:SSSS:BB:DD.F         directory: config, info
 *   pci:SSSS:BB:DD.F/config  configuration space, 256 or 4096 bytes
 *   pci:SSSS:BB:DD.F/info    text: identity, BARs, capabilities
 *
 * config is read and written at the handle's position in accesses of 1,
 * 2 or 4 bytes at their natural alignment, or runs of whole aligned
 * dwords; anything else is EINVAL, because a device register must be
 * touched at its own width. Reading at the end gives 0; a run that
 * would cross the end is shortened. Only root opens config for writing.
 */
#pragma once

#include "pci.h"

#include <libscheme/libscheme.h>

typedef struct pcid_handle {
	bool used;
	uint8_t kind;                   /* PCID_ROOT ... */
	bool writable;
	pci_dev_t *dev;
	uint64_t pos;
	char *info;                     /* PCID_INFO: the text, made at open */
	size_t info_len;
} pcid_handle_t;

typedef struct pcid {
	pci_bus_t *bus;
	pcid_handle_t *h;
	unsigned nh;
} pcid_t;

enum { PCID_ROOT = 1, PCID_DIR, PCID_CONFIG, PCID_INFO };

extern const scheme_ops_t pcid_ops;

void pcid_init(pcid_t *p, pci_bus_t *bus);
/* Frees every handle (host tests; the daemon never stops). */
void pcid_fini(pcid_t *p);
