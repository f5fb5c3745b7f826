// SPDX-License-Identifier: MIT
/*
 * Tests for init's configuration parser (user/init/conf.c): the format,
 * its defaults, quoting and continuation lines, every way a line can be
 * wrong (reported with its line number and skipped, the rest kept), and
 * the real user/initfs/etc/init.conf, which must parse cleanly and start
 * in the intended order in each mode.
 */
#include "test_init.h"
#include "unit.h"

#include <abi/proc.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

static const char *t_arg(const init_service_t *s, int i)
{
	char *argv[INIT_ARGV_MAX + 1];

	init_conf_argv(s, argv);
	return i <= s->argc ? argv[i] : "(past the end)";
}

TEST(init_conf_minimal_service_gets_the_defaults)
{
	CHECK_EQ(t_parse("service a -- /bin/a x y\n"), 0);
	CHECK_EQ(t_conf.count, 1);
	init_service_t *s = &t_conf.svc[0];
	CHECK_STR(s->name, "a");
	CHECK_EQ(s->argc, 3);
	CHECK_STR(t_arg(s, 0), "/bin/a");
	CHECK_STR(t_arg(s, 2), "y");
	CHECK(t_arg(s, 3) == NULL);
	CHECK_EQ(s->nneeds, 0);
	CHECK_EQ(s->ready, INIT_READY_START);
	CHECK_EQ(s->restart, INIT_RESTART_ALWAYS);
	CHECK_EQ(s->modes, INIT_MODE_SYSTEM);
	CHECK_EQ(s->stop_signal, SIGTERM);
	CHECK_EQ(s->ready_timeout_ms, INIT_READY_TIMEOUT_MS);
	CHECK_EQ(s->backoff_first_ms, 500);
	CHECK_EQ(s->backoff_max_ms, 30000);
	CHECK_EQ(s->give_up_count, 5);
	CHECK_EQ(s->give_up_window_ms, 60000);
	CHECK_EQ(s->privileges, 0);             /* drivers are granted theirs */
	CHECK_EQ(s->line, 1);
	CHECK_EQ(s->ready_fd, -1);
	CHECK_EQ(t_log_lines(), 0);
}

TEST(init_conf_every_key_is_read)
{
	CHECK_EQ(t_parse("service svc-1.x needs=x,y needs=z ready=scheme restart=on-failure "
			 "modes=test,bench stop=HUP timeout=2.5 backoff=0.1/4 give-up=3/20 "
			 "-- initfs:/bin/d\n"), 0);
	init_service_t *s = t_svc("svc-1.x");
	CHECK(s != NULL);
	CHECK_EQ(s->nneeds, 3);
	CHECK_STR(s->need_names[0], "x");
	CHECK_STR(s->need_names[1], "y");
	CHECK_STR(s->need_names[2], "z");
	CHECK_EQ(s->ready, INIT_READY_SCHEME);
	CHECK_EQ(s->restart, INIT_RESTART_ON_FAILURE);
	CHECK_EQ(s->modes, INIT_MODE_TEST | INIT_MODE_BENCH);
	CHECK_EQ(s->stop_signal, SIGHUP);
	CHECK_EQ(s->ready_timeout_ms, 2500);
	CHECK_EQ(s->backoff_first_ms, 100);
	CHECK_EQ(s->backoff_max_ms, 4000);
	CHECK_EQ(s->give_up_count, 3);
	CHECK_EQ(s->give_up_window_ms, 20000);
	CHECK_STR(t_arg(s, 0), "initfs:/bin/d");
}

