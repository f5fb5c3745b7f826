// SPDX-License-Identifier: MIT
/*
 * Task files, the register FIS and slot building (see fis.h). Everything
 * is checked before anything is written, so a slot is either filled
 * completely or left untouched.
 */
#include "fis.h"

#include <errno.h>
#include <string.h>

void ata_tf_identify(ata_tf_t *tf)
{
	*tf = (ata_tf_t){ .command = ATA_CMD_IDENTIFY };
}

void ata_tf_flush_ext(ata_tf_t *tf)
{
	*tf = (ata_tf_t){ .command = ATA_CMD_FLUSH_EXT, .device = ATA_DEV_LBA };
}

static bool ata_range_ok(uint64_t lba, uint32_t count)
{
	return count >= 1 && count <= ATA_COUNT_MAX && lba < ATA_LBA48_MAX &&
	       count <= ATA_LBA48_MAX - lba;
}

int ata_tf_rw_dma_ext(ata_tf_t *tf, bool write, uint64_t lba, uint32_t count)
{
	if (!ata_range_ok(lba, count))
		return -EINVAL;
	*tf = (ata_tf_t){
		.command = write ? ATA_CMD_WRITE_DMA_EXT : ATA_CMD_READ_DMA_EXT,
		.device = ATA_DEV_LBA,
		.count = (uint16_t)count,       /* 65536 wraps to 0, as ATA means it */
		.lba = lba,
	};
	return 0;
}

int ata_tf_rw_fpdma(ata_tf_t *tf, bool write, uint64_t lba, uint32_t count, unsigned tag)
{
	if (!ata_range_ok(lba, count) || tag >= 32)
		return -EINVAL;
	*tf = (ata_tf_t){
		.command = write ? ATA_CMD_WRITE_FPDMA : ATA_CMD_READ_FPDMA,
		.device = ATA_DEV_LBA,
		.features = (uint16_t)count,    /* NCQ moves the sector count here */
		.count = (uint16_t)(tag << 3),
		.lba = lba,
	};
	return 0;
}

void fis_h2d_build(uint8_t out[FIS_H2D_LEN], const ata_tf_t *tf)
{
	memset(out, 0, FIS_H2D_LEN);
	out[0] = FIS_TYPE_H2D;
	out[1] = FIS_H2D_CMD;
	out[2] = tf->command;
	out[3] = (uint8_t)tf->features;
	out[4] = (uint8_t)tf->lba;
	out[5] = (uint8_t)(tf->lba >> 8);
	out[6] = (uint8_t)(tf->lba >> 16);
	out[7] = tf->device;
	out[8] = (uint8_t)(tf->lba >> 24);
	out[9] = (uint8_t)(tf->lba >> 32);
	out[10] = (uint8_t)(tf->lba >> 40);
	out[11] = (uint8_t)(tf->features >> 8);
	out[12] = (uint8_t)tf->count;
	out[13] = (uint8_t)(tf->count >> 8);
}

int ahci_prdt_count(const ahci_seg_t *segs, unsigned nsegs)
{
	unsigned n = 0;

	for (unsigned i = 0; i < nsegs; i++) {
		if (segs[i].len == 0 || (segs[i].len & 1) || (segs[i].phys & 1))
			return -EINVAL;
		n += (segs[i].len + AHCI_PRD_MAX_BYTES - 1) / AHCI_PRD_MAX_BYTES;
		if (n > AHCI_PRDT_MAX)
			return -EINVAL;
	}
	return (int)n;
}

static unsigned ahci_prdt_fill(ahci_prd_t *prdt, const ahci_seg_t *segs, unsigned nsegs)
{
	unsigned n = 0;

	for (unsigned i = 0; i < nsegs; i++) {
		uint64_t phys = segs[i].phys;
		uint32_t left = segs[i].len;
		while (left) {
			uint32_t len = left < AHCI_PRD_MAX_BYTES ? left : AHCI_PRD_MAX_BYTES;
			prdt[n++] = (ahci_prd_t){
				.dba = (uint32_t)phys,
				.dbau = (uint32_t)(phys >> 32),
				.dbc = len - 1,
			};
			phys += len;
			left -= len;
		}
	}
	return n;
}

int ahci_slot_build(ahci_cmd_header_t *hdr, ahci_cmd_table_t *table, uint64_t table_phys,
		    const ata_tf_t *tf, bool write, const ahci_seg_t *segs, unsigned nsegs)
{
	int n = ahci_prdt_count(segs, nsegs);

	if (n < 0 || (table_phys & 0x7f))
		return -EINVAL;
	memset(table, 0, __builtin_offsetof(ahci_cmd_table_t, prdt));
	fis_h2d_build(table->cfis, tf);
	ahci_prdt_fill(table->prdt, segs, nsegs);
	/*
	 * No interrupt per PRD: completion is signalled by the D2H or SDB
	 * FIS at the end of the command, which is the only event we want.
	 */
	hdr->flags = (uint16_t)((FIS_H2D_LEN / 4) | (write ? AHCI_CH_WRITE : 0));
	hdr->prdtl = (uint16_t)n;
	hdr->prdbc = 0;
	hdr->ctba = (uint32_t)table_phys;
	hdr->ctbau = (uint32_t)(table_phys >> 32);
	memset(hdr->reserved, 0, sizeof(hdr->reserved));
	return n;
}
