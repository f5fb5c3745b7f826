// SPDX-License-Identifier: MIT
/*
 * Tests for pcid (drivers/pcid): MCFG parsing, ECAM and mechanism #1
 * address arithmetic, BAR decoding, the walk over a synthetic bus, the
 * info text, pcid.conf rules and the pci: scheme.
 *
 * The synthetic bus is a set of functions, each 4 KiB of configuration
 * space with a per-byte write mask and BARs that behave as hardware
 * does (writing all ones reads back the size mask, the type bits are
 * read-only). Bus 0 holds a host bridge, a SATA controller with an I/O
 * and a memory BAR and two capabilities, a multi-function device (a
 * 64-bit prefetchable BAR above 4 GiB, a 16-bit I/O decoder), and a
 * bridge to bus 1, where a virtio device with several vendor
 * capabilities and MSI-X sits behind a bridge whose secondary bus loops
 * back. Bus 5 has a device no bridge leads to: a walk must not find it.
 * The legacy form goes through fake ports 0xCF8/0xCFC into this model;
 * the ECAM form maps buses as plain memory copied from it, which checks
 * the address arithmetic and which buses get mapped.
 */
#include "scheme_call.h"
#include "unit.h"

#include <drivers/pcid/rules.h>
#include <drivers/pcid/scheme.h>

#include <abi/proc.h>
#include <abi/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the synthetic bus --------------------------------------------------------------- */

typedef struct fake_fn {
	uint8_t bus, dev, fn;
	uint8_t cfg[4096];
	uint8_t wmask[4096];
} fake_fn_t;

#define FAKE_MAX 16
static fake_fn_t fake[FAKE_MAX];
static unsigned nfake;
static unsigned bar_writes_while_decoding;
static uint32_t cf8;

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static fake_fn_t *fake_add(unsigned bus, unsigned dev, unsigned fn, uint16_t ven, uint16_t did,
			   uint32_t class_rev, uint8_t header)
{
	fake_fn_t *f = &fake[nfake++];

	memset(f, 0, sizeof(*f));
	f->bus = (uint8_t)bus, f->dev = (uint8_t)dev, f->fn = (uint8_t)fn;
	put16(f->cfg, ven);
	put16(f->cfg + 2, did);
	put32(f->cfg + 8, class_rev);
	f->cfg[0x0e] = header;
	put16(f->cfg + 4, 0x0007);              /* the firmware left decoding on */
	f->wmask[4] = 0xff, f->wmask[5] = 0x07;
	f->wmask[0x3c] = 0xff;
	memset(f->wmask + 0x40, 0xff, 4096 - 0x40);
	return f;
}

/* kind: 'i' io, 'j' 16-bit io decoder, 'm' mem32, 'M' mem64, 'P' mem64 prefetch */
static void fake_bar(fake_fn_t *f, unsigned i, char kind, uint64_t base, uint64_t size)
{
	unsigned off = 0x10 + 4 * i;
	uint64_t mask = ~(size - 1);

	if (kind == 'i' || kind == 'j') {
		put32(f->cfg + off, (uint32_t)base | 1);
		put32(f->wmask + off, (uint32_t)mask & (kind == 'j' ? 0xfffcu : 0xfffffffcu));
		return;
	}
	uint32_t type = kind == 'm' ? 0 : kind == 'M' ? 4 : 0xc;
	put32(f->cfg + off, (uint32_t)base | type);
	put32(f->wmask + off, (uint32_t)mask & 0xfffffff0u);
	if (kind != 'm') {
		put32(f->cfg + off + 4, (uint32_t)(base >> 32));
		put32(f->wmask + off + 4, (uint32_t)(mask >> 32));
	}
}

static void fake_cap(fake_fn_t *f, unsigned off, uint8_t id, uint8_t next)
{
	f->cfg[6] |= 0x10;
	if (!f->cfg[0x34])
		f->cfg[0x34] = (uint8_t)off;
	f->cfg[off] = id;
	f->cfg[off + 1] = next;
}

