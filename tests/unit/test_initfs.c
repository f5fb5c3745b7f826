// SPDX-License-Identifier: MIT
/*
 * Tests for lib/initfs. Most tests lay out an image with img_build below
 * (the same layout tools/mkinitfs.py writes, but entries in the order
 * given, so unsorted archives can be made too), then patch single fields
 * to check that initfs_open rejects each malformed variant. The image is
 * kept in a buffer of exactly its size, so ASan catches any read past it.
 * A fixed-seed mutation fuzzer checks that whatever initfs_open accepts
 * stays in bounds. The mkinitfs_* tests run the real tool (from the repo
 * root, as the test harness does) on a tree under a temporary directory.
 */
#include "unit.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <abi/errno.h>
#include <lib/initfs.h>

#define DIR INITFS_S_IFDIR | 0755
#define REG INITFS_S_IFREG | 0644
#define EXE INITFS_S_IFREG | 0755
#define LNK INITFS_S_IFLNK | 0777

#define HDR(field) offsetof(initfs_disk_header_t, field)
#define ENT(i, field)                                                      \
	(sizeof(initfs_disk_header_t) + (i) * sizeof(initfs_disk_entry_t) + \
	 offsetof(initfs_disk_entry_t, field))

typedef struct tfile {
	const char *name;
	uint32_t mode;
	const char *data; /* file contents or symlink target; NULL for none */
} tfile_t;

static uint8_t *img; /* malloc'd to exactly img_size bytes */
static size_t img_size;
static initfs_t fs;
static initfs_entry_t e;

static void img_set(const void *bytes, size_t size)
{
	free(img);
	img = malloc(size ? size : 1);
	memcpy(img, bytes, size);
	img_size = size;
}

static size_t img_align(size_t n)
{
	return (n + INITFS_ALIGN - 1) & ~(size_t)(INITFS_ALIGN - 1);
}

/* Header, entries, names, then each file's data at the next 4096 bytes. */
static void img_build(const tfile_t *files, uint32_t n)
{
	static uint8_t buf[1 << 16];
	initfs_disk_header_t h = { .version = INITFS_VERSION, .entry_count = n };
	size_t names = 0, data;

	memset(buf, 0, sizeof buf);
	memcpy(h.magic, INITFS_MAGIC, sizeof h.magic);
	h.strtab_offset = sizeof h + n * sizeof(initfs_disk_entry_t);
	for (uint32_t i = 0; i < n; i++)
		names += strlen(files[i].name) + 1;
	h.strtab_size = names;
	data = img_align(h.strtab_offset + names);
	names = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t len = strlen(files[i].name);
		size_t size = files[i].data ? strlen(files[i].data) : 0;
		initfs_disk_entry_t d = {
			.name_offset = names, .name_length = (uint32_t)len,
			.mode = files[i].mode, .data_size = size,
		};
		memcpy(buf + h.strtab_offset + names, files[i].name, len + 1);
		names += len + 1;
		if (size) {
			d.data_offset = data;
			memcpy(buf + data, files[i].data, size);
			data = img_align(data + size);
		}
		memcpy(buf + ENT(i, name_offset), &d, sizeof d);
	}
	h.total_size = data;
	memcpy(buf, &h, sizeof h);
	img_set(buf, data);
}

static void img_put32(size_t off, uint32_t v) { memcpy(img + off, &v, 4); }
static void img_put64(size_t off, uint64_t v) { memcpy(img + off, &v, 8); }

static uint64_t img_get64(size_t off)
{
	uint64_t v;

	memcpy(&v, img + off, 8);
	return v;
}

static int img_open(void)
{
	return initfs_open(&fs, img, img_size);
}

