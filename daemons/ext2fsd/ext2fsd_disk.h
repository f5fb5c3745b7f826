// SPDX-License-Identifier: MIT
/*
 * The block device under ext2fsd: a disk partition (`disk.virtio0:1`) or,
 * for testing, any file, reached through a descriptor — and the part of
 * "restart without loss" that is the file system's: when the disk driver
 * dies, every request in flight and every later one on the old
 * descriptor fails with EIO (the kernel's rule for a dead scheme). The
 * device then closes the descriptor, reopens the path every retry_ms
 * until the restarted driver has registered its scheme again (ENOENT
 * until then), and repeats the failed transfer, so the file system above
 * never sees the error. After give_up_ms without success the transfer
 * fails with EIO for real.
 *
 * Reads and writes are idempotent, so repeating one whose first attempt
 * may or may not have reached the disk is safe.
 *
 * The system calls are hooks (ext2fsd_disk_sys_t) so the host tests can
 * kill a fake driver at chosen moments; main.c supplies the real ones.
 */
#pragma once

#include "ext2.h"

typedef struct ext2fsd_disk_sys {
	int (*open)(const char *path);                          /* fd or -errno */
	void (*close)(int fd);
	long (*pread)(int fd, void *buf, size_t len, uint64_t off);     /* bytes or -errno */
	long (*pwrite)(int fd, const void *buf, size_t len, uint64_t off);
	int (*fsync)(int fd);                                   /* 0 or -errno */
	void (*sleep_ms)(unsigned ms);
} ext2fsd_disk_sys_t;

typedef struct ext2fsd_disk {
	const ext2fsd_disk_sys_t *sys;
	char path[256];
	int fd;                 /* -1 while the device is gone */
	unsigned retry_ms;      /* between reopen attempts (50) */
	unsigned give_up_ms;    /* then EIO (30000) */
	unsigned long reopens;  /* times the device came back */
	unsigned long failures; /* transfers that failed for good */
} ext2fsd_disk_t;

/* Opens path; 0 or -errno (the first open is not retried). */
int ext2fsd_disk_open(ext2fsd_disk_t *disk, const ext2fsd_disk_sys_t *sys, const char *path);
void ext2fsd_disk_close(ext2fsd_disk_t *disk);
/* The ext2_dev_t reading and writing through disk. */
ext2_dev_t ext2fsd_disk_dev(ext2fsd_disk_t *disk);
