// SPDX-License-Identifier: MIT
/*
 * The control handle (the tty_record_t protocol of abi/tty.h), sessions
 * and job control, and hangup.
 *
 * Every request carries the caller's pid, process group and session
 * (scheme_call_t), which is all the terminal needs to apply POSIX's
 * rules (XBD 11.1.3, "The Controlling Terminal", and 11.1.4):
 *
 *  - A session leader without a controlling terminal that opens a slave
 *    without O_NOCTTY, the terminal belonging to no session, makes it its
 *    controlling terminal; its process group becomes the foreground
 *    group. TTY_SET_CTTY (TIOCSCTTY) does the same explicitly. A session
 *    whose leader is gone no longer holds its terminal.
 *  - The terminal lets go of its session when its last slave handle
 *    closes, and on hangup.
 *  - TTY_SET_PGRP (tcsetpgrp) is for processes of the terminal's session
 *    (else ENOTTY), naming a process group of that session (else EPERM).
 *    Reads waiting from groups that are now in the background end as a
 *    background read would.
 *  - A read from a background process group of the terminal's session
 *    sends SIGTTIN to that group and fails with EINTR; so does a write
 *    (SIGTTOU) when TOSTOP is set, and any change of the settings unless
 *    the record says the caller ignores or blocks SIGTTOU (libc knows;
 *    the daemon cannot). Processes of other sessions are not checked.
 *  - A new window size is kept and SIGWINCH sent to the foreground group.
 *  - Closing the master hangs up: SIGHUP then SIGCONT to the foreground
 *    group and to the session leader, the session lets go, slave reads
 *    return 0 and writes and control calls fail with EIO.
 *
 * A record asks for one change (libc sends one op per record); several
 * are applied in the order CTTY, PGRP, WINSIZE, FLUSH, FLOW, BREAK,
 * TERMIOS, DRAIN, sharing `arg`. A record that needs the output drained
 * first (TTY_DRAIN, TCSADRAIN, TCSAFLUSH) waits until the master has
 * read everything. On the master's control handle TCIFLUSH and TCOFLUSH
 * trade places, since the master's input is the program's output.
 */
#include "pty.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>

#define TTY_OPS_KNOWN (TTY_SET_TERMIOS | TTY_SET_WINSIZE | TTY_SET_PGRP | TTY_DRAIN | \
		       TTY_FLUSH | TTY_FLOW | TTY_BREAK | TTY_SET_CTTY)
#define TTY_OPS_CHANGING (TTY_SET_TERMIOS | TTY_SET_PGRP | TTY_DRAIN | TTY_FLUSH | \
			  TTY_FLOW | TTY_BREAK)

static void pty_send(pty_state_t *st, int target, int sig)
{
	if (st->sys.signal)
		st->sys.signal(st->sys.ctx, target, sig);
}

static bool pty_session_alive(pty_state_t *st, int sid)
{
	return !st->sys.session_alive || st->sys.session_alive(st->sys.ctx, sid);
}

long pty_job_check(pty_state_t *st, pty_pair_t *p, int pgid, int sid, int sig)
{
	if (p->sid <= 0 || sid != p->sid || pgid == p->pgrp)
		return 0;
	pty_send(st, -pgid, sig);
	return -EINTR;
}

/* --- sessions ------------------------------------------------------------------ */

/* Whether the caller may take p as its controlling terminal (steal: root's TIOCSCTTY 1). */
static long pty_ctty_check(pty_state_t *st, pty_pair_t *p, const scheme_call_t *c, bool steal)
{
	if (p->hung_up)
		return -EIO;
	if (c->sid <= 0 || c->pid != c->sid)
		return -EPERM;          /* only a session leader */
	if (pty_session_tty(st, c->sid))
		return -EPERM;          /* the session has one */
	if (p->sid > 0 && pty_session_alive(st, p->sid) && !(steal && c->uid == 0))
		return -EPERM;          /* another session's */
	return 0;
}

