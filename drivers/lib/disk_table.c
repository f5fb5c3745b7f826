// SPDX-License-Identifier: MIT
/*
 * The `table` file: the disk's geometry and partitions as text, one
 * `key value...` line each, so both people and programs (init, the
 * file system daemon looking for its partition by name) read it:
 *
 *   label gpt                    (gpt, mbr or none)
 *   gpt-header backup            (only when the primary GPT was corrupt)
 *   sector-size 512
 *   sectors 204800
 *   disk-guid 01234567-89ab-cdef-0123-456789abcdef     (GPT)
 *   part 1 first 2048 sectors 100000 type 0fc63daf-8483-4772-8e79-3d69d8477de4 guid ... name tessera-root
 *   part 5 first 4096 sectors 2048 type 0x83            (MBR)
 *
 * `name` comes last on a GPT line and runs to the end of it (it may hold
 * spaces); it is empty when the entry has none.
 */
#include "disk_int.h"
#include "disk_part.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct disk_text {
	char *buf;
	size_t cap, len;
} disk_text_t;

__attribute__((format(printf, 2, 3)))
static void disk_text_add(disk_text_t *t, const char *fmt, ...)
{
	va_list ap;
	size_t room = t->len < t->cap ? t->cap - t->len : 0;

	va_start(ap, fmt);
	int n = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

static void disk_table_part(disk_text_t *t, const disk_table_t *tab, const disk_part_t *p)
{
	char type[37], guid[37];

	disk_text_add(t, "part %u first %" PRIu64 " sectors %" PRIu64, p->number, p->first_lba,
		      p->sectors);
	if (tab->label == DISK_LABEL_MBR) {
		disk_text_add(t, " type 0x%02x\n", p->mbr_type);
		return;
	}
	disk_guid_format(p->type_guid, type);
	disk_guid_format(p->guid, guid);
	disk_text_add(t, " type %s guid %s name %s\n", type, guid, p->name);
}

size_t disk_table_format(const disk_t *d, char *buf, size_t cap)
{
	static const char *const labels[] = { "none", "mbr", "gpt" };
	disk_text_t t = { .buf = buf, .cap = cap };
	const disk_table_t *tab = &d->table;
	char guid[37];

	if (buf && cap)
		buf[0] = '\0';
	disk_text_add(&t, "label %s\n", labels[tab->label]);
	if (tab->label == DISK_LABEL_GPT && tab->gpt_backup)
		disk_text_add(&t, "gpt-header backup\n");
	disk_text_add(&t, "sector-size %" PRIu32 "\nsectors %" PRIu64 "\n", d->drv.sector_size,
		      d->drv.sectors);
	if (tab->label == DISK_LABEL_GPT) {
		disk_guid_format(tab->disk_guid, guid);
		disk_text_add(&t, "disk-guid %s\n", guid);
	}
	for (unsigned i = 0; i < tab->count; i++)
		disk_table_part(&t, tab, &tab->part[i]);
	return t.len;
}
