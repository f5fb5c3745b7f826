// SPDX-License-Identifier: MIT
/*
 * ptyd: the pty: scheme — pseudo-terminal pairs (docs/terminal.md).
 *
 * A pair is a master (the terminal's hardware side: a console driver or a
 * terminal emulator reads what programs print and writes what is typed)
 * and a slave (what programs have as their terminal), joined by a line
 * discipline (ldisc.h). Names:
 *
 *   pty:master          a new pair numbered N (the lowest free); slave pty:N
 *   pty:master/NAME     with O_CREAT, a named pair; slave pty:NAME
 *                       (EEXIST while that master is open)
 *   pty:N, pty:NAME     the slave
 *   pty:                a directory listing the slaves
 *
 * and, relative to a master or slave handle (dupat): "termios", the
 * control handle of the terminal protocol (abi/tty.h), and, from a
 * master, "name", which reads back the slave's path (ptsname).
 *
 * The files: pty_pair.c (pairs, names, handles), pty_io.c (the data
 * path: reads and writes that wait, readiness, VTIME timers),
 * pty_ctl.c (the control record, sessions and job control, hangup) and
 * pty_ops.c (the scheme operations). All of it is pure logic: the few
 * things that need the system — sending a signal, the clock, asking about
 * processes — are the pty_sys_t hooks that main.c fills in (and the host
 * tests fake).
 */
#pragma once

#include "ldisc.h"

#include <abi/tty.h>
#include <libscheme/libscheme.h>

#include <stdbool.h>
#include <stdint.h>

#define PTY_NAME_MAX  32u       /* a pair's name, with its NUL */
#define PTY_PAIRS_MAX 256u      /* pairs at once (each holds ~21 KiB) */
#define PTY_HASH      64u       /* buckets of the handle table */

typedef struct pty_sys {
	void *ctx;
	/* kill(target, sig): a pid, or -pgrp for a process group. */
	void (*signal)(void *ctx, int target, int sig);
	/* A monotonic clock in milliseconds (VTIME). */
	uint64_t (*now_ms)(void *ctx);
	/* Whether session sid still has its leader (a dead one's terminal is free). */
	bool (*session_alive)(void *ctx, int sid);
	/* Whether process group pgrp exists in session sid (tcsetpgrp). */
	bool (*pgrp_in_session)(void *ctx, int pgrp, int sid);
} pty_sys_t;

typedef enum pty_kind {
	PTY_MASTER,
	PTY_SLAVE,
	PTY_CONTROL,            /* "termios": the tty_record_t protocol */
	PTY_NAME,               /* "name": the slave's path, read once */
	PTY_DIR,                /* "pty:": the listing */
} pty_kind_t;

typedef enum pty_wait_kind {
	PTY_W_SREAD,            /* a slave read waiting for input */
	PTY_W_SWRITE,           /* a slave write waiting for output room */
	PTY_W_MREAD,            /* a master read waiting for output */
	PTY_W_MWRITE,           /* a master write waiting for input room */
	PTY_W_CTL,              /* a control write waiting for output to drain */
	PTY_W_KINDS
} pty_wait_kind_t;

struct pty_pair;

typedef struct pty_handle {
	uint64_t id;
	struct pty_handle *hnext;       /* in its hash bucket */
	struct pty_handle *pnext;       /* in its pair's handles */
	struct pty_pair *pair;          /* NULL for PTY_DIR */
	pty_kind_t kind;
	bool master_side;               /* CONTROL, NAME: made from the master */
	unsigned events;                /* the readiness last announced */
	uint64_t offset;                /* NAME: bytes read; DIR: last pair id listed */
} pty_handle_t;

/* A call answered SCHEME_PENDING. */
typedef struct pty_wait {
	struct pty_wait *next;          /* in its pair's queue, oldest first */
	uint64_t tag;
	pty_handle_t *h;
	uint8_t *buf;                   /* the caller's buffer, valid until answered */
	size_t len, done;
	scheme_call_t call;             /* who called: job control, the session rules */
	uint64_t deadline;              /* SREAD: answer by then (VTIME); 0: none */
	tty_record_t rec;               /* CTL: what to apply once drained */
} pty_wait_t;

