// SPDX-License-Identifier: MIT
/*
 * file_meta: the cost of a file's life in one directory, in ns per
 * operation. Three figures:
 *
 *   file_create   open(O_WRONLY | O_CREAT | O_EXCL) and close: a new empty file
 *   file_stat     stat of one of those files by path
 *   file_unlink   unlink of one of them
 *
 * A run creates META_FILES files named f0000, f0001, ... in a fresh
 * directory, stats each, then unlinks each, timing the three passes
 * apart; BENCH_RUNS runs and the median of each. A fixed number of files
 * rather than bench.h's calibration, since the cost of an operation
 * depends on how full the directory is (ext2's directories are linear:
 * each lookup reads the entries before the name) and both systems should
 * see the same directory. Nothing is fsynced: this is the file system's
 * cache and its scheme or system-call path, not the disk.
 *
 * Where the directory lives: file_dir.h (ext2 on the disk with `make bench`).
 */
#define BENCH_NAME "file_meta"
#include "bench.h"
#include "file_dir.h"

#include <fcntl.h>

#define META_FILES 1000

static char meta_dir[FILE_DIR_MAX];

static void meta_path(char *path, size_t size, int i)
{
	char name[16];

	snprintf(name, sizeof(name), "f%04d", i);
	file_dir_path(path, size, meta_dir, name);
}

static uint64_t meta_create_all(void)
{
	char path[FILE_DIR_MAX + 16];
	uint64_t start = bench_now_ns();

	for (int i = 0; i < META_FILES; i++) {
		meta_path(path, sizeof(path), i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			bench_fail("open O_CREAT");
		if (close(fd) < 0)
			bench_fail("close");
	}
	return bench_now_ns() - start;
}

static uint64_t meta_stat_all(void)
{
	char path[FILE_DIR_MAX + 16];
	struct stat st;
	uint64_t start = bench_now_ns();

	for (int i = 0; i < META_FILES; i++) {
		meta_path(path, sizeof(path), i);
		if (stat(path, &st) < 0)
			bench_fail("stat");
	}
	return bench_now_ns() - start;
}

static uint64_t meta_unlink_all(void)
{
	char path[FILE_DIR_MAX + 16];
	uint64_t start = bench_now_ns();

	for (int i = 0; i < META_FILES; i++) {
		meta_path(path, sizeof(path), i);
		if (unlink(path) < 0)
			bench_fail("unlink");
	}
	return bench_now_ns() - start;
}

int main(void)
{
	uint64_t create[BENCH_RUNS], st[BENCH_RUNS], del[BENCH_RUNS];

	file_dir_make(meta_dir, sizeof(meta_dir));
	for (int i = 0; i < BENCH_RUNS; i++) {
		create[i] = bench_ns_tenths(meta_create_all(), META_FILES);
		st[i] = bench_ns_tenths(meta_stat_all(), META_FILES);
		del[i] = bench_ns_tenths(meta_unlink_all(), META_FILES);
	}
	bench_print_median_as("file_create", create, "ns");
	bench_print_median_as("file_stat", st, "ns");
	bench_print_median_as("file_unlink", del, "ns");
	if (rmdir(meta_dir) < 0)
		bench_fail("rmdir");
	return 0;
}
