// SPDX-License-Identifier: MIT
/*
 * Tests for init's decisions (user/init/order.c, restart.c, plan.c): the
 * start order and what blocks it (missing needs, other modes, cycles),
 * the restart policies with their backoff schedule and give-up window,
 * and which service starts or stops next. Time is whatever the test says
 * it is, so schedules are checked exactly and nothing waits.
 */
#include "test_init.h"
#include "unit.h"

#include <signal.h>
#include <stdint.h>

#define EXITED(code) ((code) << 8)
#define KILLED(sig)  (sig)

static int t_ordered(const char *text, unsigned mode)
{
	t_parse(text);
	t_log_clear();
	return init_order(&t_conf, mode);
}

/* --- order.c ------------------------------------------------------------ */

TEST(init_order_keeps_file_order_when_needs_agree)
{
	CHECK_EQ(t_ordered("service a -- /a\nservice b needs=a -- /b\nservice c -- /c\n",
			   INIT_MODE_SYSTEM), 3);
	CHECK_STR(t_order(), "a b c");
	CHECK_EQ(t_log_lines(), 0);
	CHECK_EQ(t_svc("b")->needs[0], t_index("a"));
}

TEST(init_order_puts_needs_first)
{
	CHECK_EQ(t_ordered("service d needs=c,a -- /d\nservice c needs=b -- /c\n"
			   "service b -- /b\nservice a -- /a\nservice e -- /e\n",
			   INIT_MODE_SYSTEM), 5);
	/* b is the first whose needs are met; then c, a, d, e by file order. */
	CHECK_STR(t_order(), "b c a d e");
}

TEST(init_order_leaves_out_other_modes)
{
	CHECK_EQ(t_ordered("service a modes=all -- /a\nservice g -- /g\n"
			   "service t modes=test -- /t\n", INIT_MODE_TEST), 2);
	CHECK_STR(t_order(), "a t");
	CHECK_EQ(t_svc("g")->state, INIT_SVC_OFF);
	CHECK_EQ(t_svc("a")->state, INIT_SVC_WAITING);
	CHECK_EQ(t_log_lines(), 0);
}

TEST(init_order_blocks_a_missing_need_and_its_dependents)
{
	CHECK_EQ(t_ordered("service c needs=b -- /c\nservice a -- /a\nservice b needs=nope -- /b\n"
			   "service d needs=c -- /d\n", INIT_MODE_SYSTEM), 1);
	CHECK_STR(t_order(), "a");
	CHECK(t_log_has("not starting b: it needs nope, which is not configured"));
	CHECK(t_log_has("not starting c: it needs b, which cannot start"));
	CHECK(t_log_has("not starting d: it needs c, which cannot start"));
	CHECK_EQ(t_log_lines(), 3);
	CHECK_EQ(t_svc("b")->state, INIT_SVC_BLOCKED);
	CHECK_EQ(t_svc("c")->state, INIT_SVC_BLOCKED);
	CHECK_EQ(t_svc("d")->state, INIT_SVC_BLOCKED);
}

TEST(init_order_blocks_a_need_of_another_mode)
{
	CHECK_EQ(t_ordered("service vt -- /vt\nservice g modes=all needs=vt -- /g\n"
			   "service x modes=all -- /x\n", INIT_MODE_BENCH), 1);
	CHECK(t_log_has("not starting g: it needs vt, which does not run in bench mode"));
	CHECK_STR(t_order(), "x");
}

TEST(init_order_reports_a_cycle_and_starts_the_rest)
{
	CHECK_EQ(t_ordered("service a needs=b -- /a\nservice b needs=c -- /b\n"
			   "service c needs=a -- /c\nservice d needs=a -- /d\nservice e -- /e\n",
			   INIT_MODE_SYSTEM), 1);
	CHECK_STR(t_order(), "e");
	CHECK(t_log_has("dependency cycle: a -> b -> c -> a; not starting them"));
	CHECK(t_log_has("not starting d: it needs a, which cannot start"));
	CHECK_EQ(t_log_lines(), 2);
	for (const char *n = "abcd"; *n; n++) {
		char name[2] = { *n, 0 };
		CHECK_EQ(t_svc(name)->state, INIT_SVC_BLOCKED);
	}
}

