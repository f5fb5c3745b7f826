// SPDX-License-Identifier: MIT
/*
 * Enumeration (pci.h): the walk, BAR sizing and capabilities.
 *
 * The walk is recursive, not brute force: it starts at each root bus
 * (the first bus of every MCFG region, or bus 0 with the ports) and
 * follows each PCI-to-PCI bridge's secondary bus number, as the
 * firmware assigned them. Only buses that exist are touched, so ECAM
 * maps 1 MiB per real bus instead of a whole segment. A bridge whose
 * secondary bus is not above its own (unconfigured, or a loop) is not
 * followed, and no bus is scanned twice. pcid does not assign bus
 * numbers or BAR addresses itself: it relies on the firmware for both.
 *
 * On every bus each of the 32 device slots is probed through function
 * 0; a multi-function device (header type bit 7) has functions 1-7
 * probed too. A function exists when its vendor id is not all ones.
 *
 * BAR sizing is the classic probe: with memory and I/O decoding turned
 * off in the command register (so the all-ones value a BAR holds for a
 * moment is never decoded on the bus), write all ones, read back the
 * size mask, write the original back; the upper half of a 64-bit BAR
 * likewise. The command register is restored afterwards. This happens
 * once, at enumeration, before any driver runs.
 */
#include "pci.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAR_IO       0x1u
#define BAR_TYPE     0x6u
#define BAR_TYPE_64  0x4u
#define BAR_PREFETCH 0x8u

unsigned pci_bar_decode(uint32_t orig, uint32_t probe, uint32_t orig_hi, uint32_t probe_hi,
			pcidev_bar_t *out)
{
	*out = (pcidev_bar_t){ 0 };
	if (orig & BAR_IO) {
		uint32_t mask = probe & ~3u;
		if (mask == 0)
			return 1;
		if (!(mask & 0xffff0000u))
			mask |= 0xffff0000u;    /* a 16-bit decoder reads its upper half as 0 */
		out->io = true;
		out->base = orig & ~3u;
		out->size = (uint32_t)(~mask + 1u);
		return 1;
	}
	bool wide = (orig & BAR_TYPE) == BAR_TYPE_64;
	uint64_t mask = probe & ~0xfu;
	if (wide)
		mask |= (uint64_t)probe_hi << 32;
	else if (mask)
		mask |= 0xffffffff00000000ull;
	if (mask != 0) {
		out->mem64 = wide;
		out->prefetch = orig & BAR_PREFETCH;
		out->base = (orig & ~0xfu) | (wide ? (uint64_t)orig_hi << 32 : 0);
		out->size = ~mask + 1;
	}
	return wide ? 2 : 1;
}

static uint32_t dev_read(pci_access_t *a, const pci_dev_t *d, unsigned off, unsigned width)
{
	return pci_cfg_read(a, d->seg, d->bus, d->dev, d->fn, off, width);
}

static void dev_write(pci_access_t *a, const pci_dev_t *d, unsigned off, unsigned width,
		      uint32_t v)
{
	pci_cfg_write(a, d->seg, d->bus, d->dev, d->fn, off, width, v);
}

/* Writes all ones to a BAR register and returns what it reads back, restoring it. */
static uint32_t bar_probe_one(pci_access_t *a, const pci_dev_t *d, unsigned off, uint32_t orig)
{
	dev_write(a, d, off, 4, 0xffffffffu);
	uint32_t probe = dev_read(a, d, off, 4);
	dev_write(a, d, off, 4, orig);
	return probe;
}

void pci_bars_probe(pci_access_t *a, pci_dev_t *d)
{
	unsigned type = d->header_type & 0x7f;
	unsigned nbars = type == 0 ? 6 : type == 1 ? 2 : 0;

	memset(d->bar, 0, sizeof(d->bar));
	if (!nbars)
		return;
	uint16_t cmd = (uint16_t)dev_read(a, d, PCI_CFG_COMMAND, 2);
	dev_write(a, d, PCI_CFG_COMMAND, 2, cmd & ~(PCI_CMD_IO | PCI_CMD_MEM));
	for (unsigned i = 0; i < nbars;) {
		unsigned off = PCI_CFG_BAR0 + 4 * i;
		uint32_t orig = dev_read(a, d, off, 4), hi = 0, probe_hi = 0;
		uint32_t probe = bar_probe_one(a, d, off, orig);
		bool wide = !(orig & BAR_IO) && (orig & BAR_TYPE) == BAR_TYPE_64;
		if (wide && i + 1 == nbars)
			break;                  /* a 64-bit BAR with no upper half: broken */
		if (wide) {
			hi = dev_read(a, d, off + 4, 4);
			probe_hi = bar_probe_one(a, d, off + 4, hi);
		}
		i += pci_bar_decode(orig, probe, hi, probe_hi, &d->bar[i]);
	}
	dev_write(a, d, PCI_CFG_COMMAND, 2, cmd);
}

static const char *const cap_names[] = {
	[0x01] = "pm",     [0x02] = "agp",     [0x03] = "vpd",    [0x04] = "slotid",
	[0x05] = "msi",    [0x06] = "hotswap", [0x07] = "pcix",   [0x08] = "ht",
	[0x09] = "vendor", [0x0a] = "debug",   [0x0b] = "cpci",   [0x0c] = "hotplug",
	[0x0d] = "ssvid",  [0x0e] = "agp3",    [0x0f] = "secure", [0x10] = "pcie",
	[0x11] = "msix",   [0x12] = "sata",    [0x13] = "af",     [0x14] = "ea",
};

const char *pci_cap_name(uint8_t id)
{
	return id < sizeof(cap_names) / sizeof(cap_names[0]) ? cap_names[id] : NULL;
}

