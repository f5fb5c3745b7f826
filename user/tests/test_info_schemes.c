// SPDX-License-Identifier: MIT
/*
 * The sys: and proc: schemes: snapshot text files describing the system
 * and its processes. Checks their contents against what the system calls
 * say, seeking and fstat on snapshots, the errors (unknown names, write
 * access), and that sys:schemes follows the caller's namespace.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

/* Reads the whole file at url into buf (NUL-terminated); its length or -1. */
static long slurp(const char *url, char *buf, size_t size)
{
	int fd = open(url, O_RDONLY);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fd);
	return (long)got;
}

/* The number after "key " on its own line, or -1. */
static long field(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, key, len) == 0 && line[len] == ' ')
			return strtol(line + len + 1, NULL, 10);
	return -1;
}

TEST(sys_uname_names_the_system)
{
	char buf[128];

	CHECK(slurp("sys:uname", buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "Tessera 0.1 x86_64\n");
}

TEST(sys_lists_its_files)
{
	char buf[256];

	CHECK(slurp("sys:", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "uname\n") && strstr(buf, "meminfo\n") && strstr(buf, "cpus\n") &&
	      strstr(buf, "schemes\n"));
}

TEST(sys_meminfo_and_cpus_agree_with_sysinfo)
{
	char buf[4096];
	abi_sysinfo_t info;

	CHECK(tessera_sysinfo(&info) == 0);
	CHECK(slurp("sys:meminfo", buf, sizeof(buf)) > 0);
	CHECK_EQ(field(buf, "total_kib"), (long)(info.total_pages * 4));
	CHECK(field(buf, "free_kib") > 0);
	CHECK(slurp("sys:cpus", buf, sizeof(buf)) > 0);
	CHECK_EQ(field(buf, "online"), (long)info.cpus_online);
	CHECK(strstr(buf, "cpu0 ") != NULL);
}

TEST(snapshots_seek_and_stat_like_files)
{
	char a[64], b[64];
	struct stat st;
	int fd = open("sys:uname", O_RDONLY);

	CHECK(fd >= 0);
	CHECK(read(fd, a, 7) == 7);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, b, 7) == 7);
	CHECK(memcmp(a, b, 7) == 0 && memcmp(a, "Tessera", 7) == 0);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, (long)strlen("Tessera 0.1 x86_64\n"));
	CHECK_EQ(lseek(fd, 0, SEEK_END), st.st_size);
	CHECK(read(fd, a, 1) == 0);
	CHECK_ERRNO(lseek(fd, -100, SEEK_SET), EINVAL);
	close(fd);
}

TEST(info_schemes_refuse_writes_and_unknown_names)
{
	CHECK_ERRNO(open("sys:uname", O_WRONLY), EACCES);
	CHECK_ERRNO(open("sys:nope", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("proc:999999", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("proc:12x", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("proc:1/nope", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("proc:", O_RDWR), EACCES);
}

TEST(proc_lists_init_and_the_caller)
{
	char buf[8192], line[64];

	CHECK(slurp("proc:", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "PID PPID STATE THREADS NAME\n", 28) == 0);
	CHECK(strstr(buf, "\n1 0 S 1 init\n") != NULL);     /* init waits for us */
	snprintf(line, sizeof(line), "\n%d %d R 1 test_info_schemes\n", getpid(), getppid());
	CHECK(strstr(buf, line) != NULL);
}

TEST(proc_self_and_pid_describe_the_process)
{
	char self[1024], bypid[1024], url[32];

	CHECK(slurp("proc:self", self, sizeof(self)) > 0);
	CHECK_EQ(field(self, "pid"), getpid());
	CHECK_EQ(field(self, "ppid"), getppid());
	CHECK_EQ(field(self, "threads"), 1);
	CHECK(strstr(self, "name test_info_schemes\n") != NULL);
	snprintf(url, sizeof(url), "proc:%d/status", getpid());
	CHECK(slurp(url, bypid, sizeof(bypid)) > 0);
	CHECK_EQ(field(bypid, "pid"), getpid());
}

TEST(proc_shows_zombies_until_they_are_reaped)
{
	char buf[1024], url[32];
	pid_t pid = utest_fork();

	if (pid == 0)
		_exit(0);
	snprintf(url, sizeof(url), "proc:%d", pid);
	bool zombie = false;
	for (int i = 0; i < 5000 && !zombie; i++) {
		CHECK(slurp(url, buf, sizeof(buf)) > 0);
		zombie = strstr(buf, "state Z\n") != NULL;
		if (!zombie)
			utest_sleep_ms(1);
	}
	CHECK(zombie);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_ERRNO(open(url, O_RDONLY), ENOENT);
}

TEST(sys_schemes_follows_the_namespace)
{
	char buf[512];

	CHECK(slurp("sys:schemes", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "debug\n") && strstr(buf, "pipe\n") && strstr(buf, "sys\n") &&
	      strstr(buf, "proc\n"));
	pid_t pid = utest_fork();
	if (pid == 0) {
		const char *only[] = { "sys" };
		CHILD_CHECK(tessera_mkns(only, 1) == 0);
		CHILD_CHECK(slurp("sys:schemes", buf, sizeof(buf)) > 0);
		CHILD_CHECK(strcmp(buf, "sys\n") == 0);
		CHILD_CHECK(open("proc:", O_RDONLY) == -1 && errno == ENOENT);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(sys_framebuffer_describes_the_boot_display)
{
	char buf[512];

	/* QEMU's VGA gives GRUB a linear framebuffer in every boot we test. */
	CHECK(slurp("sys:framebuffer", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "address 0x") == buf);
	CHECK(field(buf, "width") >= 640);
	CHECK(field(buf, "height") >= 400);
	CHECK(field(buf, "pitch") >= field(buf, "width") * 3);
	CHECK(field(buf, "bpp") == 32 || field(buf, "bpp") == 24);
	CHECK(strstr(buf, "\nred ") && strstr(buf, "\ngreen ") && strstr(buf, "\nblue "));
	CHECK_ERRNO(open("sys:framebuffer", O_WRONLY), EACCES);
}

TEST(sys_power_takes_only_its_words_and_only_from_root)
{
	char buf[64];
	int status;

	CHECK(slurp("sys:power", buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "poweroff\nreboot\n");
	int fd = open("sys:power", O_WRONLY);
	CHECK(fd >= 0);
	CHECK_ERRNO(write(fd, "halt", 4), EINVAL);
	CHECK_ERRNO(write(fd, "poweroffpoweroff", 16), EINVAL);
	CHECK_ERRNO(write(fd, "", 0), EINVAL);
	close(fd);
	pid_t pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(2);
		_exit(open("sys:power", O_WRONLY) == -1 && errno == EACCES ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
