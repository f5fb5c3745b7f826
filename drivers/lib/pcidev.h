// SPDX-License-Identifier: MIT
/*
 * pcidev: a driver's handle on its PCI function, over pcid's `pci:`
 * scheme (docs/pci.md). A driver is started with the device address as
 * argv[1]; pcidev_open() reads `pci:ADDR/info` (identity, BARs already
 * sized by pcid, capability offsets) and keeps `pci:ADDR/config` open for
 * configuration reads and writes. Everything else is built on those two:
 * the command register, capability walking, mapping memory BARs
 * (hw_phys_map, uncached), and pointing MSI or one MSI-X entry at a
 * vector from irq:msi (hw_irq_t).
 *
 * The driver never touches the configuration mechanism (ECAM or ports)
 * itself, so it needs no I/O privilege for that: pcid serialises every
 * configuration access. The pure parts (parsing the info text, walking
 * a capability list held in a buffer) are in pcidev_info.c and are
 * tested on the host; pcidev.c is the part that opens files.
 *
 * Functions return 0 (or a count/offset) on success and -errno on error.
 */
#pragma once

#include <drivers/lib/hw.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pcidev_bar {
	uint64_t base, size;            /* size 0: not implemented */
	bool io, mem64, prefetch;
} pcidev_bar_t;

typedef struct pcidev {
	char addr[16];                  /* "SSSS:BB:DD.F" */
	uint16_t vendor, device;
	uint8_t class_, subclass, progif, revision;
	pcidev_bar_t bar[6];            /* a 64-bit BAR fills bar[n]; bar[n+1] stays empty */
	int cfg_fd;
	uint16_t msi_cap, msix_cap;     /* 0 = absent */
	/* Additions (not in the fixed interface, filled by pcidev_open): */
	uint8_t irq_pin;                /* 0 none, 1-4 INTA-INTD */
	uint16_t pcie_cap;              /* 0 = absent */
	void *msix_table;               /* mapped by pcidev_msix_enable, else NULL */
	size_t msix_map_len;
	unsigned msix_map_off;          /* the table's offset inside that mapping */
} pcidev_t;

/* Standard configuration registers and capability ids (PCI 3.0 / PCIe). */
#define PCI_CFG_VENDOR      0x00
#define PCI_CFG_DEVICE      0x02
#define PCI_CFG_COMMAND     0x04
#define PCI_CFG_STATUS      0x06
#define PCI_CFG_REVISION    0x08
#define PCI_CFG_PROGIF      0x09
#define PCI_CFG_SUBCLASS    0x0a
#define PCI_CFG_CLASS       0x0b
#define PCI_CFG_HEADER_TYPE 0x0e
#define PCI_CFG_BAR0        0x10
#define PCI_CFG_CAP_PTR     0x34
#define PCI_CFG_IRQ_LINE    0x3c
#define PCI_CFG_IRQ_PIN     0x3d

#define PCI_CMD_IO           0x0001
#define PCI_CMD_MEM          0x0002
#define PCI_CMD_BUS_MASTER   0x0004
#define PCI_CMD_INTX_DISABLE 0x0400
#define PCI_STATUS_CAP_LIST  0x0010

#define PCI_CAP_PM    0x01
#define PCI_CAP_MSI   0x05
#define PCI_CAP_VNDR  0x09
#define PCI_CAP_PCIE  0x10
#define PCI_CAP_MSIX  0x11

/* MSI capability: control word at +2; address at +4 (+8 high if 64-bit). */
#define PCI_MSI_CTRL_ENABLE  0x0001
#define PCI_MSI_CTRL_MME     0x0070     /* multiple message enable (log2) */
#define PCI_MSI_CTRL_64BIT   0x0080
#define PCI_MSI_CTRL_PVM     0x0100     /* per-vector masking */
/* MSI-X capability: control at +2, table offset/BIR at +4, PBA at +8. */
#define PCI_MSIX_CTRL_SIZE   0x07ff     /* table size - 1 */
#define PCI_MSIX_CTRL_MASK   0x4000     /* function mask */
#define PCI_MSIX_CTRL_ENABLE 0x8000
#define PCI_MSIX_ENTRY_SIZE  16
#define PCI_MSIX_VECTOR_MASKED 0x1      /* vector control bit 0 */

/* --- the fixed interface (iface7.md) ------------------------------------------------ */

int  pcidev_open(pcidev_t *d, const char *addr);     /* "0000:00:1f.2" */
void pcidev_close(pcidev_t *d);
/* 1, 2 or 4 naturally aligned bytes, or a run of whole aligned dwords. */
int  pcidev_cfg_read(pcidev_t *d, unsigned off, void *buf, unsigned len);
int  pcidev_cfg_write(pcidev_t *d, unsigned off, const void *buf, unsigned len);
/*
 * The first capability `id` after the one at `start` (start 0: from the
 * head of the list), so `for (o = find(d, id, 0); o > 0; o = find(d, id, o))`
 * visits them all (virtio's vendor capabilities). Offset, or -ENOENT.
 */
int  pcidev_cap_find(pcidev_t *d, uint8_t id, unsigned start);
/* Sets exactly these decode/master bits in the command register and
 * disables INTx (a driver uses MSI/MSI-X; pcid leaves decoding off). */
int  pcidev_enable(pcidev_t *d, bool mem, bool io, bool bus_master);
/* A memory BAR mapped uncached (its whole size); NULL on failure. */
void *pcidev_bar_map(pcidev_t *d, int bar);
/* MSI with one vector (multi-message off), 32- or 64-bit address form. */
int  pcidev_msi_enable(pcidev_t *d, const hw_irq_t *irq);
/* Maps the MSI-X table (first call), programs and unmasks `entry`, and
 * enables MSI-X with the function mask off. -EINVAL past the table. */
int  pcidev_msix_enable(pcidev_t *d, unsigned entry, const hw_irq_t *irq);

/* --- additions ---------------------------------------------------------------------- */

/* The config-space convenience forms of pcidev_cfg_read/write. */
int pcidev_cfg_read16(pcidev_t *d, unsigned off, uint16_t *v);
int pcidev_cfg_read32(pcidev_t *d, unsigned off, uint32_t *v);
int pcidev_cfg_write16(pcidev_t *d, unsigned off, uint16_t v);
int pcidev_cfg_write32(pcidev_t *d, unsigned off, uint32_t v);
/* Undoes pcidev_bar_map (p is what it returned; NULL is ignored). */
void pcidev_bar_unmap(pcidev_t *d, int bar, void *p);
/* Masks or unmasks one MSI-X entry (after pcidev_msix_enable). */
int pcidev_msix_mask(pcidev_t *d, unsigned entry, bool masked);

/* --- pcidev_info.c: pure, host-tested ------------------------------------------------ */

/* Is s a device address "SSSS:BB:DD.F" (lower-case hex, dev < 32, fn < 8)? */
bool pcidev_addr_valid(const char *s);
/*
 * Fills d's identity, BARs and capability offsets from the text of
 * `pci:ADDR/info` (len bytes, need not be terminated). Unknown keys are
 * skipped (the format may grow); -EINVAL when vendor/device/class are
 * missing or a known line is malformed.
 */
int pcidev_info_parse(pcidev_t *d, const char *text, size_t len);
/*
 * Capability walk over a copy of configuration space (cfg, len >= 64
 * bytes): as pcidev_cap_find. A looping or out-of-range list ends the
 * walk (-ENOENT) instead of hanging.
 */
int pcidev_cap_scan(const uint8_t *cfg, size_t len, uint8_t id, unsigned start);