static void pty_ctty_take(pty_pair_t *p, const scheme_call_t *c)
{
	p->sid = c->sid;
	p->pgrp = c->pgid;
}

void pty_ctty_on_open(pty_state_t *st, pty_pair_t *p, const scheme_call_t *c)
{
	if (p->sid == c->sid && p->sid > 0)
		return;
	if (pty_ctty_check(st, p, c, false) == 0)
		pty_ctty_take(p, c);
}

void pty_ctty_release(pty_pair_t *p)
{
	p->sid = p->pgrp = 0;
}

static long pty_ctty_set(pty_state_t *st, pty_pair_t *p, const scheme_call_t *c, bool steal)
{
	if (p->sid > 0 && p->sid == c->sid)
		return 0;
	long r = pty_ctty_check(st, p, c, steal);
	if (r == 0)
		pty_ctty_take(p, c);
	return r;
}

static long pty_pgrp_set(pty_state_t *st, pty_pair_t *p, const scheme_call_t *c, int pgrp)
{
	if (p->sid <= 0 || c->sid != p->sid)
		return -ENOTTY;
	if (pgrp <= 0)
		return -EINVAL;
	if (pgrp != c->pgid && st->sys.pgrp_in_session &&
	    !st->sys.pgrp_in_session(st->sys.ctx, pgrp, p->sid))
		return -EPERM;
	p->pgrp = pgrp;
	/* Reads waiting from what is now the background get what a new one would. */
	for (pty_wait_t *w = p->waits[PTY_W_SREAD], *next; w; w = next) {
		next = w->next;
		if (w->call.sid == p->sid && w->call.pgid != pgrp) {
			pty_send(st, -w->call.pgid, SIGTTIN);
			pty_wait_answer(st, p, PTY_W_SREAD, w, -EINTR);
		}
	}
	return 0;
}

void pty_hangup(pty_state_t *st, pty_pair_t *p)
{
	p->hung_up = true;
	pty_pair_detach(p);
	if (p->sid > 0) {
		if (p->pgrp > 0) {
			pty_send(st, -p->pgrp, SIGHUP);
			pty_send(st, -p->pgrp, SIGCONT);
		}
		if (p->pgrp != p->sid) {
			pty_send(st, p->sid, SIGHUP);
			pty_send(st, p->sid, SIGCONT);
		}
	}
	pty_ctty_release(p);
	ldisc_flush_output(&p->ld);
	for (pty_wait_t *w; (w = p->waits[PTY_W_SWRITE]);)
		pty_wait_answer(st, p, PTY_W_SWRITE, w, w->done ? (long)w->done : -EIO);
	pty_pair_kick(st, p);   /* reads see 0, drains EIO; readiness */
}

/* --- the record ---------------------------------------------------------------------- */

long pty_control_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf,
		      size_t len)
{
	pty_pair_t *p = h->pair;
	tty_record_t rec;

	(void)st;
	if (len < sizeof(rec))
		return -EINVAL;
	if (p->hung_up)
		return -EIO;
	memset(&rec, 0, sizeof(rec));
	rec.termios = p->ld.t;
	rec.winsize = p->winsize;
	rec.pgrp = p->pgrp;
	rec.sid = p->sid;
	if (p->sid > 0 && c->sid == p->sid)
		rec.flags |= TTY_F_CTTY;
	if (h->master_side)
		rec.flags |= TTY_F_MASTER;
	memcpy(buf, &rec, sizeof(rec));
	return sizeof(rec);
}

static void pty_flush(pty_pair_t *p, unsigned queue, bool master_side)
{
	bool in = queue == TCIFLUSH || queue == TCIOFLUSH;
	bool out = queue == TCOFLUSH || queue == TCIOFLUSH;

	if (master_side) {
		bool t = in;
		in = out;
		out = t;
	}
	if (in)
		ldisc_flush_input(&p->ld);
	if (out)
		ldisc_flush_output(&p->ld);
}

