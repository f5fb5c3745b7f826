// SPDX-License-Identifier: MIT
/*
 * The init of the Linux guest that `make bench-linux` boots
 * (tools/linuxvm.py): the Linux counterpart of Tessera's benchmark runner
 * (user/init/runner.c), built with the host's gcc, static, and packed with
 * the benchmarks into the initramfs.
 *
 * It sets the stage the way Tessera's `make bench` does: the file
 * benchmarks must work on ext2 on the AHCI SATA disk, not in the
 * initramfs (a RAM file system). So it mounts /proc, /sys, /dev
 * (devtmpfs) and /dev/shm (tmpfs, where glibc's shm_open puts POSIX shared
 * memory, as on any Linux system). The disk comes later, just before the
 * first benchmark named in bench_disk_users=NAME,... (the kernel passes
 * its unknown NAME=VALUE parameters to init as environment variables):
 * init loads the kernel modules listed in /etc/modules in that order
 * (Debian builds libata, ahci, sd_mod and ext4 as modules and the
 * initramfs has no modprobe: tools/linuxvm.py resolved the dependencies
 * and wrote the list), waits for /dev/sda1 (or the partition named by
 * bench_disk=PATH: /dev/vda1 on virtio-blk), mounts it as ext2 on /mnt and
 * makes that the working directory and $TMPDIR (bench/file_dir.h). Until
 * then the working directory is / and the disk has not been touched. Why
 * so late: a disk request completes in host time, so under QEMU's -icount
 * everything after it shifts by a different amount on every run; the
 * benchmarks before it then repeat exactly (docs/performance.md).
 *
 * Then it runs /bench/NAME for each NAME on its command line: the last
 * bench_count=N of its arguments, what follows `--` on the kernel's
 * command line (before them the kernel puts the words of its own command
 * line it did not know, such as nokaslr). One at a time, with
 * the markers tools/bench.py parses: "init: running NAME" before each,
 * "init: BENCH NAME failed (why)" after one that failed, and
 * "init: benchmarks done" at the end. Setting up failures print
 * "init: FATAL ..." and power off at once, so the run fails fast instead
 * of timing out. Either way the machine powers off: pid 1 must not exit
 * (the kernel would panic).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define INIT_MODULES    "/etc/modules"
#define INIT_BENCH_DIR  "/bench/"
#define INIT_DISK       "/dev/sda1" /* the partition on the AHCI disk */
#define INIT_MNT        "/mnt"
#define INIT_CLOCKSOURCE "/sys/devices/system/clocksource/clocksource0/current_clocksource"
#define INIT_DISK_WAIT_MS 60000 /* TCG: probing the AHCI port takes seconds */

static char *init_envp[] = { "PATH=/bench", "HOME=/", "TMPDIR=" INIT_MNT, NULL };

__attribute__((noreturn)) static void init_power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

__attribute__((noreturn, format(printf, 1, 2))) static void init_fatal(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	printf("init: FATAL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(": %s\n", strerror(err));
	init_power_off();
}

static void init_mount(const char *source, const char *target, const char *type)
{
	if (mkdir(target, 0755) < 0 && errno != EEXIST)
		init_fatal("mkdir %s", target);
	if (mount(source, target, type, 0, NULL) < 0)
		init_fatal("mount %s on %s as %s", source, target, type);
}

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4 /* Linux 6.1's uapi/linux/module.h */
#endif

static bool init_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* finit_module with no parameters; a module already there (built in or
 * loaded as a dependency) is no error. A compressed module (.ko.xz,
 * .ko.zst, .ko.gz, as some kernel packages ship them) is decompressed by
 * the kernel when it was built to (CONFIG_MODULE_DECOMPRESS). */
static void init_module_load(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int flags = init_ends_with(path, ".ko") ? 0 : MODULE_INIT_COMPRESSED_FILE;

	if (fd < 0)
		init_fatal("open %s", path);
	if (syscall(SYS_finit_module, fd, "", flags) < 0 && errno != EEXIST)
		init_fatal("finit_module %s", path);
	close(fd);
}

static void init_modules_load(void)
{
	FILE *f = fopen(INIT_MODULES, "r");
	char line[512];

	if (!f)
		init_fatal("open %s", INIT_MODULES);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && line[0] != '#')
			init_module_load(line);
	}
	fclose(f);
}