/* Sorted byte by byte: '-' sorts before '/', so "bin-x" sits inside "bin". */
static const tfile_t sample[] = {
	{ "bin", DIR, NULL },
	{ "bin-x", REG, "a sibling of bin" },
	{ "bin/init", EXE, "\177ELF init" },
	{ "bin/sh", LNK, "init" },
	{ "bin/tests", DIR, NULL },
	{ "bin/tests/test_a", EXE, "test a" },
	{ "empty", DIR, NULL },
	{ "etc", DIR, NULL },
	{ "etc/empty", REG, "" },
	{ "etc/motd", REG, "Welcome to Tessera\n" },
};
#define SAMPLE_COUNT (uint32_t)(sizeof sample / sizeof sample[0])

static void img_sample(void)
{
	img_build(sample, SAMPLE_COUNT);
}

/* One regular file named name, optionally with data. */
static void img_single(const char *name, uint32_t mode, const char *data)
{
	tfile_t f = { name, mode, data };

	img_build(&f, 1);
}

TEST(initfs_sample_image_opens)
{
	img_sample();
	CHECK_EQ(img_size, 6 * 4096);
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(fs.count, SAMPLE_COUNT);
	CHECK(fs.base == img);
	CHECK_EQ(fs.size, img_size);
}

TEST(initfs_empty_archive_opens)
{
	img_build(NULL, 0);
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(fs.count, 0);
	CHECK_EQ(initfs_lookup(&fs, "/", &e), 0);
	CHECK_EQ(initfs_lookup(&fs, "bin", &e), -ENOENT);
	CHECK_EQ(initfs_entry_at(&fs, 0, &e), -ENOENT);
}

TEST(initfs_lookup_finds_files_and_directories)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_lookup(&fs, "bin/init", &e), 0);
	CHECK_STR(e.name, "bin/init");
	CHECK_EQ(e.name_len, 8);
	CHECK_EQ(e.mode, 0100755);
	CHECK_EQ(e.size, 9);
	CHECK(memcmp(e.data, "\177ELF init", 9) == 0);
	CHECK_EQ((e.data - img) % INITFS_ALIGN, 0);
	CHECK_EQ(e.index, 2);
	CHECK_EQ(e.uid, 0);
	CHECK_EQ(e.gid, 0);
	CHECK_EQ(e.mtime, 0);
	CHECK_EQ(initfs_lookup(&fs, "bin/tests", &e), 0);
	CHECK_EQ(e.mode, 040755);
	CHECK_EQ(e.size, 0);
	CHECK_EQ(initfs_lookup(&fs, "etc/motd", &e), 0);
	CHECK_EQ(e.mode, 0100644);
	CHECK(memcmp(e.data, "Welcome to Tessera\n", e.size) == 0);
	CHECK_EQ(initfs_lookup(&fs, "bin-x", &e), 0);
	CHECK_EQ(e.index, 1);
}

TEST(initfs_lookup_accepts_one_leading_slash)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_lookup(&fs, "/bin/tests/test_a", &e), 0);
	CHECK_STR(e.name, "bin/tests/test_a");
	CHECK_EQ(initfs_lookup(&fs, "//bin/init", &e), -ENOENT);
}

TEST(initfs_lookup_root_is_a_synthesized_directory)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_lookup(&fs, "/", &e), 0);
	CHECK_STR(e.name, "");
	CHECK_EQ(e.name_len, 0);
	CHECK_EQ(e.mode, 040755);
	CHECK_EQ(e.size, 0);
	CHECK_EQ(e.index, INITFS_ROOT_INDEX);
	CHECK_EQ(initfs_lookup(&fs, "", &e), 0);
	CHECK_EQ(e.index, INITFS_ROOT_INDEX);
}

TEST(initfs_lookup_of_missing_or_unclean_paths_is_enoent)
{
	static const char *const missing[] = {
		"bi", "bin/", "bin//init", "bin/./init", "bin/init/x",
		"bin/tests/test_b", "etc/motd2", "zzz", "a", "bin/initx",
	};

	img_sample();
	CHECK_EQ(img_open(), 0);
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
		CHECK_EQ(initfs_lookup(&fs, missing[i], &e), -ENOENT);
}

