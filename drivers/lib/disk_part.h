// SPDX-License-Identifier: MIT
/*
 * Partition tables, pure: GPT (UEFI spec ch. 5: protective MBR, primary
 * header at LBA 1 with its entry array, backup header at the last LBA;
 * CRC32 of header and entries checked, the backup used when the primary
 * is corrupt) and MBR (four primaries, an extended partition's chain of
 * EBRs giving logical partitions 5, 6, ...). Sectors come through a
 * read callback so the same code parses a device (disk_scan) and an
 * image file (host tests).
 */
#pragma once

#include "disk.h"

/* Reads count sectors at lba into buf; 0 or -errno. */
typedef int disk_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf);

/*
 * Fills t from the disk (ss bytes per sector, `sectors` in all).
 * No recognisable table is not an error: t->label = DISK_LABEL_NONE.
 * Returns 0, or -errno when a read fails or memory runs out.
 */
int disk_part_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors,
		   disk_table_t *t);

/* The pieces, for tests. Each returns 0, -EINVAL (not valid) or -errno. */
int disk_gpt_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors,
		  disk_table_t *t);
int disk_mbr_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors,
		  const uint8_t *mbr, disk_table_t *t);

/* CRC-32 (IEEE 802.3, reflected, as GPT uses) of len bytes, continuing crc (0 to start). */
uint32_t disk_crc32(uint32_t crc, const void *buf, size_t len);

/* A GUID as text, lowercase "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (37 bytes with NUL). */
void disk_guid_format(const uint8_t guid[16], char out[37]);

/* Little-endian loads, shared by the parsers. */
static inline uint32_t disk_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t disk_le64(const uint8_t *p)
{
	return disk_le32(p) | (uint64_t)disk_le32(p + 4) << 32;
}
