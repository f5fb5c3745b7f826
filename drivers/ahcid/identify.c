// SPDX-License-Identifier: MIT
/*
 * IDENTIFY DEVICE decoding (see identify.h). Word numbers are ACS-3's:
 *   0 general (bit 15: 1 = not ATA)     10-19 serial, 23-26 firmware, 27-46 model
 *   49 capabilities (bit 9: LBA)         60-61 LBA28 sectors
 *   75 queue depth - 1 (bits 4:0)        76 SATA capabilities (bit 8: NCQ)
 *   83 command sets (bit 10: LBA48, bit 13: FLUSH CACHE EXT; valid when bits 15:14 = 01)
 *   85 enabled (bit 5: write cache)      100-103 LBA48 sectors
 *   106 sector sizes (valid when 15:14 = 01; bit 12: logical > 256 words,
 *       bits 3:0: log2 logical sectors per physical)
 *   117-118 logical sector size in words  255 integrity (A5h + checksum)
 */
#include "identify.h"

#include <errno.h>
#include <string.h>

static uint16_t id_word(const uint8_t *id, unsigned w)
{
	return (uint16_t)(id[2 * w] | id[2 * w + 1] << 8);
}

static bool id_word_valid(uint16_t v)
{
	return (v & 0xc000u) == 0x4000u;
}

/* Words first..first+n-1 as text: each word holds two characters, high byte first. */
static void id_string(const uint8_t *id, unsigned first, unsigned n, char *out)
{
	unsigned len = 0;

	for (unsigned w = first; w < first + n; w++) {
		uint16_t v = id_word(id, w);
		out[len++] = (char)(v >> 8);
		out[len++] = (char)(v & 0xff);
	}
	for (unsigned i = 0; i < len; i++)
		if (out[i] < 0x20 || out[i] > 0x7e)
			out[i] = ' ';
	while (len && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	unsigned lead = 0;
	while (out[lead] == ' ')
		lead++;
	memmove(out, out + lead, len - lead + 1);
}

static bool id_checksum_ok(const uint8_t *id)
{
	uint8_t sum = 0;

	if (id[510] != 0xa5)            /* no integrity word: nothing to check */
		return true;
	for (unsigned i = 0; i < ATA_ID_WORDS * 2; i++)
		sum = (uint8_t)(sum + id[i]);
	return sum == 0;
}

static int id_sector_sizes(const uint8_t *id, ata_identify_t *out)
{
	uint16_t w106 = id_word(id, 106);
	uint32_t size = 512;
	unsigned per_phys_log2 = 0;

	if (id_word_valid(w106)) {
		if (w106 & (1u << 12))
			size = 2 * ((uint32_t)id_word(id, 117) | (uint32_t)id_word(id, 118) << 16);
		if (w106 & (1u << 13))
			per_phys_log2 = w106 & 0xfu;
	}
	if (size < 512 || size > 65536 || (size & (size - 1)))
		return -EINVAL;
	out->sector_size = size;
	out->phys_sector_size = size << per_phys_log2;
	return 0;
}

int ata_identify_parse(const uint8_t id[ATA_ID_WORDS * 2], ata_identify_t *out)
{
	uint16_t w83 = id_word(id, 83);

	memset(out, 0, sizeof(*out));
	if ((id_word(id, 0) & 0x8000u) || !(id_word(id, 49) & (1u << 9)) || !id_checksum_ok(id))
		return -EINVAL;
	if (id_sector_sizes(id, out) < 0)
		return -EINVAL;
	if (id_word_valid(w83)) {
		out->lba48 = w83 & (1u << 10);
		out->flush_ext = w83 & (1u << 13);
	}
	if (out->lba48) {
		for (unsigned i = 0; i < 4; i++)
			out->sectors |= (uint64_t)id_word(id, 100 + i) << (16 * i);
	} else {
		out->sectors = id_word(id, 60) | (uint32_t)id_word(id, 61) << 16;
	}
	uint16_t w76 = id_word(id, 76);
	if (w76 != 0 && w76 != 0xffff && (w76 & (1u << 8))) {
		out->ncq = true;
		out->ncq_depth = (id_word(id, 75) & 0x1fu) + 1;
	}
	uint16_t w85 = id_word(id, 85);
	out->write_cache = w85 != 0xffff && (w85 & (1u << 5));
	id_string(id, 27, 20, out->model);
	id_string(id, 10, 10, out->serial);
	id_string(id, 23, 4, out->firmware);
	return 0;
}