static void pty_flow(pty_pair_t *p, unsigned action)
{
	ldisc_t *ld = &p->ld;

	if (action == TCOOFF || action == TCOON)
		ld->stopped = action == TCOOFF;
	else
		ldisc_output_raw(ld, ld->t.cc[action == TCIOFF ? VSTOP : VSTART]);
}

static void pty_winsize_set(pty_state_t *st, pty_pair_t *p, const abi_winsize_t *ws)
{
	if (memcmp(&p->winsize, ws, sizeof(*ws)) == 0)
		return;
	p->winsize = *ws;
	pty_signal_fg(st, p, SIGWINCH);
}

/* Applies rec now; sizeof(tty_record_t) or -errno. */
static long pty_control_do(pty_state_t *st, pty_pair_t *p, const pty_handle_t *h,
			   const scheme_call_t *c, const tty_record_t *rec)
{
	long r;

	if (p->hung_up)
		return -EIO;
	if ((rec->op & TTY_SET_CTTY) && (r = pty_ctty_set(st, p, c, rec->arg == 1)))
		return r;
	if ((rec->op & TTY_SET_PGRP) && (r = pty_pgrp_set(st, p, c, rec->pgrp)))
		return r;
	if (rec->op & TTY_SET_WINSIZE)
		pty_winsize_set(st, p, &rec->winsize);
	if (rec->op & TTY_FLUSH)
		pty_flush(p, rec->arg, h->master_side);
	if (rec->op & TTY_FLOW)
		pty_flow(p, rec->arg);
	if (rec->op & TTY_SET_TERMIOS) {
		if (rec->arg == TCSAFLUSH)
			ldisc_flush_input(&p->ld);
		ldisc_set_termios(&p->ld, &rec->termios);
	}
	return sizeof(*rec);
}

long pty_control_apply(pty_state_t *st, pty_pair_t *p, const pty_wait_t *w)
{
	return pty_control_do(st, p, w->h, &w->call, &w->rec);
}

static long pty_control_check(const tty_record_t *rec)
{
	if (rec->op & ~TTY_OPS_KNOWN)
		return -EINVAL;
	if ((rec->op & TTY_SET_TERMIOS) && rec->arg > TCSAFLUSH)
		return -EINVAL;
	if ((rec->op & TTY_FLUSH) && rec->arg > TCIOFLUSH)
		return -EINVAL;
	if ((rec->op & TTY_FLOW) && rec->arg > TCION)
		return -EINVAL;
	return 0;
}

static bool pty_control_drains(const tty_record_t *rec)
{
	return (rec->op & TTY_DRAIN) || ((rec->op & TTY_SET_TERMIOS) && rec->arg != TCSANOW);
}

long pty_control_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		       size_t len)
{
	pty_pair_t *p = h->pair;
	tty_record_t rec;
	long r;

	if (len != sizeof(rec))
		return -EINVAL;
	memcpy(&rec, buf, sizeof(rec));
	if ((r = pty_control_check(&rec)))
		return r;
	if (p->hung_up)
		return (rec.op & TTY_SET_PGRP) ? -ENOTTY : -EIO;
	if ((rec.op & TTY_OPS_CHANGING) && !(rec.flags & TTY_F_TTOU_OK) &&
	    (r = pty_job_check(st, p, c->pgid, c->sid, SIGTTOU)))
		return r;
	if (pty_control_drains(&rec) && ldisc_output_pending(&p->ld)) {
		pty_wait_t *w = pty_wait_add(p, PTY_W_CTL, c, h, NULL, 0);
		if (!w)
			return -ENOMEM;
		w->rec = rec;
		return SCHEME_PENDING;
	}
	r = pty_control_do(st, p, h, c, &rec);
	pty_pair_kick(st, p);
	return r;
}
