// SPDX-License-Identifier: MIT
/*
 * pcid and the pci: scheme on QEMU's q35 machine, whose host bridge
 * (8086:29c0 at 00:00.0) and AHCI controller (8086:2922 at 00:1f.2) are
 * always there. init runs test programs with every privilege, so this
 * one can run pcid itself (-n: no drivers) when the system does not
 * already. It also runs a second pcid on the legacy ports (-p) under
 * another scheme name and checks both mechanisms see the same functions
 * and capabilities, and the same BARs when the first pcid is its own:
 * beside the system's pcid, whose drivers are running, the second one
 * does not size BARs (-B), since that briefly turns decoding off.
 */
#include "utest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t own_pcid = -1;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static bool scheme_up(const char *scheme)
{
	char url[32];

	snprintf(url, sizeof(url), "%s:", scheme);
	int fd = open(url, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Starts /bin/pcid with args; waits (20 s at most) for its scheme. */
static pid_t pcid_start(const char *scheme, char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		execv("/bin/pcid", argv);
		_exit(127);
	}
	for (int i = 0; pid > 0 && i < 400 && !scheme_up(scheme); i++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -1;
		sleep_ms(50);
	}
	return pid > 0 && scheme_up(scheme) ? pid : -1;
}

static void pcid_stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
}

/* pci: served by the system's pcid or, failing that, our own. */
static bool pci_ready(void)
{
	static char *argv[] = { "pcid", "-n", NULL };

	if (scheme_up("pci"))
		return true;
	if (own_pcid < 0)
		own_pcid = pcid_start("pci", argv);
	return own_pcid > 0;
}

static long read_text(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
	return (long)len;
}

/* The names in a directory, space-separated, in getdents order. */
static int list_dir(const char *path, char *out, size_t cap)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	out[0] = '\0';
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", n++ ? " " : "", e->d_name);
	}
	closedir(d);
	return n;
}

TEST(pci_lists_q35_functions)
{
	char names[2048];

	CHECK(pci_ready());
	int n = list_dir("pci:", names, sizeof(names));
	CHECK(n >= 3);
	CHECK(strncmp(names, "0000:00:00.0 ", 13) == 0);        /* sorted: the host bridge first */
	CHECK(strstr(names, "0000:00:1f.2"));
	CHECK_EQ(list_dir("pci:0000:00:1f.2", names, sizeof(names)), 2);
	CHECK(utest_streq(names, "config info"));
	CHECK_ERRNO(open("pci:0000:00:1f.7/info", O_RDONLY), ENOENT);
}

TEST(pci_info_of_ahci)
{
	char text[2048];

	CHECK(pci_ready());
	CHECK(read_text("pci:0000:00:1f.2/info", text, sizeof(text)) > 0);
	CHECK(strncmp(text, "vendor 8086\ndevice 2922\nclass 01 06 01\n", 39) == 0);
	CHECK(strstr(text, "\nbar 5 mem32 0x"));            /* ABAR */
	CHECK(strstr(text, " 4096\n"));
	CHECK(strstr(text, "\ncap msi 0x"));
	CHECK(read_text("pci:0000:00:00.0/info", text, sizeof(text)) > 0);
	CHECK(strncmp(text, "vendor 8086\ndevice 29c0\nclass 06 00 00\n", 39) == 0);
}

TEST(pci_config_access_rules)
{
	uint32_t v = 0;
	uint16_t w = 0;
	uint8_t b = 0, orig = 0;
	struct stat st;

	CHECK(pci_ready());
	int fd = open("pci:0000:00:1f.2/config", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 4096);                             /* ECAM on q35 */
	CHECK_EQ(pread(fd, &v, 4, 0), 4);
	CHECK_EQ(v, 0x29228086u);
	CHECK_EQ(pread(fd, &w, 2, 0x0a), 2);
	CHECK_EQ(w, 0x0106);                                    /* class 01, subclass 06 */
	CHECK_ERRNO(pread(fd, &v, 4, 2), EINVAL);
	CHECK_ERRNO(pread(fd, &v, 3, 0), EINVAL);
	/* The interrupt line register is plain read-write scratch for software. */
	CHECK_EQ(pread(fd, &orig, 1, 0x3c), 1);
	b = 0x5a;
	CHECK_EQ(pwrite(fd, &b, 1, 0x3c), 1);
	b = 0;
	CHECK_EQ(pread(fd, &b, 1, 0x3c), 1);
	CHECK_EQ(b, 0x5a);
	CHECK_EQ(pwrite(fd, &orig, 1, 0x3c), 1);
	close(fd);
}

/* Drops the "bar ..." lines of an info text (in place). */
static void strip_bars(char *t)
{
	char *out = t;

	for (char *line = t; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
		if (strncmp(line, "bar ", 4) != 0) {
			memmove(out, line, len);
			out += len;
		}
		line += len;
	}
	*out = '\0';
}

