// SPDX-License-Identifier: MIT
/*
 * The pure half of pcidev (pcidev.h): reading pcid's info text and
 * walking a capability list held in memory. No system calls, so the
 * host tests feed it the exact text pcid writes and synthetic config
 * spaces.
 *
 * The info text is line oriented, `key value...` (docs/pci.md). Each
 * line is copied into a small terminated buffer and split on spaces;
 * numbers go through strtoull with the whole token required to parse,
 * so a truncated or garbled line is an error rather than a silent zero.
 * Keys this version does not know are skipped, so pcid can add lines
 * without breaking drivers built against an older library.
 */
#include "pcidev.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define INFO_LINE_MAX 128
#define INFO_TOKENS   8

static bool info_hex_digits(const char *s, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool pcidev_addr_valid(const char *s)
{
	/* SSSS:BB:DD.F */
	if (strlen(s) != 12 || s[4] != ':' || s[7] != ':' || s[10] != '.')
		return false;
	if (!info_hex_digits(s, 4) || !info_hex_digits(s + 5, 2) || !info_hex_digits(s + 8, 2))
		return false;
	unsigned dev = (unsigned)strtoul(s + 8, NULL, 16);
	return dev < 32 && s[11] >= '0' && s[11] <= '7';
}

/* A whole token as a number in `base` (0: C prefixes), at most max. */
static int info_num(const char *tok, int base, uint64_t max, uint64_t *out)
{
	char *end;

	if (!tok || !*tok || *tok == '-' || *tok == '+')
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(tok, &end, base);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static unsigned info_split(char *line, char **tok)
{
	unsigned n = 0;
	char *save = NULL;

	for (char *t = strtok_r(line, " \t", &save); t && n < INFO_TOKENS;
	     t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	return n;
}

static int info_bar(pcidev_t *d, char **tok, unsigned n)
{
	uint64_t idx, base, size;

	if (n < 5 || n > 6 || info_num(tok[1], 10, 5, &idx) || info_num(tok[3], 0, UINT64_MAX, &base) ||
	    info_num(tok[4], 10, UINT64_MAX, &size) || size == 0)
		return -EINVAL;
	pcidev_bar_t *b = &d->bar[idx];
	*b = (pcidev_bar_t){ .base = base, .size = size };
	if (strcmp(tok[2], "io") == 0)
		b->io = true;
	else if (strcmp(tok[2], "mem64") == 0)
		b->mem64 = true;
	else if (strcmp(tok[2], "mem32") != 0)
		return -EINVAL;
	if (n == 6) {
		if (strcmp(tok[5], "prefetch") != 0 || b->io)
			return -EINVAL;
		b->prefetch = true;
	}
	return 0;
}

static int info_cap(pcidev_t *d, char **tok, unsigned n)
{
	uint64_t off;

	if (n != 3 || info_num(tok[2], 0, 0xffc, &off) || off < 0x40)
		return -EINVAL;
	if (strcmp(tok[1], "msi") == 0 && !d->msi_cap)
		d->msi_cap = (uint16_t)off;
	else if (strcmp(tok[1], "msix") == 0 && !d->msix_cap)
		d->msix_cap = (uint16_t)off;
	else if (strcmp(tok[1], "pcie") == 0 && !d->pcie_cap)
		d->pcie_cap = (uint16_t)off;
	return 0;
}

/* One line; `seen` collects which mandatory keys appeared (bit per key). */
static int info_line(pcidev_t *d, char *line, unsigned *seen)
{
	char *tok[INFO_TOKENS];
	unsigned n = info_split(line, tok);
	uint64_t v[3];

	if (n == 0)
		return 0;
	if (strcmp(tok[0], "vendor") == 0 || strcmp(tok[0], "device") == 0) {
		if (n != 2 || info_num(tok[1], 16, 0xffff, &v[0]))
			return -EINVAL;
		if (tok[0][0] == 'v')
			d->vendor = (uint16_t)v[0];
		else
			d->device = (uint16_t)v[0];
		*seen |= tok[0][0] == 'v' ? 1 : 2;
	} else if (strcmp(tok[0], "class") == 0) {
		if (n != 4 || info_num(tok[1], 16, 0xff, &v[0]) || info_num(tok[2], 16, 0xff, &v[1]) ||
		    info_num(tok[3], 16, 0xff, &v[2]))
			return -EINVAL;
		d->class_ = (uint8_t)v[0];
		d->subclass = (uint8_t)v[1];
		d->progif = (uint8_t)v[2];
		*seen |= 4;
	} else if (strcmp(tok[0], "revision") == 0) {
		if (n != 2 || info_num(tok[1], 16, 0xff, &v[0]))
			return -EINVAL;
		d->revision = (uint8_t)v[0];
	} else if (strcmp(tok[0], "irq-pin") == 0) {
		if (n != 2 || info_num(tok[1], 10, 4, &v[0]))
			return -EINVAL;
		d->irq_pin = (uint8_t)v[0];
	} else if (strcmp(tok[0], "bar") == 0) {
		return info_bar(d, tok, n);
	} else if (strcmp(tok[0], "cap") == 0) {
		return info_cap(d, tok, n);
	}
	return 0;
}

int pcidev_info_parse(pcidev_t *d, const char *text, size_t len)
{
	unsigned seen = 0;
	size_t i = 0;

	memset(d->bar, 0, sizeof(d->bar));
	d->msi_cap = d->msix_cap = d->pcie_cap = 0;
	d->irq_pin = 0;
	while (i < len) {
		char line[INFO_LINE_MAX];
		size_t n = 0;

		while (i < len && text[i] != '\n') {
			if (n == sizeof(line) - 1 || text[i] == '\0')
				return -EINVAL;
			line[n++] = text[i++];
		}
		line[n] = '\0';
		i++;                            /* the newline */
		int err = info_line(d, line, &seen);
		if (err)
			return err;
	}
	return seen == 7 ? 0 : -EINVAL;
}

int pcidev_cap_scan(const uint8_t *cfg, size_t len, uint8_t id, unsigned start)
{
	if (len < 64 || !(cfg[PCI_CFG_STATUS] & PCI_STATUS_CAP_LIST))
		return -ENOENT;
	if (len > 256)
		len = 256;                      /* the classic list lives in the first 256 bytes */
	unsigned off = cfg[PCI_CFG_CAP_PTR] & 0xfc;
	bool found_start = start == 0;
	/* At most 48 capabilities fit in 192 bytes: more means a loop. */
	for (unsigned hops = 0; off >= 0x40 && off + 2 <= len && hops < 48; hops++) {
		if (found_start && cfg[off] == id)
			return (int)off;
		if (off == start)
			found_start = true;
		off = cfg[off + 1] & 0xfc;
	}
	return -ENOENT;
}
