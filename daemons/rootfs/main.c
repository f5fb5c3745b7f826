// SPDX-License-Identifier: MIT
/*
 * rootfs — becomes the daemon that serves file:, the root file system.
 *
 * init starts it as the `file:` service. Without a root= word on the
 * kernel command line (sys:cmdline) it becomes ramfsd at once: a RAM file
 * system seeded from the initfs. With root=LABEL it waits for a disk
 * driver to serve a partition whose GPT name is LABEL — it looks at every
 * `disk.*` scheme's `table` file — and becomes ext2fsd on that partition.
 * If none appears within the wait (-w SECONDS, 60 by default) it says so
 * and falls back on ramfsd, so the system still comes up.
 *
 * It execs rather than forks: init supervises one process, and the
 * readiness descriptor ($SCHEME_READY_FD) passes through to the daemon
 * that will serve.
 */
#include "rootfs.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROOTFS_RAMFSD "initfs:/bin/ramfsd"
#define ROOTFS_EXT2FSD "initfs:/bin/ext2fsd"

static ssize_t rootfs_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len = 0, n;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 && (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* "disk.ahci0:2" for the partition named label, if a disk serves one. */
static bool rootfs_find(const char *label, char *device, size_t size)
{
	static char schemes[4096], table[8192];
	char path[96];

	if (rootfs_read_file("sys:schemes", schemes, sizeof(schemes)) < 0)
		return false;
	for (char *save = NULL, *s = strtok_r(schemes, "\n", &save); s;
	     s = strtok_r(NULL, "\n", &save)) {
		if (strncmp(s, "disk.", 5) != 0)
			continue;
		snprintf(path, sizeof(path), "%s:table", s);
		if (rootfs_read_file(path, table, sizeof(table)) < 0)
			continue;
		int part = rootfs_table_find(table, label);
		if (part > 0) {
			snprintf(device, size, "%s:%d", s, part);
			return true;
		}
	}
	return false;
}

static void rootfs_become(const char *program, const char *arg)
{
	char *argv[] = { (char *)program, (char *)arg, NULL };

	execv(program, argv);
	fprintf(stderr, "rootfs: cannot run %s: %m\n", program);
}

int main(int argc, char **argv)
{
	char cmdline[1024], label[64], device[96];
	int wait_s = 60, opt;

	while ((opt = getopt(argc, argv, "w:")) != -1) {
		if (opt != 'w') {
			fprintf(stderr, "usage: rootfs [-w SECONDS]\n");
			return 2;
		}
		wait_s = atoi(optarg);
	}
	if (rootfs_read_file("sys:cmdline", cmdline, sizeof(cmdline)) < 0 ||
	    !rootfs_cmdline_root(cmdline, label, sizeof(label))) {
		rootfs_become(ROOTFS_RAMFSD, NULL);
		return 1;
	}
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	for (int tries = 0; tries <= wait_s * 20; tries++) {
		if (rootfs_find(label, device, sizeof(device))) {
			printf("rootfs: root file system %s is %s\n", label, device);
			fflush(stdout);
			rootfs_become(ROOTFS_EXT2FSD, device);
			return 1;
		}
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "rootfs: no disk partition named %s after %d s; "
		"the root file system is in RAM\n", label, wait_s);
	rootfs_become(ROOTFS_RAMFSD, NULL);
	return 1;
}
