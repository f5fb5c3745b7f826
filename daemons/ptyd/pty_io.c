// SPDX-License-Identifier: MIT
/*
 * The data path: reads and writes on both sides, the calls that wait,
 * and readiness.
 *
 * Every call first tries to finish at once. One that cannot — a read
 * with nothing to read, a write with no room — is answered EAGAIN with
 * O_NONBLOCK, or parked in its pair's queue of that kind (SCHEME_PENDING;
 * the kernel keeps the caller's buffer valid until the answer). Queues
 * are first come, first served, and writes keep their order: a write
 * that finds others waiting queues behind them. A blocking write is
 * answered only once all of it is taken (as POSIX wants of terminals);
 * a non-blocking one takes what fits.
 *
 * Whatever changes a pair then calls pty_pair_kick, which serves the
 * queues until none can move (typed input makes a line, a read makes
 * room for more input, the master's read makes room for output, an
 * emptied output lets tcdrain return...) and announces to the kernel the
 * readiness of every handle of the pair whose readiness changed.
 *
 * Non-canonical reads follow VMIN and VTIME (POSIX, "Non-Canonical Mode
 * Input Processing"): MIN bytes (or len, if fewer); MIN=0 TIME=0 takes
 * what is there; MIN=0 TIME=t waits up to t tenths of a second for a
 * byte; MIN>0 TIME=t returns once MIN bytes came or t tenths passed
 * since the last one. Deadlines are the waits' own; main.c wakes the
 * daemon for the earliest (pty_next_deadline) and runs pty_timers_run.
 *
 * The master's read fails with EIO once every slave handle is closed (a
 * slave having been opened), as on Linux, so a terminal emulator learns
 * that its program is gone; a named pair (a console) instead waits for
 * its next session.
 */
#include "pty.h"

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

static uint64_t pty_now(const pty_state_t *st)
{
	return st->sys.now_ms ? st->sys.now_ms(st->sys.ctx) : 0;
}

void pty_signal_fg(pty_state_t *st, pty_pair_t *p, int sig)
{
	if (p->pgrp > 0 && st->sys.signal)
		st->sys.signal(st->sys.ctx, -p->pgrp, sig);
}

/* --- waits -------------------------------------------------------------------- */

pty_wait_t *pty_wait_add(pty_pair_t *p, pty_wait_kind_t kind, scheme_call_t *c,
			 pty_handle_t *h, void *buf, size_t len)
{
	pty_wait_t *w = calloc(1, sizeof(*w)), **pp = &p->waits[kind];

	if (!w)
		return NULL;
	w->tag = c->tag;
	w->h = h;
	w->buf = buf;
	w->len = len;
	w->call = *c;
	while (*pp)
		pp = &(*pp)->next;
	*pp = w;
	return w;
}

static void pty_wait_unlink(pty_pair_t *p, pty_wait_kind_t kind, pty_wait_t *w)
{
	for (pty_wait_t **pp = &p->waits[kind]; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			return;
		}
}

void pty_wait_answer(pty_state_t *st, pty_pair_t *p, pty_wait_kind_t kind, pty_wait_t *w,
		     long result)
{
	pty_wait_unlink(p, kind, w);
	scheme_respond(st->srv, w->tag, result);
	free(w);
}

void pty_waits_drop(pty_pair_t *p, const pty_handle_t *h)
{
	for (int k = 0; k < PTY_W_KINDS; k++)
		for (pty_wait_t **pp = &p->waits[k]; *pp;) {
			pty_wait_t *w = *pp;
			if (h && w->h != h) {
				pp = &w->next;
				continue;
			}
			*pp = w->next;
			free(w);
		}
}

/* --- readiness ------------------------------------------------------------------ */

/* The master reads EIO: its program is gone (numbered pairs only). */
static bool pty_master_eio(const pty_pair_t *p)
{
	return !p->named && p->slave_opened && p->slaves == 0;
}

static bool pty_slave_readable(const pty_pair_t *p)
{
	const ldisc_t *ld = &p->ld;
	size_t min = ld->t.cc[VMIN];

	if (ldisc_canonical(ld))
		return ldisc_readable(ld) > 0;
	/* As Linux polls: MIN bytes when only MIN counts, else one. */
	return ldisc_readable(ld) >= (min && !ld->t.cc[VTIME] ? min : 1);
}

unsigned pty_handle_events(const pty_handle_t *h)
{
	const pty_pair_t *p = h->pair;
	unsigned ev = 0;

	switch (h->kind) {
	case PTY_MASTER:
		if (ldisc_output_ready(&p->ld) || pty_master_eio(p))
			ev |= EVENT_READ;
		if (ldisc_input_room(&p->ld))
			ev |= EVENT_WRITE;
		return ev;
	case PTY_SLAVE:
		if (p->hung_up)
			return EVENT_READ | EVENT_WRITE;       /* reads 0, writes EIO */
		if (pty_slave_readable(p))
			ev |= EVENT_READ;
		if (ldisc_write_room(&p->ld))
			ev |= EVENT_WRITE;
		return ev;
	default:
		return EVENT_READ | EVENT_WRITE;
	}
}

