// SPDX-License-Identifier: MIT
/*
 * init's services as data: what /etc/init.conf says about each one
 * (conf.c), the order they start in (order.c), what happens when one
 * exits (restart.c), and which to start or stop next (plan.c).
 *
 * This half of init is pure: it makes decisions from the table and the
 * time it is given and reports through init_log(), but never forks,
 * waits or reads a clock. tests/unit/test_init*.c link it on the host
 * (user/init/init.mk) with an init_log() of their own that collects the
 * lines. The other half (supervise.c, shutdown.c, runner.c) carries the
 * decisions out.
 *
 * A service is one record: its configuration, filled by the parser and
 * read-only afterwards, then its run-time state. Strings live inside the
 * record (no pointers), so the table is one static block.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INIT_SERVICES_MAX  48
#define INIT_NAME_MAX      24      /* including the NUL */
#define INIT_NEEDS_MAX     8
#define INIT_ARGV_MAX      16      /* the program and its arguments */
#define INIT_ARGS_TEXT     256     /* their bytes, each NUL-terminated */
#define INIT_GIVE_UP_MAX   64      /* the most failures give-up= may count */

/* Defaults for what a service line leaves out. */
#define INIT_READY_TIMEOUT_MS   30000
#define INIT_BACKOFF_FIRST_MS   500
#define INIT_BACKOFF_MAX_MS     30000
#define INIT_GIVE_UP_COUNT      5
#define INIT_GIVE_UP_WINDOW_MS  60000
/* A service that ran this long was healthy: its backoff starts over. */
#define INIT_STABLE_MS          10000
/* A respawn service (a getty) that ran this long is restarted at once. */
#define INIT_RESPAWN_MIN_MS     2000

/* The runs a service takes part in (modes=). */
enum {
	INIT_MODE_SYSTEM = 1 << 0,      /* the normal system: init without arguments */
	INIT_MODE_TEST   = 1 << 1,      /* init running the test programs */
	INIT_MODE_BENCH  = 1 << 2,      /* init running the benchmarks */
	INIT_MODE_ALL    = 7,
};

/* When a started service counts as up, so that what needs it may start. */
typedef enum {
	INIT_READY_START,       /* at once */
	INIT_READY_SCHEME,      /* when it writes a byte to $SCHEME_READY_FD */
	INIT_READY_EXIT,        /* when it exits with status 0: a one-shot task */
} init_ready_t;

typedef enum {
	INIT_RESTART_ALWAYS,    /* every exit is a failure: restart with backoff */
	INIT_RESTART_ON_FAILURE,/* restart unless it exited with status 0 */
	INIT_RESTART_NEVER,
	INIT_RESTART_RESPAWN,   /* a getty: at once after a session, backoff if it fails fast */
} init_restart_t;

typedef enum {
	INIT_SVC_OFF,           /* not part of this run's mode */
	INIT_SVC_WAITING,       /* to be started when its needs are up and its turn comes */
	INIT_SVC_STARTING,      /* running, not yet ready */
	INIT_SVC_UP,
	INIT_SVC_BACKOFF,       /* exited; to be started again at `when` */
	INIT_SVC_DONE,          /* exited, not to be restarted */
	INIT_SVC_FAILED,        /* gave up after repeated failures */
	INIT_SVC_BLOCKED,       /* never started: something it needs cannot come up */
	INIT_SVC_STOPPING,      /* shutting down: its stop signal was sent */
} init_state_t;

typedef struct init_service {
	/* From the configuration (conf.c); read-only afterwards. */
	char name[INIT_NAME_MAX];
	char args[INIT_ARGS_TEXT];      /* argc NUL-terminated words: program first */
	int argc;
	char need_names[INIT_NEEDS_MAX][INIT_NAME_MAX];
	int nneeds;
	init_ready_t ready;
	init_restart_t restart;
	unsigned modes;
	int stop_signal;
	unsigned ready_timeout_ms;
	unsigned backoff_first_ms, backoff_max_ms;
	unsigned give_up_count, give_up_window_ms;
	unsigned privileges;            /* ABI_PRIV_* granted (privileges=) */
	int line;                       /* where it was configured */

	/* Resolved by init_order(): indexes of need_names in the table. */
	int needs[INIT_NEEDS_MAX];

	/* Run time. */
	init_state_t state;
	int pid;                        /* while it runs, else 0 */
	int ready_fd;                   /* INIT_READY_SCHEME while starting, else -1 */
	bool ready_ok;                  /* INIT_READY_EXIT: it finished with status 0 */
	bool killed;                    /* SIGKILL sent (readiness timeout or stop) */
	uint64_t started_ms;
	uint64_t when_ms;               /* BACKOFF: restart time; STARTING: readiness
					   deadline; STOPPING: when to SIGKILL */
	/* restart.c's memory: the last failures, and the next delay. */
	uint64_t fail_ms[INIT_GIVE_UP_MAX];
	unsigned nfails;                /* how many of fail_ms hold (ring, oldest first) */
	unsigned fail_head;
	unsigned backoff_ms;            /* 0: start at backoff_first_ms */
} init_service_t;

