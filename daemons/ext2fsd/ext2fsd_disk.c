// SPDX-License-Identifier: MIT
/*
 * The device with its retry on driver death (ext2fsd_disk.h has the
 * model). Only EIO means "the driver went away": any other error (EINVAL
 * for a misaligned transfer, ENOSPC past the end) is the file system's to
 * see. A transfer that was partly done when the driver died resumes from
 * where it stopped.
 */
#include "ext2fsd_disk.h"

#include <errno.h>
#include <string.h>

int ext2fsd_disk_open(ext2fsd_disk_t *disk, const ext2fsd_disk_sys_t *sys, const char *path)
{
	memset(disk, 0, sizeof(*disk));
	if (strlen(path) >= sizeof(disk->path))
		return -ENAMETOOLONG;
	disk->sys = sys;
	strcpy(disk->path, path);
	disk->retry_ms = 50;
	disk->give_up_ms = 30000;
	disk->fd = sys->open(path);
	return disk->fd < 0 ? disk->fd : 0;
}

void ext2fsd_disk_close(ext2fsd_disk_t *disk)
{
	if (disk->fd >= 0)
		disk->sys->close(disk->fd);
	disk->fd = -1;
}

/* The driver died: waits for its scheme to come back; 0 or -EIO. */
static int ext2fsd_disk_reopen(ext2fsd_disk_t *disk)
{
	ext2fsd_disk_close(disk);
	for (unsigned waited = 0;; waited += disk->retry_ms) {
		int fd = disk->sys->open(disk->path);
		if (fd >= 0) {
			disk->fd = fd;
			disk->reopens++;
			return 0;
		}
		if (waited >= disk->give_up_ms)
			break;
		disk->sys->sleep_ms(disk->retry_ms);
	}
	disk->failures++;
	return -EIO;
}

static int ext2fsd_disk_xfer(ext2fsd_disk_t *disk, bool write, uint64_t off, void *buf,
			     size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = -EIO;
		if (disk->fd >= 0)
			n = write ? disk->sys->pwrite(disk->fd, (char *)buf + done, len - done, off + done)
				  : disk->sys->pread(disk->fd, (char *)buf + done, len - done, off + done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -EINTR)
			continue;
		if (n == 0)
			return -EIO;    /* past the end of the device */
		if (n != -EIO)
			return (int)n;
		if (ext2fsd_disk_reopen(disk))
			return -EIO;
	}
	return 0;
}

static int ext2fsd_disk_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	return ext2fsd_disk_xfer(ctx, false, off, buf, len);
}

static int ext2fsd_disk_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	return ext2fsd_disk_xfer(ctx, true, off, (void *)buf, len);
}

static int ext2fsd_disk_flush(void *ctx)
{
	ext2fsd_disk_t *disk = ctx;

	for (;;) {
		int err = disk->fd >= 0 ? disk->sys->fsync(disk->fd) : -EIO;
		if (err != -EIO && err != -EINTR)
			return err;
		if (err == -EIO && ext2fsd_disk_reopen(disk))
			return -EIO;
	}
}

ext2_dev_t ext2fsd_disk_dev(ext2fsd_disk_t *disk)
{
	return (ext2_dev_t){ .ctx = disk, .read = ext2fsd_disk_read,
			     .write = ext2fsd_disk_write, .flush = ext2fsd_disk_flush };
}