TEST(init_conf_enumerations_take_every_value)
{
	CHECK_EQ(t_parse("service a ready=exit restart=never modes=all stop=SIGKILL -- /a\n"
			 "service b ready=start restart=respawn stop=USR2 backoff=2 -- /b\n"
			 "service c restart=always modes=system stop=INT -- /c\n"), 0);
	CHECK_EQ(t_svc("a")->ready, INIT_READY_EXIT);
	CHECK_EQ(t_svc("a")->restart, INIT_RESTART_NEVER);
	CHECK_EQ(t_svc("a")->modes, INIT_MODE_ALL);
	CHECK_EQ(t_svc("a")->stop_signal, SIGKILL);
	CHECK_EQ(t_svc("b")->ready, INIT_READY_START);
	CHECK_EQ(t_svc("b")->restart, INIT_RESTART_RESPAWN);
	CHECK_EQ(t_svc("b")->stop_signal, SIGUSR2);
	/* backoff=FIRST alone keeps the default maximum. */
	CHECK_EQ(t_svc("b")->backoff_first_ms, 2000);
	CHECK_EQ(t_svc("b")->backoff_max_ms, 30000);
	CHECK_EQ(t_svc("c")->restart, INIT_RESTART_ALWAYS);
	CHECK_EQ(t_svc("c")->stop_signal, SIGINT);
}

TEST(init_conf_privileges_are_granted_by_name)
{
	CHECK_EQ(t_parse("service a privileges=io -- /a\n"
			 "service b privileges=phys,irq,io -- /b\n"
			 "service c privileges=none -- /c\n"
			 "service d privileges=irq,irq -- /d\n"), 0);
	CHECK_EQ(t_svc("a")->privileges, ABI_PRIV_IO);
	CHECK_EQ(t_svc("b")->privileges, ABI_PRIV_ALL);
	CHECK_EQ(t_svc("c")->privileges, 0);
	CHECK_EQ(t_svc("d")->privileges, ABI_PRIV_IRQ);
}

TEST(init_conf_indented_lines_continue_a_service)
{
	CHECK_EQ(t_parse("service a\n"
			 "   needs=b   # a comment on a continuation\n"
			 "\tready=scheme\n"
			 "   -- /bin/a\n"
			 "     arg\n"
			 "service b -- /bin/b\n"), 0);
	CHECK_EQ(t_conf.count, 2);
	CHECK_EQ(t_svc("a")->nneeds, 1);
	CHECK_EQ(t_svc("a")->ready, INIT_READY_SCHEME);
	CHECK_EQ(t_svc("a")->argc, 2);
	CHECK_STR(t_arg(t_svc("a"), 1), "arg");
	CHECK_EQ(t_svc("b")->line, 6);
}

TEST(init_conf_comment_does_not_swallow_the_continuation)
{
	CHECK_EQ(t_parse("service a needs=b # which one\n  -- /bin/a\nservice b -- /b\n"), 0);
	CHECK_EQ(t_conf.count, 2);
	CHECK_STR(t_arg(t_svc("a"), 0), "/bin/a");
}

TEST(init_conf_comments_and_blank_lines_are_ignored)
{
	CHECK_EQ(t_parse("# header\n\n   \n\t# indented comment\n"
			 "service a -- /bin/a x#y '#z' # gone\n#service b -- /b\n"), 0);
	CHECK_EQ(t_conf.count, 1);
	CHECK_EQ(t_svc("a")->argc, 3);
	CHECK_STR(t_arg(t_svc("a"), 1), "x#y");
	CHECK_STR(t_arg(t_svc("a"), 2), "#z");
}

TEST(init_conf_quotes_and_backslashes_group_words)
{
	CHECK_EQ(t_parse("service a -- /bin/sh -c 'echo \"hi  there\"' \"x 'y' \\\"z\\\"\" "
			 "a\\ b '' \\\\\n"), 0);
	init_service_t *s = t_svc("a");
	CHECK_EQ(s->argc, 7);
	CHECK_STR(t_arg(s, 2), "echo \"hi  there\"");
	CHECK_STR(t_arg(s, 3), "x 'y' \"z\"");
	CHECK_STR(t_arg(s, 4), "a b");
	CHECK_STR(t_arg(s, 5), "");
	CHECK_STR(t_arg(s, 6), "\\");
}

TEST(init_conf_file_without_final_newline)
{
	CHECK_EQ(t_parse("service a -- /bin/a"), 0);
	CHECK_EQ(t_conf.count, 1);
	CHECK_EQ(t_parse(""), 0);
	CHECK_EQ(t_conf.count, 0);
}

