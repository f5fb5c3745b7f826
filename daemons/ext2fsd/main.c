// SPDX-License-Identifier: MIT
/*
 * ext2fsd [-s SCHEME] [-c CACHE_BLOCKS] DEVICE: mounts the ext2 file
 * system on DEVICE (a disk partition such as `disk.virtio0:1`, or any
 * file) read-write and serves it as SCHEME (default `file`).
 *
 * The loop waits in ppoll for requests, with SIGTERM blocked except
 * inside the wait (so a SIGTERM is never lost between a check and the
 * wait) and a timeout while anything is dirty: every
 * EXT2FSD_FLUSH_MS the file system is synced (dirty blocks written, the
 * device flushed), so at most that much work is lost to a crash. SIGTERM
 * (init's stop) closes every handle, unmounts — a final sync, and the
 * superblock marked clean — and exits 0.
 *
 * The device's hooks are the system calls; ext2fsd_disk.c reopens the
 * device when its driver dies and retries what failed.
 */
#include "ext2fsd.h"
#include "ext2fsd_disk.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXT2FSD_FLUSH_MS 5000
#define EXT2FSD_BATCH    32
#define EXT2FSD_DEV      0x65787432     /* "ext2", st_dev */

static volatile sig_atomic_t ext2fsd_stop;

/* --- the device's system calls ------------------------------------------- */

static int sys_open(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static void sys_close(int fd)
{
	close(fd);
}

static long sys_pread(int fd, void *buf, size_t len, uint64_t off)
{
	ssize_t n = pread(fd, buf, len, (off_t)off);

	return n < 0 ? -errno : n;
}

static long sys_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	ssize_t n = pwrite(fd, buf, len, (off_t)off);

	return n < 0 ? -errno : n;
}

static int sys_fsync(int fd)
{
	return fsync(fd) < 0 ? -errno : 0;
}

static void sys_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static const ext2fsd_disk_sys_t ext2fsd_sys = {
	.open = sys_open, .close = sys_close, .pread = sys_pread, .pwrite = sys_pwrite,
	.fsync = sys_fsync, .sleep_ms = sys_sleep_ms,
};

static int64_t ext2fsd_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t ext2fsd_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ext2fsd_on_term(int sig)
{
	(void)sig;
	ext2fsd_stop = 1;
}

/* --- the loop --------------------------------------------------------------- */

/* Serves every request queued now; 0, or -errno when the descriptor fails. */
static int ext2fsd_serve(scheme_server_t *srv)
{
	abi_scheme_request_t batch[EXT2FSD_BATCH];

	for (;;) {
		ssize_t n = read(srv->fd, batch, sizeof(batch));
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		if (n == 0)
			return -EIO;
		for (size_t i = 0; i < (size_t)n / sizeof(batch[0]); i++)
			scheme_dispatch(srv, &batch[i]);
		int err = scheme_flush(srv);
		if (err)
			return err;
	}
}

static int ext2fsd_run(scheme_server_t *srv, ext2_fs_t *fs, const sigset_t *waitmask)
{
	int64_t synced = ext2fsd_mono_ms();
	struct pollfd pfd = { .fd = srv->fd, .events = POLLIN };

	while (!ext2fsd_stop) {
		int64_t left = synced + EXT2FSD_FLUSH_MS - ext2fsd_mono_ms();
		struct timespec ts = { left > 0 ? left / 1000 : 0,
				       left > 0 ? (long)(left % 1000) * 1000000L : 0 };
		bool dirty = ext2_dirty_blocks(fs) > 0;
		int n = ppoll(&pfd, 1, dirty ? &ts : NULL, waitmask);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0) {
			int err = ext2fsd_serve(srv);
			if (err)
				return err;
		}
		if (ext2fsd_mono_ms() - synced >= EXT2FSD_FLUSH_MS || !dirty) {
			if (dirty && (n = ext2_sync(fs)))
				fprintf(stderr, "ext2fsd: write-back failed: %s\n", strerror(-n));
			synced = ext2fsd_mono_ms();
		}
	}
	return 0;
}

static int ext2fsd_usage(void)
{
	fprintf(stderr, "usage: ext2fsd [-s SCHEME] [-c CACHE_BLOCKS] DEVICE\n");
	return 2;
}

int main(int argc, char **argv)
{
	static scheme_server_t srv;
	static ext2fsd_disk_t disk;
	const char *scheme = "file";
	ext2_config_t cfg = { .cache_blocks = 4096, .inode_cache = 1024, .now = ext2fsd_now };
	ext2_fs_t *fs;
	sigset_t term, waitmask;
	int opt, err;

	while ((opt = getopt(argc, argv, "s:c:")) != -1) {
		if (opt == 's')
			scheme = optarg;
		else if (opt == 'c')
			cfg.cache_blocks = (size_t)strtoul(optarg, NULL, 0);
		else
			return ext2fsd_usage();
	}
	if (optind != argc - 1)
		return ext2fsd_usage();
	if ((err = ext2fsd_disk_open(&disk, &ext2fsd_sys, argv[optind]))) {
		fprintf(stderr, "ext2fsd: %s: %s\n", argv[optind], strerror(-err));
		return 1;
	}
	ext2_dev_t dev = ext2fsd_disk_dev(&disk);
	if ((err = ext2_mount(&dev, &cfg, &fs))) {
		fprintf(stderr, "ext2fsd: %s: cannot mount: %s\n", argv[optind], strerror(-err));
		return 1;
	}
	if (ext2_read_only(fs))
		fprintf(stderr, "ext2fsd: %s: unknown ro_compat features: read-only\n", argv[optind]);
	ext2fsd_t *d = ext2fsd_create(fs, EXT2FSD_DEV);
	scheme_server_init(&srv, &ext2fsd_ops, d);
	if (!d || (err = scheme_open(&srv, scheme))) {
		fprintf(stderr, "ext2fsd: cannot register %s: %s\n", scheme, strerror(d ? -err : ENOMEM));
		ext2_unmount(fs);
		return 1;
	}
	int fl = fcntl(srv.fd, F_GETFL);
	fcntl(srv.fd, F_SETFL, fl | O_NONBLOCK);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &waitmask);
	sigdelset(&waitmask, SIGTERM);
	struct sigaction sa = { .sa_handler = ext2fsd_on_term };
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	scheme_ready();
	err = ext2fsd_run(&srv, fs, &waitmask);
	if (err)
		fprintf(stderr, "ext2fsd: %s\n", strerror(-err));
	ext2fsd_destroy(d);
	int uerr = ext2_unmount(fs);
	if (uerr)
		fprintf(stderr, "ext2fsd: unmount: %s\n", strerror(-uerr));
	return err || uerr ? 1 : 0;
}
