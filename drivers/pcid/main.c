// SPDX-License-Identifier: MIT
/*
 * pcid: the PCI daemon (docs/pci.md). At start it
 *
 *   1. chooses a configuration mechanism: ECAM from the ACPI MCFG table
 *      (sys:acpi/MCFG; buses mapped uncached from memory:phys as they are
 *      reached), or, when there is no MCFG (or ECAM shows no device at
 *      all), the legacy ports 0xCF8/0xCFC through ioperm;
 *   2. enumerates every function reachable through bridges and sizes
 *      their BARs, before any driver can be using them (enum.c);
 *   3. matches each function against /etc/pcid.conf (rules.c) and logs
 *      one line per function with the driver chosen;
 *   4. registers pci: and reports ready;
 *   5. asks init to run each chosen driver as a supervised service by
 *      writing a service line to init:services — from a second thread,
 *      so that init starting a driver that at once opens pci: can never
 *      wait on this thread. Without init: (an older init, or pcid run by
 *      hand) it starts the drivers itself with fork+exec, says so, and
 *      reaps them; they are not restarted then.
 *
 * The main thread then serves pci: for ever. pcid needs the io and phys
 * privileges (ports or ECAM) and hands irq to drivers through init.
 */
#include "rules.h"
#include "scheme.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

#define PCID_CONF     "/etc/pcid.conf"
#define PCID_CONF_ALT "initfs:/etc/pcid.conf"
#define PCID_FILE_MAX (64 * 1024)

typedef struct pcid_main {
	pci_access_t access;
	pci_bus_t bus;
	pci_rules_t rules;
	const pci_rule_t *rule_of[PCI_MAX_DEVS];
	bool no_spawn;
	bool force_ports;               /* -p: mechanism #1 even with an MCFG (tests) */
	const char *services;           /* init's service file (-i for tests) */
} pcid_main_t;

static pcid_main_t g;

/* --- the legacy ports ---------------------------------------------------------------- */

static uint32_t port_in(void *ctx, uint16_t port, unsigned width)
{
	uint32_t v;

	(void)ctx;
	if (width == 4) {
		__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	} else if (width == 2) {
		uint16_t w;
		__asm__ volatile("inw %1, %0" : "=a"(w) : "Nd"(port));
		v = w;
	} else {
		v = inb(port);
	}
	return v;
}

static void port_out(void *ctx, uint16_t port, unsigned width, uint32_t v)
{
	(void)ctx;
	if (width == 4)
		__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
	else if (width == 2)
		__asm__ volatile("outw %0, %1" : : "a"((uint16_t)v), "Nd"(port));
	else
		outb((uint8_t)v, port);
}

/* --- start --------------------------------------------------------------------------- */

/* The whole file into a new buffer; its length, or -errno. */
static long read_file(const char *path, char **out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = malloc(PCID_FILE_MAX);
	size_t len = 0;

	if (fd < 0 || !buf) {
		int err = fd < 0 ? errno : ENOMEM;
		if (fd >= 0)
			close(fd);
		free(buf);
		return -err;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, PCID_FILE_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (len += (size_t)n) == PCID_FILE_MAX)
			break;
	}
	close(fd);
	*out = buf;
	return (long)len;
}

static void *ecam_map(uint64_t phys, size_t len)
{
	return hw_phys_map(phys, len, "uc");
}

static int use_ports(pci_access_t *a, const char *why)
{
	a->nregions = 0;
	a->cfg_size = 256;
	if (ioperm(0xcf8, 8, 1) < 0) {
		printf("pcid: %s, and ports 0xcf8-0xcff: %s\n", why, strerror(errno));
		return -1;
	}
	a->ports = (pci_ports_t){ port_in, port_out, NULL };
	printf("pcid: %s; using configuration mechanism #1 (ports 0xcf8/0xcfc)\n", why);
	return 0;
}

static int setup_and_enumerate(pcid_main_t *m)
{
	char *table = NULL, why[96];
	long len = m->force_ports ? -ENOENT : read_file("sys:acpi/MCFG", &table);
	int n = len < 0 ? (int)len : pci_mcfg_parse(&m->access, (uint8_t *)table, (size_t)len);

	free(table);
	m->access.map = ecam_map;
	if (m->force_ports) {
		snprintf(why, sizeof(why), "-p given");
	} else if (n > 0) {
		for (unsigned i = 0; i < m->access.nregions; i++) {
			const pci_ecam_region_t *r = &m->access.region[i];
			printf("pcid: ECAM segment %u buses %02x-%02x at 0x%llx\n", r->segment,
			       r->bus_start, r->bus_end, (unsigned long long)r->base);
		}
		if (pci_enumerate(&m->bus, &m->access) > 0)
			return 0;
		snprintf(why, sizeof(why), "ECAM shows no device");
	} else {
		snprintf(why, sizeof(why), "no MCFG table (%s)",
			 n < 0 ? strerror(-n) : "no usable region");
	}
	if (use_ports(&m->access, why))
		return -1;
	pci_enumerate(&m->bus, &m->access);
	return 0;
}

static void conf_warn(void *ctx, unsigned line, const char *msg)
{
	printf("pcid: %s:%u: %s; line skipped\n", (const char *)ctx, line, msg);
}

static void load_rules(pcid_main_t *m, const char *path)
{
	char *text;
	long len = read_file(path, &text);

	if (len < 0 && strcmp(path, PCID_CONF) == 0) {
		path = PCID_CONF_ALT;
		len = read_file(path, &text);
	}
	if (len < 0) {
		printf("pcid: %s: %s; starting no drivers\n", path, strerror((int)-len));
		return;
	}
	pci_conf_parse(&m->rules, text, (size_t)len, conf_warn, (void *)path);
	free(text);
}

