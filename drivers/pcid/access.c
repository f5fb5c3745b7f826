// SPDX-License-Identifier: MIT
/*
 * Reaching configuration space (pci.h). Two mechanisms behind one pair
 * of functions, pci_cfg_read/pci_cfg_write, each taking a register of 1,
 * 2 or 4 bytes at its natural alignment:
 *
 * ECAM (PCIe's enhanced configuration access): each MCFG region covers
 * a segment's bus range with 4 KiB of memory per function, at
 * base + (bus - start) << 20 | dev << 15 | fn << 12. A bus is mapped
 * (1 MiB, uncached, through the map function) the first time it is
 * touched, so a walk that only visits the buses that exist never maps
 * the 256 MiB a full segment would take. Accesses are single volatile
 * loads and stores of the register's width: a 16-bit write to the
 * command register must not write the status register beside it, whose
 * bits are cleared by writing ones.
 *
 * Mechanism #1 (the PC's 0xCF8/0xCFC ports) when there is no MCFG: the
 * dword address goes to 0xCF8, then the register is read or written at
 * 0xCFC plus its byte offset in the dword, again at its own width. Only
 * segment 0 and the first 256 bytes of each function exist this way.
 *
 * Absent functions read as all ones, which is what real hardware
 * returns (a master abort); writes to them are dropped.
 */
#include "pci.h"

#include <errno.h>
#include <string.h>

#define MCFG_HEADER   36
#define MCFG_ENTRIES  44                /* header + 8 reserved bytes */
#define MCFG_ENTRY    16
#define ECAM_BUS_SIZE (1u << 20)
#define CAM_ADDRESS   0xcf8
#define CAM_DATA      0xcfc

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int pci_mcfg_parse(pci_access_t *a, const uint8_t *table, size_t len)
{
	uint8_t sum = 0;

	if (len < MCFG_ENTRIES || memcmp(table, "MCFG", 4) != 0)
		return -EINVAL;
	uint32_t tlen = le32(table + 4);
	if (tlen < MCFG_ENTRIES || tlen > len)
		return -EINVAL;
	for (uint32_t i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + table[i]);
	if (sum != 0)
		return -EINVAL;
	a->nregions = 0;
	for (uint32_t off = MCFG_ENTRIES; off + MCFG_ENTRY <= tlen; off += MCFG_ENTRY) {
		const uint8_t *e = table + off;
		uint64_t base = le32(e) | (uint64_t)le32(e + 4) << 32;
		if (a->nregions == PCI_MAX_ECAM || e[10] > e[11] || base == 0)
			continue;       /* more regions than we keep, or a bad entry */
		pci_ecam_region_t *r = &a->region[a->nregions++];
		memset(r, 0, sizeof(*r));
		r->base = base;
		r->segment = (uint16_t)(e[8] | e[9] << 8);
		r->bus_start = e[10];
		r->bus_end = e[11];
	}
	a->cfg_size = a->nregions ? 4096 : 256;
	return (int)a->nregions;
}

uint64_t pci_ecam_offset(unsigned rel_bus, unsigned dev, unsigned fn, unsigned off)
{
	return (uint64_t)(rel_bus & 0xff) << 20 | (uint64_t)(dev & 31) << 15 |
	       (uint64_t)(fn & 7) << 12 | (off & 0xfff);
}

uint32_t pci_cam_address(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	return 0x80000000u | (bus & 0xff) << 16 | (dev & 31) << 11 | (fn & 7) << 8 | (off & 0xfc);
}

static pci_ecam_region_t *ecam_region(const pci_access_t *a, uint16_t seg, unsigned bus)
{
	for (unsigned i = 0; i < a->nregions; i++) {
		const pci_ecam_region_t *r = &a->region[i];
		if (r->segment == seg && bus >= r->bus_start && bus <= r->bus_end)
			return (pci_ecam_region_t *)r;
	}
	return NULL;
}

bool pci_bus_reachable(const pci_access_t *a, uint16_t seg, unsigned bus)
{
	if (bus > 255)
		return false;
	if (a->nregions)
		return ecam_region(a, seg, bus) != NULL;
	return seg == 0;
}

/* The register's address in an ECAM mapping, or NULL (no region / map failed). */
static volatile uint8_t *ecam_reg(pci_access_t *a, uint16_t seg, unsigned bus, unsigned dev,
				  unsigned fn, unsigned off)
{
	pci_ecam_region_t *r = ecam_region(a, seg, bus);

	if (!r)
		return NULL;
	unsigned rel = bus - r->bus_start;
	if (!r->bus_map[rel]) {
		r->bus_map[rel] = a->map(r->base + pci_ecam_offset(rel, 0, 0, 0), ECAM_BUS_SIZE);
		if (!r->bus_map[rel])
			return NULL;
	}
	return r->bus_map[rel] + pci_ecam_offset(0, dev, fn, off);
}

static bool cfg_args_ok(const pci_access_t *a, unsigned dev, unsigned fn, unsigned off,
			unsigned width)
{
	return dev < 32 && fn < 8 && (width == 1 || width == 2 || width == 4) &&
	       off % width == 0 && off + width <= a->cfg_size;
}

uint32_t pci_cfg_read(pci_access_t *a, uint16_t seg, unsigned bus, unsigned dev, unsigned fn,
		      unsigned off, unsigned width)
{
	uint32_t ones = width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;

	if (!cfg_args_ok(a, dev, fn, off, width) || !pci_bus_reachable(a, seg, bus))
		return ones;
	if (a->nregions) {
		volatile uint8_t *p = ecam_reg(a, seg, bus, dev, fn, off);
		if (!p)
			return ones;
		if (width == 1)
			return *p;
		if (width == 2)
			return *(volatile uint16_t *)p;
		return *(volatile uint32_t *)p;
	}
	a->ports.out(a->ports.ctx, CAM_ADDRESS, 4, pci_cam_address(bus, dev, fn, off));
	return a->ports.in(a->ports.ctx, (uint16_t)(CAM_DATA + (off & 3)), width) & ones;
}

void pci_cfg_write(pci_access_t *a, uint16_t seg, unsigned bus, unsigned dev, unsigned fn,
		   unsigned off, unsigned width, uint32_t value)
{
	if (!cfg_args_ok(a, dev, fn, off, width) || !pci_bus_reachable(a, seg, bus))
		return;
	if (a->nregions) {
		volatile uint8_t *p = ecam_reg(a, seg, bus, dev, fn, off);
		if (!p)
			return;
		if (width == 1)
			*p = (uint8_t)value;
		else if (width == 2)
			*(volatile uint16_t *)p = (uint16_t)value;
		else
			*(volatile uint32_t *)p = value;
		return;
	}
	a->ports.out(a->ports.ctx, CAM_ADDRESS, 4, pci_cam_address(bus, dev, fn, off));
	a->ports.out(a->ports.ctx, (uint16_t)(CAM_DATA + (off & 3)), width, value);
}
