// SPDX-License-Identifier: MIT
/*
 * file_rw: sequential write and read of one file through the file system,
 * in MB/s (10^6 B/s), with 4 KiB and with 1 MiB buffers. Four figures:
 * file_write_4k, file_read_4k, file_write_1m, file_read_1m.
 *
 * A write run creates the file (the previous one is unlinked first,
 * untimed), writes FILE_RW_BYTES in buffer-sized writes, fsyncs and
 * closes it: the time includes getting the data to the disk, not just
 * into the file system's cache. A read run opens the file just written
 * and reads it to its end. BENCH_RUNS runs of each, write then read, and
 * the median of each is printed; no calibration (bench.h), since the
 * amount of work is the point: the file is four times ext2fsd's block
 * cache (16 MiB), so on Tessera a read run finds at most its last quarter
 * cached — and reading from the start evicts that before it gets there —
 * and reads come from the disk. On Linux they come from the page cache:
 * the host has the memory to keep the whole file.
 *
 * Where the file lives: file_dir.h (ext2 on the disk with `make bench`).
 */
#define BENCH_NAME "file_rw"
#include "bench.h"
#include "file_dir.h"

#include <fcntl.h>

#define FILE_RW_BYTES (64u << 20)
#define FILE_RW_BUF   (1u << 20)      /* the larger buffer; the smaller one uses its start */

static char file_path[FILE_DIR_MAX + 16];
static char *file_buf;

static uint64_t file_write_run(size_t chunk)
{
	if (unlink(file_path) < 0 && errno != ENOENT)
		bench_fail("unlink");
	uint64_t start = bench_now_ns();
	int fd = open(file_path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		bench_fail("open for writing");
	for (size_t done = 0; done < FILE_RW_BYTES; done += chunk)
		if (write(fd, file_buf, chunk) != (ssize_t)chunk)
			bench_fail("write");
	if (fsync(fd) < 0)
		bench_fail("fsync");
	if (close(fd) < 0)
		bench_fail("close");
	return bench_now_ns() - start;
}

static uint64_t file_read_run(size_t chunk)
{
	uint64_t total = 0, start = bench_now_ns();
	ssize_t got;
	int fd = open(file_path, O_RDONLY);

	if (fd < 0)
		bench_fail("open for reading");
	while ((got = read(fd, file_buf, chunk)) > 0)
		total += (uint64_t)got;
	if (got < 0)
		bench_fail("read");
	close(fd);
	uint64_t ns = bench_now_ns() - start;
	if (total != FILE_RW_BYTES) {
		errno = EIO;
		bench_fail("read back a different size");
	}
	return ns;
}

static void file_rw_measure(size_t chunk, const char *write_name, const char *read_name)
{
	uint64_t wr[BENCH_RUNS], rd[BENCH_RUNS];

	for (int i = 0; i < BENCH_RUNS; i++) {
		wr[i] = bench_mbps_tenths(FILE_RW_BYTES, file_write_run(chunk));
		rd[i] = bench_mbps_tenths(FILE_RW_BYTES, file_read_run(chunk));
	}
	bench_print_median_as(write_name, wr, "MB/s");
	bench_print_median_as(read_name, rd, "MB/s");
}

int main(void)
{
	char dir[FILE_DIR_MAX];

	if (posix_memalign((void **)&file_buf, bench_page_size(), FILE_RW_BUF) != 0)
		bench_fail("posix_memalign");
	for (size_t i = 0; i < FILE_RW_BUF; i++)
		file_buf[i] = (char)(i * 131 + 7);      /* not zeros: nothing to elide */
	file_dir_make(dir, sizeof(dir));
	file_dir_path(file_path, sizeof(file_path), dir, "data");
	file_rw_measure(4096, "file_write_4k", "file_read_4k");
	file_rw_measure(FILE_RW_BUF, "file_write_1m", "file_read_1m");
	if (unlink(file_path) < 0)
		bench_fail("unlink");
	if (rmdir(dir) < 0)
		bench_fail("rmdir");
	return 0;
}
