// SPDX-License-Identifier: MIT
/*
 * Tests for drivers/lib/pcidev*.c, the driver side of pci:. The pure
 * half (address check, info parsing, capability walk) is fed text and
 * synthetic configuration spaces. The file half runs for real against
 * stand-ins: on the host a relative path "pci:0000:00:03.0/config" is a
 * file in the current directory, so each test works in a temporary
 * directory holding that device's info text and a 256-byte config file,
 * and checks the exact bytes pcidev wrote there. hw_phys_map is this
 * file's fake (device memory is a buffer standing for 64 KiB at 0xfe000000; the mapping requests are
 * recorded), so MSI-X table programming is checked too.
 */
#include "unit.h"

#include <drivers/lib/pcidev.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- fakes --------------------------------------------------------------------------- */

static uint8_t devmem[0x10000] __attribute__((aligned(4096)));
static uint64_t map_phys;
static size_t map_len, unmap_len;
static const char *map_cache;
static unsigned maps, unmaps;

void *hw_phys_map(uint64_t phys, size_t len, const char *cache)
{
	map_phys = phys, map_len = len, map_cache = cache;
	maps++;
	/* devmem stands for physical 0xfe000000-0xfe00ffff */
	if (phys < 0xfe000000u || phys + len > 0xfe000000u + sizeof(devmem))
		return NULL;
	return devmem + (phys - 0xfe000000u);
}

void hw_phys_unmap(void *p, size_t len)
{
	(void)p;
	unmap_len = len;
	unmaps++;
}

#define ADDR "0000:00:03.0"
static char tmpdir[64], olddir[512];
static uint8_t cfg[256];

static void put16(unsigned off, uint16_t v)
{
	memcpy(cfg + off, &v, 2);
}

static void put32(unsigned off, uint32_t v)
{
	memcpy(cfg + off, &v, 4);
}

/* Writes the device's files into a fresh directory and enters it. */
static bool dev_setup(const char *info)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_pcidev.XXXXXX");
	if (!mkdtemp(tmpdir) || !getcwd(olddir, sizeof(olddir)) || chdir(tmpdir) < 0 ||
	    mkdir("pci:" ADDR, 0755) < 0)
		return false;
	FILE *f = fopen("pci:" ADDR "/info", "w");
	FILE *c = fopen("pci:" ADDR "/config", "w");
	if (!f || !c)
		return false;
	fputs(info, f);
	fwrite(cfg, 1, sizeof(cfg), c);
	fclose(f);
	fclose(c);
	maps = unmaps = 0;
	memset(devmem, 0, sizeof(devmem));
	return true;
}

/* The config file as pcidev left it, into cfg. */
static void dev_teardown(void)
{
	FILE *c = fopen("pci:" ADDR "/config", "r");

	if (c) {
		if (fread(cfg, 1, sizeof(cfg), c) != sizeof(cfg))
			memset(cfg, 0xee, sizeof(cfg));
		fclose(c);
	}
	unlink("pci:" ADDR "/info");
	unlink("pci:" ADDR "/config");
	rmdir("pci:" ADDR);
	if (chdir(olddir) == 0)
		rmdir(tmpdir);
}

static uint16_t get16(unsigned off)
{
	uint16_t v;
	memcpy(&v, cfg + off, 2);
	return v;
}

static uint32_t get32(unsigned off)
{
	uint32_t v;
	memcpy(&v, cfg + off, 4);
	return v;
}

static uint32_t mem32(unsigned off)
{
	uint32_t v;
	memcpy(&v, devmem + off, 4);
	return v;
}

/* --- the pure half ------------------------------------------------------------------- */

TEST(addr_valid)
{
	CHECK(pcidev_addr_valid("0000:00:1f.2"));
	CHECK(pcidev_addr_valid("ffff:ff:1f.7"));
	CHECK(!pcidev_addr_valid("0000:00:20.0"));      /* device 32 */
	CHECK(!pcidev_addr_valid("0000:00:1f.8"));
	CHECK(!pcidev_addr_valid("0000:00:1F.2"));      /* pcid writes lower case */
	CHECK(!pcidev_addr_valid("00:1f.2"));
	CHECK(!pcidev_addr_valid("0000:00:1f.2/config"));
	CHECK(!pcidev_addr_valid("0000-00:1f.2"));
}

