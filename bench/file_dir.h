// SPDX-License-Identifier: MIT
/*
 * Where the file benchmarks (file_rw, file_meta) work: a fresh directory
 * of their own, removed when they are done, so runs never see each
 * other's files.
 *
 * On Tessera it is made under /var, on the root file system: with
 * root=tessera-root on the kernel command line (as `make bench` boots,
 * tools/bench.py) that is ext2fsd on the disk's root partition, so the
 * figures are ext2 on an AHCI disk; without it, it is ramfsd, a RAM file
 * system, and the figures mean something else (tools/bench.py checks the
 * boot log for the disk root). The disk image has no /var, so it is made
 * here. On Linux it is under $TMPDIR, or /tmp.
 *
 * Included after bench.h.
 */
#pragma once

#include <sys/stat.h>

#define FILE_DIR_MAX 256

/* Makes the directory; its path in dir. */
static inline void file_dir_make(char *dir, size_t size)
{
#ifdef __tessera__
	const char *base = "/var";

	if (mkdir(base, 0755) < 0 && errno != EEXIST)
		bench_fail("mkdir /var");
#else
	const char *base = getenv("TMPDIR");

	if (!base || !*base)
		base = "/tmp";
#endif
	if ((size_t)snprintf(dir, size, "%s/" BENCH_NAME "-XXXXXX", base) >= size) {
		errno = ENAMETOOLONG;
		bench_fail("directory name");
	}
	if (!mkdtemp(dir))
		bench_fail("mkdtemp");
}

/* path = dir/name; fails the benchmark if it does not fit. */
static inline void file_dir_path(char *path, size_t size, const char *dir, const char *name)
{
	if ((size_t)snprintf(path, size, "%s/%s", dir, name) >= size) {
		errno = ENAMETOOLONG;
		bench_fail("path");
	}
}
