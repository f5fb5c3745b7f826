// SPDX-License-Identifier: MIT
/*
 * The order services start in: a topological sort of the `needs` graph.
 *
 * The sort is Kahn's, made stable by always taking the first service in
 * file order whose needs are all placed, so a file written in a sensible
 * order starts in exactly that order. Tables are small (a few dozen
 * services), so the quadratic scans cost nothing and keep this simple.
 *
 * What cannot be placed is reported and BLOCKED, never silently dropped:
 * a need that no line defines, a need that runs in other modes only, a
 * cycle (each one shown as `a -> b -> a`), and everything that depends
 * on one of those. The rest of the table still starts.
 */
#include "service.h"

#include <stdio.h>
#include <string.h>

static int order_find(const init_conf_t *c, const char *name)
{
	for (int i = 0; i < c->count; i++)
		if (strcmp(c->svc[i].name, name) == 0)
			return i;
	return -1;
}

/* Resolves names to indexes; blocks services with needs not in the run. */
static void order_resolve(init_conf_t *c, unsigned mode)
{
	for (int i = 0; i < c->count; i++) {
		init_service_t *s = &c->svc[i];
		for (int k = 0; k < s->nneeds; k++) {
			int j = order_find(c, s->need_names[k]);
			s->needs[k] = j;
			if (s->state != INIT_SVC_WAITING)
				continue;
			if (j < 0) {
				init_log("not starting %s: it needs %s, which is not configured",
					 s->name, s->need_names[k]);
				s->state = INIT_SVC_BLOCKED;
			} else if (c->svc[j].state == INIT_SVC_OFF) {
				init_log("not starting %s: it needs %s, which does not run in %s mode",
					 s->name, s->need_names[k], init_mode_name(mode));
				s->state = INIT_SVC_BLOCKED;
			}
		}
	}
}

/* Places what can be placed, file order first; blocks dependents of
 * blocked services as it meets them. */
static void order_place(init_conf_t *c, bool placed[])
{
	for (int i = 0; i < c->count; i++) {
		init_service_t *s = &c->svc[i];
		if (placed[i] || s->state != INIT_SVC_WAITING)
			continue;
		bool ready = true;
		for (int k = 0; k < s->nneeds && ready; k++) {
			const init_service_t *n = &c->svc[s->needs[k]];
			if (n->state == INIT_SVC_BLOCKED) {
				init_log("not starting %s: it needs %s, which cannot start", s->name,
					 n->name);
				s->state = INIT_SVC_BLOCKED;
				ready = false;
				i = -1;         /* its dependents come earlier in the file too */
			} else if (!placed[s->needs[k]]) {
				ready = false;
			}
		}
		if (ready) {
			placed[i] = true;
			c->order[c->norder++] = i;
			i = -1;                 /* start over: file order wins */
		}
	}
}

/* Whether `to` can be reached from `from` over needs among the unplaced;
 * on the way it fills prev[] (BFS), for the path back. */
static bool order_path(const init_conf_t *c, const bool placed[], int from, int to, int prev[])
{
	int queue[INIT_SERVICES_MAX], head = 0, tail = 0;
	bool seen[INIT_SERVICES_MAX] = { false };

	queue[tail++] = from;
	seen[from] = true;
	while (head < tail) {
		int v = queue[head++];
		const init_service_t *s = &c->svc[v];
		for (int k = 0; k < s->nneeds; k++) {
			int w = s->needs[k];
			if (placed[w] || c->svc[w].state != INIT_SVC_WAITING)
				continue;
			if (w == to) {
				prev[w] = v;
				return true;
			}
			if (!seen[w]) {
				seen[w] = true;
				prev[w] = v;
				queue[tail++] = w;
			}
		}
	}
	return false;
}

/* Reports the cycle through v ("a -> b -> a") and marks its members. */
static void order_report_cycle(const init_conf_t *c, int v, const int prev[], bool reported[])
{
	int path[INIT_SERVICES_MAX + 1], n = 0;
	char text[INIT_SERVICES_MAX * (INIT_NAME_MAX + 4)];
	size_t len = 0;

	/* prev[] leads back from v to v against the needs edges. */
	path[n++] = v;
	for (int w = prev[v]; w != v && n < INIT_SERVICES_MAX; w = prev[w])
		path[n++] = w;
	path[n++] = v;
	/* path is v <- ... so reversed it reads as "needs" order. */
	for (int i = n - 1; i >= 0; i--) {
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
					 c->svc[path[i]].name, i ? " -> " : "");
		reported[path[i]] = true;
	}
	init_log("dependency cycle: %s; not starting them", text);
}

/* Blocks everything left: cycles (reported once each), then what needs them. */
static void order_block_rest(init_conf_t *c, bool placed[])
{
	bool on_cycle[INIT_SERVICES_MAX] = { false }, reported[INIT_SERVICES_MAX] = { false };
	int prev[INIT_SERVICES_MAX];

	for (int i = 0; i < c->count; i++) {
		if (placed[i] || c->svc[i].state != INIT_SVC_WAITING)
			continue;
		on_cycle[i] = order_path(c, placed, i, i, prev);
		if (on_cycle[i] && !reported[i])
			order_report_cycle(c, i, prev, reported);
	}
	for (int i = 0; i < c->count; i++) {
		init_service_t *s = &c->svc[i];
		if (placed[i] || s->state != INIT_SVC_WAITING || on_cycle[i])
			continue;
		for (int k = 0; k < s->nneeds; k++)
			if (!placed[s->needs[k]]) {
				init_log("not starting %s: it needs %s, which cannot start", s->name,
					 c->svc[s->needs[k]].name);
				break;
			}
	}
	for (int i = 0; i < c->count; i++)
		if (!placed[i] && c->svc[i].state == INIT_SVC_WAITING)
			c->svc[i].state = INIT_SVC_BLOCKED;
}

int init_order(init_conf_t *c, unsigned mode)
{
	bool placed[INIT_SERVICES_MAX] = { false };

	c->norder = 0;
	for (int i = 0; i < c->count; i++)
		c->svc[i].state = (c->svc[i].modes & mode) ? INIT_SVC_WAITING : INIT_SVC_OFF;
	order_resolve(c, mode);
	order_place(c, placed);
	order_block_rest(c, placed);
	return c->norder;
}