typedef struct init_conf {
	init_service_t svc[INIT_SERVICES_MAX];
	int count;
	int order[INIT_SERVICES_MAX];   /* init_order(): the services of this run */
	int norder;
} init_conf_t;

/* init's event log: "init: " + the formatted text + newline (log.c; the
 * host tests provide their own). */
void init_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* --- conf.c ---------------------------------------------------------- */

/*
 * Parses a configuration (NUL-terminated text; `file` names it in
 * messages) into an empty table. A bad line is reported
 * ("FILE:LINE: what; line skipped") and skipped; the rest still count.
 * Returns the number of lines skipped.
 */
int init_conf_parse(init_conf_t *c, const char *file, const char *text);

/*
 * Adds a service while init runs (a `service ...` line written to
 * init:services by pcid). Parsed as in the file; its modes= is ignored:
 * it joins the current run as WAITING, ordered before the services still
 * waiting (init starts one at a time: a driver pcid asks for goes before
 * the file system waiting for pcid), and starts once its needs are up. Refused: -EINVAL (bad line), -EEXIST
 * (the name is taken), -EPERM (it would get privileges the caller does
 * not hold), -ENOENT (a need that is no service), -ENOSPC (table full);
 * err then says why. Returns the new service's index.
 */
int init_conf_add(init_conf_t *c, const char *text, unsigned caller_privileges, char *err,
		  size_t size);

/* The services pid 1 falls back on when it cannot read its file. */
extern const char init_conf_builtin[];

/* The service's program and arguments as an argv (argv[argc] = NULL). */
void init_conf_argv(const init_service_t *s, char *argv[INIT_ARGV_MAX + 1]);

/* "TERM" or "SIGTERM" -> SIGTERM; 0 if unknown. And back: "TERM". */
int init_signal_number(const char *name);
const char *init_signal_name(int sig);

/* A mode's name for messages ("system", "test", "bench"). */
const char *init_mode_name(unsigned mode);

/* --- order.c --------------------------------------------------------- */

/*
 * Prepares the table for a run in `mode`: services of other modes are
 * OFF, the others WAITING, needs are resolved to indexes, and c->order
 * lists the WAITING ones so that each comes after what it needs (file
 * order where the needs allow). A need that is missing, runs in another
 * mode only, or lies on a dependency cycle is reported, and the services
 * that depend on it, directly or not, are BLOCKED. Returns c->norder.
 */
int init_order(init_conf_t *c, unsigned mode);

/* --- restart.c ------------------------------------------------------- */

typedef enum {
	INIT_EXIT_DONE,         /* leave it stopped */
	INIT_EXIT_RESTART,      /* start it again after delay_ms */
	INIT_EXIT_GIVE_UP,      /* too many failures in the window */
} init_exit_action_t;

typedef struct {
	init_exit_action_t action;
	unsigned delay_ms;
	bool failure;           /* this exit counted as a failure */
} init_exit_plan_t;

/*
 * What to do now that s (started at s->started_ms) exited with wait
 * status `status` at now_ms, under its restart policy. Records the
 * failure, if it was one, in s's history.
 */
init_exit_plan_t init_restart_plan(init_service_t *s, int status, uint64_t now_ms);

/* "exited with status 1", "was killed by signal 9 (Killed)"... */
void init_status_describe(int status, char *buf, size_t size);

/* "0.5 s", "2 s", "1.25 s". */
void init_duration_format(unsigned ms, char *buf, size_t size);

/* --- plan.c ---------------------------------------------------------- */

/* Whether what needs s may start: it is up (or finished, for ready=exit). */
bool init_svc_satisfied(const init_service_t *s);

/* Whether s has a process: starting, up or stopping. */
bool init_svc_running(const init_service_t *s);

/*
 * Blocks (and reports) every WAITING or BACKOFF service that needs one
 * that will not come up any more: failed, blocked, off, or done without
 * having finished well.
 */
void init_plan_block(init_conf_t *c);

/*
 * The service to start now, or -1. Starting is one at a time: nothing
 * while a service is STARTING. Then the first service in c->order that
 * is WAITING, or BACKOFF with its time come, and whose needs are
 * satisfied.
 */
int init_plan_next(const init_conf_t *c, uint64_t now_ms);

/*
 * The earliest timer after now_ms: a restart, a readiness deadline, a
 * stop deadline. UINT64_MAX if none. Times at or before now_ms are due
 * already and are not waited for.
 */
uint64_t init_plan_deadline(const init_conf_t *c, uint64_t now_ms);

/* Boot is over: nothing is WAITING, STARTING or BACKOFF. */
bool init_plan_settled(const init_conf_t *c);

/*
 * For shutdown: the services that may be stopped now, since nothing
 * that runs needs them (reverse dependency order), into out (in reverse
 * c->order). Returns how many.
 */
int init_plan_stoppable(const init_conf_t *c, int out[INIT_SERVICES_MAX]);