/* Each bad line is reported with this text and skipped; good ones stay. */
static const struct {
	const char *line;
	const char *message;
} t_bad[] = {
	{ "service a colour=red -- /a", "unknown key 'colour'" },
	{ "service a restart=sometimes -- /a", "bad value 'sometimes' for restart" },
	{ "service a ready=soon -- /a", "bad value 'soon' for ready" },
	{ "service a modes=system,weekends -- /a", "bad value 'system,weekends' for modes" },
	{ "service a privileges=io,dma -- /a", "bad value 'io,dma' for privileges" },
	{ "service a privileges= -- /a", "bad value '' for privileges" },
	{ "service a stop=STOP -- /a", "bad value 'STOP' for stop" },
	{ "service a timeout=0 -- /a", "bad value '0' for timeout" },
	{ "service a timeout=1.2345 -- /a", "bad value '1.2345' for timeout" },
	{ "service a timeout=-1 -- /a", "bad value '-1' for timeout" },
	{ "service a timeout=1. -- /a", "bad value '1.' for timeout" },
	{ "service a backoff=2/1 -- /a", "bad value '2/1' for backoff" },
	{ "service a give-up=0/10 -- /a", "bad value '0/10' for give-up" },
	{ "service a give-up=65/10 -- /a", "bad value '65/10' for give-up" },
	{ "service a give-up=3 -- /a", "bad value '3' for give-up" },
	{ "service a needs=b,c/d -- /a", "bad service name 'c/d' in needs" },
	{ "service a needs=1,2,3,4,5,6,7,8,9 -- /a", "more than 8 needs" },
	{ "service a ready -- /a", "'ready' is not KEY=VALUE" },
	{ "service a =x -- /a", "'=x' is not KEY=VALUE" },
	{ "service a ready=start", "no '-- PROGRAM' at the end" },
	{ "service a /bin/a", "'/bin/a' is not KEY=VALUE" },
	{ "service a --", "no program after '--'" },
	{ "service a -- bin/a", "program 'bin/a' is neither an absolute path nor a URL" },
	{ "service a -- /a 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
	  "more than 16 words of program and arguments" },
	{ "service", "a service needs a name" },
	{ "service -- /a", "a service needs a name" },
	{ "service a/b -- /a", "bad service name 'a/b' (letters, digits, '-', '_', '.'; at most 23)" },
	{ "service abcdefghijklmnopqrstuvwxyz -- /a",
	  "bad service name 'abcdefghijklmnopqrstuvwxyz' (letters, digits, '-', '_', '.'; at most 23)" },
	{ "daemon a -- /a", "unknown directive 'daemon'" },
	{ "service a -- /a 'open", "a quote is not closed" },
	{ "service good -- /g", "service 'good' is already defined" },
};

TEST(init_conf_bad_lines_are_reported_and_skipped)
{
	for (size_t i = 0; i < sizeof(t_bad) / sizeof(t_bad[0]); i++) {
		char text[512], want[512];
		snprintf(text, sizeof(text), "service good -- /g\n# two\n%s\nservice after -- /x\n",
			 t_bad[i].line);
		snprintf(want, sizeof(want), "t.conf:3: %s; line skipped", t_bad[i].message);
		if (t_parse(text) != 1 || !t_log_has(want) || t_log_lines() != 1 ||
		    t_conf.count != 2 || !t_svc("good") || !t_svc("after")) {
			printf("    line: %s\n    want: %s\n    got:  %s", t_bad[i].line, want,
			       t_logged);
			CHECK(!"bad line handled as expected");
		}
	}
}

TEST(init_conf_error_names_the_first_line_of_a_continued_service)
{
	CHECK_EQ(t_parse("\n\nservice a\n  colour=red\n  -- /a\nservice b -- /b\n"), 1);
	CHECK(t_log_has("t.conf:3: unknown key 'colour'; line skipped"));
	CHECK_EQ(t_conf.count, 1);
	CHECK_EQ(t_svc("b")->line, 6);
}