TEST(initfs_lookup_of_overlong_path_is_enametoolong)
{
	char path[INITFS_PATH_MAX + 3];

	img_sample();
	CHECK_EQ(img_open(), 0);
	memset(path, 'a', sizeof path);
	path[0] = '/';
	path[INITFS_PATH_MAX + 1] = '\0'; /* "/" and 255 bytes: fine */
	CHECK_EQ(initfs_lookup(&fs, path, &e), -ENOENT);
	CHECK_EQ(initfs_lookup(&fs, path + 1, &e), -ENOENT);
	path[INITFS_PATH_MAX + 1] = 'a';
	path[INITFS_PATH_MAX + 2] = '\0'; /* 256 bytes after the '/' */
	CHECK_EQ(initfs_lookup(&fs, path, &e), -ENAMETOOLONG);
	CHECK_EQ(initfs_readdir(&fs, path, &(uint32_t){ 0 }, &e), -ENAMETOOLONG);
}

TEST(initfs_symlink_is_not_followed_and_holds_its_target)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_lookup(&fs, "/bin/sh", &e), 0);
	CHECK_EQ(e.mode, 0120777);
	CHECK_EQ(e.size, 4);
	CHECK(memcmp(e.data, "init", 4) == 0);
}

TEST(initfs_empty_file_has_zero_size_and_a_valid_pointer)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_lookup(&fs, "etc/empty", &e), 0);
	CHECK_EQ(e.mode, 0100644);
	CHECK_EQ(e.size, 0);
	CHECK(e.data == img);
}

TEST(initfs_entry_at_lists_in_name_order_then_enoent)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	for (uint32_t i = 0; i < SAMPLE_COUNT; i++) {
		CHECK_EQ(initfs_entry_at(&fs, i, &e), 0);
		CHECK_STR(e.name, sample[i].name);
		CHECK_EQ(e.mode, sample[i].mode);
		CHECK_EQ(e.index, i);
	}
	CHECK_EQ(initfs_entry_at(&fs, SAMPLE_COUNT, &e), -ENOENT);
	CHECK_EQ(initfs_entry_at(&fs, UINT32_MAX, &e), -ENOENT);
}

/* Reads all of dir's children into names, separated by spaces. */
static int readdir_all(const char *dir, char *names, size_t cap)
{
	uint32_t cookie = 0;
	int err, n = 0;

	names[0] = '\0';
	while ((err = initfs_readdir(&fs, dir, &cookie, &e)) == 0) {
		if (strlen(names) + e.name_len + 2 > cap)
			return -1;
		if (n++)
			strcat(names, " ");
		strcat(names, e.name);
	}
	return err == -ENOENT ? n : err;
}

TEST(initfs_readdir_root_lists_the_top_level)
{
	char names[256];

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(readdir_all("/", names, sizeof names), 4);
	CHECK_STR(names, "bin bin-x empty etc");
	CHECK_EQ(readdir_all("", names, sizeof names), 4);
}

TEST(initfs_readdir_nested_lists_only_direct_children)
{
	char names[256];

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(readdir_all("bin", names, sizeof names), 3);
	CHECK_STR(names, "bin/init bin/sh bin/tests");
	CHECK_EQ(readdir_all("/bin/tests", names, sizeof names), 1);
	CHECK_STR(names, "bin/tests/test_a");
	CHECK_EQ(readdir_all("etc", names, sizeof names), 2);
	CHECK_STR(names, "etc/empty etc/motd");
}

TEST(initfs_readdir_of_empty_directory_ends_at_once)
{
	uint32_t cookie = 0;

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_readdir(&fs, "empty", &cookie, &e), -ENOENT);
	CHECK_EQ(initfs_readdir(&fs, "empty", &cookie, &e), -ENOENT);
}

TEST(initfs_readdir_stays_at_the_end)
{
	uint32_t cookie = 0;

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_readdir(&fs, "bin/tests", &cookie, &e), 0);
	CHECK_EQ(initfs_readdir(&fs, "bin/tests", &cookie, &e), -ENOENT);
	CHECK_EQ(initfs_readdir(&fs, "bin/tests", &cookie, &e), -ENOENT);
	cookie = UINT32_MAX;
	CHECK_EQ(initfs_readdir(&fs, "/", &cookie, &e), -ENOENT);
}