static void fake_build(void)
{
	nfake = 0;
	bar_writes_while_decoding = 0;
	fake_add(0, 0, 0, 0x8086, 0x29c0, 0x06000002, 0);

	fake_fn_t *sata = fake_add(0, 1, 0, 0x8086, 0x2922, 0x01060102, 0);
	fake_bar(sata, 4, 'i', 0xc040, 32);
	fake_bar(sata, 5, 'm', 0xfebf1000, 4096);
	sata->cfg[0x3d] = 1;
	fake_cap(sata, 0x50, 0x01, 0x80);
	fake_cap(sata, 0x80, 0x05, 0x00);

	fake_fn_t *net = fake_add(0, 2, 0, 0x10ec, 0x8139, 0x02000001, 0x80);
	fake_bar(net, 0, 'P', 0x800000000ull, 16384);
	fake_bar(net, 2, 'j', 0xd000, 256);
	fake_add(0, 2, 3, 0x1b36, 0x000d, 0x0c033001, 0x80);

	fake_fn_t *br = fake_add(0, 3, 0, 0x1b36, 0x000c, 0x06040000, 1);
	br->cfg[0x18] = 0, br->cfg[0x19] = 1, br->cfg[0x1a] = 1;
	fake_bar(br, 0, 'm', 0xfea00000, 4096);

	fake_fn_t *vio = fake_add(1, 0, 0, 0x1af4, 0x1042, 0x01000001, 0);
	fake_bar(vio, 1, 'm', 0xfe800000, 4096);
	fake_bar(vio, 4, 'P', 0xfe000000, 16384);
	fake_cap(vio, 0x98, 0x11, 0x84);
	fake_cap(vio, 0x84, 0x09, 0x70);
	fake_cap(vio, 0x70, 0x09, 0x60);
	fake_cap(vio, 0x60, 0x09, 0x00);

	/* A bridge on bus 1 claiming bus 1 again: must not be followed. */
	fake_fn_t *loop = fake_add(1, 4, 0, 0x1b36, 0x000c, 0x06040000, 1);
	loop->cfg[0x19] = 1;

	fake_add(5, 0, 0, 0x1234, 0x1111, 0x03000000, 0);      /* unreachable */
}

static fake_fn_t *fake_find(unsigned bus, unsigned dev, unsigned fn)
{
	for (unsigned i = 0; i < nfake; i++)
		if (fake[i].bus == bus && fake[i].dev == dev && fake[i].fn == fn)
			return &fake[i];
	return NULL;
}

static void fake_write(fake_fn_t *f, unsigned off, unsigned width, uint32_t v)
{
	if (off >= 0x10 && off < 0x28 && (f->cfg[4] & 3))
		bar_writes_while_decoding++;
	for (unsigned i = 0; i < width; i++) {
		uint8_t m = f->wmask[off + i], b = (uint8_t)(v >> (8 * i));
		f->cfg[off + i] = (uint8_t)((f->cfg[off + i] & ~m) | (b & m));
	}
}

static uint32_t fake_port_in(void *ctx, uint16_t port, unsigned width)
{
	(void)ctx;
	if (port == 0xcf8)
		return cf8;
	fake_fn_t *f = fake_find(cf8 >> 16 & 0xff, cf8 >> 11 & 31, cf8 >> 8 & 7);
	if (!(cf8 & 0x80000000u) || port < 0xcfc || port + width > 0x100 + 0xd00 - 0x100 ||
	    !f)
		return 0xffffffffu;
	uint32_t v = 0;
	memcpy(&v, f->cfg + (cf8 & 0xfc) + (port - 0xcfc), width);
	return v;
}

static void fake_port_out(void *ctx, uint16_t port, unsigned width, uint32_t v)
{
	(void)ctx;
	if (port == 0xcf8 && width == 4) {
		cf8 = v;
		return;
	}
	fake_fn_t *f = fake_find(cf8 >> 16 & 0xff, cf8 >> 11 & 31, cf8 >> 8 & 7);
	if (f && port >= 0xcfc)
		fake_write(f, (cf8 & 0xfc) + (port - 0xcfc), width, v);
}

static pci_access_t ports_access(void)
{
	return (pci_access_t){ .ports = { fake_port_in, fake_port_out, NULL }, .cfg_size = 256 };
}

/* ECAM as memory: a 1 MiB buffer per mapped bus, filled from the model. */
static uint8_t *ecam_bus[256];
static uint64_t ecam_maps[8];
static unsigned necam_maps;

static void *fake_ecam_map(uint64_t phys, size_t len)
{
	unsigned bus = (unsigned)((phys - 0xb0000000u) >> 20);

	if (len != 1u << 20 || bus > 255 || necam_maps == 8)
		return NULL;
	ecam_maps[necam_maps++] = phys;
	uint8_t *m = malloc(len);
	memset(m, 0xff, len);
	for (unsigned i = 0; i < nfake; i++)
		if (fake[i].bus == bus)
			memcpy(m + pci_ecam_offset(0, fake[i].dev, fake[i].fn, 0), fake[i].cfg, 4096);
	ecam_bus[bus] = m;
	return m;
}

