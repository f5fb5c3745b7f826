// SPDX-License-Identifier: MIT
/*
 * QEMU's fw_cfg device, read for one file: opt/tessera/cmdline, extra
 * kernel command-line words. It lets the test harness and `make run
 * CMDLINE=...` pass options to the same ISO without rebuilding it. The
 * ports are touched only when CPUID says we run under a hypervisor, since
 * on real hardware 0x510 may belong to something else.
 */
#include <arch/cpu.h>
#include <boot.h>
#include <string.h>

#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA     0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR  0x0019

static bool fwcfg_present(void)
{
	uint32_t r[4];
	char sig[4];

	cpuid(1, 0, r);
	if (!(r[2] & (1u << 31)))
		return false;
	outw(FW_CFG_SELECTOR, FW_CFG_SIGNATURE);
	for (int i = 0; i < 4; i++)
		sig[i] = (char)inb(FW_CFG_DATA);
	return memcmp(sig, "QEMU", 4) == 0;
}

static void fwcfg_read(void *buf, size_t n)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < n; i++)
		p[i] = inb(FW_CFG_DATA);
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Reads the named file into buf (NUL-terminated); its length or -1. */
int fwcfg_read_file(const char *name, char *buf, size_t size)
{
	uint8_t count_be[4], entry[64];

	if (!size || !fwcfg_present())
		return -1;
	outw(FW_CFG_SELECTOR, FW_CFG_FILE_DIR);
	fwcfg_read(count_be, 4);
	for (uint32_t i = be32(count_be); i; i--) {
		fwcfg_read(entry, sizeof(entry));
		if (strncmp((const char *)entry + 8, name, 56) != 0)
			continue;
		uint32_t len = be32(entry);
		uint16_t select = (uint16_t)((entry[4] << 8) | entry[5]);
		if (len >= size)
			len = (uint32_t)size - 1;
		outw(FW_CFG_SELECTOR, select);
		fwcfg_read(buf, len);
		buf[len] = '\0';
		return (int)len;
	}
	return -1;
}