TEST(initfs_readdir_of_file_or_symlink_is_enotdir)
{
	uint32_t cookie = 0;

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_readdir(&fs, "bin/init", &cookie, &e), -ENOTDIR);
	CHECK_EQ(initfs_readdir(&fs, "bin/sh", &cookie, &e), -ENOTDIR);
}

TEST(initfs_readdir_of_missing_directory_is_enoent)
{
	uint32_t cookie = 0;

	img_sample();
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(initfs_readdir(&fs, "nope", &cookie, &e), -ENOENT);
}

TEST(initfs_rejects_truncated_image)
{
	img_sample();
	CHECK_EQ(initfs_open(&fs, img, 0), -EINVAL);
	CHECK_EQ(initfs_open(&fs, NULL, 0), -EINVAL);
	for (size_t n = 0; n < sizeof(initfs_disk_header_t); n++)
		CHECK_EQ(initfs_open(&fs, img, n), -EINVAL);
	CHECK_EQ(initfs_open(&fs, img, img_size - 1), -EINVAL);
	CHECK_EQ(initfs_open(&fs, img, 4096), -EINVAL);
	/* A longer module is fine: total_size says where the image ends. */
	uint8_t *longer = calloc(1, img_size + 4096);
	memcpy(longer, img, img_size);
	int err = initfs_open(&fs, longer, img_size + 4096);
	free(longer);
	CHECK_EQ(err, 0);
}

TEST(initfs_rejects_bad_magic)
{
	img_sample();
	img[7] = 'G';
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_bad_version)
{
	img_sample();
	img_put32(HDR(version), 0);
	CHECK_EQ(img_open(), -EINVAL);
	img_put32(HDR(version), 2);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_total_size_out_of_range)
{
	img_sample();
	img_put64(HDR(total_size), img_size + 1);
	CHECK_EQ(img_open(), -EINVAL);
	img_put64(HDR(total_size), sizeof(initfs_disk_header_t) - 1);
	CHECK_EQ(img_open(), -EINVAL);
	img_put64(HDR(total_size), img_size - 4096); /* cuts etc/motd off */
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_entry_table_past_the_end)
{
	img_sample();
	img_put32(HDR(entry_count), SAMPLE_COUNT + 1); /* overlaps the names */
	CHECK_EQ(img_open(), -EINVAL);
	img_put32(HDR(entry_count), UINT32_MAX);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_string_table_out_of_bounds)
{
	img_sample();
	uint64_t off = img_get64(HDR(strtab_offset));
	img_put64(HDR(strtab_offset), off - 1); /* inside the entry table */
	CHECK_EQ(img_open(), -EINVAL);
	img_put64(HDR(strtab_offset), img_size);
	CHECK_EQ(img_open(), -EINVAL);
	img_put64(HDR(strtab_offset), off);
	img_put64(HDR(strtab_size), img_size - off + 1);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_string_table_over_the_entry_table)
{
	img_sample();
	uint64_t off = img_get64(HDR(strtab_offset));
	/* The same names, reached through a table that starts at 0. */
	img_put64(HDR(strtab_offset), 0);
	img_put64(HDR(strtab_size), off + img_get64(HDR(strtab_size)));
	for (uint32_t i = 0; i < SAMPLE_COUNT; i++)
		img_put64(ENT(i, name_offset), img_get64(ENT(i, name_offset)) + off);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_name_out_of_bounds)
{
	img_sample();
	uint64_t strtab_size = img_get64(HDR(strtab_size));
	img_put64(ENT(9, name_offset), strtab_size);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put32(ENT(9, name_length), 9); /* "etc/motd" and its NUL, plus one */
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put32(ENT(9, name_length), INITFS_PATH_MAX + 1);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_name_without_its_nul)
{
	img_sample();
	img_put32(ENT(0, name_length), 2); /* "bi", followed by 'n' */
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_data_out_of_bounds)
{
	img_sample();
	img_put64(ENT(9, data_size), 4097); /* motd is in the last page */
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, data_offset), img_size);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_overflowing_offsets)
{
	img_sample();
	img_put64(ENT(9, name_offset), UINT64_MAX);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, name_offset), UINT64_MAX - 8);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, data_offset), UINT64_MAX & ~(uint64_t)4095);
	img_put64(ENT(9, data_size), 8192);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, data_size), UINT64_MAX);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(HDR(strtab_offset), UINT64_MAX);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(HDR(strtab_size), UINT64_MAX);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(HDR(total_size), UINT64_MAX);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_unsorted_names)
{
	static const tfile_t files[] = {
		{ "b", REG, "b" }, { "a", REG, "a" },
	};

	img_build(files, 2);
	CHECK_EQ(img_open(), -EINVAL);
	img_build(files + 1, 1);
	CHECK_EQ(img_open(), 0);
}