TEST(info_parse_errors)
{
	pcidev_t d;
	static const char ok[] = "vendor 8086\ndevice 10d3\nclass 02 00 00\nfuture-key 1 2 3\n"
				 "bar 0 mem32 0xfebc0000 131072\ncap pcie 0xe0\ncap 0x1f 0x100\n";

	CHECK_EQ(pcidev_info_parse(&d, ok, sizeof(ok) - 1), 0);
	CHECK(d.vendor == 0x8086 && d.device == 0x10d3 && d.class_ == 2);
	CHECK(d.bar[0].size == 131072 && d.pcie_cap == 0xe0 && d.msi_cap == 0);
	/* without the final newline too */
	CHECK_EQ(pcidev_info_parse(&d, ok, sizeof(ok) - 2), 0);
	CHECK_EQ(pcidev_info_parse(&d, "vendor 8086\ndevice 10d3\n", 24), -EINVAL);
	CHECK_EQ(pcidev_info_parse(&d, "vendor 8086x\ndevice 1\nclass 1 2 3\n", 35), -EINVAL);
	CHECK_EQ(pcidev_info_parse(&d, "vendor 18086\ndevice 1\nclass 1 2 3\n", 35), -EINVAL);
	static const char badbar[] = "vendor 1\ndevice 1\nclass 1 2 3\nbar 6 mem32 0x1000 4096\n";
	CHECK_EQ(pcidev_info_parse(&d, badbar, sizeof(badbar) - 1), -EINVAL);
	static const char io_pf[] = "vendor 1\ndevice 1\nclass 1 2 3\nbar 0 io 0x10 16 prefetch\n";
	CHECK_EQ(pcidev_info_parse(&d, io_pf, sizeof(io_pf) - 1), -EINVAL);
	static const char zero[] = "vendor 1\ndevice 1\nclass 1 2 3\nbar 0 mem32 0x10 0\n";
	CHECK_EQ(pcidev_info_parse(&d, zero, sizeof(zero) - 1), -EINVAL);
	static const char nul[] = "vendor 1\ndevice 1\0\nclass 1 2 3\n";
	CHECK_EQ(pcidev_info_parse(&d, nul, sizeof(nul) - 1), -EINVAL);
	char longline[300];
	memset(longline, 'x', sizeof(longline));
	CHECK_EQ(pcidev_info_parse(&d, longline, sizeof(longline)), -EINVAL);
}

TEST(cap_scan_walks)
{
	uint8_t c[256] = { 0 };

	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x05, 0), -ENOENT);     /* no list */
	c[6] = 0x10;
	c[0x34] = 0x41;                 /* low bits are reserved: masked */
	c[0x40] = 0x09, c[0x41] = 0x60;
	c[0x60] = 0x05, c[0x61] = 0x50;
	c[0x50] = 0x09, c[0x51] = 0x70;
	c[0x70] = 0x09, c[0x71] = 0x00;
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x05, 0), 0x60);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x09, 0), 0x40);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x09, 0x40), 0x50);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x09, 0x50), 0x70);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x09, 0x70), -ENOENT);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x11, 0), -ENOENT);
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x09, 0x44), -ENOENT);  /* not a capability */
	c[0x71] = 0x40;                 /* a loop ends the walk */
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x11, 0), -ENOENT);
	c[0x71] = 0x10;                 /* pointing into the header ends it too */
	CHECK_EQ(pcidev_cap_scan(c, sizeof(c), 0x11, 0), -ENOENT);
	CHECK_EQ(pcidev_cap_scan(c, 32, 0x09, 0), -ENOENT);
}

/* --- over files ---------------------------------------------------------------------- */

static const char info64[] = "vendor 1af4\ndevice 1042\nclass 01 00 00\nrevision 01\n"
			     "irq-pin 1\nbar 1 mem32 0xfe00f800 256\nbar 4 mem64 0xfe000000 "
			     "16384 prefetch\ncap msi 0x50\ncap msix 0x98\n";

