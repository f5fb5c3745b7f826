// SPDX-License-Identifier: MIT
/*
 * init: — how other programs ask init for services while it runs.
 *
 * pid 1 registers the scheme `init` and serves it from its one poll loop
 * (never blocking: the scheme descriptor is non-blocking, and a batch of
 * requests is served whenever poll says it is readable), so a slow client
 * cannot hold up supervision.
 *
 *   init:services   write: one `service NAME KEY=VALUE... -- PROGRAM ARGS`
 *                   line (init.conf syntax) per write, from root; init
 *                   adds the service and starts it when its needs are
 *                   up, supervising it like the others. The write fails
 *                   with EINVAL (bad line), EEXIST (the name is taken),
 *                   EPERM (it would grant privileges the writer does not
 *                   hold itself, or the writer is not root), ENOENT (a
 *                   need that is no service), ENOSPC (table full).
 *                   read: one line per service, `NAME STATE PID`.
 *
 * This is how pcid has drivers started: init, not pcid, restarts a
 * driver that dies (docs/drivers.md).
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <libscheme/libscheme.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONTROL_TEXT_MAX 4096

typedef struct control_file {
	bool listing;
	size_t len, pos;
	char text[CONTROL_TEXT_MAX];
} control_file_t;

static scheme_server_t control_server;
static bool control_up;
static init_sup_t *control_sup;

static const char *const control_state_names[] = {
	[INIT_SVC_OFF] = "off", [INIT_SVC_WAITING] = "waiting",
	[INIT_SVC_STARTING] = "starting", [INIT_SVC_UP] = "up",
	[INIT_SVC_BACKOFF] = "backoff", [INIT_SVC_DONE] = "done",
	[INIT_SVC_FAILED] = "failed", [INIT_SVC_BLOCKED] = "blocked",
	[INIT_SVC_STOPPING] = "stopping",
};

/* The caller's driver privileges, from proc:PID ("privileges N"). */
static unsigned control_caller_privileges(int pid)
{
	char path[32], text[1024];
	snprintf(path, sizeof(path), "proc:%d", pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	const char *p = strstr(text, "\nprivileges ");
	return p ? (unsigned)strtoul(p + 12, NULL, 10) : 0;
}

static void control_list(control_file_t *f)
{
	const init_conf_t *c = control_sup->conf;

	for (int i = 0; i < c->count && f->len < sizeof(f->text); i++) {
		const init_service_t *v = &c->svc[i];
		int n = snprintf(f->text + f->len, sizeof(f->text) - f->len, "%s %s %d\n", v->name,
				 control_state_names[v->state], v->pid);
		f->len = n < 0 ? f->len : f->len + (size_t)n;
	}
	if (f->len > sizeof(f->text))
		f->len = sizeof(f->text);
}

static long control_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	(void)st;
	if (strcmp(path, "services") != 0)
		return -ENOENT;
	if ((flags & O_ACCMODE) != O_RDONLY && c->uid != 0)
		return -EPERM;
	control_file_t *f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->listing = (flags & O_ACCMODE) == O_RDONLY;
	if (f->listing)
		control_list(f);
	return (long)(uintptr_t)f;
}

static void control_close(void *st, scheme_call_t *c, uint64_t h)
{
	(void)st;
	(void)c;
	free((void *)(uintptr_t)h);
}

static long control_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	control_file_t *f = (void *)(uintptr_t)h;

	(void)st;
	(void)c;
	if (!f->listing)
		return -EBADF;
	size_t n = f->len - f->pos < len ? f->len - f->pos : len;
	memcpy(buf, f->text + f->pos, n);
	f->pos += n;
	return (long)n;
}

static long control_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	control_file_t *f = (void *)(uintptr_t)h;
	char line[1024], err[160];

	(void)st;
	if (f->listing)
		return -EBADF;
	if (len >= sizeof(line))
		return -EINVAL;
	memcpy(line, buf, len);
	line[len] = '\0';
	if (control_sup->stopping)
		return -ESHUTDOWN;
	int i = init_conf_add(control_sup->conf, line, control_caller_privileges(c->pid), err,
			      sizeof(err));
	if (i < 0) {
		init_log("refused a service from pid %d: %s", c->pid, err);
		return i;
	}
	init_log("pid %d added service %s", c->pid, control_sup->conf->svc[i].name);
	return (long)len;
}

static const scheme_ops_t control_ops = {
	.open = control_open,
	.close = control_close,
	.read = control_read,
	.write = control_write,
};

int init_control_start(init_sup_t *s)
{
	control_sup = s;
	scheme_server_init(&control_server, &control_ops, NULL);
	int err = scheme_open(&control_server, "init");
	if (err < 0) {
		init_log("cannot serve init: (%s); services cannot be added", strerror(-err));
		return err;
	}
	fcntl(control_server.fd, F_SETFL, O_NONBLOCK);
	fcntl(control_server.fd, F_SETFD, FD_CLOEXEC);
	control_up = true;
	return 0;
}

int init_control_fd(void)
{
	return control_up ? control_server.fd : -1;
}

void init_control_serve(void)
{
	abi_scheme_request_t reqs[16];
	ssize_t n;

	if (!control_up)
		return;
	while ((n = read(control_server.fd, reqs, sizeof(reqs))) > 0) {
		for (size_t i = 0; i < (size_t)n / sizeof(reqs[0]); i++)
			scheme_dispatch(&control_server, &reqs[i]);
		scheme_flush(&control_server);
	}
}