static void caps_collect(pci_access_t *a, pci_dev_t *d)
{
	uint8_t cfg[256];

	d->ncaps = 0;
	for (unsigned off = 0; off < sizeof(cfg); off += 4) {
		uint32_t v = dev_read(a, d, off, 4);
		memcpy(cfg + off, &v, 4);       /* configuration space is little-endian, as x86 */
	}
	/* Every capability, whatever its id (the walk pcidev_cap_scan does). */
	if (!(cfg[PCI_CFG_STATUS] & PCI_STATUS_CAP_LIST))
		return;
	unsigned off = cfg[PCI_CFG_CAP_PTR] & 0xfc;
	for (unsigned hops = 0; off >= 0x40 && off < 0xff && hops < 48; hops++) {
		if (d->ncaps < PCI_MAX_CAPS)
			d->cap[d->ncaps++] = (pci_cap_t){ .id = cfg[off], .off = (uint16_t)off };
		off = cfg[off + 1] & 0xfc;
	}
}

/* Reads one function's identity, BARs and capabilities into a new record. */
static pci_dev_t *function_add(pci_bus_t *bus, uint16_t seg, unsigned b, unsigned dev,
			       unsigned fn)
{
	pci_access_t *a = bus->access;

	if (bus->count == PCI_MAX_DEVS) {
		bus->truncated = true;
		return NULL;
	}
	pci_dev_t *d = &bus->dev[bus->count++];
	*d = (pci_dev_t){ .seg = seg, .bus = (uint8_t)b, .dev = (uint8_t)dev, .fn = (uint8_t)fn };
	snprintf(d->addr, sizeof(d->addr), "%04x:%02x:%02x.%x", seg, b, dev, fn);
	uint32_t id = dev_read(a, d, 0, 4), cls = dev_read(a, d, 8, 4);
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->revision = (uint8_t)cls;
	d->progif = (uint8_t)(cls >> 8);
	d->subclass = (uint8_t)(cls >> 16);
	d->class_ = (uint8_t)(cls >> 24);
	d->header_type = (uint8_t)dev_read(a, d, PCI_CFG_HEADER_TYPE, 1);
	d->irq_pin = (uint8_t)dev_read(a, d, PCI_CFG_IRQ_PIN, 1);
	if (d->irq_pin > 4)
		d->irq_pin = 0;
	if ((d->header_type & 0x7f) == 1)
		d->secondary_bus = (uint8_t)dev_read(a, d, 0x19, 1);
	if (!bus->skip_bars)
		pci_bars_probe(a, d);
	caps_collect(a, d);
	return d;
}

typedef struct walk {
	pci_bus_t *bus;
	uint16_t seg[PCI_MAX_ECAM];
	unsigned nsegs;
	uint8_t seen[PCI_MAX_ECAM][32];         /* a bit per (segment, bus) */
} walk_t;

/* The bus bitmap of a segment (regions of one segment share it). */
static uint8_t *walk_seen(walk_t *w, uint16_t seg)
{
	unsigned i = 0;

	while (i < w->nsegs && w->seg[i] != seg)
		i++;
	if (i == w->nsegs)
		w->seg[w->nsegs++] = seg;       /* at most one per region: fits */
	return w->seen[i];
}

static void bus_scan(walk_t *w, uint16_t seg, unsigned b)
{
	pci_access_t *a = w->bus->access;
	uint8_t *seen = walk_seen(w, seg);

	if (seen[b / 8] & (1u << (b % 8)) || !pci_bus_reachable(a, seg, b))
		return;
	seen[b / 8] |= (uint8_t)(1u << (b % 8));
	w->bus->buses_scanned++;
	for (unsigned dev = 0; dev < 32; dev++) {
		if (pci_cfg_read(a, seg, b, dev, 0, 0, 2) == 0xffff)
			continue;
		bool multi = pci_cfg_read(a, seg, b, dev, 0, PCI_CFG_HEADER_TYPE, 1) & 0x80;
		for (unsigned fn = 0; fn < (multi ? 8u : 1u); fn++) {
			if (pci_cfg_read(a, seg, b, dev, fn, 0, 2) == 0xffff)
				continue;
			pci_dev_t *d = function_add(w->bus, seg, b, dev, fn);
			if (d && (d->header_type & 0x7f) == 1 && d->secondary_bus > b)
				bus_scan(w, seg, d->secondary_bus);
		}
	}
}

static int dev_order(const void *x, const void *y)
{
	const pci_dev_t *a = x, *b = y;
	uint64_t ka = (uint64_t)a->seg << 16 | a->bus << 8 | a->dev << 3 | a->fn;
	uint64_t kb = (uint64_t)b->seg << 16 | b->bus << 8 | b->dev << 3 | b->fn;

	return ka < kb ? -1 : ka > kb;
}

unsigned pci_enumerate(pci_bus_t *bus, pci_access_t *a)
{
	walk_t *w = calloc(1, sizeof(*w));

	bus->access = a;
	bus->count = bus->buses_scanned = 0;
	bus->truncated = false;
	if (!w)
		return 0;
	w->bus = bus;
	if (a->nregions) {
		for (unsigned i = 0; i < a->nregions; i++)
			bus_scan(w, a->region[i].segment, a->region[i].bus_start);
	} else {
		bus_scan(w, 0, 0);
	}
	free(w);
	qsort(bus->dev, bus->count, sizeof(bus->dev[0]), dev_order);
	return bus->count;
}

pci_dev_t *pci_find(pci_bus_t *bus, const char *addr)
{
	for (unsigned i = 0; i < bus->count; i++)
		if (strcmp(bus->dev[i].addr, addr) == 0)
			return &bus->dev[i];
	return NULL;
}
