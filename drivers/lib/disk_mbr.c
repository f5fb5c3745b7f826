// SPDX-License-Identifier: MIT
/*
 * MBR: four 16-byte entries at offset 446 of LBA 0 (status, CHS start,
 * type, CHS end, LBA start, sectors; all CHS ignored), signature 55 aa
 * at 510. Primaries keep their slot's number 1-4 (empty slots leave
 * holes). An extended partition (type 05, 0f or 85) is not itself a
 * handle: it holds a chain of EBRs, each with a logical partition
 * (entry 0, its start relative to that EBR) and a link to the next EBR
 * (entry 1, relative to the extended partition's start). Logicals are
 * numbered 5, 6, ... in chain order. The chain is followed for at most
 * DISK_PARTS_MAX links and must stay inside the extended partition, so
 * a looping or corrupt chain ends instead of hanging the driver.
 * Partitions reaching past the end of the disk are skipped.
 */
#include "disk_part.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MBR_ENTRY(s, i) ((s) + 446 + 16 * (i))

static bool mbr_type_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static void mbr_add(disk_table_t *t, unsigned number, uint8_t type, uint64_t first,
		    uint64_t count)
{
	if (t->count == DISK_PARTS_MAX)
		return;
	disk_part_t *p = &t->part[t->count++];
	memset(p, 0, sizeof(*p));
	p->number = number;
	p->mbr_type = type;
	p->first_lba = first;
	p->sectors = count;
}

static int mbr_logicals(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors,
			uint64_t ext_start, uint64_t ext_count, disk_table_t *t)
{
	uint8_t *s = malloc(ss);
	uint64_t ebr = ext_start, ext_end = ext_start + ext_count;
	unsigned number = 5;
	int err = 0;

	if (!s)
		return -ENOMEM;
	for (unsigned links = 0; links < DISK_PARTS_MAX; links++) {
		err = rd(ctx, ebr, 1, s);
		if (err || s[510] != 0x55 || s[511] != 0xaa)
			break;
		const uint8_t *l = MBR_ENTRY(s, 0), *next = MBR_ENTRY(s, 1);
		uint64_t first = ebr + disk_le32(l + 8), count = disk_le32(l + 12);
		if (l[4] && count && first + count <= ext_end && first + count <= sectors)
			mbr_add(t, number++, l[4], first, count);
		uint64_t rel = disk_le32(next + 8);
		if (!mbr_type_extended(next[4]) || rel == 0)
			break;
		uint64_t nebr = ext_start + rel;
		if (nebr <= ebr || nebr >= ext_end)
			break;          /* links must move forward inside the container */
		ebr = nebr;
	}
	free(s);
	return err;
}

int disk_mbr_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors,
		  const uint8_t *mbr, disk_table_t *t)
{
	bool extended_seen = false;

	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return -EINVAL;
	t->label = DISK_LABEL_MBR;
	t->count = 0;
	for (unsigned i = 0; i < 4; i++) {
		const uint8_t *e = MBR_ENTRY(mbr, i);
		uint8_t type = e[4];
		uint64_t first = disk_le32(e + 8), count = disk_le32(e + 12);
		if (!type || !count || first == 0 || first + count > sectors)
			continue;
		if (mbr_type_extended(type)) {
			if (extended_seen)
				continue;       /* only one extended partition is meaningful */
			extended_seen = true;
			int err = mbr_logicals(rd, ctx, ss, sectors, first, count, t);
			if (err)
				return err;
			continue;
		}
		mbr_add(t, i + 1, type, first, count);
	}
	/* Logicals were added while walking; keep the table sorted by number. */
	for (unsigned i = 1; i < t->count; i++)
		for (unsigned j = i; j > 0 && t->part[j - 1].number > t->part[j].number; j--) {
			disk_part_t tmp = t->part[j];
			t->part[j] = t->part[j - 1];
			t->part[j - 1] = tmp;
		}
	return 0;
}

static bool mbr_protective(const uint8_t *mbr)
{
	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return false;
	for (unsigned i = 0; i < 4; i++)
		if (MBR_ENTRY(mbr, i)[4] == 0xee)
			return true;
	return false;
}

int disk_part_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors, disk_table_t *t)
{
	uint8_t *mbr = malloc(ss);
	int err;

	memset(t, 0, sizeof(*t));
	if (!mbr)
		return -ENOMEM;
	err = rd(ctx, 0, 1, mbr);
	if (err)
		goto out;
	bool has_sig = mbr[510] == 0x55 && mbr[511] == 0xaa;
	if (mbr_protective(mbr) || !has_sig) {
		/* GPT (a protective MBR, or none at all). */
		err = disk_gpt_read(rd, ctx, ss, sectors, t);
		if (err == -EINVAL) {
			memset(t, 0, sizeof(*t));
			err = 0;        /* unreadable GPT: only the whole disk */
		}
		goto out;
	}
	err = disk_mbr_read(rd, ctx, ss, sectors, mbr, t);
	if (err == -EINVAL)
		err = 0;
out:
	free(mbr);
	if (err)
		memset(t, 0, sizeof(*t));
	return err;
}
