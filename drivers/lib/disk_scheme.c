// SPDX-License-Identifier: MIT
/*
 * The `disk.<driver><n>:` scheme (docs/disk.md). Names: the root ("")
 * is a directory listing `0` (the whole disk), each partition's number
 * and `table`. Only root (uid 0) opens anything: a disk bypasses every
 * file permission above it.
 *
 * A disk or partition handle has a byte position. Reads and writes must
 * be sector-aligned in position and length (EINVAL otherwise: no
 * read-modify-write, which would race with other writers and hide
 * misuse); they are clipped at the partition's end (a read at the end
 * returns 0, a write there ENOSPC). The position moves when the request
 * is accepted, so `lseek; read; lseek; read` keeps several requests in
 * flight on one handle. The request itself is answered SCHEME_PENDING
 * and completed by disk_io.c. fsync sends a flush barrier.
 */
#include "disk_int.h"
#include "disk_part.h"

#include <abi/event.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


typedef enum disk_file_kind {
	DISK_FILE_ROOT,
	DISK_FILE_TABLE,
	DISK_FILE_PART,         /* the whole disk is partition 0 */
} disk_file_kind_t;

struct disk_file {
	disk_file_t *next;
	uint64_t handle;
	disk_file_kind_t kind;
	int flags;              /* O_* at open */
	unsigned number;        /* PART: 0 whole disk, else the partition's number */
	uint64_t first_lba, sectors;
	uint64_t pos;           /* bytes (ROOT: the next listing index) */
	char *text;             /* TABLE: the text, made at open */
	size_t text_len;
};

static disk_file_t *disk_file_get(disk_t *d, uint64_t h)
{
	for (disk_file_t *f = d->files; f; f = f->next)
		if (f->handle == h)
			return f;
	return NULL;
}

void disk_files_free(disk_t *d)
{
	while (d->files) {
		disk_file_t *f = d->files;
		d->files = f->next;
		free(f->text);
		free(f);
	}
}

static const disk_part_t *disk_part_find(const disk_t *d, unsigned number)
{
	for (unsigned i = 0; i < d->table.count; i++)
		if (d->table.part[i].number == number)
			return &d->table.part[i];
	return NULL;
}

/* "0", "12": a canonical decimal number; -1 otherwise. */
static long disk_name_number(const char *s)
{
	long n = 0;

	if (!*s || (s[0] == '0' && s[1]) || strlen(s) > 6)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/* Fills f's kind from name; 0 or -errno. */
static int disk_file_resolve(disk_t *d, disk_file_t *f, const char *name)
{
	while (*name == '/')
		name++;
	if (!*name) {
		f->kind = DISK_FILE_ROOT;
		return 0;
	}
	if (!strcmp(name, "table")) {
		f->kind = DISK_FILE_TABLE;
		size_t need = disk_table_format(d, NULL, 0);
		if (!(f->text = malloc(need + 1)))
			return -ENOMEM;
		f->text_len = disk_table_format(d, f->text, need + 1);
		return 0;
	}
	long n = disk_name_number(name);
	if (n < 0)
		return -ENOENT;
	f->kind = DISK_FILE_PART;
	f->number = (unsigned)n;
	if (n == 0) {
		f->first_lba = 0;
		f->sectors = d->drv.sectors;
		return 0;
	}
	const disk_part_t *p = disk_part_find(d, (unsigned)n);
	if (!p)
		return -ENOENT;
	f->first_lba = p->first_lba;
	f->sectors = p->sectors;
	return 0;
}

static int disk_file_check_flags(const disk_file_t *f, int flags)
{
	int acc = flags & O_ACCMODE;

	if (acc == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (f->kind == DISK_FILE_ROOT)
		return acc == O_RDONLY ? 0 : -EISDIR;
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if (f->kind == DISK_FILE_TABLE && acc != O_RDONLY)
		return -EACCES;
	return 0;
}

static long disk_file_new(disk_t *d, scheme_call_t *c, const char *name, int flags,
			  const disk_file_t *from)
{
	disk_file_t *f = calloc(1, sizeof(*f));
	int err;

	if (c->uid != 0)
		err = -EACCES;
	else if (!f)
		err = -ENOMEM;
	else if (from && !*name) {
		*f = *from;
		f->text = NULL;
		err = from->text && !(f->text = malloc(from->text_len + 1)) ? -ENOMEM : 0;
		if (!err && from->text)
			memcpy(f->text, from->text, from->text_len + 1);
	} else {
		f->flags = flags;
		err = disk_file_resolve(d, f, name);
		if (!err)
			err = disk_file_check_flags(f, flags);
	}
	if (err) {
		if (f)
			free(f->text);
		free(f);
		return err;
	}
	f->handle = ++d->next_handle;
	f->next = d->files;
	d->files = f;
	c->events = EVENT_READ | EVENT_WRITE;
	return (long)f->handle;
}

static long disk_op_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	return disk_file_new(st, c, path, flags, NULL);
}

static long disk_op_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	disk_file_t *f = disk_file_get(st, h);

	if (!f)
		return -EBADF;
	if (*path && f->kind != DISK_FILE_ROOT)
		return -ENOTDIR;
	return disk_file_new(st, c, path, O_RDONLY, *path ? NULL : f);
}

