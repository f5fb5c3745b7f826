// SPDX-License-Identifier: MIT
/*
 * pcidev over the `pci:` scheme (pcidev.h): configuration accesses are
 * pread/pwrite on `pci:ADDR/config` at the register's offset (pcid
 * checks the same alignment rules and refuses others with EINVAL; they
 * are checked here first so a driver bug shows up as the driver's own
 * error). libc's pread is seek + read, so a driver that touches config
 * space from two threads at once serialises those calls itself.
 *
 * Interrupts: the kernel's irq:msi gives the message address and data
 * (hw_irq_t); this file only writes them where the device expects them.
 * For MSI that is the capability (address, high address when the 64-bit
 * form is implemented, data; multi-message stays off, vector 0 unmasked
 * when per-vector masking exists). For MSI-X it is a 16-byte entry of a
 * table living in one of the device's memory BARs: the table is mapped
 * once, uncached, and kept in the pcidev_t. MSI and MSI-X are exclusive,
 * so enabling one turns the other off.
 */
#include "pcidev.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PCIDEV_PAGE     4096u
#define PCIDEV_INFO_MAX 4096

static bool pcidev_access_ok(unsigned off, unsigned len)
{
	if (len == 1 || len == 2 || len == 4)
		return off % len == 0;
	return len && len % 4 == 0 && off % 4 == 0;
}

int pcidev_cfg_read(pcidev_t *d, unsigned off, void *buf, unsigned len)
{
	if (!pcidev_access_ok(off, len))
		return -EINVAL;
	ssize_t n = pread(d->cfg_fd, buf, len, (off_t)off);
	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EIO;
}

int pcidev_cfg_write(pcidev_t *d, unsigned off, const void *buf, unsigned len)
{
	if (!pcidev_access_ok(off, len))
		return -EINVAL;
	ssize_t n = pwrite(d->cfg_fd, buf, len, (off_t)off);
	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EIO;
}

int pcidev_cfg_read16(pcidev_t *d, unsigned off, uint16_t *v)
{
	return pcidev_cfg_read(d, off, v, 2);
}

int pcidev_cfg_read32(pcidev_t *d, unsigned off, uint32_t *v)
{
	return pcidev_cfg_read(d, off, v, 4);
}

int pcidev_cfg_write16(pcidev_t *d, unsigned off, uint16_t v)
{
	return pcidev_cfg_write(d, off, &v, 2);
}

int pcidev_cfg_write32(pcidev_t *d, unsigned off, uint32_t v)
{
	return pcidev_cfg_write(d, off, &v, 4);
}

/* --- open / close -------------------------------------------------------------------- */

static int pcidev_read_info(const char *addr, pcidev_t *d)
{
	char path[48], text[PCIDEV_INFO_MAX];
	size_t len = 0;

	snprintf(path, sizeof(path), "pci:%s/info", addr);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, text + len, sizeof(text) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;
			close(fd);
			return err;
		}
		if (n == 0 || (len += (size_t)n) == sizeof(text))
			break;
	}
	close(fd);
	return pcidev_info_parse(d, text, len);
}

int pcidev_open(pcidev_t *d, const char *addr)
{
	char path[48];

	memset(d, 0, sizeof(*d));
	d->cfg_fd = -1;
	if (!addr || !pcidev_addr_valid(addr))
		return -EINVAL;
	int err = pcidev_read_info(addr, d);
	if (err)
		return err;
	snprintf(d->addr, sizeof(d->addr), "%s", addr);
	snprintf(path, sizeof(path), "pci:%s/config", addr);
	d->cfg_fd = open(path, O_RDWR | O_CLOEXEC);
	return d->cfg_fd < 0 ? -errno : 0;
}

void pcidev_close(pcidev_t *d)
{
	if (d->msix_table)
		hw_phys_unmap((uint8_t *)d->msix_table - d->msix_map_off, d->msix_map_len);
	d->msix_table = NULL;
	if (d->cfg_fd >= 0)
		close(d->cfg_fd);
	d->cfg_fd = -1;
}

/* --- capabilities, command register, BARs --------------------------------------------- */

int pcidev_cap_find(pcidev_t *d, uint8_t id, unsigned start)
{
	uint8_t cfg[256];

	int err = pcidev_cfg_read(d, 0, cfg, sizeof(cfg));
	return err ? err : pcidev_cap_scan(cfg, sizeof(cfg), id, start);
}

