// SPDX-License-Identifier: MIT
/*
 * The supervisor: starts services, watches them become ready, reaps them
 * (and every orphan), restarts or gives up as restart.c decides, and
 * sleeps until something happens (init.h describes the loop).
 *
 * A service runs in a session of its own (setsid), so a terminal's
 * signals never reach init or the daemons, and its stop signal can go to
 * its whole process group. It gets descriptors 0-2 from init (the
 * console) and, for ready=scheme, the write end of a pipe as descriptor
 * 3, named by $SCHEME_READY_FD: libscheme's scheme_ready() writes one
 * byte there once the daemon serves. Its environment is fixed
 * (PATH=/bin, HOME=/), not init's, so a supervisor started by a test
 * runs its services exactly as pid 1 would.
 *
 * Readiness is checked before reaping, so a daemon that said it was
 * ready and then died counts as having been up. A service that is not
 * ready by its timeout is killed, and its exit is handled like any
 * other failure.
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

#define READY_FD 3
/* Even with nothing to wait for, look around this often: pid 1 must not
 * sleep for ever should a wake-up ever be lost. */
#define INIT_WAKE_MAX_MS 5000

static int init_wake[2] = { -1, -1 };
static volatile sig_atomic_t init_req = INIT_REQ_NONE;

static const int init_caught[] = { SIGCHLD, SIGTERM, SIGINT, SIGUSR1, SIGUSR2 };
static const int init_ignored[] = { SIGHUP, SIGPIPE };

static void init_on_signal(int sig)
{
	int saved = errno;
	char byte = (char)sig;
	init_request_t r = sig == SIGUSR2 ? INIT_REQ_POWEROFF :
			   sig == SIGUSR1 ? INIT_REQ_HALT :
			   sig == SIGCHLD ? INIT_REQ_NONE : INIT_REQ_REBOOT;

	if (r != INIT_REQ_NONE && init_req == INIT_REQ_NONE)
		init_req = r;
	(void)!write(init_wake[1], &byte, 1);
	errno = saved;
}

init_request_t init_sup_request(void)
{
	return (init_request_t)init_req;
}