TEST(initfs_rejects_duplicate_names)
{
	static const tfile_t files[] = {
		{ "a", REG, "a" }, { "a", REG, "b" },
	};

	img_build(files, 2);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_bad_path_components)
{
	static const char *const bad[] = {
		"", "/a", "a/", "a//b", ".", "..", "./a", "a/.", "a/..", "a/../b",
		"a/./b",
	};
	static const tfile_t ok[] = {
		{ "...", REG, NULL }, { ".a", REG, NULL }, { "a", DIR, NULL },
		{ "a/..b", REG, NULL }, { "a/b.", REG, NULL },
	};

	img_build(ok, 5);
	CHECK_EQ(img_open(), 0);
	/* Beside a directory "a", so that "a/" fails for its name alone. */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tfile_t pair[2] = { { "a", DIR, NULL }, { bad[i], REG, "x" } };
		if (strcmp(bad[i], "a") < 0)
			pair[0] = pair[1], pair[1] = (tfile_t){ "a", DIR, NULL };
		img_build(pair, 2);
		CHECK_EQ(img_open(), -EINVAL);
	}
	img_single("abcd", REG, "x");
	CHECK_EQ(img_open(), 0);
	img[sizeof(initfs_disk_header_t) + sizeof(initfs_disk_entry_t) + 1] = '\0';
	CHECK_EQ(img_open(), -EINVAL); /* "a\0cd" */
}

TEST(initfs_rejects_overlong_names)
{
	char name[INITFS_PATH_MAX + 2];

	memset(name, 'n', sizeof name);
	name[INITFS_PATH_MAX] = '\0';
	img_single(name, REG, "x");
	CHECK_EQ(img_open(), 0);
	name[INITFS_PATH_MAX] = 'n';
	name[INITFS_PATH_MAX + 1] = '\0';
	img_single(name, REG, "x");
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_missing_or_non_directory_parents)
{
	static const tfile_t orphan[] = {
		{ "bin", DIR, NULL }, { "bin/tests/a", REG, "a" },
	};
	static const tfile_t under_file[] = {
		{ "bin", REG, "x" }, { "bin/a", REG, "a" },
	};
	static const tfile_t under_link[] = {
		{ "bin", LNK, "etc" }, { "bin/a", REG, "a" },
	};

	img_build(orphan, 2);
	CHECK_EQ(img_open(), -EINVAL);
	img_build(under_file, 2);
	CHECK_EQ(img_open(), -EINVAL);
	img_build(under_link, 2);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_misaligned_data)
{
	img_sample();
	img_put64(ENT(9, data_offset), img_get64(ENT(9, data_offset)) + 8);
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, data_offset), img_get64(ENT(9, data_offset)) - 2048);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_overlapping_or_misplaced_data)
{
	img_sample();
	img_put64(ENT(9, data_offset), img_get64(ENT(5, data_offset)));
	CHECK_EQ(img_open(), -EINVAL); /* motd on test_a's page */
	img_sample();
	img_put64(ENT(2, data_size), 4097); /* init runs into sh's page */
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(9, data_offset), 0); /* on the header */
	CHECK_EQ(img_open(), -EINVAL);
	img_sample();
	img_put64(ENT(8, data_offset), 4096); /* an empty file with an offset */
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_unknown_file_types)
{
	static const uint32_t modes[] = {
		0010644, 0020644, 0060644, 0140755, 0, 0170644,
		0100644 | 0200000, 0x80000000u | 0100644,
	};

	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		img_single("f", modes[i], "x");
		CHECK_EQ(img_open(), -EINVAL);
	}
	img_single("f", INITFS_S_IFREG | 07777, "x");
	CHECK_EQ(img_open(), 0);
}