int pcidev_enable(pcidev_t *d, bool mem, bool io, bool bus_master)
{
	uint16_t cmd;

	int err = pcidev_cfg_read16(d, PCI_CFG_COMMAND, &cmd);
	if (err)
		return err;
	cmd &= (uint16_t)~(PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_BUS_MASTER);
	cmd |= (uint16_t)((mem ? PCI_CMD_MEM : 0) | (io ? PCI_CMD_IO : 0) |
			  (bus_master ? PCI_CMD_BUS_MASTER : 0) | PCI_CMD_INTX_DISABLE);
	return pcidev_cfg_write16(d, PCI_CFG_COMMAND, cmd);
}

/* Maps [phys, phys + len) uncached at page granularity; *skew = phys's offset in its page. */
static void *pcidev_map_range(uint64_t phys, uint64_t len, size_t *map_len, unsigned *skew)
{
	uint64_t start = phys & ~(uint64_t)(PCIDEV_PAGE - 1);
	uint64_t end = (phys + len + PCIDEV_PAGE - 1) & ~(uint64_t)(PCIDEV_PAGE - 1);

	if (len == 0 || phys + len < phys || end - start > SIZE_MAX)
		return NULL;
	uint8_t *p = hw_phys_map(start, (size_t)(end - start), "uc");
	if (!p)
		return NULL;
	*map_len = (size_t)(end - start);
	*skew = (unsigned)(phys - start);
	return p + *skew;
}

void *pcidev_bar_map(pcidev_t *d, int bar)
{
	size_t map_len;
	unsigned skew;

	if (bar < 0 || bar > 5 || d->bar[bar].io || !d->bar[bar].size || !d->bar[bar].base)
		return NULL;
	return pcidev_map_range(d->bar[bar].base, d->bar[bar].size, &map_len, &skew);
}

void pcidev_bar_unmap(pcidev_t *d, int bar, void *p)
{
	uint64_t base = d->bar[bar].base, size = d->bar[bar].size;
	unsigned skew = (unsigned)(base & (PCIDEV_PAGE - 1));
	uint64_t len = (skew + size + PCIDEV_PAGE - 1) & ~(uint64_t)(PCIDEV_PAGE - 1);

	if (p)
		hw_phys_unmap((uint8_t *)p - skew, (size_t)len);
}

/* --- MSI ----------------------------------------------------------------------------- */

static int pcidev_msix_off(pcidev_t *d)
{
	uint16_t ctrl;

	if (!d->msix_cap)
		return 0;
	int err = pcidev_cfg_read16(d, d->msix_cap + 2u, &ctrl);
	if (err || !(ctrl & PCI_MSIX_CTRL_ENABLE))
		return err;
	return pcidev_cfg_write16(d, d->msix_cap + 2u, (uint16_t)(ctrl & ~PCI_MSIX_CTRL_ENABLE));
}

int pcidev_msi_enable(pcidev_t *d, const hw_irq_t *irq)
{
	unsigned cap = d->msi_cap;
	uint16_t ctrl;
	int err;

	if (!cap)
		return -ENOTSUP;
	if ((err = pcidev_msix_off(d)) || (err = pcidev_cfg_read16(d, cap + 2, &ctrl)))
		return err;
	ctrl &= (uint16_t)~(PCI_MSI_CTRL_ENABLE | PCI_MSI_CTRL_MME);
	bool wide = ctrl & PCI_MSI_CTRL_64BIT;
	if (!wide && irq->msi_addr >> 32)
		return -EINVAL;
	unsigned data_off = wide ? cap + 12 : cap + 8;
	unsigned mask_off = wide ? cap + 16 : cap + 12;
	if ((err = pcidev_cfg_write16(d, cap + 2, ctrl)) ||
	    (err = pcidev_cfg_write32(d, cap + 4, (uint32_t)irq->msi_addr)) ||
	    (wide && (err = pcidev_cfg_write32(d, cap + 8, (uint32_t)(irq->msi_addr >> 32)))) ||
	    (err = pcidev_cfg_write16(d, data_off, (uint16_t)irq->msi_data)))
		return err;
	if (ctrl & PCI_MSI_CTRL_PVM) {
		uint32_t mask;
		if ((err = pcidev_cfg_read32(d, mask_off, &mask)) ||
		    (err = pcidev_cfg_write32(d, mask_off, mask & ~1u)))
			return err;
	}
	return pcidev_cfg_write16(d, cap + 2, (uint16_t)(ctrl | PCI_MSI_CTRL_ENABLE));
}