static void pty_pair_announce(pty_state_t *st, pty_pair_t *p)
{
	for (pty_handle_t *h = p->handles; h; h = h->pnext) {
		unsigned ev = pty_handle_events(h);
		if (ev != h->events) {
			scheme_notify(st->srv, h->id, ev);
			h->events = ev;
		}
	}
}

/* --- moving bytes ------------------------------------------------------------------ */

/* Typed input into the line discipline, sending the signals it raises; bytes taken. */
static size_t pty_input(pty_state_t *st, pty_pair_t *p, const uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		int sig;
		size_t n = ldisc_receive(&p->ld, buf + done, len - done, &sig);
		done += n;
		if (sig)
			pty_signal_fg(st, p, sig);
		if (n == 0)
			break;
	}
	if (done)
		p->last_input_ms = pty_now(st);
	return done;
}

/*
 * What a slave read gets now: bytes (0: end of file, or VMIN/VTIME's
 * nothing), or -EAGAIN to wait, with *deadline set when it waits for a
 * VTIME to run out.
 */
static long pty_sread_try(pty_pair_t *p, uint8_t *buf, size_t len, uint64_t *deadline,
			  uint64_t now)
{
	ldisc_t *ld = &p->ld;
	unsigned min = ld->t.cc[VMIN], time = ld->t.cc[VTIME];
	size_t avail = ldisc_readable(ld), want = min < len ? min : len;

	if (p->hung_up || len == 0)
		return 0;
	if (ldisc_canonical(ld))
		return ldisc_read(ld, buf, len);
	if (avail && avail >= want)
		return ldisc_read(ld, buf, len);
	if (time == 0)
		return min == 0 ? 0 : -EAGAIN;
	if (min == 0) {
		if (!*deadline)
			*deadline = now + time * 100u;
		return now >= *deadline ? 0 : -EAGAIN;
	}
	if (avail == 0) {
		*deadline = 0;          /* the timer starts with the first byte */
		return -EAGAIN;
	}
	*deadline = p->last_input_ms + time * 100u;
	return now >= *deadline ? ldisc_read(ld, buf, len) : -EAGAIN;
}

/* --- serving the queues ---------------------------------------------------------- */

static bool pty_serve_mwrites(pty_state_t *st, pty_pair_t *p)
{
	bool moved = false;
	pty_wait_t *w;

	while ((w = p->waits[PTY_W_MWRITE])) {
		size_t n = pty_input(st, p, w->buf + w->done, w->len - w->done);
		w->done += n;
		moved |= n > 0;
		if (w->done < w->len)
			break;
		pty_wait_answer(st, p, PTY_W_MWRITE, w, (long)w->len);
	}
	return moved;
}

static bool pty_serve_sreads(pty_state_t *st, pty_pair_t *p, uint64_t now)
{
	bool moved = false;
	pty_wait_t *w;

	while ((w = p->waits[PTY_W_SREAD])) {
		long r = pty_sread_try(p, w->buf, w->len, &w->deadline, now);
		if (r == -EAGAIN)
			break;
		pty_wait_answer(st, p, PTY_W_SREAD, w, r);
		moved = true;
	}
	return moved;
}

static bool pty_serve_swrites(pty_state_t *st, pty_pair_t *p)
{
	bool moved = false;
	pty_wait_t *w;

	while ((w = p->waits[PTY_W_SWRITE])) {
		size_t n = ldisc_write(&p->ld, w->buf + w->done, w->len - w->done);
		w->done += n;
		moved |= n > 0;
		if (w->done < w->len)
			break;
		pty_wait_answer(st, p, PTY_W_SWRITE, w, (long)w->len);
	}
	return moved;
}

static bool pty_serve_mreads(pty_state_t *st, pty_pair_t *p)
{
	bool moved = false;
	pty_wait_t *w;

	while ((w = p->waits[PTY_W_MREAD]) && (ldisc_output_ready(&p->ld) || pty_master_eio(p))) {
		size_t n = ldisc_output_take(&p->ld, w->buf, w->len);
		pty_wait_answer(st, p, PTY_W_MREAD, w, n ? (long)n : -EIO);
		moved = true;
	}
	return moved;
}

static bool pty_serve_controls(pty_state_t *st, pty_pair_t *p)
{
	bool moved = false;
	pty_wait_t *w;

	while ((w = p->waits[PTY_W_CTL]) && (!ldisc_output_pending(&p->ld) || p->hung_up)) {
		/* Out of the queue first: applying it may serve the queues again. */
		pty_wait_unlink(p, PTY_W_CTL, w);
		scheme_respond(st->srv, w->tag, pty_control_apply(st, p, w));
		free(w);
		moved = true;
	}
	return moved;
}

