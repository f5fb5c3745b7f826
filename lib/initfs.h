// SPDX-License-Identifier: MIT
/*
 * The initfs: the read-only archive of first programs and their
 * configuration that GRUB loads as the boot module named "initfs". The
 * kernel reads it in place, starting /bin/init from it.
 *
 * Format, version 1. All fields little-endian; offsets are from the start
 * of the image.
 *
 *   header    40 bytes   initfs_disk_header_t, magic "TSRINITF"
 *   entries   48 bytes   entry_count initfs_disk_entry_t, right after it
 *   strings              string table: each name, then a NUL byte
 *   data                 file contents, each at a 4096-aligned offset
 *
 * An entry is a regular file, a directory or a symbolic link (POSIX mode
 * bits, e.g. 0100755, 040755, 0120777); a symlink's data is its target.
 * Names are full paths without a leading '/' ("bin/init"), at most 255
 * bytes, with no empty, "." or ".." component. Entries are sorted by name,
 * byte by byte, and unique; every parent directory has its own entry (the
 * root has none: it is implied). Data of entries with data_size > 0 comes
 * after the string table, in entry order, without overlap; entries with
 * no data have data_offset 0. Because the module is page-aligned, file
 * data is page-aligned in memory, so its pages could one day be mapped
 * rather than copied. tools/mkinitfs.py writes images (docs/initfs.md).
 *
 * initfs_open checks all of this once, so the lookups after it trust the
 * image and cannot fail on a malformed one.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define INITFS_MAGIC "TSRINITF" /* 8 bytes, no NUL */
#define INITFS_VERSION 1
#define INITFS_ALIGN 4096       /* file data alignment inside the image */
#define INITFS_PATH_MAX 255     /* bytes in a name, without the NUL */
#define INITFS_SYMLINK_MAX 4095 /* bytes in a symlink target */
#define INITFS_ROOT_INDEX UINT32_MAX /* index of the synthesized root */

#define INITFS_S_IFMT 0170000
#define INITFS_S_IFREG 0100000
#define INITFS_S_IFDIR 0040000
#define INITFS_S_IFLNK 0120000
#define INITFS_ROOT_MODE (INITFS_S_IFDIR | 0755)

typedef struct initfs_disk_header {
	char magic[8];
	uint32_t version;
	uint32_t entry_count;
	uint64_t total_size;    /* image bytes; the module may be longer */
	uint64_t strtab_offset; /* >= 40 + 48 * entry_count */
	uint64_t strtab_size;
} initfs_disk_header_t;

typedef struct initfs_disk_entry {
	uint64_t name_offset; /* into the string table */
	uint32_t name_length; /* without the NUL that follows the name */
	uint32_t mode;        /* file type and permission bits */
	uint64_t data_offset; /* into the image; 0 when data_size is 0 */
	uint64_t data_size;
	uint32_t uid, gid;
	uint64_t mtime; /* seconds since the epoch */
} initfs_disk_entry_t;

_Static_assert(sizeof(initfs_disk_header_t) == 40, "initfs header");
_Static_assert(sizeof(initfs_disk_entry_t) == 48, "initfs entry");

/* An opened image. Fields are read-only for users; count is the entries. */
typedef struct initfs {
	const uint8_t *base;
	size_t size; /* the header's total_size */
	uint32_t count;
	const uint8_t *entries;
	const char *strtab;
	size_t strtab_size;
} initfs_t;

/* One entry as the API returns it; pointers are into the image. */
typedef struct initfs_entry {
	const char *name; /* NUL-terminated; "" for the root */
	size_t name_len;
	uint32_t mode, uid, gid;
	uint64_t mtime;
	const uint8_t *data; /* valid even when size is 0 */
	uint64_t size;
	uint32_t index; /* INITFS_ROOT_INDEX for the root */
} initfs_entry_t;

/*
 * Validates the image at image (image_size bytes available) and, only if
 * it is sound, fills *fs. Returns 0, or -EINVAL for anything the format
 * above does not allow: short image, wrong magic or version, total size
 * below the header or above image_size, tables or names or data out of
 * bounds, a name that is not a clean path, names out of order or
 * repeated, a missing parent directory, an unknown file type, a directory
 * with data, an empty symlink, data misaligned, overlapping or not after
 * the string table.
 */
int initfs_open(initfs_t *fs, const void *image, size_t image_size);

/*
 * Finds path, with or without one leading '/', exactly as stored (no "."
 * or ".." handling, symlinks not followed). "" and "/" are the root, a
 * synthesized directory (mode 040755). Returns 0, -ENOENT, or
 * -ENAMETOOLONG when path, less its leading '/', passes INITFS_PATH_MAX.
 */
int initfs_lookup(const initfs_t *fs, const char *path, initfs_entry_t *out);

/* The entry at index (0 to count - 1, in name order): 0 or -ENOENT. */
int initfs_entry_at(const initfs_t *fs, uint32_t index, initfs_entry_t *out);

/*
 * The next direct child of the directory dir_path, in name order. *cookie
 * starts at 0 and is advanced on each call. Returns 0, -ENOENT at the end
 * or when dir_path does not exist, -ENOTDIR when it is not a directory,
 * -ENAMETOOLONG as initfs_lookup.
 */
int initfs_readdir(const initfs_t *fs, const char *dir_path, uint32_t *cookie,
		   initfs_entry_t *out);