TEST(init_order_reports_a_service_that_needs_itself)
{
	CHECK_EQ(t_ordered("service a needs=a -- /a\nservice b -- /b\n", INIT_MODE_SYSTEM), 1);
	CHECK(t_log_has("dependency cycle: a -> a; not starting them"));
	CHECK_EQ(t_log_lines(), 1);
}

TEST(init_order_reports_two_separate_cycles)
{
	CHECK_EQ(t_ordered("service a needs=b -- /a\nservice b needs=a -- /b\n"
			   "service c needs=d -- /c\nservice d needs=c -- /d\n", INIT_MODE_SYSTEM), 0);
	CHECK(t_log_has("dependency cycle: a -> b -> a; not starting them"));
	CHECK(t_log_has("dependency cycle: c -> d -> c; not starting them"));
	CHECK_EQ(t_log_lines(), 2);
}

/* --- restart.c ---------------------------------------------------------- */

/* An exit of s at `now` after it was started at `started`. */
static init_exit_plan_t t_exit(init_service_t *s, uint64_t started, uint64_t now, int status)
{
	s->started_ms = started;
	return init_restart_plan(s, status, now);
}

TEST(init_restart_backoff_doubles_and_gives_up_after_five_quick_failures)
{
	t_parse("service a -- /a\n");
	init_service_t *s = t_svc("a");
	uint64_t t = 1000;
	static const unsigned delays[] = { 500, 1000, 2000, 4000 };

	for (int i = 0; i < 4; i++) {
		init_exit_plan_t p = t_exit(s, t, t + 100, EXITED(1));
		CHECK_EQ(p.action, INIT_EXIT_RESTART);
		CHECK_EQ(p.delay_ms, delays[i]);
		CHECK(p.failure);
		t += 100 + p.delay_ms;
	}
	init_exit_plan_t p = t_exit(s, t, t + 100, EXITED(1));
	CHECK_EQ(p.action, INIT_EXIT_GIVE_UP);
	CHECK(p.failure);
}

TEST(init_restart_backoff_stops_doubling_at_the_maximum)
{
	t_parse("service a backoff=1/3 give-up=16/1 -- /a\n");
	init_service_t *s = t_svc("a");
	static const unsigned delays[] = { 1000, 2000, 3000, 3000, 3000 };
	uint64_t t = 0;

	for (int i = 0; i < 5; i++) {
		init_exit_plan_t p = t_exit(s, t, t + 10, KILLED(SIGSEGV));
		CHECK_EQ(p.action, INIT_EXIT_RESTART);
		CHECK_EQ(p.delay_ms, delays[i]);
		t += 10 + p.delay_ms;
	}
}