static void pty_pair_kick_at(pty_state_t *st, pty_pair_t *p, uint64_t now)
{
	bool moved;

	do {
		moved = pty_serve_mwrites(st, p);
		moved |= pty_serve_sreads(st, p, now);
		moved |= pty_serve_swrites(st, p);
		moved |= pty_serve_mreads(st, p);
		moved |= pty_serve_controls(st, p);
	} while (moved);
	pty_pair_announce(st, p);
}

void pty_pair_kick(pty_state_t *st, pty_pair_t *p)
{
	pty_pair_kick_at(st, p, pty_now(st));
}

/* --- the calls ------------------------------------------------------------------------ */

/* Parks a call that cannot finish yet (*out: its wait); its answer, or -EAGAIN/-ENOMEM. */
static long pty_park(pty_pair_t *p, pty_wait_kind_t kind, scheme_call_t *c, pty_handle_t *h,
		     const void *buf, size_t len, size_t done, pty_wait_t **out)
{
	if (c->file_flags & O_NONBLOCK)
		return done ? (long)done : -EAGAIN;
	pty_wait_t *w = pty_wait_add(p, kind, c, h, (void *)buf, len);
	if (!w)
		return done ? (long)done : -ENOMEM;
	w->done = done;
	if (out)
		*out = w;
	return SCHEME_PENDING;
}

long pty_slave_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf, size_t len)
{
	pty_pair_t *p = h->pair;
	uint64_t deadline = 0;
	pty_wait_t *w;
	long r;

	if (!p->hung_up && (r = pty_job_check(st, p, c->pgid, c->sid, SIGTTIN)))
		return r;
	r = p->waits[PTY_W_SREAD] ? -EAGAIN : pty_sread_try(p, buf, len, &deadline, pty_now(st));
	if (r != -EAGAIN) {
		pty_pair_kick(st, p);   /* room for input, and readiness */
		return r;
	}
	r = pty_park(p, PTY_W_SREAD, c, h, buf, len, 0, &w);
	if (r == SCHEME_PENDING)
		w->deadline = deadline;
	return r;
}

long pty_slave_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		     size_t len)
{
	pty_pair_t *p = h->pair;
	size_t n;
	long r;

	if (p->hung_up)
		return -EIO;
	if ((p->ld.t.lflag & TOSTOP) && (r = pty_job_check(st, p, c->pgid, c->sid, SIGTTOU)))
		return r;
	n = p->waits[PTY_W_SWRITE] ? 0 : ldisc_write(&p->ld, buf, len);
	if (n)
		pty_pair_kick(st, p);
	if (n == len)
		return (long)len;
	return pty_park(p, PTY_W_SWRITE, c, h, buf, len, n, NULL);
}

long pty_master_read(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, void *buf,
		     size_t len)
{
	pty_pair_t *p = h->pair;
	size_t n = p->waits[PTY_W_MREAD] ? 0 : ldisc_output_take(&p->ld, buf, len);

	if (n) {
		pty_pair_kick(st, p);   /* room for output, tcdrain */
		return (long)n;
	}
	if (len == 0)
		return 0;
	if (pty_master_eio(p))
		return -EIO;
	return pty_park(p, PTY_W_MREAD, c, h, buf, len, 0, NULL);
}

long pty_master_write(pty_state_t *st, scheme_call_t *c, pty_handle_t *h, const void *buf,
		      size_t len)
{
	pty_pair_t *p = h->pair;
	size_t n = p->waits[PTY_W_MWRITE] ? 0 : pty_input(st, p, buf, len);

	if (n)
		pty_pair_kick(st, p);
	if (n == len)
		return (long)len;
	return pty_park(p, PTY_W_MWRITE, c, h, buf, len, n, NULL);
}

/* --- VTIME --------------------------------------------------------------------------- */

uint64_t pty_next_deadline(const pty_state_t *st)
{
	uint64_t next = 0;

	for (const pty_pair_t *p = st->pairs; p; p = p->next)
		for (const pty_wait_t *w = p->waits[PTY_W_SREAD]; w; w = w->next)
			if (w->deadline && (!next || w->deadline < next))
				next = w->deadline;
	return next;
}

void pty_timers_run(pty_state_t *st, uint64_t now)
{
	for (pty_pair_t *p = st->pairs; p; p = p->next)
		for (pty_wait_t *w = p->waits[PTY_W_SREAD]; w; w = w->next)
			if (w->deadline && w->deadline <= now) {
				pty_pair_kick_at(st, p, now);
				break;
			}
}
