// SPDX-License-Identifier: MIT
/*
 * Reading the initfs in place (the format is described in initfs.h).
 *
 * initfs_open is the checking half: it bounds the header, the entry table
 * and the string table against the image, then checks each entry (name in
 * the string table and NUL-terminated, a clean path, a known file type,
 * data aligned and in bounds, after the previous entry's data) and that
 * it sorts after the one before, then that every parent directory exists.
 * Every offset is checked as "off <= limit && len <= limit - off", which
 * cannot overflow. Entries are copied out with memcpy, so an image at any
 * address is read without unaligned accesses.
 *
 * The rest trusts a validated image. Since names sort byte by byte, the
 * entries under "bin/" are one run of the table: lookup is a binary
 * search, and readdir binary-searches the start of the run and walks it,
 * skipping grandchildren.
 */
#include <lib/initfs.h>

#include <abi/errno.h>
#include <stdbool.h>
#include <string.h>

static bool initfs_in_bounds(uint64_t off, uint64_t len, uint64_t limit)
{
	return off <= limit && len <= limit - off;
}

static initfs_disk_entry_t initfs_raw(const initfs_t *fs, uint32_t i)
{
	initfs_disk_entry_t e;

	memcpy(&e, fs->entries + (size_t)i * sizeof e, sizeof e);
	return e;
}

static bool initfs_has_byte(const char *s, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == c)
			return true;
	return false;
}

/* Byte order, a proper prefix first: the order the entries are sorted in. */
static int initfs_name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c)
		return c;
	return (an > bn) - (an < bn);
}

/* A stored name: 1..255 bytes, no NUL, no empty, "." or ".." component. */
static bool initfs_path_ok(const char *p, size_t n)
{
	size_t start = 0;

	if (n == 0 || n > INITFS_PATH_MAX || initfs_has_byte(p, n, '\0'))
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && p[i] != '/')
			continue;
		size_t len = i - start;
		if (len == 0) /* leading or trailing '/', or "//" */
			return false;
		if (p[start] == '.' && (len == 1 || (len == 2 && p[start + 1] == '.')))
			return false;
		start = i + 1;
	}
	return true;
}

static bool initfs_type_ok(const initfs_t *fs, const initfs_disk_entry_t *e)
{
	if (e->mode & ~(uint32_t)0177777)
		return false;
	switch (e->mode & INITFS_S_IFMT) {
	case INITFS_S_IFREG:
		return true;
	case INITFS_S_IFDIR:
		return e->data_size == 0;
	case INITFS_S_IFLNK:
		/* Checked against the image before the target is read. */
		return e->data_size > 0 && e->data_size <= INITFS_SYMLINK_MAX &&
		       initfs_in_bounds(e->data_offset, e->data_size, fs->size) &&
		       !initfs_has_byte((const char *)fs->base + e->data_offset,
					(size_t)e->data_size, '\0');
	default:
		return false;
	}
}

/* Data after the previous entry's (*data_end), aligned, in bounds. */
static bool initfs_data_ok(const initfs_t *fs, const initfs_disk_entry_t *e,
			   uint64_t *data_end)
{
	if (e->data_size == 0)
		return e->data_offset == 0;
	if (e->data_offset % INITFS_ALIGN || e->data_offset < *data_end ||
	    !initfs_in_bounds(e->data_offset, e->data_size, fs->size))
		return false;
	*data_end = e->data_offset + e->data_size;
	return true;
}

/* Checks entry i on its own and against entry i - 1. */
static int initfs_check_entry(const initfs_t *fs, uint32_t i, uint64_t *data_end)
{
	initfs_disk_entry_t e = initfs_raw(fs, i), prev;
	const char *name;

	/* name_length + 1: the NUL after the name must be in the table too. */
	if (!initfs_in_bounds(e.name_offset, (uint64_t)e.name_length + 1,
			      fs->strtab_size))
		return -EINVAL;
	name = fs->strtab + e.name_offset;
	if (name[e.name_length] != '\0' || !initfs_path_ok(name, e.name_length))
		return -EINVAL;
	if (!initfs_data_ok(fs, &e, data_end) || !initfs_type_ok(fs, &e))
		return -EINVAL;
	if (i > 0) {
		prev = initfs_raw(fs, i - 1); /* already checked */
		if (initfs_name_cmp(fs->strtab + prev.name_offset, prev.name_length,
				    name, e.name_length) >= 0)
			return -EINVAL;
	}
	return 0;
}

