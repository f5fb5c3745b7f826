// SPDX-License-Identifier: MIT
/*
 * The root file system on disk (booted with root=LABEL; skipped
 * otherwise). tests/system/test_disk.py boots Tessera on a copy of the
 * disk image with only this test, then checks from the host what it
 * wrote: e2fsck -fn must find the file system clean and debugfs must read
 * back exactly the bytes below (the same generator in Python).
 *
 * The restart tests kill the disk driver — with SIGKILL, and through
 * its test-only crash request, a NULL dereference — 20 times each at
 * random moments while files are written and verified through file:.
 * ext2fsd must reopen the disk and retry, so not one operation fails and
 * every file reads back as written.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUT_DIR "/var/disk-test"

static bool disk_root_booted(void)
{
	char text[1024];
	int fd = open("sys:cmdline", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return false;
	text[n] = '\0';
	char *dashes = strstr(text, " -- ");
	if (dashes)
		*dashes = '\0';
	return strstr(text, "root=") != NULL;
}

#define NEED_DISK_ROOT()                                        \
	do {                                                    \
		if (!disk_root_booted())                        \
			SKIP("not booted with root= (no disk)"); \
	} while (0)

/* Byte i of the test file `seed`: xorshift32 from the seed, low byte. */
static void pattern_fill(uint32_t seed, uint8_t *buf, size_t len)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
}