TEST(pci_ports_agree_with_ecam)
{
	static char *argv_own[] = { "pcid", "-n", "-p", "-s", "pcitest", NULL };
	static char *argv_beside[] = { "pcid", "-n", "-p", "-B", "-s", "pcitest", NULL };
	char a[2048], b[2048], pa[64], pb[64], ta[2048], tb[2048];

	CHECK(pci_ready());
	/* Beside the system's pcid, drivers run: the second one leaves BARs alone. */
	bool beside = own_pcid < 0;
	pid_t ports = pcid_start("pcitest", beside ? argv_beside : argv_own);
	CHECK(ports > 0);
	int n = list_dir("pci:", a, sizeof(a));
	bool same_list = list_dir("pcitest:", b, sizeof(b)) == n && strcmp(a, b) == 0;
	int fd = open("pcitest:0000:00:1f.2/config", O_RDONLY);
	struct stat st = { 0 };
	uint32_t v = 0;
	bool cfg_ok = fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 256 &&
		      pread(fd, &v, 4, 0) == 4 && v == 0x29228086u;
	if (fd >= 0)
		close(fd);
	bool info_same = true;
	for (char *name = strtok(a, " "); name; name = strtok(NULL, " ")) {
		snprintf(pa, sizeof(pa), "pci:%s/info", name);
		snprintf(pb, sizeof(pb), "pcitest:%s/info", name);
		if (read_text(pa, ta, sizeof(ta)) <= 0 || read_text(pb, tb, sizeof(tb)) <= 0)
			info_same = false;
		if (beside)
			strip_bars(ta);
		if (strcmp(ta, tb) != 0) {
			printf("test_pci: %s differs:\n%s---\n%s", name, ta, tb);
			info_same = false;
		}
	}
	pcid_stop(ports);
	CHECK(same_list);
	CHECK(cfg_ok);
	CHECK(info_same);
}

/*
 * Rules: a pcid with its own config asks init (init:services) for a
 * service per matching function. The rule matches the host bridge and
 * runs helper_true once (restart=never), so nothing stays running.
 */
TEST(pci_rule_starts_service_through_init)
{
	static char *argv[] = { "pcid", "-p", "-B", "-c", "/tmp/test_pci.conf", "-s", "pcitest2",
				NULL };
	static const char conf[] =
		"# test\n"
		"driver pcitestdrv class=06.00.00 restart=never -- /bin/tests/helper_true -x\n";
	char text[4096];
	bool seen = false;

	int fd = open("/tmp/test_pci.conf", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, conf, sizeof(conf) - 1), (long)sizeof(conf) - 1);
	close(fd);
	pid_t pid = pcid_start("pcitest2", argv);
	CHECK(pid > 0);
	for (int i = 0; i < 200 && !seen; i++) {
		seen = read_text("init:services", text, sizeof(text)) > 0 &&
		       strstr(text, "pcitestdrv ") != NULL;
		if (!seen)
			sleep_ms(50);
	}
	pcid_stop(pid);
	unlink("/tmp/test_pci.conf");
	CHECK(seen);
}

/*
 * Without init: (here: -i naming a scheme that does not exist) pcid says
 * so, starts the driver itself and reaps it.
 */
TEST(pci_without_init_starts_drivers_itself)
{
	static char *argv[] = { "pcid", "-p", "-B", "-c", "/tmp/test_pci2.conf", "-s", "pcitest3",
				"-i", "nosuchscheme:services", NULL };
	static const char conf[] = "driver selftest class=06.00.00 -- /bin/tests/helper_true\n";
	char out[4096] = "";
	size_t len = 0;
	int p[2];

	int fd = open("/tmp/test_pci2.conf", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, conf, sizeof(conf) - 1), (long)sizeof(conf) - 1);
	close(fd);
	CHECK_EQ(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execv("/bin/pcid", argv);
		_exit(127);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	for (int i = 0; i < 200 && !strstr(out, "ended (status 0x0)"); i++) {
		ssize_t n = read(p[0], out + len, sizeof(out) - 1 - len);
		if (n > 0)
			len += (size_t)n;
		out[len] = '\0';
		if (n <= 0)
			sleep_ms(50);
	}
	pcid_stop(pid);
	close(p[0]);
	unlink("/tmp/test_pci2.conf");
	CHECK(strstr(out, "0000:00:00.0 8086:29c0 class 06.00.00 -> selftest "
			  "(/bin/tests/helper_true)\n"));
	CHECK(strstr(out, "pcid: nosuchscheme:services: No such file or directory; starting "
			  "drivers myself (not supervised)\n"));
	CHECK(strstr(out, "ended (status 0x0)"));
}

TEST(pci_zz_stop_own_pcid)
{
	pcid_stop(own_pcid);
	own_pcid = -1;
	CHECK(true);
}
