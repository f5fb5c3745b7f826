// SPDX-License-Identifier: MIT
/*
 * pcid's model of the PCI world, shared by its parts:
 *
 *   access.c  reaching configuration space: ECAM (memory-mapped, 4 KiB
 *             per function, regions from the ACPI MCFG table) or the
 *             legacy mechanism #1 (ports 0xCF8/0xCFC, 256 bytes);
 *   enum.c    walking the buses from each root through bridges, sizing
 *             BARs, collecting capabilities into pci_dev_t records;
 *   info.c    the text of pci:ADDR/info;
 *   rules.c   /etc/pcid.conf: which driver serves which device, and the
 *             service line handed to init;
 *   scheme.c  the pci: scheme over the device table;
 *   main.c    Tessera glue (the only file making system calls).
 *
 * Everything but main.c builds on the host: configuration space is
 * reached through pci_access_t, whose ECAM form takes a map function and
 * whose legacy form takes port functions, so tests run the real
 * arithmetic against a synthetic bus held in memory.
 */
#pragma once

#include <drivers/lib/pcidev.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCI_MAX_DEVS    256
#define PCI_MAX_CAPS    32
#define PCI_MAX_ECAM    8               /* MCFG regions we use */

/* --- access.c ------------------------------------------------------------------------ */

typedef struct pci_ecam_region {
	uint64_t base;                  /* physical address of bus `bus_start` */
	uint16_t segment;
	uint8_t bus_start, bus_end;
	uint8_t *bus_map[256];          /* 1 MiB per bus, mapped on first use */
} pci_ecam_region_t;

/* The port functions of the legacy mechanism (sys/io.h in Tessera). */
typedef struct pci_ports {
	uint32_t (*in)(void *ctx, uint16_t port, unsigned width);
	void (*out)(void *ctx, uint16_t port, unsigned width, uint32_t value);
	void *ctx;
} pci_ports_t;

typedef struct pci_access {
	/* ECAM when nregions > 0, else the ports. */
	pci_ecam_region_t region[PCI_MAX_ECAM];
	unsigned nregions;
	void *(*map)(uint64_t phys, size_t len);   /* ECAM: maps a bus uncached */
	pci_ports_t ports;
	unsigned cfg_size;              /* 4096 (ECAM) or 256 */
} pci_access_t;

/*
 * MCFG (ACPI): after the 36-byte header and 8 reserved bytes, 16-byte
 * entries {base u64, segment u16, start bus u8, end bus u8, 4 reserved}.
 * Fills a->region (up to PCI_MAX_ECAM); the count, or -EINVAL for a
 * table that is not MCFG, is cut short or has a bad checksum.
 */
int pci_mcfg_parse(pci_access_t *a, const uint8_t *table, size_t len);
/* Offset of a register inside an ECAM region: bus relative to its start. */
uint64_t pci_ecam_offset(unsigned rel_bus, unsigned dev, unsigned fn, unsigned off);
/* The CONFIG_ADDRESS value of mechanism #1 (enable bit, dword aligned). */
uint32_t pci_cam_address(unsigned bus, unsigned dev, unsigned fn, unsigned off);

/* Width 1, 2 or 4, naturally aligned off < cfg_size. Absent: all ones. */
uint32_t pci_cfg_read(pci_access_t *a, uint16_t seg, unsigned bus, unsigned dev, unsigned fn,
		      unsigned off, unsigned width);
void pci_cfg_write(pci_access_t *a, uint16_t seg, unsigned bus, unsigned dev, unsigned fn,
		   unsigned off, unsigned width, uint32_t value);
/* Is (seg, bus) reachable at all by this access method? */
bool pci_bus_reachable(const pci_access_t *a, uint16_t seg, unsigned bus);

/* --- enum.c -------------------------------------------------------------------------- */

typedef struct pci_cap {
	uint8_t id;
	uint16_t off;
} pci_cap_t;

typedef struct pci_dev {
	char addr[16];                  /* "SSSS:BB:DD.F" */
	uint16_t seg;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class_, subclass, progif, revision, header_type, irq_pin;
	uint8_t secondary_bus;          /* bridges (header type 1) */
	pcidev_bar_t bar[6];
	pci_cap_t cap[PCI_MAX_CAPS];
	unsigned ncaps;
	char driver[24];                /* the service started for it, "" if none */
} pci_dev_t;

typedef struct pci_bus {
	pci_access_t *access;
	pci_dev_t dev[PCI_MAX_DEVS];
	unsigned count;
	unsigned buses_scanned;
	bool truncated;                 /* more than PCI_MAX_DEVS functions */
	bool skip_bars;                 /* leave BARs alone (a second pcid, in tests) */
} pci_bus_t;

/*
 * Decodes one BAR from its original value and what it read back after
 * all ones were written (and the same for the upper half of a 64-bit
 * BAR: hi values are used only when the low half says 64-bit). Returns
 * how many BAR registers it occupies (1 or 2); out->size 0 when the BAR
 * is not implemented.
 */
unsigned pci_bar_decode(uint32_t orig, uint32_t probe, uint32_t orig_hi, uint32_t probe_hi,
			pcidev_bar_t *out);
/* Sizes the BARs of one function: decoding off while probing, restored. */
void pci_bars_probe(pci_access_t *a, pci_dev_t *d);
/* Walks every bus reachable from the roots (each ECAM region's first
 * bus, or bus 0) through bridges' secondary bus numbers. Device count. */
unsigned pci_enumerate(pci_bus_t *bus, pci_access_t *a);
pci_dev_t *pci_find(pci_bus_t *bus, const char *addr);
const char *pci_cap_name(uint8_t id);   /* "msi", ...; NULL when unnamed */

/* --- info.c -------------------------------------------------------------------------- */

/* The info text (docs/pci.md); its length (what fit, NUL-terminated). */
size_t pci_info_format(const pci_dev_t *d, char *buf, size_t cap);
/* One log line: "0000:00:1f.2 8086:2922 class 01.06.01 -> disk (/bin/ahcid)". */
size_t pci_log_line(const pci_dev_t *d, const char *driver, const char *program, char *buf,
		    size_t cap);
