// SPDX-License-Identifier: MIT
/*
 * Building what one AHCI command slot holds: the ATA command as a task
 * file (command, features, LBA, count, device), encoded as a host-to-device
 * register FIS, and the command header and PRDT that point the HBA at the
 * command table and the data. Pure: it writes into memory it is given and
 * knows physical addresses only as numbers, so it is tested on the host.
 *
 * The ATA commands the driver sends (ACS-3 numbering):
 *   IDENTIFY DEVICE (ECh)          PIO in, 512 bytes
 *   READ/WRITE DMA EXT (25h/35h)   LBA48, count 1-65536 sectors (0 means 65536)
 *   READ/WRITE FPDMA QUEUED (60h/61h)  NCQ: count in FEATURES, tag in COUNT 7:3
 *   FLUSH CACHE EXT (EAh)          no data
 */
#pragma once

#include "ahci_hw.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ATA_CMD_READ_DMA_EXT   0x25u
#define ATA_CMD_WRITE_DMA_EXT  0x35u
#define ATA_CMD_READ_FPDMA     0x60u
#define ATA_CMD_WRITE_FPDMA    0x61u
#define ATA_CMD_IDENTIFY       0xecu
#define ATA_CMD_IDENTIFY_PACKET 0xa1u
#define ATA_CMD_FLUSH_EXT      0xeau

#define ATA_DEV_LBA  0x40u              /* device register: LBA addressing */
#define ATA_DEV_FUA  0x80u              /* FPDMA: forced unit access */

#define FIS_TYPE_H2D  0x27u
#define FIS_H2D_CMD   0x80u             /* byte 1 C bit: this FIS carries a command */
#define FIS_H2D_LEN   20u               /* bytes; 5 dwords */

#define ATA_LBA48_MAX   (1ull << 48)
#define ATA_COUNT_MAX   65536u          /* sectors in one LBA48 command */

typedef struct ata_tf {
	uint8_t command;
	uint8_t device;
	uint16_t features;
	uint16_t count;                 /* as encoded: 0 means 65536 for the EXT commands */
	uint64_t lba;                   /* 48 bits */
} ata_tf_t;

/* A physically contiguous piece of a data buffer. */
typedef struct ahci_seg {
	uint64_t phys;
	uint32_t len;
} ahci_seg_t;

/* --- task files (0, or -EINVAL for a count or LBA the command cannot carry) --- */
void ata_tf_identify(ata_tf_t *tf);
int ata_tf_rw_dma_ext(ata_tf_t *tf, bool write, uint64_t lba, uint32_t count);
int ata_tf_rw_fpdma(ata_tf_t *tf, bool write, uint64_t lba, uint32_t count, unsigned tag);
void ata_tf_flush_ext(ata_tf_t *tf);

/* The register FIS for tf (FIS_H2D_LEN bytes into out). */
void fis_h2d_build(uint8_t out[FIS_H2D_LEN], const ata_tf_t *tf);

/*
 * Fills one slot: the command FIS into table, the PRDT from segs (each
 * split at AHCI_PRD_MAX_BYTES), and the header (FIS length, direction,
 * PRDT length, table address, byte count cleared). Returns the number of
 * PRDT entries, or -EINVAL when a segment is odd in address or length
 * (AHCI moves words), empty, or the PRDT would need more than
 * AHCI_PRDT_MAX entries.
 */
int ahci_slot_build(ahci_cmd_header_t *hdr, ahci_cmd_table_t *table, uint64_t table_phys,
		    const ata_tf_t *tf, bool write, const ahci_seg_t *segs, unsigned nsegs);

/* How many PRDT entries segs need, or -EINVAL as above. */
int ahci_prdt_count(const ahci_seg_t *segs, unsigned nsegs);