TEST(init_conf_overlong_lines_are_skipped)
{
	static char text[4096];
	size_t n = (size_t)snprintf(text, sizeof(text), "service a -- /a ");
	memset(text + n, 'x', 1500);
	strcpy(text + n + 1500, "\nservice b -- /b\n");
	CHECK_EQ(t_parse(text), 1);
	CHECK(t_log_has("t.conf:1: line too long; line skipped"));
	CHECK_EQ(t_conf.count, 1);
	CHECK(t_svc("b") != NULL);
	/* Arguments that fit a line but not a service's argument space. */
	n = (size_t)snprintf(text, sizeof(text), "service a -- /a ");
	memset(text + n, 'y', 300);
	text[n + 300] = '\0';
	CHECK_EQ(t_parse(text), 1);
	CHECK(t_log_has("t.conf:1: program and arguments too long; line skipped"));
}

TEST(init_conf_at_most_the_table_size_of_services)
{
	static char text[INIT_SERVICES_MAX * 40 + 100];
	size_t n = 0;
	for (int i = 0; i <= INIT_SERVICES_MAX; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "service s%d -- /s\n", i);
	CHECK_EQ(t_parse(text), 1);
	CHECK_EQ(t_conf.count, INIT_SERVICES_MAX);
	CHECK(t_log_has("t.conf:49: more than 48 services; line skipped"));
}

TEST(init_conf_signal_names_both_ways)
{
	CHECK_EQ(init_signal_number("TERM"), SIGTERM);
	CHECK_EQ(init_signal_number("SIGHUP"), SIGHUP);
	CHECK_EQ(init_signal_number("KILL"), SIGKILL);
	CHECK_EQ(init_signal_number("SIGSEGV"), 0);
	CHECK_EQ(init_signal_number("term"), 0);
	CHECK_STR(init_signal_name(SIGUSR1), "USR1");
	CHECK_STR(init_signal_name(SIGSEGV), "?");
	CHECK_STR(init_mode_name(INIT_MODE_TEST), "test");
}

/* --- the real configuration ------------------------------------------- */

static char *t_read(const char *path)
{
	FILE *f = fopen(path, "r");
	static char text[1 << 16];
	size_t n;

	if (!f)
		return NULL;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

TEST(init_conf_the_shipped_file_parses_cleanly)
{
	char *text = t_read(INIT_CONF_FILE);
	CHECK(text != NULL);
	CHECK_EQ(t_parse(text), 0);
	CHECK_EQ(t_log_lines(), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_SYSTEM), 12);
	CHECK_STR(t_order(), "logd nulld zerod randd ipcd pcid rootfs ptyd seriald vtd "
			     "getty-console getty-tty1");
	CHECK_EQ(t_log_lines(), 0);
	/* The early daemons run from the boot archive: file: is not up yet. */
	for (int o = 0; o < 7; o++)
		CHECK(strncmp(t_conf.svc[t_conf.order[o]].args, "initfs:", 7) == 0);
	CHECK_EQ(t_svc("getty-console")->restart, INIT_RESTART_RESPAWN);
	CHECK_EQ(t_svc("getty-console")->stop_signal, SIGHUP);
}

TEST(init_conf_the_shipped_file_runs_daemons_without_terminals_in_tests)
{
	char *text = t_read(INIT_CONF_FILE);
	CHECK(text != NULL);
	CHECK_EQ(t_parse(text), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_TEST), 8);
	CHECK_STR(t_order(), "logd nulld zerod randd ipcd pcid rootfs ptyd");
	CHECK_EQ(t_svc("getty-console")->state, INIT_SVC_OFF);
	CHECK_EQ(t_svc("pcid")->privileges, ABI_PRIV_ALL);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_BENCH), 8);
	CHECK_STR(t_order(), "logd nulld zerod randd ipcd pcid rootfs ptyd");
	CHECK_EQ(t_log_lines(), 0);
}

TEST(init_conf_the_built_in_fallback_parses_and_reaches_a_console)
{
	CHECK_EQ(t_parse(init_conf_builtin), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_SYSTEM), 9);
	CHECK_STR(t_order(), "logd nulld zerod randd ipcd rootfs ptyd seriald getty-console");
	CHECK_EQ(t_log_lines(), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_TEST), 7);
}