TEST(init_restart_default_backoff_reaches_thirty_seconds)
{
	t_parse("service a give-up=16/1 -- /a\n");
	init_service_t *s = t_svc("a");
	static const unsigned delays[] = { 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
	uint64_t t = 0;

	for (int i = 0; i < 8; i++) {
		init_exit_plan_t p = t_exit(s, t, t + 10, EXITED(2));
		CHECK_EQ(p.delay_ms, delays[i]);
		t += 10 + p.delay_ms;
	}
}

TEST(init_restart_failures_spread_over_more_than_the_window_do_not_give_up)
{
	t_parse("service a give-up=3/10 -- /a\n");
	init_service_t *s = t_svc("a");
	uint64_t t = 0;

	/* Each run lasts 6 s (under the 10 s that counts as healthy), so no
	 * three failures fall within 10 s. */
	for (int i = 0; i < 10; i++) {
		init_exit_plan_t p = t_exit(s, t, t + 6000, EXITED(1));
		CHECK_EQ(p.action, INIT_EXIT_RESTART);
		t += 6000 + p.delay_ms;
	}
}

TEST(init_restart_gives_up_exactly_at_n_failures_within_the_window)
{
	t_parse("service a give-up=3/10 backoff=1/1 -- /a\n");
	init_service_t *s = t_svc("a");

	/* Failures at 1 s, 5 s and 11 s: the first and third are 10 s apart. */
	CHECK_EQ(t_exit(s, 0, 1000, EXITED(1)).action, INIT_EXIT_RESTART);
	CHECK_EQ(t_exit(s, 2000, 5000, EXITED(1)).action, INIT_EXIT_RESTART);
	CHECK_EQ(t_exit(s, 6000, 11000, EXITED(1)).action, INIT_EXIT_GIVE_UP);
	/* Just outside: 1 s, 5 s, 11.001 s. */
	t_parse("service a give-up=3/10 backoff=1/1 -- /a\n");
	s = t_svc("a");
	CHECK_EQ(t_exit(s, 0, 1000, EXITED(1)).action, INIT_EXIT_RESTART);
	CHECK_EQ(t_exit(s, 2000, 5000, EXITED(1)).action, INIT_EXIT_RESTART);
	CHECK_EQ(t_exit(s, 6000, 11001, EXITED(1)).action, INIT_EXIT_RESTART);
}

TEST(init_restart_a_healthy_run_resets_backoff_and_history)
{
	t_parse("service a give-up=3/600 -- /a\n");
	init_service_t *s = t_svc("a");

	CHECK_EQ(t_exit(s, 0, 100, EXITED(1)).delay_ms, 500);
	CHECK_EQ(t_exit(s, 600, 700, EXITED(1)).delay_ms, 1000);
	/* Ran 10 s: healthy. The schedule and the count start over. */
	init_exit_plan_t p = t_exit(s, 1700, 11700, EXITED(1));
	CHECK_EQ(p.action, INIT_EXIT_RESTART);
	CHECK_EQ(p.delay_ms, 500);
	CHECK_EQ(t_exit(s, 12200, 12300, EXITED(1)).action, INIT_EXIT_RESTART);
	CHECK_EQ(t_exit(s, 13300, 13400, EXITED(1)).action, INIT_EXIT_GIVE_UP);
}

TEST(init_restart_on_failure_leaves_a_clean_exit_alone)
{
	t_parse("service a restart=on-failure -- /a\n");
	init_service_t *s = t_svc("a");
	init_exit_plan_t p = t_exit(s, 0, 100, EXITED(0));

	CHECK_EQ(p.action, INIT_EXIT_DONE);
	CHECK(!p.failure);
	p = t_exit(s, 0, 100, EXITED(3));
	CHECK_EQ(p.action, INIT_EXIT_RESTART);
	CHECK_EQ(p.delay_ms, 500);
	p = t_exit(s, 0, 100, KILLED(SIGKILL));
	CHECK_EQ(p.action, INIT_EXIT_RESTART);
	CHECK_EQ(p.delay_ms, 1000);
}

TEST(init_restart_never_leaves_it_stopped)
{
	t_parse("service a restart=never -- /a\n");
	init_service_t *s = t_svc("a");

	CHECK_EQ(t_exit(s, 0, 100, EXITED(1)).action, INIT_EXIT_DONE);
	CHECK(t_exit(s, 0, 100, EXITED(1)).failure);
	CHECK_EQ(t_exit(s, 0, 100, EXITED(0)).action, INIT_EXIT_DONE);
	CHECK(!t_exit(s, 0, 100, EXITED(0)).failure);
}

TEST(init_restart_always_counts_a_clean_exit_as_a_failure)
{
	t_parse("service a -- /a\n");
	init_exit_plan_t p = t_exit(t_svc("a"), 0, 100, EXITED(0));

	CHECK_EQ(p.action, INIT_EXIT_RESTART);
	CHECK(p.failure);
	CHECK_EQ(p.delay_ms, 500);
}

TEST(init_restart_respawn_is_immediate_after_a_session)
{
	t_parse("service g restart=respawn -- /bin/getty console\n");
	init_service_t *s = t_svc("g");

	/* A shell that ran a while, whatever its status: at once, not counted. */
	for (int i = 0; i < 10; i++) {
		init_exit_plan_t p = t_exit(s, 0, INIT_RESPAWN_MIN_MS, EXITED(i & 1));
		CHECK_EQ(p.action, INIT_EXIT_RESTART);
		CHECK_EQ(p.delay_ms, 0);
		CHECK(!p.failure);
	}
	/* One that dies at once (no terminal) backs off, then gives up. */
	uint64_t t = 100000;
	for (int i = 0; i < 4; i++) {
		init_exit_plan_t p = t_exit(s, t, t + 50, EXITED(1));
		CHECK_EQ(p.action, INIT_EXIT_RESTART);
		CHECK(p.delay_ms > 0);
		t += 50 + p.delay_ms;
	}
	CHECK_EQ(t_exit(s, t, t + 50, EXITED(1)).action, INIT_EXIT_GIVE_UP);
}

TEST(init_restart_status_is_described)
{
	char buf[96];

	init_status_describe(EXITED(3), buf, sizeof(buf));
	CHECK_STR(buf, "exited with status 3");
	init_status_describe(EXITED(0), buf, sizeof(buf));
	CHECK_STR(buf, "exited with status 0");
	init_status_describe(KILLED(SIGKILL), buf, sizeof(buf));
	CHECK(strncmp(buf, "was killed by signal 9 (", 24) == 0);
}

TEST(init_restart_durations_are_short_and_exact)
{
	static const struct {
		unsigned ms;
		const char *text;
	} cases[] = {
		{ 500, "0.5 s" }, { 2000, "2 s" }, { 1250, "1.25 s" }, { 30000, "30 s" },
		{ 1, "0.001 s" }, { 0, "0 s" }, { 60000, "60 s" }, { 10100, "10.1 s" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		init_duration_format(cases[i].ms, buf, sizeof(buf));
		CHECK_STR(buf, cases[i].text);
	}
}

/* --- plan.c ------------------------------------------------------------- */

static const char t_chain[] =
	"service a ready=scheme -- /a\n"
	"service b ready=scheme needs=a -- /b\n"
	"service c needs=b -- /c\n"
	"service d -- /d\n";

TEST(init_plan_starts_one_at_a_time_in_order)
{
	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	CHECK_EQ(init_plan_next(&t_conf, 0), t_index("a"));
	t_svc("a")->state = INIT_SVC_STARTING;
	/* d needs nothing, but a is not ready yet: nothing else starts. */
	CHECK_EQ(init_plan_next(&t_conf, 0), -1);
	t_svc("a")->state = INIT_SVC_UP;
	CHECK_EQ(init_plan_next(&t_conf, 0), t_index("b"));
	t_svc("b")->state = INIT_SVC_UP;
	CHECK_EQ(init_plan_next(&t_conf, 0), t_index("c"));
	t_svc("c")->state = INIT_SVC_UP;
	CHECK_EQ(init_plan_next(&t_conf, 0), t_index("d"));
	t_svc("d")->state = INIT_SVC_UP;
	CHECK_EQ(init_plan_next(&t_conf, 0), -1);
	CHECK(init_plan_settled(&t_conf));
}

TEST(init_plan_skips_services_whose_needs_are_down)
{
	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	t_svc("a")->state = INIT_SVC_BACKOFF;
	t_svc("a")->when_ms = 5000;
	/* a waits for its time; d may start meanwhile, b and c may not. */
	CHECK_EQ(init_plan_next(&t_conf, 1000), t_index("d"));
	t_svc("d")->state = INIT_SVC_UP;
	CHECK_EQ(init_plan_next(&t_conf, 1000), -1);
	CHECK(!init_plan_settled(&t_conf));
	CHECK_EQ(init_plan_next(&t_conf, 5000), t_index("a"));
}

TEST(init_plan_ready_exit_satisfies_only_after_a_good_finish)
{
	CHECK_EQ(t_ordered("service setup ready=exit restart=never -- /s\n"
			   "service d needs=setup -- /d\n", INIT_MODE_SYSTEM), 2);
	init_service_t *s = t_svc("setup");
	s->state = INIT_SVC_DONE;
	s->ready_ok = true;
	CHECK(init_svc_satisfied(s));
	CHECK_EQ(init_plan_next(&t_conf, 0), t_index("d"));
	s->ready_ok = false;
	CHECK(!init_svc_satisfied(s));
	t_log_clear();
	init_plan_block(&t_conf);
	CHECK(t_log_has("not starting d: it needs setup, which has stopped"));
	CHECK_EQ(t_svc("d")->state, INIT_SVC_BLOCKED);
}

TEST(init_plan_blocks_what_needs_a_service_that_gave_up)
{
	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	t_svc("a")->state = INIT_SVC_UP;
	t_svc("b")->state = INIT_SVC_FAILED;
	t_svc("d")->state = INIT_SVC_UP;
	t_log_clear();
	init_plan_block(&t_conf);
	CHECK(t_log_has("not starting c: it needs b, which gave up"));
	CHECK_EQ(t_log_lines(), 1);
	CHECK_EQ(t_svc("c")->state, INIT_SVC_BLOCKED);
	CHECK(init_plan_settled(&t_conf));
	/* A service waiting to restart is blocked the same way. */
	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	t_svc("a")->state = INIT_SVC_FAILED;
	t_svc("b")->state = INIT_SVC_BACKOFF;
	init_plan_block(&t_conf);
	CHECK(t_log_has("not restarting b: it needs a, which gave up"));
	CHECK(t_log_has("not starting c: it needs b, which cannot start"));
}

TEST(init_plan_deadline_is_the_next_future_timer)
{
	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	CHECK_EQ(init_plan_deadline(&t_conf, 0), UINT64_MAX);
	t_svc("a")->state = INIT_SVC_STARTING;
	t_svc("a")->when_ms = 9000;
	t_svc("c")->state = INIT_SVC_BACKOFF;
	t_svc("c")->when_ms = 4000;
	t_svc("d")->state = INIT_SVC_UP;
	t_svc("d")->when_ms = 10;       /* not a timer in this state */
	CHECK_EQ(init_plan_deadline(&t_conf, 1000), 4000);
	CHECK_EQ(init_plan_deadline(&t_conf, 4000), 9000);
	CHECK_EQ(init_plan_deadline(&t_conf, 9000), UINT64_MAX);
}

TEST(init_plan_stops_in_reverse_dependency_order)
{
	int out[INIT_SERVICES_MAX];

	CHECK_EQ(t_ordered(t_chain, INIT_MODE_SYSTEM), 4);
	for (int i = 0; i < 4; i++)
		t_conf.svc[i].state = INIT_SVC_UP;
	/* c and d are needed by nothing; last started first. */
	CHECK_EQ(init_plan_stoppable(&t_conf, out), 2);
	CHECK_EQ(out[0], t_index("d"));
	CHECK_EQ(out[1], t_index("c"));
	t_svc("c")->state = INIT_SVC_STOPPING;
	t_svc("d")->state = INIT_SVC_DONE;
	/* b waits until c is gone. */
	CHECK_EQ(init_plan_stoppable(&t_conf, out), 0);
	t_svc("c")->state = INIT_SVC_DONE;
	CHECK_EQ(init_plan_stoppable(&t_conf, out), 1);
	CHECK_EQ(out[0], t_index("b"));
	t_svc("b")->state = INIT_SVC_DONE;
	CHECK_EQ(init_plan_stoppable(&t_conf, out), 1);
	CHECK_EQ(out[0], t_index("a"));
	t_svc("a")->state = INIT_SVC_DONE;
	CHECK_EQ(init_plan_stoppable(&t_conf, out), 0);
}

TEST(init_plan_running_states)
{
	init_service_t s = { .state = INIT_SVC_STARTING };

	CHECK(init_svc_running(&s));
	s.state = INIT_SVC_STOPPING;
	CHECK(init_svc_running(&s));
	s.state = INIT_SVC_BACKOFF;
	CHECK(!init_svc_running(&s));
	CHECK(!init_svc_satisfied(&s));
	s.state = INIT_SVC_UP;
	CHECK(init_svc_satisfied(&s));
}