uint64_t init_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void init_sup_setup(init_sup_t *s, init_conf_t *c, bool pid1)
{
	struct sigaction sa = { .sa_handler = init_on_signal };
	sigset_t none;

	*s = (init_sup_t){ .conf = c, .pid1 = pid1 };
	if (pipe2(init_wake, O_CLOEXEC | O_NONBLOCK) < 0)
		init_log("cannot make the wake-up pipe: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(init_caught) / sizeof(init_caught[0]); i++)
		sigaction(init_caught[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < sizeof(init_ignored) / sizeof(init_ignored[0]); i++)
		sigaction(init_ignored[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void init_child_reset(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	sigemptyset(&dfl.sa_mask);
	for (size_t i = 0; i < sizeof(init_caught) / sizeof(init_caught[0]); i++)
		sigaction(init_caught[i], &dfl, NULL);
	for (size_t i = 0; i < sizeof(init_ignored) / sizeof(init_ignored[0]); i++)
		sigaction(init_ignored[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static __attribute__((noreturn)) void sup_exec(const init_service_t *v, int ready_wr)
{
	char *argv[INIT_ARGV_MAX + 1];
	char *envp[] = { "PATH=/bin", "HOME=/", ready_wr >= 0 ? "SCHEME_READY_FD=3" : NULL,
			 NULL };

	init_child_reset();
	setsid();
	/* Named for the kernel's log while init's privileges are still held;
	 * then only what the configuration grants (docs/drivers.md). */
	tessera_privileges(ABI_PRIV_ALL, v->name);
	if (tessera_privileges(v->privileges, NULL) < 0)
		_exit(127);
	if (ready_wr >= 0) {
		if (ready_wr != READY_FD) {
			dup2(ready_wr, READY_FD);
			close(ready_wr);
		}
		fcntl(READY_FD, F_SETFD, 0);
	}
	init_conf_argv(v, argv);
	execve(argv[0], argv, envp);
	fprintf(stderr, "init: %s: cannot run %s: %s\n", v->name, argv[0], strerror(errno));
	_exit(127);
}

static void sup_close_ready(init_service_t *v)
{
	if (v->ready_fd >= 0)
		close(v->ready_fd);
	v->ready_fd = -1;
}

static void sup_exited(init_sup_t *s, int i, int status, uint64_t now);

static void sup_start(init_sup_t *s, int i, uint64_t now)
{
	init_service_t *v = &s->conf->svc[i];
	int fds[2] = { -1, -1 };
	pid_t pid;

	if (access(v->args, F_OK) < 0 && errno == ENOENT) {
		init_log("not starting %s: %s: %s", v->name, v->args, strerror(errno));
		v->state = INIT_SVC_FAILED;
		init_plan_block(s->conf);
		return;
	}
	v->started_ms = now;
	v->killed = false;
	v->ready_ok = false;
	if (v->ready == INIT_READY_SCHEME && pipe2(fds, O_CLOEXEC) < 0) {
		init_log("cannot start %s: pipe: %s", v->name, strerror(errno));
		sup_exited(s, i, 127 << 8, now);
		return;
	}
	pid = fork();
	if (pid == 0)
		sup_exec(v, fds[1]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (pid < 0) {
		init_log("cannot start %s: fork: %s", v->name, strerror(errno));
		if (fds[0] >= 0)
			close(fds[0]);
		sup_exited(s, i, 127 << 8, now);
		return;
	}
	v->pid = pid;
	v->ready_fd = fds[0];
	if (fds[0] >= 0)
		fcntl(fds[0], F_SETFL, O_NONBLOCK);
	if (v->ready == INIT_READY_START) {
		v->state = INIT_SVC_UP;
		init_log("started %s (pid %d)", v->name, pid);
	} else {
		v->state = INIT_SVC_STARTING;
		v->when_ms = now + v->ready_timeout_ms;
	}
}

/* A failure's message: "X exited with status 1, restarting in 2 s". */
static void sup_after_failure(init_service_t *v, const char *how, const char *when,
			      init_exit_plan_t p, uint64_t now)
{
	char delay[32], window[32];

	switch (p.action) {
	case INIT_EXIT_DONE:
		v->state = INIT_SVC_DONE;
		init_log("%s %s%s", v->name, how, when);
		break;
	case INIT_EXIT_RESTART:
		v->state = INIT_SVC_BACKOFF;
		v->when_ms = now + p.delay_ms;
		init_duration_format(p.delay_ms, delay, sizeof(delay));
		if (p.delay_ms)
			init_log("%s %s%s, restarting in %s", v->name, how, when, delay);
		else
			init_log("%s %s%s, restarting", v->name, how, when);
		break;
	case INIT_EXIT_GIVE_UP:
		v->state = INIT_SVC_FAILED;
		init_duration_format(v->give_up_window_ms, window, sizeof(window));
		init_log("%s %s%s", v->name, how, when);
		init_log("%s failed %u time%s in %s, giving up", v->name, v->give_up_count,
			 v->give_up_count == 1 ? "" : "s", window);
		break;
	}
}

static void sup_exited(init_sup_t *s, int i, int status, uint64_t now)
{
	init_service_t *v = &s->conf->svc[i];
	bool starting = v->state == INIT_SVC_STARTING;
	bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	char how[96];

	init_status_describe(status, how, sizeof(how));
	sup_close_ready(v);
	v->pid = 0;
	if (s->stopping || v->state == INIT_SVC_STOPPING) {
		v->state = INIT_SVC_DONE;
		init_log("stopped %s (it %s)", v->name, how);
		return;
	}
	if (starting && v->ready == INIT_READY_EXIT && clean) {
		v->state = INIT_SVC_DONE;
		v->ready_ok = true;
		init_log("%s finished", v->name);
		return;
	}
	sup_after_failure(v, how, starting ? " before it was ready" : "",
			  init_restart_plan(v, status, now), now);
	init_plan_block(s->conf);
}

static int sup_find_pid(const init_conf_t *c, pid_t pid)
{
	for (int i = 0; i < c->count; i++)
		if (c->svc[i].pid == pid && init_svc_running(&c->svc[i]))
			return i;
	return -1;
}

static void sup_reap(init_sup_t *s, uint64_t now)
{
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid < 0 && errno == EINTR)
			continue;
		s->no_children = pid < 0 && errno == ECHILD;
		if (pid <= 0)
			return;
		int i = sup_find_pid(s->conf, pid);
		if (i >= 0) {
			sup_exited(s, i, status, now);
		} else if (s->fg_pid && pid == s->fg_pid) {
			s->fg_status = status;
			s->fg_done = true;
			s->fg_pid = 0;
		}
		/* Anything else was an orphan: reaping it was all it needed. */
	}
}

static void sup_check_ready(init_sup_t *s)
{
	for (int i = 0; i < s->conf->count; i++) {
		init_service_t *v = &s->conf->svc[i];
		char byte;
		if (v->state != INIT_SVC_STARTING || v->ready_fd < 0)
			continue;
		ssize_t n = read(v->ready_fd, &byte, 1);
		if (n == 1) {
			sup_close_ready(v);
			v->state = INIT_SVC_UP;
			init_log("started %s (pid %d)", v->name, v->pid);
		} else if (n == 0) {
			/* Closed without a word: it is dying, or the timeout will tell. */
			sup_close_ready(v);
		}
	}
}

static void sup_timers(init_sup_t *s, uint64_t now)
{
	char d[32];

	for (int i = 0; i < s->conf->count; i++) {
		init_service_t *v = &s->conf->svc[i];
		if (v->when_ms > now)
			continue;
		if (v->state == INIT_SVC_STARTING && !v->killed) {
			init_duration_format(v->ready_timeout_ms, d, sizeof(d));
			init_log("%s (pid %d) is not ready after %s; killing it", v->name, v->pid, d);
			kill(v->pid, SIGKILL);
			v->killed = true;
			v->when_ms = UINT64_MAX;
		} else if (v->state == INIT_SVC_STOPPING && !v->killed) {
			init_log("%s (pid %d) did not stop; killing it", v->name, v->pid);
			kill(-v->pid, SIGKILL);
			kill(v->pid, SIGKILL);
			v->killed = true;
			v->when_ms = now + INIT_KILL_WAIT_MS;
		} else if (v->state == INIT_SVC_STOPPING) {
			init_log("%s (pid %d) does not die; leaving it", v->name, v->pid);
			v->state = INIT_SVC_DONE;
			v->pid = 0;
		}
	}
}

void init_sup_work(init_sup_t *s)
{
	uint64_t now = init_now_ms();

	init_control_serve();
	sup_check_ready(s);
	sup_reap(s, now);
	sup_timers(s, now);
	if (s->stopping)
		return;
	for (int i; (i = init_plan_next(s->conf, now)) >= 0; )
		sup_start(s, i, now);
}

void init_sup_wait(init_sup_t *s, uint64_t until_ms)
{
	struct pollfd fds[2 + INIT_SERVICES_MAX];
	nfds_t n = 0;
	uint64_t now = init_now_ms(), deadline = init_plan_deadline(s->conf, now);
	int timeout = INIT_WAKE_MAX_MS;
	char drain[64];

	if (init_wake[0] >= 0)
		fds[n++] = (struct pollfd){ .fd = init_wake[0], .events = POLLIN };
	if (init_control_fd() >= 0)
		fds[n++] = (struct pollfd){ .fd = init_control_fd(), .events = POLLIN };
	for (int i = 0; i < s->conf->count; i++)
		if (s->conf->svc[i].state == INIT_SVC_STARTING && s->conf->svc[i].ready_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = s->conf->svc[i].ready_fd, .events = POLLIN };
	if (until_ms < deadline)
		deadline = until_ms > now ? until_ms : now;
	if (deadline != UINT64_MAX && deadline - now < (uint64_t)timeout)
		timeout = (int)(deadline - now);
	if (init_wake[0] < 0 && timeout > 100)
		timeout = 100;          /* no wake-up pipe: poll for children instead */
	if (poll(fds, n, timeout) < 0 && errno != EINTR)
		init_log("poll: %s", strerror(errno));
	while (init_wake[0] >= 0 && read(init_wake[0], drain, sizeof(drain)) > 0)
		;
}
