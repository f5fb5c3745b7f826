// SPDX-License-Identifier: MIT
/*
 * Which service to start next, which may stop, and when init must wake.
 *
 * Starting is sequential: one service at a time, in c->order, each
 * waiting for the one before it to be ready. That keeps boot — and its
 * log — the same every time, and a daemon that needs another one never
 * races it. A service whose restart time has come takes its turn the
 * same way. Stopping goes the other way round: a service may stop once
 * nothing that still runs needs it, so terminals go before ptyd, and
 * ptyd before the file system its program came from.
 */
#include "service.h"

bool init_svc_satisfied(const init_service_t *s)
{
	return s->state == INIT_SVC_UP || (s->state == INIT_SVC_DONE && s->ready_ok);
}

bool init_svc_running(const init_service_t *s)
{
	return s->state == INIT_SVC_STARTING || s->state == INIT_SVC_UP ||
	       s->state == INIT_SVC_STOPPING;
}

/* A need that will not come up (again): why, or NULL if it still may. */
static const char *plan_lost_why(const init_service_t *n)
{
	switch (n->state) {
	case INIT_SVC_FAILED:  return "gave up";
	case INIT_SVC_BLOCKED: return "cannot start";
	case INIT_SVC_OFF:     return "does not run in this mode";
	case INIT_SVC_DONE:    return n->ready_ok ? NULL : "has stopped";
	default:               return NULL;
	}
}

void init_plan_block(init_conf_t *c)
{
	/* c->order puts needs first, so one pass carries blocking along. */
	for (int o = 0; o < c->norder; o++) {
		init_service_t *s = &c->svc[c->order[o]];
		if (s->state != INIT_SVC_WAITING && s->state != INIT_SVC_BACKOFF)
			continue;
		for (int k = 0; k < s->nneeds; k++) {
			const init_service_t *n = &c->svc[s->needs[k]];
			const char *why = plan_lost_why(n);
			if (why) {
				init_log("not %s %s: it needs %s, which %s",
					 s->state == INIT_SVC_WAITING ? "starting" : "restarting",
					 s->name, n->name, why);
				s->state = INIT_SVC_BLOCKED;
				break;
			}
		}
	}
}

static bool plan_needs_met(const init_conf_t *c, const init_service_t *s)
{
	for (int k = 0; k < s->nneeds; k++)
		if (!init_svc_satisfied(&c->svc[s->needs[k]]))
			return false;
	return true;
}

int init_plan_next(const init_conf_t *c, uint64_t now_ms)
{
	for (int o = 0; o < c->norder; o++)
		if (c->svc[c->order[o]].state == INIT_SVC_STARTING)
			return -1;
	for (int o = 0; o < c->norder; o++) {
		const init_service_t *s = &c->svc[c->order[o]];
		bool due = s->state == INIT_SVC_WAITING ||
			   (s->state == INIT_SVC_BACKOFF && s->when_ms <= now_ms);
		if (due && plan_needs_met(c, s))
			return c->order[o];
	}
	return -1;
}

uint64_t init_plan_deadline(const init_conf_t *c, uint64_t now_ms)
{
	uint64_t best = UINT64_MAX;

	for (int o = 0; o < c->norder; o++) {
		const init_service_t *s = &c->svc[c->order[o]];
		bool timed = s->state == INIT_SVC_BACKOFF || s->state == INIT_SVC_STARTING ||
			     s->state == INIT_SVC_STOPPING;
		if (timed && s->when_ms > now_ms && s->when_ms < best)
			best = s->when_ms;
	}
	return best;
}

bool init_plan_settled(const init_conf_t *c)
{
	for (int o = 0; o < c->norder; o++) {
		init_state_t st = c->svc[c->order[o]].state;
		if (st == INIT_SVC_WAITING || st == INIT_SVC_STARTING || st == INIT_SVC_BACKOFF)
			return false;
	}
	return true;
}

int init_plan_stoppable(const init_conf_t *c, int out[INIT_SERVICES_MAX])
{
	bool needed[INIT_SERVICES_MAX] = { false };
	int n = 0;

	for (int o = 0; o < c->norder; o++) {
		const init_service_t *s = &c->svc[c->order[o]];
		if (init_svc_running(s))
			for (int k = 0; k < s->nneeds; k++)
				needed[s->needs[k]] = true;
	}
	for (int o = c->norder - 1; o >= 0; o--) {
		int i = c->order[o];
		init_state_t st = c->svc[i].state;
		if ((st == INIT_SVC_STARTING || st == INIT_SVC_UP) && !needed[i])
			out[n++] = i;
	}
	return n;
}