typedef struct pty_pair {
	uint64_t id;                    /* creation order: listing cookies, inode */
	struct pty_pair *next;          /* in the state's list, by id */
	char name[PTY_NAME_MAX];        /* the slave's name ("3", "console") */
	bool named;                     /* made as master/NAME */
	bool attached;                  /* its name opens it (false once hung up) */
	bool hung_up;                   /* the master is gone */
	bool slave_opened;              /* a slave was opened at some time */
	unsigned masters, slaves, others; /* open handles of each side */
	unsigned uid, gid;              /* the owner: who opened the master */
	int sid, pgrp;                  /* the session it controls, its foreground group */
	abi_winsize_t winsize;
	uint64_t last_input_ms;         /* when input last arrived (VTIME between bytes) */
	ldisc_t ld;
	pty_handle_t *handles;
	pty_wait_t *waits[PTY_W_KINDS];
} pty_pair_t;

typedef struct pty_state {
	scheme_server_t *srv;
	pty_sys_t sys;
	pty_pair_t *pairs;
	unsigned npairs;
	uint64_t next_pair_id, next_handle_id;
	pty_handle_t *hash[PTY_HASH];
} pty_state_t;

extern const scheme_ops_t pty_ops;

/* A state answering through srv, with the system's hooks. */
void pty_state_init(pty_state_t *st, scheme_server_t *srv, const pty_sys_t *sys);
/* Frees every pair and handle (pending calls are forgotten). */
void pty_state_destroy(pty_state_t *st);

/* The earliest VTIME deadline of a waiting read, or 0 if none. */
uint64_t pty_next_deadline(const pty_state_t *st);
/* Answers the reads whose VTIME ran out by now. */
void pty_timers_run(pty_state_t *st, uint64_t now);

/* --- between the files ---------------------------------------------------------- */

/* pty_pair.c */
pty_pair_t *pty_pair_create(pty_state_t *st, const char *name, scheme_call_t *c, long *err);
pty_pair_t *pty_pair_find(pty_state_t *st, const char *name);
void pty_pair_detach(pty_pair_t *p);
/* Frees p if no handle is left; true if it did. */
bool pty_pair_release(pty_state_t *st, pty_pair_t *p);
pty_handle_t *pty_handle_new(pty_state_t *st, pty_pair_t *p, pty_kind_t kind);
pty_handle_t *pty_handle_find(pty_state_t *st, uint64_t id);
void pty_handle_free(pty_state_t *st, pty_handle_t *h);
/* The pair controlling session sid, or NULL. */
pty_pair_t *pty_session_tty(pty_state_t *st, int sid);

/* pty_io.c */
long pty_slave_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf,
		    size_t len);
long pty_slave_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		     size_t len);
long pty_master_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf,
		     size_t len);
long pty_master_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		      size_t len);
pty_wait_t *pty_wait_add(pty_pair_t *p, pty_wait_kind_t kind, scheme_call_t *c,
			 pty_handle_t *h, void *buf, size_t len);
/* Answers w (removing it from its queue) and frees it. */
void pty_wait_answer(pty_state_t *st, pty_pair_t *p, pty_wait_kind_t kind, pty_wait_t *w,
		     long result);
/* Forgets the waits of h (it is being closed), or every wait if h is NULL. */
void pty_waits_drop(pty_pair_t *p, const pty_handle_t *h);
/* Serves whatever waits can go on now and announces readiness changes. */
void pty_pair_kick(pty_state_t *st, pty_pair_t *p);
unsigned pty_handle_events(const pty_handle_t *h);
/* Sends sig to the foreground process group, if there is one. */
void pty_signal_fg(pty_state_t *st, pty_pair_t *p, int sig);

/* pty_ctl.c */
long pty_control_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf,
		      size_t len);
long pty_control_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		       size_t len);
/* Applies a control record whose wait for the drain is over; the answer. */
long pty_control_apply(pty_state_t *st, pty_pair_t *p, const pty_wait_t *w);
/* A slave opened without O_NOCTTY: the caller may make it its controlling terminal. */
void pty_ctty_on_open(pty_state_t *st, pty_pair_t *p, const scheme_call_t *c);
/* The last slave handle closed: the session lets go of the terminal. */
void pty_ctty_release(pty_pair_t *p);
/* The master closed: the slave side is hung up. */
void pty_hangup(pty_state_t *st, pty_pair_t *p);
/* Job control for a slave read (SIGTTIN) or write (SIGTTOU with TOSTOP); 0 or -EINTR. */
long pty_job_check(pty_state_t *st, pty_pair_t *p, int pgid, int sid, int sig);
