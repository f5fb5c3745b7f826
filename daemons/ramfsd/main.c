// SPDX-License-Identifier: MIT
/*
 * ramfsd: makes the RAM file system, fills it from the initfs (the
 * kernel's read-only initfs: scheme gives the raw archive), adds /tmp,
 * /home and /root, then registers file: and serves it (ramfs.h describes
 * the file system). Half of RAM at most goes to file data. Without an
 * initfs: the tree starts empty but for those directories, which is
 * logged: a system can still run from a later file: server.
 */
#include "ramfs.h"

#include <lib/initfs.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

#define RAMFSD_DEV 0x72616d66   /* "ramf" */

static int64_t ramfsd_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *ramfsd_page_alloc(void)
{
	return malloc(RAMFS_PAGE);
}

/* Reads the whole initfs: image into a buffer; its size, or -1. */
static long ramfsd_read_initfs(void **out)
{
	struct stat st;
	int fd = open("initfs:", O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t done = 0;

	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0 ||
	    !(buf = malloc((size_t)st.st_size))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	*out = buf;
	return (long)done;
}

static void ramfsd_seed(ramfs_t *fs)
{
	void *image;
	long size = ramfsd_read_initfs(&image);
	int err;

	if (size < 0)
		fprintf(stderr, "ramfsd: no initfs: (%s); starting empty\n", strerror(errno));
	else if ((err = ramfs_seed_initfs(fs, image, (size_t)size)))
		fprintf(stderr, "ramfsd: initfs not fully copied: %s\n", strerror(-err));
	if (size >= 0)
		free(image);
	if ((err = ramfs_seed_defaults(fs)))
		fprintf(stderr, "ramfsd: cannot create /tmp, /home, /root: %s\n", strerror(-err));
}

int main(void)
{
	static scheme_server_t s;
	abi_sysinfo_t info;
	ramfs_config_t cfg = {
		.max_pages = 1u << 18, .max_nodes = 1u << 20, .dev = RAMFSD_DEV,
		.now = ramfsd_now, .page_alloc = ramfsd_page_alloc, .page_free = free,
	};

	if (tessera_sysinfo(&info) == 0 && info.total_pages)
		cfg.max_pages = info.total_pages / 2;
	ramfs_t *fs = ramfs_create(&cfg);
	if (!fs) {
		fprintf(stderr, "ramfsd: out of memory\n");
		return 1;
	}
	ramfsd_seed(fs);
	scheme_server_init(&s, &ramfs_ops, fs);
	int err = scheme_open(&s, "file");
	if (err) {
		fprintf(stderr, "ramfsd: cannot register file: %s\n", strerror(-err));
		return 1;
	}
	scheme_ready();
	return scheme_run(&s) ? 1 : 0;
}