/* --- services added while init runs (init:services) ------------------ */

static int t_add(const char *line, unsigned privs, char *err)
{
	return init_conf_add(&t_conf, line, privs, err, 128);
}

TEST(init_conf_add_appends_a_waiting_service_to_the_run)
{
	char err[128] = "";

	CHECK_EQ(t_parse("service logd -- /bin/logd\nservice pcid needs=logd -- /bin/pcid\n"
			 "service rootfs needs=pcid -- /bin/rootfs\n"), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_SYSTEM), 3);
	t_svc("logd")->state = INIT_SVC_UP;
	t_svc("pcid")->state = INIT_SVC_STARTING;       /* asking while it starts */
	int i = t_add("service disk privileges=irq,phys needs=pcid modes=test -- /bin/ahcid "
		      "0000:00:1f.2\n", ABI_PRIV_ALL, err);
	CHECK_EQ(i, 3);
	CHECK_EQ(t_conf.count, 4);
	CHECK_EQ(t_conf.norder, 4);
	/* Before rootfs, which waits for pcid: init starts one at a time. */
	CHECK_EQ(t_conf.order[0], 0);
	CHECK_EQ(t_conf.order[1], 1);
	CHECK_EQ(t_conf.order[2], 3);
	CHECK_EQ(t_conf.order[3], 2);
	init_service_t *s = t_svc("disk");
	CHECK_EQ(s->state, INIT_SVC_WAITING);
	CHECK_EQ(s->privileges, ABI_PRIV_IRQ | ABI_PRIV_PHYS);
	CHECK_EQ(s->needs[0], 1);
	CHECK_EQ(s->argc, 2);
	CHECK_STR(t_arg(s, 1), "0000:00:1f.2");
	CHECK_EQ(s->ready_fd, -1);
}

TEST(init_conf_add_refuses_what_it_must)
{
	char err[128] = "";

	CHECK_EQ(t_parse("service pcid -- /bin/pcid\n"), 0);
	CHECK_EQ(init_order(&t_conf, INIT_MODE_SYSTEM), 1);
	CHECK_EQ(t_add("service pcid -- /bin/other", ABI_PRIV_ALL, err), -EEXIST);
	CHECK_STR(err, "service 'pcid' is already defined");
	CHECK_EQ(t_add("service d privileges=io,irq -- /bin/d", ABI_PRIV_IRQ, err), -EPERM);
	CHECK_STR(err, "it would get privileges its requester does not hold");
	CHECK_EQ(t_add("service d needs=nothere -- /bin/d", ABI_PRIV_ALL, err), -ENOENT);
	CHECK_STR(err, "it needs 'nothere', which is not a service");
	CHECK_EQ(t_add("service d needs=d -- /bin/d", ABI_PRIV_ALL, err), -ENOENT);
	CHECK_EQ(t_add("service d restart=maybe -- /bin/d", ABI_PRIV_ALL, err), -EINVAL);
	CHECK_STR(err, "bad value 'maybe' for restart");
	CHECK_EQ(t_add("   # only a comment", ABI_PRIV_ALL, err), -EINVAL);
	CHECK_STR(err, "no service on the line");
	CHECK_EQ(t_add("service a -- /a\nservice b -- /b", ABI_PRIV_ALL, err), -EINVAL);
	CHECK_EQ(t_conf.count, 1);              /* nothing refused was kept */
	CHECK_EQ(t_conf.norder, 1);
	CHECK_EQ(t_add("service d -- /bin/d", 0, err), 1);     /* no privileges asked: fine */
}

TEST(init_conf_add_stops_at_a_full_table)
{
	char err[128], line[64];
	int i;

	CHECK_EQ(t_parse(""), 0);
	for (i = 0; i < INIT_SERVICES_MAX; i++) {
		snprintf(line, sizeof(line), "service s%d -- /bin/s", i);
		CHECK_EQ(t_add(line, 0, err), i);
	}
	CHECK_EQ(t_add("service one-more -- /bin/s", 0, err), -ENOSPC);
	CHECK_EQ(t_conf.count, INIT_SERVICES_MAX);
}