static void ecam_free(void)
{
	for (unsigned i = 0; i < 256; i++) {
		free(ecam_bus[i]);
		ecam_bus[i] = NULL;
	}
	necam_maps = 0;
}

/* An MCFG table with the given regions; its length. */
static size_t mcfg_make(uint8_t *t, const uint64_t *base, const uint8_t *range, unsigned n)
{
	size_t len = 44 + 16 * n;
	uint8_t sum = 0;

	memset(t, 0, len);
	memcpy(t, "MCFG", 4);
	put32(t + 4, (uint32_t)len);
	t[8] = 1;
	for (unsigned i = 0; i < n; i++) {
		uint8_t *e = t + 44 + 16 * i;
		put32(e, (uint32_t)base[i]);
		put32(e + 4, (uint32_t)(base[i] >> 32));
		put16(e + 8, (uint16_t)i);
		e[10] = range[2 * i], e[11] = range[2 * i + 1];
	}
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)-sum;
	return len;
}

/* --- arithmetic ---------------------------------------------------------------------- */

TEST(mcfg_parse_regions)
{
	uint8_t t[128];
	uint64_t base[2] = { 0xb0000000u, 0x1000000000ull };
	uint8_t range[4] = { 0, 255, 0x10, 0x1f };
	pci_access_t a = { 0 };
	size_t len = mcfg_make(t, base, range, 2);

	CHECK_EQ(pci_mcfg_parse(&a, t, len), 2);
	CHECK_EQ(a.cfg_size, 4096);
	CHECK_EQ(a.region[0].base, 0xb0000000u);
	CHECK_EQ(a.region[0].bus_end, 255);
	CHECK_EQ(a.region[1].base, 0x1000000000ull);
	CHECK_EQ(a.region[1].segment, 1);
	CHECK_EQ(a.region[1].bus_start, 0x10);
	CHECK_EQ(a.region[1].bus_end, 0x1f);
	CHECK(pci_bus_reachable(&a, 1, 0x15));
	CHECK(!pci_bus_reachable(&a, 1, 0x20));
	CHECK(!pci_bus_reachable(&a, 2, 0));
	CHECK_EQ(pci_mcfg_parse(&a, t, len - 1), -EINVAL);     /* cut short */
	t[20] ^= 1;
	CHECK_EQ(pci_mcfg_parse(&a, t, len), -EINVAL);         /* checksum */
	t[20] ^= 1;
	t[0] = 'X';
	CHECK_EQ(pci_mcfg_parse(&a, t, len), -EINVAL);
	CHECK_EQ(pci_mcfg_parse(&a, t, 10), -EINVAL);
}

TEST(config_address_arithmetic)
{
	CHECK_EQ(pci_ecam_offset(0, 0, 0, 0), 0);
	CHECK_EQ(pci_ecam_offset(1, 0, 0, 0), 0x100000);
	CHECK_EQ(pci_ecam_offset(0, 0x1f, 2, 0x40), 0xfa040);
	CHECK_EQ(pci_ecam_offset(255, 31, 7, 0xffc), 0xffffffc);
	CHECK_EQ(pci_cam_address(0, 0x1f, 2, 0x42), 0x8000fa40u);
	CHECK_EQ(pci_cam_address(3, 1, 0, 0x10), 0x80030810u);
	CHECK_EQ(pci_cam_address(255, 31, 7, 0xff), 0x80fffffcu);
}

TEST(bar_decode_kinds)
{
	pcidev_bar_t b;

	CHECK_EQ(pci_bar_decode(0xc041, 0xffffffe1, 0, 0, &b), 1);         /* io, 32 ports */
	CHECK(b.io && b.base == 0xc040 && b.size == 32);
	CHECK_EQ(pci_bar_decode(0xd001, 0x0000ff01, 0, 0, &b), 1);         /* 16-bit decoder */
	CHECK(b.io && b.base == 0xd000 && b.size == 256);
	CHECK_EQ(pci_bar_decode(0xfebf1000, 0xfffff000, 0, 0, &b), 1);     /* mem32 4 KiB */
	CHECK(!b.io && !b.mem64 && !b.prefetch && b.base == 0xfebf1000 && b.size == 4096);
	CHECK_EQ(pci_bar_decode(0x0000000c, 0xffffc00c, 0x8, 0xffffffff, &b), 2);
	CHECK(b.mem64 && b.prefetch && b.base == 0x800000000ull && b.size == 16384);
	CHECK_EQ(pci_bar_decode(0x4, 0x4, 0x10, 0xfffffffe, &b), 2);       /* 8 GiB */
	CHECK(b.mem64 && b.base == 0x1000000000ull && b.size == 0x200000000ull);
	CHECK_EQ(pci_bar_decode(0, 0, 0, 0, &b), 1);                       /* absent */
	CHECK_EQ(b.size, 0);
	CHECK_EQ(pci_bar_decode(0x4, 0x4, 0, 0, &b), 2);                   /* 64-bit, absent */
	CHECK_EQ(b.size, 0);
}

