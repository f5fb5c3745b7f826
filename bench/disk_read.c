// SPDX-License-Identifier: MIT
/*
 * disk_read: raw sequential read of the disk, in MB/s (10^6 B/s): the
 * disk driver's scheme with no file system in between (docs/disk.md).
 *
 * Tessera: the first `disk.*` scheme in sys:schemes (not a driver's
 * `.ctl` control scheme), its whole disk `SCHEME:0`, read from the start
 * in 1 MiB reads, DISK_READ_BYTES (or the whole disk if smaller) per run;
 * BENCH_RUNS runs, the median. The driver has no cache, so every run goes
 * to the device (with `make bench`, QEMU's AHCI disk, whose image file the
 * host may well have in its page cache). A Tessera without a disk prints
 * `disk_read n/a`, as does Linux, which has no such scheme (reading
 * /dev/sdX would need root and is not the same path at all).
 */
#define BENCH_NAME "disk_read"
#include "bench.h"

#ifdef __tessera__

#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>

#define DISK_READ_BYTES (64u << 20)
#define DISK_READ_CHUNK (1u << 20)

/* The first disk scheme's name into name; false if there is none. */
static bool disk_find(char *name, size_t size)
{
	static char list[4096];
	ssize_t len = 0, got;
	int fd = open("sys:schemes", O_RDONLY);

	if (fd < 0)
		bench_fail("open sys:schemes");
	while ((size_t)len < sizeof(list) - 1 &&
	       (got = read(fd, list + len, sizeof(list) - 1 - (size_t)len)) > 0)
		len += got;
	close(fd);
	list[len] = '\0';
	for (char *save = NULL, *s = strtok_r(list, "\n", &save); s;
	     s = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(s);
		if (strncmp(s, "disk.", 5) != 0 || (n >= 4 && strcmp(s + n - 4, ".ctl") == 0))
			continue;
		if (n + 3 > size)
			continue;
		snprintf(name, size, "%s:0", s);
		return true;
	}
	return false;
}

static uint64_t disk_read_run(int fd, char *buf, uint64_t bytes)
{
	uint64_t start = bench_now_ns();

	if (lseek(fd, 0, SEEK_SET) != 0)
		bench_fail("lseek");
	for (uint64_t done = 0; done < bytes; done += DISK_READ_CHUNK)
		if (read(fd, buf, DISK_READ_CHUNK) != DISK_READ_CHUNK)
			bench_fail("read");
	return bench_now_ns() - start;
}

int main(void)
{
	char path[80];
	struct stat st;
	uint64_t runs[BENCH_RUNS], bytes = DISK_READ_BYTES;
	char *buf;

	if (!disk_find(path, sizeof(path))) {
		fprintf(stderr, BENCH_NAME ": no disk.* scheme\n");
		bench_print_na(BENCH_NAME);
		return 0;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		bench_fail(path);
	if (fstat(fd, &st) < 0)
		bench_fail("fstat");
	if ((uint64_t)st.st_size < bytes)
		bytes = (uint64_t)st.st_size / DISK_READ_CHUNK * DISK_READ_CHUNK;
	if (bytes == 0) {
		errno = ENOSPC;
		bench_fail("the disk is smaller than one read");
	}
	if (posix_memalign((void **)&buf, bench_page_size(), DISK_READ_CHUNK) != 0)
		bench_fail("posix_memalign");
	memset(buf, 0, DISK_READ_CHUNK);        /* pages present before timing */
	for (int i = 0; i < BENCH_RUNS; i++)
		runs[i] = bench_mbps_tenths(bytes, disk_read_run(fd, buf, bytes));
	bench_print_median(runs, "MB/s");
	close(fd);
	return 0;
}

#else

int main(void)
{
	bench_print_na(BENCH_NAME);
	return 0;
}

#endif