static bool write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool file_write(const char *path, uint32_t seed, size_t len)
{
	uint8_t *buf = malloc(len ? len : 1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	bool ok = buf && fd >= 0;

	if (ok) {
		pattern_fill(seed, buf, len);
		ok = write_all(fd, buf, len) && fsync(fd) == 0;
	}
	if (fd >= 0 && close(fd) < 0)
		ok = false;
	free(buf);
	return ok;
}

static bool file_verify(const char *path, uint32_t seed, size_t len)
{
	uint8_t *want = malloc(len + 1), *got = malloc(len + 1);
	int fd = open(path, O_RDONLY);
	size_t have = 0;
	ssize_t n = 0;
	bool ok = want && got && fd >= 0;

	while (ok && (n = read(fd, got + have, len + 1 - have)) > 0)
		have += (size_t)n;
	if (ok) {
		pattern_fill(seed, want, len);
		ok = n == 0 && have == len && memcmp(want, got, len) == 0;
	}
	if (fd >= 0)
		close(fd);
	free(want);
	free(got);
	return ok;
}

TEST(root_is_ext2_on_the_disk)
{
	NEED_DISK_ROOT();
	char text[8192];
	int fd = open("proc:", O_RDONLY);
	CHECK(fd >= 0);
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	CHECK(n > 0);
	text[n] = '\0';
	CHECK(strstr(text, " ext2fsd\n") != NULL);
	CHECK(strstr(text, " ramfsd\n") == NULL);
	struct stat st;
	CHECK_EQ(stat("/etc/init.conf", &st), 0);       /* the tree mke2fs put there */
	CHECK_EQ(stat("/bin/sh", &st), 0);
	CHECK(st.st_mode & S_IXUSR);
}

/* The files test_disk.py reads back with debugfs: sizes around block
 * edges, one needing double-indirect blocks, a sparse one, links. */
static const size_t host_sizes[] = { 0, 1, 1023, 1024, 4095, 4096, 4097, 65536, 300000,
				     5u << 20 };

TEST(files_written_for_the_host_to_check)
{
	char path[96];

	NEED_DISK_ROOT();
	mkdir("/var", 0755);
	CHECK(mkdir(OUT_DIR, 0755) == 0 || errno == EEXIST);
	for (size_t i = 0; i < sizeof(host_sizes) / sizeof(host_sizes[0]); i++) {
		snprintf(path, sizeof(path), OUT_DIR "/f%zu", i);
		CHECK(file_write(path, (uint32_t)(i + 1), host_sizes[i]));
		CHECK(file_verify(path, (uint32_t)(i + 1), host_sizes[i]));
	}
	/* A hole: 6 MiB of nothing, then 10 bytes. */
	int fd = open(OUT_DIR "/sparse", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(pwrite(fd, "0123456789", 10, 6 << 20), 10);
	CHECK_EQ(fsync(fd), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(symlink("f3", OUT_DIR "/link-to-f3"), 0);
	CHECK_EQ(link(OUT_DIR "/f4", OUT_DIR "/hard-f4"), 0);
	CHECK_EQ(mkdir(OUT_DIR "/sub", 0750), 0);
	CHECK(file_write(OUT_DIR "/sub/moved-away", 99, 5000));
	CHECK_EQ(rename(OUT_DIR "/sub/moved-away", OUT_DIR "/renamed"), 0);
	CHECK(file_write(OUT_DIR "/deleted", 98, 20000));
	CHECK_EQ(unlink(OUT_DIR "/deleted"), 0);
	CHECK(file_write(OUT_DIR "/truncated", 97, 100000));
	CHECK_EQ(truncate(OUT_DIR "/truncated", 1500), 0);
	CHECK_EQ(chmod(OUT_DIR "/f1", 0640), 0);
	sync();
}

/* --- the driver dies during a workload ------------------------------- */

/* The disk driver's pid from init:services ("disk up PID"), or 0. */
static pid_t disk_driver_pid(void)
{
	char text[4096];
	int fd = open("init:services", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	char *p = strstr(text, "\ndisk up ");
	return p ? (pid_t)atoi(p + 9) : 0;
}

/* The disk driver's test-only crash file (disk.ahci0.ctl:crash). */
static const char *disk_crash_path(void)
{
	static char path[96];
	char text[4096];
	int fd = open("sys:schemes", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return NULL;
	text[n] = '\0';
	for (char *save = NULL, *s = strtok_r(text, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		if (strncmp(s, "disk.", 5) == 0 && strlen(s) > 4 &&
		    strcmp(s + strlen(s) - 4, ".ctl") == 0) {
			snprintf(path, sizeof(path), "%s:crash", s);   /* docs/ahci.md */
			return path;
		}
	return NULL;
}

/* Kills (or crashes) the driver `times` times at random moments, each
 * time waiting until init has it up again; exits 0 if it managed. */
static __attribute__((noreturn)) void disk_killer(int times, bool crash)
{
	srand((unsigned)getpid());
	for (int k = 0; k < times; k++) {
		pid_t pid = 0;
		for (int w = 0; w < 3000 && !(pid = disk_driver_pid()); w++)
			utest_sleep_ms(10);
		if (!pid)
			_exit(2);
		utest_sleep_ms(20 + (unsigned)(rand() % 200));
		if (crash) {
			const char *path = disk_crash_path();
			if (!path)
				_exit(3);
			int fd = open(path, O_WRONLY);
			if (fd < 0 || write(fd, "crash", 5) < 0) {
				/* the driver may be restarting right now */
			}
			if (fd >= 0)
				close(fd);
		} else {
			kill(pid, SIGKILL);
		}
		for (int w = 0; w < 3000 && disk_driver_pid() == pid; w++)
			utest_sleep_ms(5);
	}
	_exit(0);
}

static void workload_with_driver_deaths(bool crash)
{
	char path[96];
	int files = 0;

	NEED_DISK_ROOT();
	CHECK(disk_driver_pid() > 0);
	mkdir("/var", 0755);
	snprintf(path, sizeof(path), OUT_DIR "-%s", crash ? "crash" : "kill");
	CHECK(mkdir(path, 0755) == 0 || errno == EEXIST);
	pid_t killer = utest_fork();
	if (killer == 0)
		disk_killer(20, crash);
	int status = -1;
	while (waitpid(killer, &status, WNOHANG) == 0) {
		snprintf(path, sizeof(path), OUT_DIR "-%s/w%d", crash ? "crash" : "kill", files);
		size_t len = 1000 + (size_t)(files * 7919) % 200000;
		CHECK(file_write(path, (uint32_t)files + 1000, len));
		CHECK(file_verify(path, (uint32_t)files + 1000, len));
		files++;
	}
	CHECK_EQ(status, 0);
	for (int i = 0; i < files; i++) {
		snprintf(path, sizeof(path), OUT_DIR "-%s/w%d", crash ? "crash" : "kill", i);
		CHECK(file_verify(path, (uint32_t)i + 1000, 1000 + (size_t)(i * 7919) % 200000));
	}
	printf("%d files written and verified while the driver died 20 times\n", files);
	CHECK(files >= 20);
}

TEST(files_survive_the_driver_killed_20_times)
{
	workload_with_driver_deaths(false);
}

TEST(files_survive_the_driver_crashing_20_times)
{
	NEED_DISK_ROOT();
	if (!disk_crash_path())
		SKIP("this disk driver has no crash request");
	workload_with_driver_deaths(true);
}
