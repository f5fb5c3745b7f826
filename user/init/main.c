// SPDX-License-Identifier: MIT
/*
 * init, pid 1: reads the service list, starts and supervises the
 * services, and does what its arguments (the words after " -- " on the
 * kernel command line) ask:
 *
 *   (none)              the normal system: services and terminals, for
 *                       ever, until poweroff, reboot or halt
 *   bench [NAMES]       every benchmark, or those named, then exit
 *   all | tests [NAMES] every test program, or those named, then exit
 *   NAMES               the test programs named (test_fds ...), then exit
 *
 * and `-f FILE` reads the services from FILE instead of
 * initfs:/etc/init.conf. Test and benchmark runs start only the services
 * whose modes= include them (the daemons and ptyd, no terminals) and
 * wait until those are up before running anything.
 *
 * The configuration comes from the boot archive (initfs:), since file:
 * is served by rootfs (ramfsd or ext2fsd), one of the services. If pid 1 cannot read it, a
 * built-in list (conf.c) starts the essentials and a console shell, so a
 * broken image still boots to something a person can use.
 *
 * init need not be pid 1: started by a test with -f, it supervises that
 * file's services, logs to its standard output, and on SIGTERM stops
 * them and exits 0 (docs/init.md).
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INIT_CONF_PATH "initfs:/etc/init.conf"
#define INIT_CONF_MAX  (64 * 1024)

static init_conf_t init_conf;

/* The whole file as a NUL-terminated string (malloc'd), or NULL. */
static char *init_read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *text = malloc(INIT_CONF_MAX + 1);
	size_t len = 0;

	if (fd < 0 || !text) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		free(text);
		errno = err;
		return NULL;
	}
	while (len < INIT_CONF_MAX) {
		ssize_t n = read(fd, text + len, INIT_CONF_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	text[len] = '\0';
	return text;
}

/* Reads and orders the services; false if there are none to be had. */
static bool init_load(const char *path, unsigned mode, bool pid1)
{
	char *text = init_read_file(path);

	if (text) {
		init_conf_parse(&init_conf, path, text);
		free(text);
	} else if (pid1) {
		init_log("cannot read %s: %s; using the built-in services", path, strerror(errno));
		init_conf_parse(&init_conf, "built-in", init_conf_builtin);
	} else {
		init_log("cannot read %s: %s", path, strerror(errno));
		return false;
	}
	init_order(&init_conf, mode);
	return true;
}

/* Says how boot went, once it has settled. */
static void init_boot_report(const init_conf_t *c)
{
	char down[256] = "";
	size_t len = 0;

	for (int o = 0; o < c->norder; o++) {
		const init_service_t *v = &c->svc[c->order[o]];
		if (!init_svc_running(v) && !v->ready_ok && len < sizeof(down))
			len += (size_t)snprintf(down + len, sizeof(down) - len, " %s", v->name);
	}
	if (len)
		init_log("services started; not running:%s", down);
	else
		init_log("all services started");
}

/* Works until boot settles, or a shutdown is asked for. */
static void init_boot(init_sup_t *s)
{
	for (;;) {
		init_sup_work(s);
		if (init_plan_settled(s->conf) || init_sup_request() != INIT_REQ_NONE)
			break;
		init_sup_wait(s, UINT64_MAX);
	}
	init_boot_report(s->conf);
}

static int init_forever(init_sup_t *s)
{
	bool reported = false;

	for (;;) {
		init_sup_work(s);
		if (!reported && init_plan_settled(s->conf)) {
			init_boot_report(s->conf);
			reported = true;
		}
		if (init_sup_request() != INIT_REQ_NONE)
			return init_shutdown(s, init_sup_request());
		init_sup_wait(s, UINT64_MAX);
	}
}

static void init_usage(void)
{
	fprintf(stderr, "usage: init [-f CONFIG] [bench [NAME...] | all | tests [NAME...] | NAME...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *conf_path = INIT_CONF_PATH;
	bool pid1 = getpid() == 1;
	unsigned mode = INIT_MODE_SYSTEM;
	init_sup_t sup;
	int opt, status;

	while ((opt = getopt(argc, argv, "+f:")) != -1) {
		if (opt != 'f')
			init_usage();
		conf_path = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		mode = strcmp(argv[0], "bench") == 0 ? INIT_MODE_BENCH : INIT_MODE_TEST;
	if (argc > 0 && (strcmp(argv[0], "all") == 0 || strcmp(argv[0], "tests") == 0 ||
			 mode == INIT_MODE_BENCH)) {
		argc--;
		argv++;
	}
	init_log_open(pid1);
	if (pid1) {
		printf("init: Tessera userspace is up\n");
		fflush(stdout);
	}
	if (!init_load(conf_path, mode, pid1))
		return 1;
	init_sup_setup(&sup, &init_conf, pid1);
	if (pid1)
		init_control_start(&sup);
	if (mode == INIT_MODE_SYSTEM)
		return init_forever(&sup);
	init_boot(&sup);
	if (init_sup_request() == INIT_REQ_NONE)
		status = mode == INIT_MODE_BENCH ? init_run_benches(&sup, argc, argv) :
						   init_run_tests(&sup, argc, argv);
	else
		status = 1;
	if (init_sup_request() != INIT_REQ_NONE)
		init_shutdown(&sup, init_sup_request());
	return status;
}