TEST(initfs_rejects_directory_with_data_and_empty_symlinks)
{
	img_single("d", DIR, "x");
	CHECK_EQ(img_open(), -EINVAL);
	img_single("l", LNK, NULL);
	CHECK_EQ(img_open(), -EINVAL);
	img_single("l", LNK, "a\0b"); /* strlen stops at the NUL: "a" */
	CHECK_EQ(img_open(), 0);
	img[img_get64(ENT(0, data_offset)) + 1] = '\0';
	img_put64(ENT(0, data_size), 2); /* "a\0" */
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_rejects_overlong_symlink_targets)
{
	static char target[INITFS_SYMLINK_MAX + 2];

	memset(target, 't', INITFS_SYMLINK_MAX);
	img_single("l", LNK, target);
	CHECK_EQ(img_open(), 0);
	target[INITFS_SYMLINK_MAX] = 't';
	img_single("l", LNK, target);
	CHECK_EQ(img_open(), -EINVAL);
}

TEST(initfs_failed_open_leaves_fs_untouched)
{
	img_sample();
	CHECK_EQ(img_open(), 0);
	initfs_t before = fs;
	img[0] = 'X';
	CHECK_EQ(img_open(), -EINVAL);
	CHECK(memcmp(&before, &fs, sizeof fs) == 0);
}

static uint64_t xorshift_state;
static volatile uint8_t fuzz_sink;

static uint64_t xorshift(void)
{
	uint64_t x = xorshift_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return xorshift_state = x;
}

/* Everything an opened image hands out lies within it; -1 if not. */
static int fuzz_check_opened(const uint8_t *buf, size_t n)
{
	const uint8_t *end = buf + fs.size;
	uint32_t cookie = 0, children = 0;
	initfs_entry_t f;

	if (fs.size > n || fs.base != buf)
		return -1;
	for (uint32_t i = 0; i < fs.count; i++) {
		if (initfs_entry_at(&fs, i, &e))
			return -1;
		const uint8_t *name = (const uint8_t *)e.name;
		if (name < buf || name >= end || e.name_len >= (size_t)(end - name))
			return -1;
		if (strlen(e.name) != e.name_len)
			return -1;
		if (e.size && (e.data < buf || e.size > (uint64_t)(end - e.data) ||
			       (e.data - buf) % INITFS_ALIGN))
			return -1;
		if (e.size) /* read both ends, for ASan */
			fuzz_sink = e.data[0] ^ e.data[e.size - 1];
		if (initfs_lookup(&fs, e.name, &f) || f.index != i)
			return -1;
		if ((e.mode & INITFS_S_IFMT) == INITFS_S_IFDIR)
			while (initfs_readdir(&fs, e.name, &cookie, &f) == 0)
				if (++children > fs.count)
					return -1;
		cookie = 0;
	}
	while (initfs_readdir(&fs, "/", &cookie, &f) == 0)
		if (++children > 2 * fs.count)
			return -1;
	return 0;
}

