// SPDX-License-Identifier: MIT
/*
 * ptyd: registers pty: and serves it (pty.h is the scheme; this file is
 * the only one that makes system calls).
 *
 * The loop waits on an event: queue for two things: requests on the
 * scheme descriptor, and a time: timer armed for the earliest VTIME
 * deadline of a waiting read. After each wake-up it serves every queued
 * request, runs the due timers and sends all answers in one write.
 *
 * The hooks the logic needs: kill() for signals (negative targets are
 * process groups), the monotonic clock, and the proc: scheme for
 * questions about processes — whether a session's leader still lives
 * (proc:SID exists, is no zombie, and leads that session) and whether a
 * process group belongs to a session (its leader's status, else any
 * member's, found through the proc: list).
 */
#include "pty.h"

#include <abi/event.h>
#include <abi/proc.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PTYD_BATCH     32
#define PTYD_EV_SCHEME 0
#define PTYD_EV_TIMER  1

/* --- hooks ---------------------------------------------------------------------- */

static void ptyd_signal(void *ctx, int target, int sig)
{
	(void)ctx;
	kill(target, sig);
}

static uint64_t ptyd_now_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

typedef struct ptyd_proc {
	int pgid, sid;
	char state;
} ptyd_proc_t;

/* Reads a whole small file; its length, or -1. */
static ssize_t ptyd_slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t used = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (used + 1 < size && (n = read(fd, buf + used, size - 1 - used)) > 0)
		used += (size_t)n;
	close(fd);
	buf[used] = '\0';
	return (ssize_t)used;
}

/* proc:PID's group, session and state; false if there is no such process. */
static bool ptyd_proc_status(int pid, ptyd_proc_t *out)
{
	char path[32], text[1024];

	snprintf(path, sizeof(path), "proc:%d", pid);
	if (ptyd_slurp(path, text, sizeof(text)) <= 0)
		return false;
	const char *pg = strstr(text, "\npgid "), *sd = strstr(text, "\nsid ");
	const char *stt = strstr(text, "\nstate ");
	if (!pg || !sd || !stt)
		return false;
	out->pgid = atoi(pg + 6);
	out->sid = atoi(sd + 5);
	out->state = stt[7];
	return true;
}

static bool ptyd_session_alive(void *ctx, int sid)
{
	ptyd_proc_t p;

	(void)ctx;
	return ptyd_proc_status(sid, &p) && p.state != 'Z' && p.sid == sid;
}

static bool ptyd_pgrp_in_session(void *ctx, int pgrp, int sid)
{
	static char list[16384];
	ptyd_proc_t p;

	(void)ctx;
	if (ptyd_proc_status(pgrp, &p) && p.pgid == pgrp && p.state != 'Z')
		return p.sid == sid;
	/* The group's leader is gone: look for another member. */
	if (ptyd_slurp("proc:", list, sizeof(list)) < 0)
		return false;
	for (char *line = list; *line;) {
		int pid = atoi(line);
		if (pid > 0 && ptyd_proc_status(pid, &p) && p.pgid == pgrp && p.state != 'Z')
			return p.sid == sid;
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		line = nl + 1;
	}
	return false;
}

/* --- the loop ---------------------------------------------------------------------- */

/* Serves every request queued now; 0, or -errno when the descriptor fails. */
static int ptyd_serve(scheme_server_t *srv)
{
	abi_scheme_request_t batch[PTYD_BATCH];

	for (;;) {
		ssize_t n = read(srv->fd, batch, sizeof(batch));
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		if (n == 0)
			return -EIO;
		for (size_t i = 0; i < (size_t)n / sizeof(batch[0]); i++)
			scheme_dispatch(srv, &batch[i]);
		int err = scheme_flush(srv);
		if (err)
			return err;
	}
}

/* Arms the timer for deadline (ms) unless it already is. */
static void ptyd_timer_arm(int timer, uint64_t deadline, uint64_t *armed)
{
	abi_timespec_t ts = { .sec = (int64_t)(deadline / 1000),
			      .nsec = (int64_t)(deadline % 1000) * 1000000 };

	if (!deadline || deadline == *armed)
		return;
	if (write(timer, &ts, sizeof(ts)) == (ssize_t)sizeof(ts))
		*armed = deadline;
}

static int ptyd_subscribe(int q, int fd, uint64_t data)
{
	abi_event_t sub = { .id = (uint64_t)fd, .flags = EVENT_READ, .data = data };
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -errno;
	return write(q, &sub, sizeof(sub)) == (ssize_t)sizeof(sub) ? 0 : -errno;
}

static int ptyd_run(scheme_server_t *srv, pty_state_t *st, int q, int timer)
{
	abi_event_t events[4];
	uint64_t armed = 0;

	for (;;) {
		ssize_t n = read(q, events, sizeof(events));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		for (size_t i = 0; i < (size_t)n / sizeof(events[0]); i++) {
			if (events[i].data == PTYD_EV_TIMER) {
				abi_timespec_t ts;
				if (read(timer, &ts, sizeof(ts)) == (ssize_t)sizeof(ts))
					armed = 0;
				continue;
			}
			int err = ptyd_serve(srv);
			if (err)
				return err;
		}
		pty_timers_run(st, ptyd_now_ms(NULL));
		int err = scheme_flush(srv);
		if (err)
			return err;
		ptyd_timer_arm(timer, pty_next_deadline(st), &armed);
	}
}

int main(void)
{
	static scheme_server_t srv;
	static pty_state_t st;
	const pty_sys_t sys = {
		.signal = ptyd_signal,
		.now_ms = ptyd_now_ms,
		.session_alive = ptyd_session_alive,
		.pgrp_in_session = ptyd_pgrp_in_session,
	};

	signal(SIGPIPE, SIG_IGN);
	scheme_server_init(&srv, &pty_ops, &st);
	pty_state_init(&st, &srv, &sys);
	int err = scheme_open(&srv, "pty");
	if (err) {
		fprintf(stderr, "ptyd: cannot register pty: %s\n", strerror(-err));
		return 1;
	}
	int q = open("event:", O_RDWR | O_CLOEXEC);
	int timer = open("time:monotonic", O_RDWR | O_CLOEXEC);
	if (q < 0 || timer < 0 || (err = ptyd_subscribe(q, srv.fd, PTYD_EV_SCHEME)) ||
	    (err = ptyd_subscribe(q, timer, PTYD_EV_TIMER))) {
		fprintf(stderr, "ptyd: cannot set up its event queue: %s\n",
			strerror(err ? -err : errno));
		return 1;
	}
	scheme_ready();
	err = ptyd_run(&srv, &st, q, timer);
	fprintf(stderr, "ptyd: %s\n", strerror(-err));
	return 1;
}