/* --- the walk ------------------------------------------------------------------------ */

static pci_bus_t bus;

static void check_bus(bool sizes)
{
	static const char *const want[] = { "0000:00:00.0", "0000:00:01.0", "0000:00:02.0",
					    "0000:00:02.3", "0000:00:03.0", "0000:01:00.0",
					    "0000:01:04.0" };

	CHECK_EQ(bus.count, 7);
	CHECK_EQ(bus.buses_scanned, 2);
	for (unsigned i = 0; i < 7; i++)
		CHECK_STR(bus.dev[i].addr, want[i]);
	pci_dev_t *sata = pci_find(&bus, "0000:00:01.0");
	CHECK(sata && sata->vendor == 0x8086 && sata->device == 0x2922);
	CHECK(sata->class_ == 1 && sata->subclass == 6 && sata->progif == 1 &&
	      sata->revision == 2 && sata->irq_pin == 1);
	CHECK_EQ(sata->ncaps, 2);
	CHECK(sata->cap[0].id == 1 && sata->cap[0].off == 0x50);
	CHECK(sata->cap[1].id == 5 && sata->cap[1].off == 0x80);
	CHECK(!pci_find(&bus, "0000:05:00.0"));
	CHECK_EQ(pci_find(&bus, "0000:00:03.0")->secondary_bus, 1);
	CHECK_EQ(pci_find(&bus, "0000:01:00.0")->ncaps, 4);
	if (!sizes)
		return;
	CHECK(sata->bar[4].io && sata->bar[4].base == 0xc040 && sata->bar[4].size == 32);
	CHECK(sata->bar[5].base == 0xfebf1000 && sata->bar[5].size == 4096);
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(sata->bar[i].size, 0);
	pci_dev_t *net = pci_find(&bus, "0000:00:02.0");
	CHECK(net->bar[0].mem64 && net->bar[0].prefetch && net->bar[0].base == 0x800000000ull &&
	      net->bar[0].size == 16384 && net->bar[1].size == 0);
	CHECK(net->bar[2].io && net->bar[2].base == 0xd000 && net->bar[2].size == 256);
	pci_dev_t *vio = pci_find(&bus, "0000:01:00.0");
	CHECK(vio->bar[1].size == 4096 && vio->bar[4].size == 16384 && vio->bar[4].mem64);
	CHECK_EQ(pci_find(&bus, "0000:00:03.0")->bar[0].size, 4096);
}

TEST(walk_ports)
{
	pci_access_t a = ports_access();

	fake_build();
	uint8_t before[FAKE_MAX][256];
	for (unsigned i = 0; i < nfake; i++)
		memcpy(before[i], fake[i].cfg, 256);
	CHECK_EQ(pci_enumerate(&bus, &a), 7);
	check_bus(true);
	CHECK_EQ(bar_writes_while_decoding, 0);
	for (unsigned i = 0; i < nfake; i++)       /* BARs and command restored */
		CHECK(memcmp(before[i], fake[i].cfg, 256) == 0);
}

