// SPDX-License-Identifier: MIT
/*
 * What init does when a service exits: the restart policy, exponential
 * backoff, and giving up.
 *
 * The policy says whether an exit is a failure. `never` leaves the
 * service stopped; `on-failure` leaves it stopped after status 0;
 * `always` treats every exit as a failure (a daemon is meant to run for
 * ever); `respawn`, for gettys, starts a new one at once when the last
 * ran for a while (a session ended) and treats a quick exit as a failure,
 * so a getty whose terminal is missing does not spin.
 *
 * A failure waits the service's backoff before the restart — first
 * backoff_first_ms (0.5 s), doubled each time up to backoff_max_ms
 * (30 s) — and is remembered in a ring of the last give_up_count
 * failure times; when the ring is full and its oldest entry lies within
 * give_up_window_ms, init gives up. A service that ran for
 * INIT_STABLE_MS was healthy: its backoff and history start over.
 */
#include "service.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

static void restart_forget(init_service_t *s)
{
	s->nfails = 0;
	s->fail_head = 0;
	s->backoff_ms = 0;
}

/* Records a failure at now; true when that makes give_up_count in the window. */
static bool restart_record(init_service_t *s, uint64_t now_ms)
{
	unsigned cap = s->give_up_count < INIT_GIVE_UP_MAX ? s->give_up_count : INIT_GIVE_UP_MAX;

	if (cap == 0)
		cap = 1;
	if (s->nfails < cap) {
		s->fail_ms[(s->fail_head + s->nfails) % cap] = now_ms;
		s->nfails++;
	} else {
		s->fail_ms[s->fail_head] = now_ms;
		s->fail_head = (s->fail_head + 1) % cap;
	}
	return s->nfails == cap && now_ms - s->fail_ms[s->fail_head] <= s->give_up_window_ms;
}

/* The delay before this restart; doubles the next one, up to the maximum. */
static unsigned restart_delay(init_service_t *s)
{
	unsigned d = s->backoff_ms ? s->backoff_ms : s->backoff_first_ms;

	s->backoff_ms = d >= s->backoff_max_ms / 2 ? s->backoff_max_ms : d * 2;
	if (d > s->backoff_max_ms)
		d = s->backoff_max_ms;
	return d;
}

init_exit_plan_t init_restart_plan(init_service_t *s, int status, uint64_t now_ms)
{
	bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	uint64_t ran = now_ms - s->started_ms;

	if (ran >= INIT_STABLE_MS)
		restart_forget(s);
	switch (s->restart) {
	case INIT_RESTART_NEVER:
		return (init_exit_plan_t){ INIT_EXIT_DONE, 0, !clean };
	case INIT_RESTART_ON_FAILURE:
		if (clean)
			return (init_exit_plan_t){ INIT_EXIT_DONE, 0, false };
		break;
	case INIT_RESTART_RESPAWN:
		if (ran >= INIT_RESPAWN_MIN_MS)
			return (init_exit_plan_t){ INIT_EXIT_RESTART, 0, false };
		break;
	case INIT_RESTART_ALWAYS:
		break;
	}
	if (restart_record(s, now_ms))
		return (init_exit_plan_t){ INIT_EXIT_GIVE_UP, 0, true };
	return (init_exit_plan_t){ INIT_EXIT_RESTART, restart_delay(s), true };
}

void init_status_describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, size, "ended with wait status %#x", (unsigned)status);
}

void init_duration_format(unsigned ms, char *buf, size_t size)
{
	unsigned frac = ms % 1000;

	if (!frac)
		snprintf(buf, size, "%u s", ms / 1000);
	else if (frac % 100 == 0)
		snprintf(buf, size, "%u.%u s", ms / 1000, frac / 100);
	else if (frac % 10 == 0)
		snprintf(buf, size, "%u.%02u s", ms / 1000, frac / 10);
	else
		snprintf(buf, size, "%u.%03u s", ms / 1000, frac);
}