static void disk_op_close(void *st, scheme_call_t *c, uint64_t h)
{
	disk_t *d = st;
	disk_file_t **pp = &d->files;

	(void)c;
	while (*pp && (*pp)->handle != h)
		pp = &(*pp)->next;
	if (!*pp)
		return;
	disk_file_t *f = *pp;
	*pp = f->next;
	free(f->text);
	free(f);
}

/* Checks and clips a transfer on a PART handle; sectors to move, or -errno. */
static long disk_xfer_check(disk_t *d, disk_file_t *f, size_t len, bool write)
{
	uint32_t ss = d->drv.sector_size;
	int acc = f->flags & O_ACCMODE;

	if (f->kind == DISK_FILE_ROOT)
		return -EISDIR;
	if (write ? acc == O_RDONLY : acc == O_WRONLY)
		return -EBADF;
	if (f->pos % ss || len % ss)
		return -EINVAL;
	uint64_t size_sectors = f->sectors, at = f->pos / ss, n = len / ss;
	if (at >= size_sectors)
		return write && n ? -ENOSPC : 0;
	if (n > size_sectors - at)
		n = size_sectors - at;
	return (long)n;
}

static long disk_op_rw(disk_t *d, scheme_call_t *c, uint64_t h, void *buf, size_t len, bool write)
{
	disk_file_t *f = disk_file_get(d, h);

	if (!f)
		return -EBADF;
	if (f->kind == DISK_FILE_TABLE) {
		if (write)
			return -EBADF;
		if (f->pos >= f->text_len)
			return 0;
		size_t n = f->text_len - f->pos < len ? f->text_len - f->pos : len;
		memcpy(buf, f->text + f->pos, n);
		f->pos += n;
		return (long)n;
	}
	long n = disk_xfer_check(d, f, len, write);
	if (n <= 0)
		return n;
	if (!buf)
		return -EFAULT;
	uint64_t lba = f->first_lba + f->pos / d->drv.sector_size;
	long r = disk_io_start(d, c->tag, write ? DISK_OP_WRITE : DISK_OP_READ, lba,
			       (uint64_t)n, buf, NULL, NULL);
	if (r == SCHEME_PENDING)
		f->pos += (uint64_t)n * d->drv.sector_size;
	return r;
}

static long disk_op_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	return disk_op_rw(st, c, h, buf, len, false);
}

static long disk_op_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	return disk_op_rw(st, c, h, (void *)buf, len, true);
}

static uint64_t disk_file_size(const disk_t *d, const disk_file_t *f)
{
	if (f->kind == DISK_FILE_TABLE)
		return f->text_len;
	if (f->kind == DISK_FILE_PART)
		return f->sectors * d->drv.sector_size;
	return 0;
}