/* Chooses each device's driver and logs the device. */
static void assign_drivers(pcid_main_t *m)
{
	char line[160];

	for (unsigned i = 0; i < m->bus.count; i++) {
		pci_dev_t *d = &m->bus.dev[i];
		const pci_rule_t *r = pci_rules_find(&m->rules, d);
		m->rule_of[i] = r;
		if (r)
			pci_service_name(r, m->bus.dev, m->bus.count, d->driver);
		pci_log_line(d, r ? d->driver : NULL, r ? r->text : NULL, line, sizeof(line));
		printf("pcid: %s\n", line);
	}
	if (m->bus.truncated)
		printf("pcid: more than %u functions; the rest are ignored\n", PCI_MAX_DEVS);
	printf("pcid: %u functions on %u bus%s\n", m->bus.count, m->bus.buses_scanned,
	       m->bus.buses_scanned == 1 ? "" : "es");
}

/* --- starting drivers ---------------------------------------------------------------- */

static void spawn_direct(const pci_rule_t *r, const pci_dev_t *d)
{
	char *argv[PCI_RULE_WORDS + 2];

	pci_rule_argv(r, d->addr, argv);
	pid_t pid = fork();
	if (pid == 0) {
		/* What init would grant: the rule's privileges, its name as label. */
		if (tessera_privileges(pci_rule_privileges(r), d->driver) < 0)
			printf("pcid: %s: cannot drop privileges: %s\n", d->driver, strerror(errno));
		execv(argv[0], argv);
		printf("pcid: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		printf("pcid: cannot start %s for %s: %s\n", r->name, d->addr, strerror(errno));
}

/*
 * Asks init for each matched driver (or starts it itself when there is no
 * init:). Runs before pcid reports ready: init starts one service at a
 * time, so the drivers must be its services before what waits for pcid
 * (the root file system, which needs a disk) is started. True when it
 * started drivers itself, which a thread then reaps.
 */
static bool spawn_drivers(pcid_main_t *m)
{
	char line[PCI_RULE_TEXT * 2 + 64];
	int fd = open(m->services, O_WRONLY | O_CLOEXEC);
	bool direct = fd < 0, any = false;

	for (unsigned i = 0; i < m->bus.count; i++) {
		const pci_rule_t *r = m->rule_of[i];
		const pci_dev_t *d = &m->bus.dev[i];
		if (!r)
			continue;
		if (direct && !any)
			printf("pcid: %s: %s; starting drivers myself (not supervised)\n",
			       m->services, strerror(errno));
		any = true;
		if (direct) {
			spawn_direct(r, d);
			continue;
		}
		int n = pci_service_line(r, d->driver, d->addr, line, sizeof(line));
		if (n < 0)
			printf("pcid: %s: service line too long\n", d->driver);
		else if (write(fd, line, (size_t)n) == n)
			continue;
		else if (errno == EEXIST)       /* pcid itself was restarted */
			printf("pcid: %s for %s is already a service\n", d->driver, d->addr);
		else
			printf("pcid: init:services: %s for %s: %s\n", d->driver, d->addr,
			       strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	return direct && any;
}

static void *reaper(void *arg)
{
	(void)arg;
	for (;;) {                          /* reap what we started */
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno != EINTR)
			break;
		if (pid > 0)
			printf("pcid: driver pid %d ended (status 0x%x)\n", (int)pid, status);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static scheme_server_t s;
	static pcid_t p;
	const char *conf = PCID_CONF, *scheme = "pci";
	pthread_t t;
	int opt;

	setvbuf(stdout, NULL, _IOLBF, 0);
	g.services = "init:services";
	while ((opt = getopt(argc, argv, "c:i:nBps:h")) != -1) {
		if (opt == 'c') {
			conf = optarg;
		} else if (opt == 'n') {
			g.no_spawn = true;
		} else if (opt == 'p') {
			g.force_ports = true;
		} else if (opt == 'i') {
			g.services = optarg;
		} else if (opt == 'B') {
			g.bus.skip_bars = true;
		} else if (opt == 's') {
			scheme = optarg;
		} else {
			printf("usage: pcid [-n] [-p] [-B] [-c CONF] [-s SCHEME] [-i FILE]\n"
			       "  Enumerates PCI, serves pci: and starts the drivers CONF\n"
			       "  (default %s) names through init; -n starts none.\n"
			       "  -p uses ports 0xcf8/0xcfc even with ECAM; -B does not size\n"
			       "  BARs; -s serves SCHEME: instead of pci:; -i writes service\n"
			       "  lines to FILE, not init:services (all for tests).\n", PCID_CONF);
			return opt == 'h' ? 0 : 2;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	if (setup_and_enumerate(&g))
		return 1;
	if (!g.no_spawn)
		load_rules(&g, conf);
	assign_drivers(&g);
	pcid_init(&p, &g.bus);
	scheme_server_init(&s, &pcid_ops, &p);
	int err = scheme_open(&s, scheme);
	if (err) {
		printf("pcid: cannot register %s: %s\n", scheme, strerror(-err));
		return 1;
	}
	bool direct = !g.no_spawn && spawn_drivers(&g);
	scheme_ready();
	if (direct && pthread_create(&t, NULL, reaper, NULL) != 0)
		printf("pcid: cannot start the thread reaping drivers\n");
	return scheme_run(&s) ? 1 : 0;
}