/* --- MSI-X --------------------------------------------------------------------------- */

static volatile uint32_t *pcidev_msix_entry(pcidev_t *d, unsigned entry)
{
	return (volatile uint32_t *)((uint8_t *)d->msix_table + entry * PCI_MSIX_ENTRY_SIZE);
}

/* Maps the table on first use; its size (entries), or -errno. */
static int pcidev_msix_map(pcidev_t *d, uint16_t ctrl)
{
	unsigned entries = (ctrl & PCI_MSIX_CTRL_SIZE) + 1u;
	uint32_t where;

	if (d->msix_table)
		return (int)entries;
	int err = pcidev_cfg_read32(d, d->msix_cap + 4u, &where);
	if (err)
		return err;
	const pcidev_bar_t *bar = &d->bar[where & 7];
	uint64_t off = where & ~7u, len = (uint64_t)entries * PCI_MSIX_ENTRY_SIZE;
	if ((where & 7) > 5 || bar->io || !bar->base || off + len > bar->size)
		return -ENXIO;
	d->msix_table = pcidev_map_range(bar->base + off, len, &d->msix_map_len, &d->msix_map_off);
	return d->msix_table ? (int)entries : -ENOMEM;
}

int pcidev_msix_mask(pcidev_t *d, unsigned entry, bool masked)
{
	uint16_t ctrl;

	if (!d->msix_cap || !d->msix_table)
		return -EINVAL;
	int err = pcidev_cfg_read16(d, d->msix_cap + 2u, &ctrl);
	if (err)
		return err;
	if (entry > (ctrl & PCI_MSIX_CTRL_SIZE))
		return -EINVAL;
	volatile uint32_t *e = pcidev_msix_entry(d, entry);
	uint32_t vc = e[3];
	e[3] = masked ? vc | PCI_MSIX_VECTOR_MASKED : vc & ~(uint32_t)PCI_MSIX_VECTOR_MASKED;
	return 0;
}

int pcidev_msix_enable(pcidev_t *d, unsigned entry, const hw_irq_t *irq)
{
	uint16_t ctrl, cmd;
	int err, entries;

	if (!d->msix_cap)
		return -ENOTSUP;
	if ((err = pcidev_cfg_read16(d, d->msix_cap + 2u, &ctrl)))
		return err;
	if ((entries = pcidev_msix_map(d, ctrl)) < 0)
		return entries;
	if (entry >= (unsigned)entries)
		return -EINVAL;
	/* The table is reached through memory decoding; MSI must be off. */
	if ((err = pcidev_cfg_read16(d, PCI_CFG_COMMAND, &cmd)) ||
	    (!(cmd & PCI_CMD_MEM) &&
	     (err = pcidev_cfg_write16(d, PCI_CFG_COMMAND, (uint16_t)(cmd | PCI_CMD_MEM)))))
		return err;
	if (d->msi_cap) {
		uint16_t mc;
		if ((err = pcidev_cfg_read16(d, d->msi_cap + 2u, &mc)) ||
		    (err = pcidev_cfg_write16(d, d->msi_cap + 2u,
					      (uint16_t)(mc & ~PCI_MSI_CTRL_ENABLE))))
			return err;
	}
	volatile uint32_t *e = pcidev_msix_entry(d, entry);
	e[3] = e[3] | PCI_MSIX_VECTOR_MASKED;   /* never half-programmed and live */
	e[0] = (uint32_t)irq->msi_addr;
	e[1] = (uint32_t)(irq->msi_addr >> 32);
	e[2] = irq->msi_data;
	e[3] = e[3] & ~(uint32_t)PCI_MSIX_VECTOR_MASKED;
	ctrl = (uint16_t)((ctrl | PCI_MSIX_CTRL_ENABLE) & ~PCI_MSIX_CTRL_MASK);
	return pcidev_cfg_write16(d, d->msix_cap + 2u, ctrl);
}
