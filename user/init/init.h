// SPDX-License-Identifier: MIT
/*
 * init's working half: the supervisor loop (supervise.c) that carries out
 * the plans of service.h, shutdown (shutdown.c), the test and benchmark
 * runner (runner.c), the event log (log.c) and main.c, which picks the
 * run from init's arguments.
 *
 * One loop does all waiting. init_sup_work() does everything that is due
 * without blocking — reap children (orphans included), take readiness
 * bytes, fire timers, start what may start — and init_sup_wait() sleeps
 * in poll() until a signal, a readiness pipe or the next timer. Signals
 * are caught by handlers that only note the request and write a byte to
 * a pipe poll() watches (the self-pipe trick), so none is lost between a
 * check and the sleep. Callers loop `work; test their condition; wait`.
 */
#pragma once

#include "service.h"

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* What a signal asked init to do (kill(1, ...): docs/init.md). */
typedef enum {
	INIT_REQ_NONE,
	INIT_REQ_POWEROFF,      /* SIGUSR2 */
	INIT_REQ_REBOOT,        /* SIGTERM, SIGINT */
	INIT_REQ_HALT,          /* SIGUSR1 */
} init_request_t;

/* A stopped service gets this long after its stop signal, then SIGKILL;
 * after SIGKILL this long again before init stops waiting for it. */
#define INIT_STOP_WAIT_MS 3000
#define INIT_KILL_WAIT_MS 2000

typedef struct init_sup {
	init_conf_t *conf;
	bool pid1;              /* the real init: reaps orphans, powers off */
	bool stopping;          /* shutdown: start nothing */
	bool no_children;       /* the last reap found none at all */
	pid_t fg_pid;           /* a test or benchmark being run, or 0 */
	int fg_status;
	bool fg_done;
} init_sup_t;

/* log.c: where init_log() writes — debug: (the kernel log, shown on the
 * console) for pid 1, else standard output. */
void init_log_open(bool pid1);

/* supervise.c */
void init_sup_setup(init_sup_t *s, init_conf_t *c, bool pid1);
void init_sup_work(init_sup_t *s);
/* Sleeps until an event, the next timer, or until_ms (UINT64_MAX: none). */
void init_sup_wait(init_sup_t *s, uint64_t until_ms);
init_request_t init_sup_request(void);
uint64_t init_now_ms(void);
/* In a child of init, before exec: default signal actions, nothing blocked. */
void init_child_reset(void);

/* control.c: the init: scheme (services added at run time, pid 1 only). */
int init_control_start(init_sup_t *s);
int init_control_fd(void);              /* -1 when not serving */
void init_control_serve(void);          /* the requests waiting, without blocking */

/* shutdown.c: stops every service, last started first; as pid 1 then
 * ends every other process, syncs and asks the kernel (sys:power) to
 * power off or reboot. Returns init's exit status for a halt, for a
 * supervisor that is not pid 1, or when the kernel refused. */
int init_shutdown(init_sup_t *s, init_request_t req);

/* runner.c: the test programs (all when names is empty), or the
 * benchmarks; 0 iff every one passed. */
int init_run_tests(init_sup_t *s, int count, char **names);
int init_run_benches(init_sup_t *s, int count, char **names);