/* The SCSI disk appears asynchronously, after the AHCI driver probed. */
static void init_disk_wait(const char *path)
{
	const struct timespec step = { 0, 50 * 1000 * 1000 };
	struct stat st;

	for (int waited = 0; stat(path, &st) < 0; waited += 50) {
		if (waited >= INIT_DISK_WAIT_MS)
			init_fatal("no %s after %d ms", path, INIT_DISK_WAIT_MS);
		nanosleep(&step, NULL);
	}
}

static void init_describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status 0x%x", status);
}

/* Runs /bench/NAME to its end, its output on the console; true if it
 * exited 0, else why not in `why`. */
static bool init_bench_run(const char *name, char *why, size_t size)
{
	char path[256];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), INIT_BENCH_DIR "%s", name);
	printf("init: running %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		snprintf(why, size, "fork: %s", strerror(errno));
		return false;
	}
	if (pid == 0) {
		char *argv[] = { path, NULL };

		execve(path, argv, init_envp);
		fprintf(stderr, "init: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(why, size, "waitpid: %s", strerror(errno));
			return false;
		}
	}
	init_describe(status, why, size);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The clock the benchmarks read: under TCG the kernel may find the TSC
 * unstable and fall back on the HPET, whose every read traps; the log
 * should say which it was. */
static void init_clocksource_print(void)
{
	FILE *f = fopen(INIT_CLOCKSOURCE, "r");
	char name[64] = "unknown";

	if (f) {
		if (fgets(name, sizeof(name), f))
			name[strcspn(name, "\n")] = '\0';
		fclose(f);
	}
	printf("init: clocksource %s\n", name);
}

/* Whether `name` is in the comma-separated `list`. */
static bool init_list_has(const char *list, const char *name)
{
	size_t len = strlen(name);

	while (list && *list) {
		size_t n = strcspn(list, ",");

		if (n == len && !strncmp(list, name, len))
			return true;
		list += n;
		if (*list == ',')
			list++;
	}
	return false;
}

/* Loads the disk's modules, mounts its partition on INIT_MNT and works
 * there from now on. */
static void init_disk_mount(void)
{
	const char *disk = getenv("bench_disk");

	if (!disk || !*disk)
		disk = INIT_DISK;
	init_modules_load();
	init_disk_wait(disk);
	init_mount(disk, INIT_MNT, "ext2");
	if (chdir(INIT_MNT) < 0)
		init_fatal("chdir %s", INIT_MNT);
	printf("init: %s mounted as ext2 on %s\n", disk, INIT_MNT);
}

int main(int argc, char **argv)
{
	const char *disk_users = getenv("bench_disk_users");
	const char *count = getenv("bench_count");
	int first = count ? argc - atoi(count) : 1;
	bool mounted = false;
	char why[128];

	/* Line by line even if the console is not a terminal yet. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	init_mount("proc", "/proc", "proc");
	init_mount("sysfs", "/sys", "sysfs");
	init_mount("devtmpfs", "/dev", "devtmpfs");
	init_mount("tmpfs", "/dev/shm", "tmpfs");
	init_clocksource_print();
	if (chdir("/") < 0)
		init_fatal("chdir /");
	if (first < 1 || first > argc)
		errno = EINVAL, init_fatal("bench_count=%s with %d arguments", count, argc - 1);
	for (int i = first; i < argc; i++) {
		if (!mounted && init_list_has(disk_users, argv[i])) {
			init_disk_mount();
			mounted = true;
		}
		if (!init_bench_run(argv[i], why, sizeof(why)))
			printf("init: BENCH %s failed (%s)\n", argv[i], why);
	}
	printf("init: benchmarks done\n");
	if (mounted && (chdir("/") < 0 || umount(INIT_MNT) < 0))
		printf("init: umount %s: %s\n", INIT_MNT, strerror(errno));
	init_power_off();
}