TEST(walk_ecam)
{
	uint8_t t[64];
	uint64_t base = 0xb0000000u;
	uint8_t range[2] = { 0, 255 };
	pci_access_t *a = calloc(1, sizeof(*a));

	fake_build();
	CHECK_EQ(pci_mcfg_parse(a, t, mcfg_make(t, &base, range, 1)), 1);
	a->map = fake_ecam_map;
	CHECK_EQ(pci_enumerate(&bus, a), 7);
	check_bus(false);
	/* Only the two buses that exist were mapped, each once, at base + bus << 20. */
	CHECK_EQ(necam_maps, 2);
	CHECK_EQ(ecam_maps[0], 0xb0000000u);
	CHECK_EQ(ecam_maps[1], 0xb0100000u);
	/* Probing left memory as it found it (plain memory keeps the ones, so it is
	 * restored rather than sized) and read 16-bit fields at the right offsets. */
	fake_fn_t *vio = fake_find(1, 0, 0);
	CHECK(memcmp(ecam_bus[1], vio->cfg, 4096) == 0);
	CHECK_EQ(pci_cfg_read(a, 0, 1, 0, 0, 2, 2), 0x1042);
	CHECK_EQ(pci_cfg_read(a, 0, 1, 0, 0, 0x98, 1), 0x11);
	pci_cfg_write(a, 0, 1, 0, 0, 0x3c, 1, 0x5a);
	CHECK_EQ(ecam_bus[1][0x3c], 0x5a);
	CHECK_EQ(pci_cfg_read(a, 0, 1, 0, 0, 0x3d, 2), 0xffff);          /* misaligned */
	CHECK_EQ(pci_cfg_read(a, 0, 1, 31, 7, 0, 4), 0xffffffffu);       /* absent */
	ecam_free();
	free(a);
}

TEST(walk_truncated_model_guard)
{
	pci_access_t a = ports_access();

	/* Nothing at all answers: no device, one bus scanned. */
	nfake = 0;
	CHECK_EQ(pci_enumerate(&bus, &a), 0);
	CHECK_EQ(bus.buses_scanned, 1);
}

/* --- info ---------------------------------------------------------------------------- */

TEST(info_text_round_trip)
{
	pci_access_t a = ports_access();
	char text[1024], log[160];
	pcidev_t d;

	fake_build();
	pci_enumerate(&bus, &a);
	pci_dev_t *sata = pci_find(&bus, "0000:00:01.0");
	size_t n = pci_info_format(sata, text, sizeof(text));
	CHECK_STR(text, "vendor 8086\ndevice 2922\nclass 01 06 01\nrevision 02\nirq-pin 1\n"
			"header 00\nbar 4 io 0xc040 32\nbar 5 mem32 0xfebf1000 4096\n"
			"cap pm 0x50\ncap msi 0x80\n");
	CHECK_EQ(n, strlen(text));
	CHECK_EQ(pcidev_info_parse(&d, text, n), 0);
	CHECK(d.vendor == 0x8086 && d.device == 0x2922 && d.class_ == 1 && d.subclass == 6 &&
	      d.progif == 1 && d.revision == 2 && d.irq_pin == 1);
	CHECK(d.bar[4].io && d.bar[4].base == 0xc040 && d.bar[4].size == 32);
	CHECK(d.bar[5].base == 0xfebf1000 && d.bar[5].size == 4096 && !d.bar[5].mem64);
	CHECK(d.msi_cap == 0x80 && d.msix_cap == 0);

	pci_dev_t *net = pci_find(&bus, "0000:00:02.0");
	pci_info_format(net, text, sizeof(text));
	CHECK(strstr(text, "bar 0 mem64 0x800000000 16384 prefetch\nbar 2 io 0xd000 256\n"));
	CHECK_EQ(pcidev_info_parse(&d, text, strlen(text)), 0);
	CHECK(d.bar[0].mem64 && d.bar[0].prefetch && d.bar[0].base == 0x800000000ull);

	pci_dev_t *br = pci_find(&bus, "0000:00:03.0");
	pci_info_format(br, text, sizeof(text));
	CHECK(strstr(text, "header 01\nsecondary-bus 01\n"));

	pci_log_line(sata, "disk", "/bin/ahcid", log, sizeof(log));
	CHECK_STR(log, "0000:00:01.0 8086:2922 class 01.06.01 -> disk (/bin/ahcid)");
	pci_log_line(br, NULL, NULL, log, sizeof(log));
	CHECK_STR(log, "0000:00:03.0 1b36:000c class 06.04.00 -> no driver");
	/* A buffer too small keeps what fits, terminated. */
	CHECK_EQ(pci_info_format(sata, text, 8), 7);
	CHECK_STR(text, "vendor ");
}

/* --- rules --------------------------------------------------------------------------- */

static char warnings[512];

static void t_warn(void *ctx, unsigned line, const char *msg)
{
	size_t n = strlen(warnings);

	(void)ctx;
	snprintf(warnings + n, sizeof(warnings) - n, "%u: %s\n", line, msg);
}