static void cfg_make(bool msi64, bool pvm)
{
	memset(cfg, 0, sizeof(cfg));
	put32(0, 0x10421af4);
	put16(4, 0x0003);               /* firmware left io+mem decoding on */
	put16(6, 0x0010 | 0x0100);      /* a capability list, and an RW1C bit set */
	cfg[0x34] = 0x50;
	cfg[0x50] = 0x05, cfg[0x51] = 0x98;
	/* 8 vectors capable, 2 enabled by someone before: must drop to one */
	put16(0x52, (uint16_t)((msi64 ? 0x80 : 0) | (pvm ? 0x100 : 0) | 0x10 | 0x06));
	if (pvm)
		put32(msi64 ? 0x60 : 0x5c, 0xff);
	cfg[0x98] = 0x11, cfg[0x99] = 0x00;
	put16(0x9a, 0x4000 | 3);        /* 4 entries, function masked */
	put32(0x9c, 0x00002000 | 4);    /* table in BAR 4 at 0x2000 */
	put32(0xa0, 0x00003000 | 4);
}

TEST(open_read_write_enable)
{
	pcidev_t d;
	uint32_t v;

	cfg_make(true, false);
	CHECK(dev_setup(info64));
	CHECK_EQ(pcidev_open(&d, "0000:00:3.0"), -EINVAL);
	CHECK_EQ(pcidev_open(&d, "0000:00:04.0"), -ENOENT);
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	CHECK_STR(d.addr, ADDR);
	CHECK(d.vendor == 0x1af4 && d.device == 0x1042 && d.irq_pin == 1);
	CHECK(d.msi_cap == 0x50 && d.msix_cap == 0x98);
	CHECK(d.bar[4].mem64 && d.bar[4].prefetch && d.bar[4].size == 16384);
	CHECK_EQ(pcidev_cfg_read32(&d, 0, &v), 0);
	CHECK_EQ(v, 0x10421af4);
	CHECK_EQ(pcidev_cfg_read(&d, 2, &v, 4), -EINVAL);
	CHECK_EQ(pcidev_cfg_read(&d, 1, &v, 2), -EINVAL);
	CHECK_EQ(pcidev_cfg_read(&d, 0, &v, 3), -EINVAL);
	CHECK_EQ(pcidev_cap_find(&d, PCI_CAP_MSIX, 0), 0x98);
	CHECK_EQ(pcidev_cap_find(&d, PCI_CAP_MSI, 0x50), -ENOENT);
	CHECK_EQ(pcidev_enable(&d, true, false, true), 0);
	pcidev_close(&d);
	CHECK_EQ(d.cfg_fd, -1);
	dev_teardown();
	CHECK_EQ(get16(4), 0x0406);     /* mem + bus master + INTx disable, io off */
	CHECK_EQ(get16(6), 0x0110);     /* status untouched */
}

TEST(bar_map_uncached)
{
	pcidev_t d;

	cfg_make(true, false);
	CHECK(dev_setup(info64));
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	uint8_t *p = pcidev_bar_map(&d, 1);                 /* 256 bytes at 0x...f800 */
	CHECK(p == devmem + 0xf800);
	CHECK(map_phys == 0xfe00f000 && map_len == 4096 && strcmp(map_cache, "uc") == 0);
	pcidev_bar_unmap(&d, 1, p);
	CHECK_EQ(unmap_len, 4096);
	CHECK(pcidev_bar_map(&d, 4) == (void *)devmem);
	CHECK(map_phys == 0xfe000000 && map_len == 16384);
	CHECK(pcidev_bar_map(&d, 0) == NULL);               /* not implemented */
	CHECK(pcidev_bar_map(&d, 6) == NULL);
	pcidev_close(&d);
	dev_teardown();
}

TEST(msi_64bit_with_masking)
{
	pcidev_t d;
	hw_irq_t irq = { .fd = -1, .msi_addr = 0xfee01000, .msi_data = 0x4041 };

	cfg_make(true, true);
	put16(0x9a, 0x8000 | 3);        /* MSI-X was on: must be switched off */
	CHECK(dev_setup(info64));
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	CHECK_EQ(pcidev_msi_enable(&d, &irq), 0);
	pcidev_close(&d);
	dev_teardown();
	CHECK_EQ(get16(0x52), 0x0187);  /* 64-bit, masking, 8 capable, one enabled, on */
	CHECK_EQ(get32(0x54), 0xfee01000);
	CHECK_EQ(get32(0x58), 0);
	CHECK_EQ(get16(0x5c), 0x4041);
	CHECK_EQ(get32(0x60), 0xfe);    /* vector 0 unmasked, the others left */
	CHECK_EQ(get16(0x9a), 0x0003);
}

