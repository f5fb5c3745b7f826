// SPDX-License-Identifier: MIT
/*
 * GPT: a header (signature "EFI PART", its own CRC32 over header_size
 * bytes with the CRC field zeroed, its LBA, the other header's LBA, the
 * usable range, the disk GUID, where the entry array is, how many
 * entries of what size, and the entries' CRC32) and an entry array
 * (type GUID, unique GUID, first and last LBA, attributes, name in
 * UTF-16LE). The primary header is at LBA 1; the backup at the last
 * LBA, with its own array before it. A header counts only when its CRC,
 * its own-LBA field and its entry array's CRC all check; the primary is
 * tried first, then the backup the primary names (if its header was
 * sound), then the last LBA. Entries are numbered by index + 1; empty
 * ones (type all zero) leave holes; an entry outside the usable range
 * or the disk is skipped.
 */
#include "disk_part.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define GPT_HEADER_MIN   92
#define GPT_ENTRIES_MAX  (1u << 20)     /* bytes of entry array we accept */

typedef struct gpt_header {
	uint64_t my_lba, alt_lba, first_usable, last_usable, entries_lba;
	uint32_t entry_count, entry_size, entries_crc;
	uint8_t disk_guid[16];
} gpt_header_t;

uint32_t disk_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Decodes and checks the header in sector buffer s read from lba. */
static int gpt_header_parse(const uint8_t *s, uint32_t ss, uint64_t lba, uint64_t sectors,
			    gpt_header_t *h)
{
	uint32_t hsize = disk_le32(s + 12);
	uint8_t tmp[512];

	if (memcmp(s, "EFI PART", 8) || hsize < GPT_HEADER_MIN || hsize > ss || hsize > sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, s, hsize);
	memset(tmp + 16, 0, 4);
	if (disk_crc32(0, tmp, hsize) != disk_le32(s + 16))
		return -EINVAL;
	h->my_lba = disk_le64(s + 24);
	h->alt_lba = disk_le64(s + 32);
	h->first_usable = disk_le64(s + 40);
	h->last_usable = disk_le64(s + 48);
	memcpy(h->disk_guid, s + 56, 16);
	h->entries_lba = disk_le64(s + 72);
	h->entry_count = disk_le32(s + 80);
	h->entry_size = disk_le32(s + 84);
	h->entries_crc = disk_le32(s + 88);
	if (h->my_lba != lba || h->first_usable > h->last_usable || h->last_usable >= sectors ||
	    h->entry_size < 128 || h->entry_size % 8 ||
	    (uint64_t)h->entry_count * h->entry_size > GPT_ENTRIES_MAX ||
	    h->entries_lba >= sectors)
		return -EINVAL;
	return 0;
}

/* UTF-16LE name (n units, NUL-ended or full) to UTF-8. */
static void gpt_name_utf8(const uint8_t *u16, unsigned n, char *out, size_t cap)
{
	size_t o = 0;

	for (unsigned i = 0; i < n; i++) {
		uint32_t c = (uint32_t)u16[2 * i] | (uint32_t)u16[2 * i + 1] << 8;
		if (c == 0)
			break;
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
			uint32_t lo = (uint32_t)u16[2 * i + 2] | (uint32_t)u16[2 * i + 3] << 8;
			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				i++;
			}
		}
		if (c >= 0xd800 && c < 0xe000)
			c = 0xfffd;     /* an unpaired surrogate */
		uint8_t b[4];
		size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (k == 1) {
			b[0] = (uint8_t)c;
		} else {
			for (size_t j = k - 1; j > 0; j--, c >>= 6)
				b[j] = (uint8_t)(0x80 | (c & 0x3f));
			b[0] = (uint8_t)(((0xff00u >> k) & 0xff) | c);   /* 110, 1110, 11110 */
		}
		if (o + k >= cap)
			break;
		memcpy(out + o, b, k);
		o += k;
	}
	out[o] = '\0';
}

static void gpt_entries_decode(const uint8_t *arr, const gpt_header_t *h, uint64_t sectors,
			       disk_table_t *t)
{
	static const uint8_t zero[16];

	t->count = 0;
	for (uint32_t i = 0; i < h->entry_count && t->count < DISK_PARTS_MAX; i++) {
		const uint8_t *e = arr + (size_t)i * h->entry_size;
		uint64_t first = disk_le64(e + 32), last = disk_le64(e + 40);
		if (!memcmp(e, zero, 16))
			continue;
		if (first > last || first < h->first_usable || last > h->last_usable ||
		    last >= sectors)
			continue;
		disk_part_t *p = &t->part[t->count++];
		memset(p, 0, sizeof(*p));
		p->number = i + 1;
		p->first_lba = first;
		p->sectors = last - first + 1;
		memcpy(p->type_guid, e, 16);
		memcpy(p->guid, e + 16, 16);
		gpt_name_utf8(e + 56, 36, p->name, sizeof(p->name));
	}
}

/* Reads the header at lba and its entries; on success fills t. */
static int gpt_try(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors, uint64_t lba,
		   gpt_header_t *h, disk_table_t *t)
{
	uint8_t *s = malloc(ss);
	int err;

	if (!s)
		return -ENOMEM;
	err = rd(ctx, lba, 1, s);
	if (!err)
		err = gpt_header_parse(s, ss, lba, sectors, h);
	free(s);
	if (err)
		return err;
	size_t bytes = (size_t)h->entry_count * h->entry_size;
	uint64_t n = (bytes + ss - 1) / ss;
	if (n == 0 || h->entries_lba + n > sectors)
		return -EINVAL;
	uint8_t *arr = malloc((size_t)n * ss);
	if (!arr)
		return -ENOMEM;
	err = rd(ctx, h->entries_lba, (uint32_t)n, arr);
	if (!err && disk_crc32(0, arr, bytes) != h->entries_crc)
		err = -EINVAL;
	if (!err) {
		t->label = DISK_LABEL_GPT;
		memcpy(t->disk_guid, h->disk_guid, 16);
		gpt_entries_decode(arr, h, sectors, t);
	}
	free(arr);
	return err;
}

int disk_gpt_read(disk_read_fn *rd, void *ctx, uint32_t ss, uint64_t sectors, disk_table_t *t)
{
	gpt_header_t h = { 0 };
	int err;

	if (sectors < 3)
		return -EINVAL;
	err = gpt_try(rd, ctx, ss, sectors, 1, &h, t);
	if (err != -EINVAL)
		return err;
	/* The primary's header may be sound and only its array bad: trust its pointer. */
	uint64_t alt = h.alt_lba;
	if (alt > 1 && alt < sectors && alt != sectors - 1) {
		err = gpt_try(rd, ctx, ss, sectors, alt, &h, t);
		if (err != -EINVAL)
			goto backup;
	}
	err = gpt_try(rd, ctx, ss, sectors, sectors - 1, &h, t);
backup:
	if (!err)
		t->gpt_backup = true;
	return err;
}

void disk_guid_format(const uint8_t g[16], char out[37])
{
	static const char hex[] = "0123456789abcdef";
	/* The first three fields are little-endian, the last two bytes in order. */
	static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	int o = 0;

	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[g[order[i]] >> 4];
		out[o++] = hex[g[order[i]] & 15];
	}
	out[o] = '\0';
}
