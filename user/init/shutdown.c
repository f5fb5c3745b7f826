// SPDX-License-Identifier: MIT
/*
 * Shutting down: poweroff, reboot and halt (docs/init.md).
 *
 * Services stop in reverse dependency order, a layer at a time
 * (init_plan_stoppable): each gets its stop signal (stop=, SIGTERM by
 * default; gettys use SIGHUP, which a shell obeys) sent to its process
 * group and to itself, then INIT_STOP_WAIT_MS to exit before SIGKILL.
 * The layer's dependencies go only when it is gone, so ptyd outlives
 * the shells on its terminals and the file system (rootfs) outlives ptyd.
 *
 * Then, as pid 1 only, everything else — background jobs, orphans —
 * gets SIGTERM and, after a moment, SIGKILL, and is reaped. sync() flushes what file systems hold, and writing
 * "poweroff" or "reboot" to `sys:power` asks the kernel to end the
 * machine. Should that fail, init says so and returns, and the kernel
 * halts when pid 1 exits: the system is down either way. A halt stops
 * there on purpose. A supervisor that is not pid 1 (a test's) stops its
 * services and returns without touching anything else.
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INIT_REST_WAIT_MS 2000

static const char *shutdown_verb(init_request_t req)
{
	switch (req) {
	case INIT_REQ_POWEROFF: return "poweroff";
	case INIT_REQ_REBOOT:   return "reboot";
	default:                return "halt";
	}
}

static void shutdown_stop(init_sup_t *s, int i, uint64_t now)
{
	init_service_t *v = &s->conf->svc[i];

	init_log("stopping %s (pid %d) with SIG%s", v->name, v->pid,
		 init_signal_name(v->stop_signal));
	kill(-v->pid, v->stop_signal);  /* its group, and itself should it have left it */
	kill(v->pid, v->stop_signal);
	v->state = INIT_SVC_STOPPING;
	v->killed = v->stop_signal == SIGKILL;
	v->when_ms = now + (v->killed ? INIT_KILL_WAIT_MS : INIT_STOP_WAIT_MS);
}

static bool shutdown_any_stopping(const init_conf_t *c)
{
	for (int i = 0; i < c->count; i++)
		if (c->svc[i].state == INIT_SVC_STOPPING)
			return true;
	return false;
}

static void shutdown_services(init_sup_t *s)
{
	init_conf_t *c = s->conf;
	int layer[INIT_SERVICES_MAX];

	s->stopping = true;
	for (int i = 0; i < c->count; i++)
		if (c->svc[i].state == INIT_SVC_WAITING || c->svc[i].state == INIT_SVC_BACKOFF)
			c->svc[i].state = INIT_SVC_DONE;
	for (;;) {
		init_sup_work(s);
		uint64_t now = init_now_ms();
		int n = init_plan_stoppable(c, layer);
		for (int k = 0; k < n; k++)
			shutdown_stop(s, layer[k], now);
		if (n == 0 && !shutdown_any_stopping(c))
			return;
		init_sup_wait(s, UINT64_MAX);
	}
}

/* Waits up to ms for every child to be gone; true if they are. */
static bool shutdown_reap_all(init_sup_t *s, unsigned ms)
{
	uint64_t end = init_now_ms() + ms;

	for (;;) {
		init_sup_work(s);
		if (s->no_children)
			return true;
		if (init_now_ms() >= end)
			return false;
		init_sup_wait(s, end);
	}
}

/*
 * Sends sig to every process but init; how many took it. It reads the
 * list from proc: rather than calling kill(-1, sig), whose treatment of
 * the caller varies (Linux spares it, others do not): init must never
 * send itself SIGKILL.
 */
static int shutdown_signal_all(int sig)
{
	static char list[16384];
	int fd = open("proc:", O_RDONLY | O_CLOEXEC), count = 0;
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return 0;
	while (len + 1 < sizeof(list) && (n = read(fd, list + len, sizeof(list) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	list[len] = '\0';
	for (char *line = strchr(list, '\n'); line && *++line; line = strchr(line, '\n')) {
		pid_t pid = (pid_t)strtol(line, NULL, 10);
		if (pid > 1 && pid != getpid() && kill(pid, sig) == 0)
			count++;
	}
	return count;
}

static void shutdown_kill_rest(init_sup_t *s)
{
	int n = shutdown_signal_all(SIGTERM);

	if (n == 0)
		return;
	init_log("sent SIGTERM to %d other process%s", n, n == 1 ? "" : "es");
	if (shutdown_reap_all(s, INIT_REST_WAIT_MS))
		return;
	n = shutdown_signal_all(SIGKILL);
	if (n)
		init_log("sent SIGKILL to %d other process%s", n, n == 1 ? "" : "es");
	shutdown_reap_all(s, INIT_REST_WAIT_MS);
}

/* Asks the kernel to end the machine; returns only if it did not. */
static void shutdown_power(init_request_t req)
{
	const char *verb = shutdown_verb(req);
	int fd = open("sys:power", O_WRONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, verb, strlen(verb));
		close(fd);
	}
	if (n == (ssize_t)strlen(verb)) {
		/* The machine should be gone; give the kernel a moment. */
		for (uint64_t end = init_now_ms() + 5000; init_now_ms() < end; )
			sleep(1);
		init_log("sys:power accepted %s, but the system is still running", verb);
	} else {
		init_log("cannot %s: sys:power: %s; halting instead", verb, strerror(errno));
	}
}

int init_shutdown(init_sup_t *s, init_request_t req)
{
	if (s->pid1)
		init_log("%s requested: stopping services", shutdown_verb(req));
	else
		init_log("asked to stop: stopping services");
	shutdown_services(s);
	init_log("all services stopped");
	if (!s->pid1)
		return 0;
	shutdown_kill_rest(s);
	sync();
	if (req != INIT_REQ_HALT)
		shutdown_power(req);
	init_log("system halted");
	return 0;
}