TEST(msi_32bit)
{
	pcidev_t d;
	hw_irq_t irq = { .fd = -1, .msi_addr = 0xfee00000, .msi_data = 0x0031 };

	cfg_make(false, false);
	CHECK(dev_setup(info64));
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	irq.msi_addr = 0x1fee00000ull;
	CHECK_EQ(pcidev_msi_enable(&d, &irq), -EINVAL);     /* no room for a high half */
	irq.msi_addr = 0xfee00000;
	CHECK_EQ(pcidev_msi_enable(&d, &irq), 0);
	pcidev_close(&d);
	dev_teardown();
	CHECK_EQ(get16(0x52), 0x0007);  /* 8 capable, one enabled, on */
	CHECK_EQ(get32(0x54), 0xfee00000);
	CHECK_EQ(get16(0x58), 0x0031);
	CHECK_EQ(get16(0x5c), 0);
}

TEST(msix_entry_programmed)
{
	pcidev_t d;
	hw_irq_t irq = { .fd = -1, .msi_addr = 0xfee02000, .msi_data = 0x0052 };

	cfg_make(true, false);
	put16(0x52, 0x0081);            /* MSI was on: must be switched off */
	put16(4, 0x0000);               /* decoding off: MSI-X needs memory on */
	CHECK(dev_setup(info64));
	for (unsigned e = 0; e < 4; e++)
		memcpy(devmem + 0x2000 + 16 * e + 12, &(uint32_t){ 1 }, 4);    /* masked at reset */
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	CHECK_EQ(pcidev_msix_enable(&d, 4, &irq), -EINVAL);
	CHECK_EQ(pcidev_msix_enable(&d, 2, &irq), 0);
	CHECK(map_phys == 0xfe002000 && map_len == 4096 && strcmp(map_cache, "uc") == 0);
	CHECK_EQ(maps, 1);
	CHECK_EQ(mem32(0x2020), 0xfee02000);
	CHECK_EQ(mem32(0x2024), 0);
	CHECK_EQ(mem32(0x2028), 0x52);
	CHECK_EQ(mem32(0x202c), 0);     /* unmasked */
	CHECK_EQ(mem32(0x200c), 1);     /* the others stay masked */
	irq.msi_data = 0x53;
	CHECK_EQ(pcidev_msix_enable(&d, 0, &irq), 0);
	CHECK_EQ(maps, 1);              /* the table stays mapped */
	CHECK_EQ(mem32(0x2008), 0x53);
	CHECK_EQ(pcidev_msix_mask(&d, 0, true), 0);
	CHECK_EQ(mem32(0x200c), 1);
	CHECK_EQ(pcidev_msix_mask(&d, 7, true), -EINVAL);
	pcidev_close(&d);
	CHECK(unmaps == 1 && unmap_len == 4096);
	dev_teardown();
	CHECK_EQ(get16(0x9a), 0x8003);  /* enabled, function mask off */
	CHECK_EQ(get16(0x52), 0x0080);  /* MSI off */
	CHECK_EQ(get16(4), 0x0002);     /* memory decoding on */
}

TEST(no_msi_capability)
{
	pcidev_t d;
	hw_irq_t irq = { .fd = -1, .msi_addr = 0xfee00000, .msi_data = 1 };
	static const char info[] = "vendor 8086\ndevice 100e\nclass 02 00 00\n";

	memset(cfg, 0, sizeof(cfg));
	CHECK(dev_setup(info));
	CHECK_EQ(pcidev_open(&d, ADDR), 0);
	CHECK_EQ(pcidev_msi_enable(&d, &irq), -ENOTSUP);
	CHECK_EQ(pcidev_msix_enable(&d, 0, &irq), -ENOTSUP);
	CHECK_EQ(pcidev_cap_find(&d, PCI_CAP_MSI, 0), -ENOENT);
	pcidev_close(&d);
	dev_teardown();
}