static const char conf[] =
	"# drivers\n"
	"driver disk class=01.06.01 privileges=io,irq,phys -- /bin/ahcid\n"
	"driver disk vendor=1af4 device=1042   # virtio-blk (modern)\n"
	"    privileges=irq,phys restart=on-failure -- /bin/virtioblk -v\n"
	"\n"
	"driver net class=02 -- /bin/netd\n"
	"driver bad class=1 -- /bin/x\n"
	"driver nokeys -- /bin/x\n"
	"driver odd vendor=1af4 -- /bin/x 'quoted'\n"
	"service x -- /bin/x\n"
	"driver dev device=1234 -- /bin/x\n"
	"driver noprog class=01 --\n"
	"driver usb class=0c.03 needs=disk -- /bin/usbd\n";

TEST(rules_parse_and_match)
{
	static pci_rules_t rules;
	pci_access_t a = ports_access();

	warnings[0] = '\0';
	CHECK_EQ(pci_conf_parse(&rules, conf, sizeof(conf) - 1, t_warn, NULL), 4);
	CHECK_STR(warnings, "7: bad class= (CC, CC.SS or CC.SS.PP in hex)\n"
			    "8: a rule needs class= or vendor=\n"
			    "9: quotes and backslashes are not supported\n"
			    "10: unknown keyword (expected 'driver')\n"
			    "11: device= needs vendor=\n"
			    "12: no program after --\n");
	const pci_rule_t *r = &rules.rule[1];
	CHECK_STR(r->name, "disk");
	CHECK(r->vendor == 0x1af4 && r->device == 0x1042 && r->class_ == -1 && r->line == 3);
	CHECK_STR(r->keys, "privileges=irq,phys restart=on-failure");
	CHECK_EQ(r->nwords, 2);
	CHECK(rules.rule[3].class_ == 0x0c && rules.rule[3].subclass == 3 &&
	      rules.rule[3].progif == -1);

	fake_build();
	pci_enumerate(&bus, &a);
	pci_dev_t *sata = pci_find(&bus, "0000:00:01.0"), *vio = pci_find(&bus, "0000:01:00.0");
	CHECK(pci_rules_find(&rules, sata) == &rules.rule[0]);
	CHECK(pci_rules_find(&rules, vio) == &rules.rule[1]);
	CHECK(pci_rules_find(&rules, pci_find(&bus, "0000:00:02.0")) == &rules.rule[2]);
	CHECK(pci_rules_find(&rules, pci_find(&bus, "0000:00:02.3")) == &rules.rule[3]);
	CHECK(pci_rules_find(&rules, pci_find(&bus, "0000:00:03.0")) == NULL);

	/* Names are unique across rules: the second disk is disk1. pcid writes
	 * straight into the device's own .driver, which must not count. */
	char name[PCI_SERVICE_NAME], line[256], *argv[PCI_RULE_WORDS + 2];
	pci_service_name(&rules.rule[0], bus.dev, bus.count, sata->driver);
	CHECK_STR(sata->driver, "disk");
	pci_service_name(&rules.rule[1], bus.dev, bus.count, vio->driver);
	CHECK_STR(vio->driver, "disk1");
	pci_service_name(&rules.rule[1], bus.dev, bus.count, name);
	CHECK_STR(name, "disk2");

	int n = pci_service_line(&rules.rule[0], "disk", sata->addr, line, sizeof(line));
	CHECK_STR(line, "service disk privileges=io,irq,phys restart=always -- /bin/ahcid "
			"0000:00:01.0\n");
	CHECK_EQ(n, strlen(line));
	pci_service_line(&rules.rule[1], "disk1", vio->addr, line, sizeof(line));
	CHECK_STR(line, "service disk1 privileges=irq,phys restart=on-failure -- /bin/virtioblk "
			"-v 0000:01:00.0\n");
	pci_service_line(&rules.rule[3], "usb", "0000:00:02.3", line, sizeof(line));
	CHECK_STR(line, "service usb needs=disk restart=always -- /bin/usbd 0000:00:02.3\n");
	CHECK_EQ(pci_service_line(&rules.rule[0], "disk", sata->addr, line, 20), -ENAMETOOLONG);
	CHECK_EQ(pci_rule_privileges(&rules.rule[0]), ABI_PRIV_IO | ABI_PRIV_IRQ | ABI_PRIV_PHYS);
	CHECK_EQ(pci_rule_privileges(&rules.rule[1]), ABI_PRIV_IRQ | ABI_PRIV_PHYS);
	CHECK_EQ(pci_rule_privileges(&rules.rule[3]), 0);
	pci_rule_argv(&rules.rule[1], vio->addr, argv);
	CHECK_STR(argv[0], "/bin/virtioblk");
	CHECK_STR(argv[1], "-v");
	CHECK_STR(argv[2], "0000:01:00.0");
	CHECK(argv[3] == NULL);
}