/* The first entry whose name is not below key[0..n). */
static uint32_t initfs_lower_bound(const initfs_t *fs, const char *key, size_t n)
{
	uint32_t lo = 0, hi = fs->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		initfs_disk_entry_t e = initfs_raw(fs, mid);
		if (initfs_name_cmp(fs->strtab + e.name_offset, e.name_length, key, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool initfs_find(const initfs_t *fs, const char *key, size_t n, uint32_t *index)
{
	uint32_t i = initfs_lower_bound(fs, key, n);

	if (i == fs->count)
		return false;
	initfs_disk_entry_t e = initfs_raw(fs, i);
	if (initfs_name_cmp(fs->strtab + e.name_offset, e.name_length, key, n) != 0)
		return false;
	*index = i;
	return true;
}

/* Every "a/b/c" needs a directory "a/b" (which, sorting first, needs "a"). */
static int initfs_check_parent(const initfs_t *fs, uint32_t i)
{
	initfs_disk_entry_t e = initfs_raw(fs, i);
	const char *name = fs->strtab + e.name_offset;
	size_t n = e.name_length;
	uint32_t parent;

	while (n > 0 && name[n - 1] != '/')
		n--;
	if (n == 0)
		return 0; /* in the root */
	if (!initfs_find(fs, name, n - 1, &parent))
		return -EINVAL;
	e = initfs_raw(fs, parent);
	return (e.mode & INITFS_S_IFMT) == INITFS_S_IFDIR ? 0 : -EINVAL;
}

/* Bounds the tables against the image and fills *fs with them. */
static int initfs_check_header(initfs_t *fs, const uint8_t *base, size_t image_size)
{
	initfs_disk_header_t h;
	uint64_t entries_end;

	if (!base || image_size < sizeof h)
		return -EINVAL;
	memcpy(&h, base, sizeof h);
	if (memcmp(h.magic, INITFS_MAGIC, sizeof h.magic) || h.version != INITFS_VERSION)
		return -EINVAL;
	if (h.total_size < sizeof h || h.total_size > image_size)
		return -EINVAL;
	/* No overflow: at most 40 + 48 * (2^32 - 1). The entry table ends
	 * before the string table, so bounding that bounds both. */
	entries_end = sizeof h + (uint64_t)h.entry_count * sizeof(initfs_disk_entry_t);
	if (h.strtab_offset < entries_end ||
	    !initfs_in_bounds(h.strtab_offset, h.strtab_size, h.total_size))
		return -EINVAL;
	*fs = (initfs_t){
		.base = base, .size = (size_t)h.total_size, .count = h.entry_count,
		.entries = base + sizeof h,
		.strtab = (const char *)base + h.strtab_offset,
		.strtab_size = (size_t)h.strtab_size,
	};
	return 0;
}

int initfs_open(initfs_t *fs, const void *image, size_t image_size)
{
	initfs_t tmp;
	uint64_t data_end;
	int err = initfs_check_header(&tmp, image, image_size);

	if (err)
		return err;
	data_end = (uint64_t)(tmp.strtab - (const char *)tmp.base) + tmp.strtab_size;
	for (uint32_t i = 0; i < tmp.count; i++)
		if ((err = initfs_check_entry(&tmp, i, &data_end)))
			return err;
	for (uint32_t i = 0; i < tmp.count; i++)
		if ((err = initfs_check_parent(&tmp, i)))
			return err;
	*fs = tmp;
	return 0;
}

static void initfs_fill(const initfs_t *fs, uint32_t i, initfs_entry_t *out)
{
	initfs_disk_entry_t e = initfs_raw(fs, i);

	*out = (initfs_entry_t){
		.name = fs->strtab + e.name_offset, .name_len = e.name_length,
		.mode = e.mode, .uid = e.uid, .gid = e.gid, .mtime = e.mtime,
		.data = fs->base + e.data_offset, .size = e.data_size, .index = i,
	};
}

static void initfs_fill_root(const initfs_t *fs, initfs_entry_t *out)
{
	*out = (initfs_entry_t){
		.name = "", .mode = INITFS_ROOT_MODE, .data = fs->base,
		.index = INITFS_ROOT_INDEX,
	};
}

int initfs_entry_at(const initfs_t *fs, uint32_t index, initfs_entry_t *out)
{
	if (index >= fs->count)
		return -ENOENT;
	initfs_fill(fs, index, out);
	return 0;
}

int initfs_lookup(const initfs_t *fs, const char *path, initfs_entry_t *out)
{
	size_t n = 0;
	uint32_t i;

	if (path[0] == '/')
		path++;
	while (path[n] != '\0' && n <= INITFS_PATH_MAX)
		n++;
	if (n > INITFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0) {
		initfs_fill_root(fs, out);
		return 0;
	}
	if (!initfs_find(fs, path, n, &i))
		return -ENOENT;
	initfs_fill(fs, i, out);
	return 0;
}

int initfs_readdir(const initfs_t *fs, const char *dir_path, uint32_t *cookie,
		   initfs_entry_t *out)
{
	initfs_entry_t dir;
	char prefix[INITFS_PATH_MAX + 1]; /* "dir/", or "" for the root */
	size_t plen = 0;
	int err = initfs_lookup(fs, dir_path, &dir);

	if (err)
		return err;
	if ((dir.mode & INITFS_S_IFMT) != INITFS_S_IFDIR)
		return -ENOTDIR;
	if (dir.name_len) {
		memcpy(prefix, dir.name, dir.name_len);
		prefix[dir.name_len] = '/';
		plen = dir.name_len + 1;
	}
	uint32_t i = initfs_lower_bound(fs, prefix, plen);
	if (*cookie > i)
		i = *cookie;
	for (; i < fs->count; i++) {
		initfs_disk_entry_t e = initfs_raw(fs, i);
		const char *name = fs->strtab + e.name_offset;
		if (e.name_length < plen || memcmp(name, prefix, plen) != 0)
			break; /* past the run of names under prefix */
		if (initfs_has_byte(name + plen, e.name_length - plen, '/'))
			continue; /* a grandchild */
		initfs_fill(fs, i, out);
		*cookie = i + 1;
		return 0;
	}
	*cookie = i;
	return -ENOENT;
}