TEST(initfs_fuzz_mutations_never_escape_bounds)
{
	int accepted = 0, rejected = 0;

	img_sample();
	xorshift_state = 0x9e3779b97f4a7c15ull;
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = img_size;
		if (xorshift() % 8 == 0)
			n = xorshift() % img_size;
		uint8_t *buf = malloc(n ? n : 1);
		memcpy(buf, img, n);
		for (int k = 1 + xorshift() % 4; k > 0 && n; k--) {
			/* Mostly the metadata: the first 1 KiB holds all of it. */
			size_t span = xorshift() % 4 && n > 1024 ? 1024 : n;
			size_t pos = xorshift() % span;
			uint64_t r = xorshift();
			buf[pos] = r % 3 == 0 ? (uint8_t)(r >> 8) :
				   r % 3 == 1 ? buf[pos] ^ (uint8_t)(1u << (r >> 8) % 8) :
				   (r >> 8) % 2 ? 0xff : 0;
		}
		int err = initfs_open(&fs, buf, n);
		int bad = err ? 0 : fuzz_check_opened(buf, n);
		free(buf);
		CHECK(err == 0 || err == -EINVAL);
		CHECK_EQ(bad, 0);
		if (err)
			rejected++;
		else
			accepted++;
	}
	CHECK(accepted > 1000);
	CHECK(rejected > 1000);
}

/* --- tools/mkinitfs.py ---------------------------------------------------- */

static char tmpdir[64];
static char cmd[1024];

static void tmp_path(char *out, size_t cap, const char *rel)
{
	snprintf(out, cap, "%s/%s", tmpdir, rel);
}

static int tmp_write(const char *rel, const char *data, mode_t mode)
{
	char path[512];

	tmp_path(path, sizeof path, rel);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs(data, f);
	fclose(f);
	return chmod(path, mode);
}

static int tmp_mkdir(const char *rel)
{
	char path[512];

	tmp_path(path, sizeof path, rel);
	return mkdir(path, 0755) == 0 ? chmod(path, 0755) : -1;
}

/* A fresh temporary directory holding root/, the tree to pack. */
static int tree_create(void)
{
	char path[256];

	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_initfs.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	tmp_path(path, sizeof path, "root/bin/motd");
	if (tmp_mkdir("root") || tmp_mkdir("root/bin") || tmp_mkdir("root/bin/tests") ||
	    tmp_mkdir("root/etc") || tmp_mkdir("root/empty") ||
	    tmp_write("root/bin/init", "\177ELF pretend init", 0755) ||
	    tmp_write("root/bin/tests/test_a", "test a", 0700) ||
	    tmp_write("root/etc/motd", "Welcome to Tessera\n", 0644) ||
	    tmp_write("root/etc/empty", "", 0600) || symlink("../etc/motd", path))
		return -1;
	return 0;
}

static void tree_remove(void)
{
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	(void)!system(cmd);
}