TEST(rules_edge_cases)
{
	static pci_rules_t rules;
	static const char text[] = "driver a class=01.06.01.00 -- /x\n"
				   "driver b class=0g -- /x\n"
				   "driver c vendor=12345 -- /x\n"
				   "driver abcdefghijklmnopqrstu class=01 -- /x\n"
				   "driver d class=01 class=02 -- /x\n"
				   "driver e class=01 =x -- /x\n"
				   "  # an indented comment continues nothing\n"
				   "driver f class=ff.ff.ff -- /x";   /* no final newline */

	warnings[0] = '\0';
	CHECK_EQ(pci_conf_parse(&rules, text, sizeof(text) - 1, t_warn, NULL), 1);
	CHECK_STR(rules.rule[0].name, "f");
	CHECK(rules.rule[0].class_ == 0xff && rules.rule[0].progif == 0xff);
	CHECK(strstr(warnings, "1: bad class=") && strstr(warnings, "2: bad class=") &&
	      strstr(warnings, "3: bad vendor=") && strstr(warnings, "4: bad driver name") &&
	      strstr(warnings, "5: bad class=") && strstr(warnings, "6: expected KEY=VALUE"));
}

/* --- the scheme ---------------------------------------------------------------------- */

static scheme_server_t srv;
static pcid_t pcid;

static long t_open_as(const char *path, int flags, unsigned uid)
{
	return sc_call(&srv, (abi_scheme_request_t){ .opcode = SCHEME_OP_OPEN,
						    .buf = (uint64_t)(uintptr_t)path,
						    .len = strlen(path) + 1, .uid = uid,
						    .arg = { (uint64_t)flags } },
		       NULL);
}

static long t_seek(long h, int64_t off, int whence)
{
	return sc_call(&srv, (abi_scheme_request_t){ .opcode = SCHEME_OP_SEEK, .handle = (uint64_t)h,
						    .arg = { (uint64_t)off, (uint64_t)whence } },
		       NULL);
}

/* The names getdents gives, space-separated. */
static void t_list(long h, char *out, size_t cap, size_t bufsize)
{
	char buf[512];
	long n;

	out[0] = '\0';
	while ((n = sc_io(&srv, SCHEME_OP_GETDENTS, (uint64_t)h, buf, bufsize)) > 0) {
		for (long off = 0; off < n;) {
			abi_dirent_t *e = (abi_dirent_t *)(buf + off);
			snprintf(out + strlen(out), cap - strlen(out), "%s%s", *out ? " " : "",
				 e->name);
			off += e->reclen;
		}
	}
}

static void scheme_setup(void)
{
	static pci_access_t a;

	a = ports_access();
	fake_build();
	pci_enumerate(&bus, &a);
	pcid_init(&pcid, &bus);
	scheme_server_init(&srv, &pcid_ops, &pcid);
}

