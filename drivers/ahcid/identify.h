// SPDX-License-Identifier: MIT
/*
 * The IDENTIFY DEVICE data (256 little-endian words, ACS-3 §7.12.7) read
 * into what the driver decides with: capacity in logical sectors and
 * their size, whether LBA48 and FLUSH CACHE EXT are there, whether the
 * device queues (NCQ) and how deep, and the model/serial/firmware strings
 * (stored as byte-swapped ASCII pairs, padded with spaces) for the log.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define ATA_ID_WORDS 256

typedef struct ata_identify {
	uint64_t sectors;               /* logical sectors addressable */
	uint32_t sector_size;           /* logical sector, bytes */
	uint32_t phys_sector_size;      /* bytes (>= sector_size) */
	bool lba48;
	bool ncq;
	unsigned ncq_depth;             /* 1..32 when ncq */
	bool flush_ext;                 /* FLUSH CACHE EXT supported */
	bool write_cache;               /* volatile write cache enabled */
	char model[41], serial[21], firmware[9];
} ata_identify_t;

/*
 * Parses id (words as the device sent them: little endian in memory).
 * -EINVAL when it is not a usable ATA disk: the ATA bit says "not ATA",
 * LBA is not supported, the checksum in word 255 is present but wrong,
 * or the sector size is not a power of two in 512..65536.
 */
int ata_identify_parse(const uint8_t id[ATA_ID_WORDS * 2], ata_identify_t *out);