static long disk_op_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	disk_t *d = st;
	disk_file_t *f = disk_file_get(d, h);
	int64_t base;

	(void)c;
	if (!f)
		return -EBADF;
	if (f->kind == DISK_FILE_ROOT) {
		if (off || whence != SEEK_SET)
			return -EINVAL;   /* only a rewind of the listing */
		f->pos = 0;
		return 0;
	}
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->pos; break;
	case SEEK_END: base = (int64_t)disk_file_size(d, f); break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static long disk_op_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	disk_t *d = st;
	disk_file_t *f = disk_file_get(d, h);

	(void)c;
	if (!f)
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->nlink = 1;
	out->size = (int64_t)disk_file_size(d, f);
	out->blksize = d->drv.sector_size;
	out->blocks = (out->size + 511) / 512;
	switch (f->kind) {
	case DISK_FILE_ROOT:
		out->mode = ABI_S_IFDIR | 0700;
		out->nlink = 2;
		out->ino = 1;
		break;
	case DISK_FILE_TABLE:
		out->mode = ABI_S_IFREG | 0400;
		out->ino = 2;
		break;
	case DISK_FILE_PART:
		out->mode = ABI_S_IFBLK | 0600;
		out->ino = 3 + f->number;
		out->rdev = f->number;
		break;
	}
	return 0;
}

static long disk_op_fsync(void *st, scheme_call_t *c, uint64_t h)
{
	disk_t *d = st;
	disk_file_t *f = disk_file_get(d, h);

	if (!f)
		return -EBADF;
	if (f->kind != DISK_FILE_PART)
		return 0;
	return disk_io_start(d, c->tag, DISK_OP_FLUSH, 0, 0, NULL, NULL, NULL);
}

/* Appends one record; false if it does not fit. */
static bool disk_dirent_put(char *buf, size_t len, size_t *used, uint64_t ino, uint8_t type,
			    const char *name)
{
	size_t head = offsetof(abi_dirent_t, name), nlen = strlen(name) + 1;
	size_t rec = (head + nlen + 7) & ~(size_t)7;
	uint16_t reclen = (uint16_t)rec;
	char *p = buf + *used;

	if (rec > len - *used)
		return false;
	memset(p, 0, rec);
	memcpy(p + offsetof(abi_dirent_t, ino), &ino, sizeof(ino));
	memcpy(p + offsetof(abi_dirent_t, reclen), &reclen, sizeof(reclen));
	memcpy(p + offsetof(abi_dirent_t, type), &type, sizeof(type));
	memcpy(p + head, name, nlen);
	*used += rec;
	return true;
}

/* The listing: `0`, the partitions in table order, `table`. pos indexes it. */
static long disk_op_getdents(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	disk_t *d = st;
	disk_file_t *f = disk_file_get(d, h);
	size_t used = 0;
	char name[16];

	(void)c;
	if (!f)
		return -EBADF;
	if (f->kind != DISK_FILE_ROOT)
		return -ENOTDIR;
	for (; f->pos <= (uint64_t)d->table.count + 1; f->pos++) {
		uint64_t i = f->pos;
		bool ok;
		if (i == d->table.count + 1) {
			ok = disk_dirent_put(buf, len, &used, 2, ABI_DT_REG, "table");
		} else {
			unsigned num = i == 0 ? 0 : d->table.part[i - 1].number;
			snprintf(name, sizeof(name), "%u", num);
			ok = disk_dirent_put(buf, len, &used, 3 + num, ABI_DT_BLK, name);
		}
		if (!ok)
			return used ? (long)used : -EINVAL;
	}
	return (long)used;
}

static long disk_op_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c;
	if (!disk_file_get(st, h))
		return -EBADF;
	return wanted & (EVENT_READ | EVENT_WRITE);
}

static void disk_op_cancel(void *st, uint64_t tag)
{
	disk_io_cancel(st, tag);
}

const scheme_ops_t disk_scheme_ops = {
	.open = disk_op_open,
	.dup = disk_op_dup,
	.close = disk_op_close,
	.read = disk_op_read,
	.write = disk_op_write,
	.seek = disk_op_seek,
	.fstat = disk_op_fstat,
	.fsync = disk_op_fsync,
	.getdents = disk_op_getdents,
	.fevent = disk_op_fevent,
	.cancel = disk_op_cancel,
};