TEST(scheme_listing)
{
	char names[512];

	scheme_setup();
	long root = t_open_as("", O_RDONLY | O_DIRECTORY, 1000);
	CHECK(root >= 0);
	t_list(root, names, sizeof(names), 512);
	CHECK_STR(names, ". .. 0000:00:00.0 0000:00:01.0 0000:00:02.0 0000:00:02.3 0000:00:03.0 "
			 "0000:01:00.0 0000:01:04.0");
	CHECK_EQ(t_seek(root, 0, SEEK_SET), 0);
	t_list(root, names, sizeof(names), 40);      /* one record per call */
	CHECK(strncmp(names, ". .. 0000:00:00.0", 17) == 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_GETDENTS, (uint64_t)root, names, 8), 0);   /* at the end */
	CHECK_EQ(t_seek(root, 0, SEEK_SET), 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_GETDENTS, (uint64_t)root, names, 8), -EINVAL);
	long dir = t_open_as("0000:00:01.0/", O_RDONLY, 1000);
	t_list(dir, names, sizeof(names), 512);
	CHECK_STR(names, ". .. config info");
	CHECK_EQ(t_open_as("/0000:00:01.0", O_RDWR, 0), -EISDIR);
	CHECK_EQ(t_open_as("0000:00:09.0", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(t_open_as("0000:00:01.0/nope", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(t_open_as("0000:00:01.0/config", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	abi_stat_t st;
	CHECK_EQ(sc_io(&srv, SCHEME_OP_FSTAT, (uint64_t)dir, &st, sizeof(st)), 0);
	CHECK_EQ(st.mode, ABI_S_IFDIR | 0555);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)dir, names, 4), -EISDIR);
	pcid_fini(&pcid);
}

TEST(scheme_config_access)
{
	uint8_t buf[4096];
	uint32_t v;
	uint16_t w;

	scheme_setup();
	CHECK_EQ(t_open_as("0000:00:01.0/config", O_RDWR, 1000), -EACCES);
	long h = t_open_as("0000:00:01.0/config", O_RDWR, 0);
	CHECK(h >= 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, &v, 4), 4);
	CHECK_EQ(v, 0x29228086u);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, &w, 2), 2);            /* at 4 */
	CHECK_EQ(w, 0x0007);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, buf, 3), -EINVAL);
	CHECK_EQ(t_seek(h, 1, SEEK_SET), 1);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, &w, 2), -EINVAL);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, buf, 1), 1);
	CHECK_EQ(buf[0], 0x80);
	CHECK_EQ(t_seek(h, 2, SEEK_SET), 2);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, &v, 4), -EINVAL);      /* dword at 2 */
	/* A whole-space read is cut at the end (256 bytes with the ports). */
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, buf, sizeof(buf)), 256);
	CHECK(memcmp(buf, fake_find(0, 1, 0)->cfg, 256) == 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, buf, 4), 0);
	CHECK_EQ(t_seek(h, 0, SEEK_END), 256);
	/* Writes go through at their width: the command register alone. */
	CHECK_EQ(t_seek(h, 4, SEEK_SET), 4);
	w = 0x0406;
	CHECK_EQ(sc_io(&srv, SCHEME_OP_WRITE, (uint64_t)h, &w, 2), 2);
	CHECK_EQ(fake_find(0, 1, 0)->cfg[4], 0x06);
	CHECK_EQ(fake_find(0, 1, 0)->cfg[5], 0x04);
	CHECK_EQ(t_seek(h, 256, SEEK_SET), 256);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_WRITE, (uint64_t)h, &v, 4), -ENOSPC);
	CHECK_EQ(t_seek(h, -1, SEEK_SET), -EINVAL);
	abi_stat_t st;
	CHECK_EQ(sc_io(&srv, SCHEME_OP_FSTAT, (uint64_t)h, &st, sizeof(st)), 0);
	CHECK(st.mode == (ABI_S_IFREG | 0644) && st.size == 256);
	long ro = t_open_as("0000:00:01.0/config", O_RDONLY, 1000);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_WRITE, (uint64_t)ro, &v, 4), -EBADF);
	sc_io(&srv, SCHEME_OP_CLOSE, (uint64_t)ro, NULL, 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)ro, &v, 4), -EBADF);
	pcid_fini(&pcid);
}

TEST(scheme_info_file)
{
	char text[1024];

	scheme_setup();
	CHECK_EQ(t_open_as("0000:01:00.0/info", O_WRONLY, 0), -EACCES);
	long h = t_open_as("0000:01:00.0/info", O_RDONLY, 1000);
	CHECK(h >= 0);
	long n = sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, text, sizeof(text) - 1);
	CHECK(n > 0);
	text[n] = '\0';
	CHECK_STR(text, "vendor 1af4\ndevice 1042\nclass 01 00 00\nrevision 01\nirq-pin 0\n"
			"header 00\nbar 1 mem32 0xfe800000 4096\nbar 4 mem64 0xfe000000 16384 "
			"prefetch\ncap msix 0x98\ncap vendor 0x84\ncap vendor 0x70\n"
			"cap vendor 0x60\n");
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)h, text, 10), 0);
	abi_stat_t st;
	CHECK_EQ(sc_io(&srv, SCHEME_OP_FSTAT, (uint64_t)h, &st, sizeof(st)), 0);
	CHECK_EQ(st.size, n);
	CHECK_EQ(t_seek(h, -6, SEEK_END), n - 6);
	long d = sc_call(&srv, (abi_scheme_request_t){ .opcode = SCHEME_OP_DUP, .handle = (uint64_t)h,
						      .buf = (uint64_t)(uintptr_t)"", .len = 1 },
			 NULL);
	CHECK(d >= 0 && d != h);
	sc_io(&srv, SCHEME_OP_CLOSE, (uint64_t)h, NULL, 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_READ, (uint64_t)d, text, 10), 6);   /* kept position */
	CHECK(memcmp(text, "0x60\n", 5) != 0 && memcmp(text, " 0x60\n", 6) == 0);
	pcid_fini(&pcid);
}