/* Runs mkinitfs with args (relative paths are under tmpdir); exit status. */
static int mkinitfs(const char *args)
{
	char repo[256];

	if (!getcwd(repo, sizeof repo))
		return -1;
	snprintf(cmd, sizeof cmd, "cd %s && python3 %s/tools/mkinitfs.py %s", tmpdir,
		 repo, args);
	int status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Reads tmpdir/rel into img; -1 if it cannot. */
static int img_load(const char *rel)
{
	char path[256];
	static uint8_t buf[1 << 16];

	tmp_path(path, sizeof path, rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf, f);
	int err = ferror(f) || !feof(f);
	fclose(f);
	if (err)
		return -1;
	img_set(buf, n);
	return 0;
}

TEST(mkinitfs_image_round_trips)
{
	char names[256];

	CHECK_EQ(tree_create(), 0);
	CHECK_EQ(mkinitfs("a.img root"), 0);
	CHECK_EQ(img_load("a.img"), 0);
	tree_remove();
	CHECK_EQ(img_size % INITFS_ALIGN, 0);
	CHECK_EQ(img_open(), 0);
	CHECK_EQ(fs.count, 9);
	CHECK_EQ(fs.size, img_size);
	CHECK_EQ(initfs_lookup(&fs, "/bin/init", &e), 0);
	CHECK_EQ(e.mode, 0100755);
	CHECK_EQ(e.size, 17);
	CHECK(memcmp(e.data, "\177ELF pretend init", 17) == 0);
	CHECK_EQ((e.data - img) % INITFS_ALIGN, 0);
	CHECK_EQ(e.uid + e.gid + e.mtime, 0);
	CHECK_EQ(initfs_lookup(&fs, "/bin/tests/test_a", &e), 0);
	CHECK_EQ(e.mode, 0100700);
	CHECK_EQ(initfs_lookup(&fs, "/bin/motd", &e), 0);
	CHECK_EQ(e.mode & INITFS_S_IFMT, INITFS_S_IFLNK);
	CHECK(e.size == 11 && memcmp(e.data, "../etc/motd", 11) == 0);
	CHECK_EQ(initfs_lookup(&fs, "/etc/empty", &e), 0);
	CHECK_EQ(e.mode, 0100600);
	CHECK_EQ(e.size, 0);
	CHECK_EQ(initfs_lookup(&fs, "/empty", &e), 0);
	CHECK_EQ(e.mode, 040755);
	CHECK_EQ(readdir_all("/", names, sizeof names), 3);
	CHECK_STR(names, "bin empty etc");
	CHECK_EQ(readdir_all("/bin", names, sizeof names), 3);
	CHECK_STR(names, "bin/init bin/motd bin/tests");
}

TEST(mkinitfs_output_is_reproducible)
{
	char path[256];
	uint8_t *first;
	size_t first_size;

	CHECK_EQ(tree_create(), 0);
	CHECK_EQ(mkinitfs("a.img root"), 0);
	tmp_path(path, sizeof path, "root/etc/motd");
	CHECK_EQ(utime(path, &(struct utimbuf){ .actime = 1, .modtime = 1 }), 0);
	CHECK_EQ(mkinitfs("b.img root"), 0);
	CHECK_EQ(img_load("a.img"), 0);
	first = img;
	first_size = img_size;
	img = NULL;
	int loaded = img_load("b.img");
	tree_remove();
	int same = loaded == 0 && first_size == img_size &&
		   memcmp(first, img, img_size) == 0;
	free(first);
	CHECK(same);
}

TEST(mkinitfs_rejects_special_files_and_long_paths)
{
	char path[512], dir[200];

	CHECK_EQ(tree_create(), 0);
	tmp_path(path, sizeof path, "root/etc/fifo");
	CHECK_EQ(mkfifo(path, 0644), 0);
	int fifo = mkinitfs("a.img root 2>/dev/null");
	int fifo_img = img_load("a.img") != 0;
	CHECK_EQ(unlink(path), 0);
	memset(dir, 'd', sizeof dir - 1);
	dir[sizeof dir - 1] = '\0';
	snprintf(path, sizeof path, "root/%s", dir);
	CHECK_EQ(tmp_mkdir(path), 0);
	snprintf(path, sizeof path, "root/%s/%.60s", dir, dir); /* 260 bytes */
	CHECK_EQ(tmp_write(path, "x", 0644), 0);
	int longpath = mkinitfs("a.img root 2>/dev/null");
	int missing = mkinitfs("a.img nonexistent 2>/dev/null");
	int usage = mkinitfs("a.img 2>/dev/null");
	tree_remove();
	CHECK_EQ(fifo, 1);
	CHECK(fifo_img); /* no image left behind */
	CHECK_EQ(longpath, 1);
	CHECK_EQ(missing, 1);
	CHECK_EQ(usage, 2);
}

TEST(mkinitfs_list_prints_mode_size_and_path)
{
	char path[256], text[1024];

	CHECK_EQ(tree_create(), 0);
	CHECK_EQ(mkinitfs("a.img root"), 0);
	CHECK_EQ(mkinitfs("--list a.img > list.txt"), 0);
	tmp_path(path, sizeof path, "list.txt");
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	tree_remove();
	CHECK(strstr(text, "0040755          0 /bin\n") != NULL);
	CHECK(strstr(text, "0100755         17 /bin/init\n") != NULL);
	CHECK(strstr(text, "0120777         11 /bin/motd -> ../etc/motd\n") != NULL);
	CHECK(strstr(text, "0100644         19 /etc/motd\n") != NULL);
}
