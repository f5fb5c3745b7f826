// SPDX-License-Identifier: MIT
/*
 * init's supervision, tested for real inside Tessera.
 *
 * /bin/init is started as an ordinary process (`init -f FILE`) with a
 * configuration written for the test: not being pid 1, it supervises
 * that file's services, logs its events to standard output — a pipe the
 * test reads — and on SIGTERM stops them in reverse dependency order and
 * exits 0. The services are this program again, started with `--role`:
 * a constructor runs the role (become ready, exit with a status, ignore
 * SIGTERM, ...) before the tests would. Timing is generous everywhere
 * and nothing asserts that something was quick, only that the events
 * come, in order, with the right words.
 *
 * The pipe is also every service's standard output, so reading it to
 * its end proves that no service outlived the supervisor.
 *
 * pid 1 itself is checked where a test can see it: its events in the
 * kernel log, and that it reaps an orphan. getty is run on a pty when
 * the pty daemon is there.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <termios.h>
#include <unistd.h>

#define SELF "/bin/tests/test_init"
#define INIT "/bin/init"

/* --- roles: what a service started by the supervisor does -------------- */

static __attribute__((noreturn)) void role_sleep(void)
{
	for (;;)
		pause();
}

static void role_report(void)
{
	struct termios t;
	char line[128] = "";

	if (!fgets(line, sizeof(line), stdin))
		strcpy(line, "(nothing)\n");
	line[strcspn(line, "\n")] = '\0';
	tcgetattr(0, &t);
	printf("ctty %d fg %d\n", tcgetsid(0) == getpid(), tcgetpgrp(0) == getpgrp());
	printf("modes %d %d\n", (t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG),
	       (t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
	printf("erase %d\n", t.c_cc[VERASE]);
	printf("env %s %s %s\n", getenv("HOME"), getenv("TERM"), getenv("PATH"));
	printf("typed [%s]\nREPORT-END\n", line);
	fflush(stdout);
	_exit(0);
}

__attribute__((constructor)) static void role_run(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "--role") != 0)
		return;
	const char *role = argv[2];
	int arg = argc > 3 ? atoi(argv[3]) : 0;
	if (strcmp(role, "stubborn") == 0)  /* ignores SIGTERM, then is ready */
		signal(SIGTERM, SIG_IGN);
	if (strcmp(role, "ready") == 0 || strcmp(role, "stubborn") == 0) {
		const char *fd = getenv("SCHEME_READY_FD");
		char one = 1;
		if (!fd || write(atoi(fd), &one, 1) != 1)
			_exit(3);
		close(atoi(fd));
		role_sleep();
	}
	if (strcmp(role, "sleep") == 0)
		role_sleep();
	if (strcmp(role, "exit") == 0)
		_exit(arg);
	if (strcmp(role, "run") == 0) {     /* run MS: then exit 0 */
		utest_sleep_ms((unsigned)arg);
		_exit(0);
	}
	if (strcmp(role, "report") == 0)
		role_report();
	if (strcmp(role, "stray") == 0) {   /* leaves a child no stop signal reaches */
		if (fork() == 0) {
			setsid();
			signal(SIGTERM, SIG_IGN);
			signal(SIGHUP, SIG_IGN);
			role_sleep();
		}
		role_sleep();
	}
	_exit(99);
}

/* --- a supervisor under test ------------------------------------------- */

typedef struct {
	pid_t pid;
	int fd;
	char out[16384];
	size_t len;
	bool eof;
} sup_t;

static sup_t sup;

/* Writes the configuration and starts `init -f` on it. */
static bool sup_start(const char *conf)
{
	static int n;
	char path[64];
	int fds[2];

	snprintf(path, sizeof(path), "/tmp/test_init_%d_%d.conf", getpid(), n++);
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fputs(conf, f);
	fclose(f);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return false;
	memset(&sup, 0, sizeof(sup));
	sup.pid = utest_fork();
	if (sup.pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		execl(INIT, "init", "-f", path, (char *)NULL);
		_exit(126);
	}
	close(fds[1]);
	sup.fd = fds[0];
	return sup.pid > 0;
}

/* Reads until `text` is in the output (true), or end of file or timeout. */
static bool sup_read_until(const char *text, unsigned timeout_ms)
{
	uint64_t end = utest_now_ns() + (uint64_t)timeout_ms * 1000000;

	while (!strstr(sup.out, text) && !sup.eof && utest_now_ns() < end) {
		struct pollfd p = { .fd = sup.fd, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t n = read(sup.fd, sup.out + sup.len, sizeof(sup.out) - 1 - sup.len);
		if (n <= 0) {
			sup.eof = n == 0 || sup.len + 1 == sizeof(sup.out);
			continue;
		}
		sup.len += (size_t)n;
		sup.out[sup.len] = '\0';
	}
	return strstr(sup.out, text) != NULL;
}

/* The same, saying what came instead when `text` did not. */
static bool sup_wait_for(const char *text, unsigned timeout_ms)
{
	if (sup_read_until(text, timeout_ms))
		return true;
	printf("test_init: waited for \"%s\"; the supervisor said:\n%s", text, sup.out);
	return false;
}

/* The offset of a line containing text, or -1 (for checking order). */
static long sup_at(const char *text)
{
	const char *p = strstr(sup.out, text);

	return p ? p - sup.out : -1;
}

/* SIGTERM, then the output to its end; the supervisor's wait status. */
static int sup_stop(void)
{
	kill(sup.pid, SIGTERM);
	sup_read_until("\1never printed\1", 30000);
	close(sup.fd);
	sup.fd = -1;
	int status = utest_wait(sup.pid);
	sup.pid = 0;
	if (!sup.eof)
		printf("test_init: the supervisor's output never ended\n");
	return sup.eof ? status : -1;
}

/* Stops a supervisor a failed check left behind (with its services). */
static void sup_cleanup(void)
{
	pid_t pid = sup.pid;

	if (pid > 0 && waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGTERM);
		sup_read_until("\1never printed\1", 30000);
		if (waitpid(pid, NULL, WNOHANG) == 0) {
			kill(pid, SIGKILL);
			utest_wait(pid);
		}
	}
	if (sup.fd > 0)
		close(sup.fd);
	sup.pid = 0;
	sup.fd = -1;
}

/* --- the tests ----------------------------------------------------------- */

static void services_start_in_dependency_order_and_stop_in_reverse(void)
{
	CHECK(sup_start("# needs put a before b, whatever the file order\n"
			"service b needs=a ready=scheme -- " SELF " --role ready\n"
			"service a ready=scheme -- " SELF " --role ready\n"
			"service c needs=b -- " SELF " --role sleep\n"));
	CHECK(sup_wait_for("init: all services started\n", 30000));
	long a = sup_at("init: started a (pid "), b = sup_at("init: started b (pid ");
	long c = sup_at("init: started c (pid ");
	CHECK(a >= 0 && b > a && c > b);
	CHECK_EQ(sup_stop(), 0);
	CHECK(sup_at("init: asked to stop: stopping services\n") > c);
	long sc = sup_at("init: stopping c (pid "), sb = sup_at("init: stopping b (pid ");
	long sa = sup_at("init: stopping a (pid ");
	CHECK(sc > c && sb > sc && sa > sb);
	CHECK(sup_at("with SIGTERM\n") > 0);
	CHECK(sup_at("init: stopped a (it was killed by signal 15") > sa);
	CHECK(sup_at("init: all services stopped\n") > sa);
}

TEST(init_starts_in_dependency_order_and_stops_in_reverse)
{
	services_start_in_dependency_order_and_stop_in_reverse();
	sup_cleanup();
}

static void failing_service_backs_off_then_gives_up(void)
{
	CHECK(sup_start("service flaky ready=scheme backoff=0.2 give-up=3/60 -- "
			SELF " --role exit 7\n"
			"service after needs=flaky -- " SELF " --role sleep\n"
			"service other -- " SELF " --role sleep\n"));
	CHECK(sup_wait_for("services started; not running: flaky after\n", 60000));
	CHECK(sup_at("init: flaky exited with status 7 before it was ready, "
		     "restarting in 0.2 s\n") >= 0);
	CHECK(sup_at("init: flaky exited with status 7 before it was ready, "
		     "restarting in 0.4 s\n") >= 0);
	CHECK(sup_at("init: flaky failed 3 times in 60 s, giving up\n") >= 0);
	CHECK(sup_at("init: not starting after: it needs flaky, which gave up\n") >= 0);
	/* A service that needs nothing went on meanwhile. */
	CHECK(sup_at("init: started other (pid ") >= 0);
	CHECK(sup_at("init: started after") < 0);
	CHECK_EQ(sup_stop(), 0);
}

TEST(init_restarts_with_backoff_and_gives_up_after_repeated_failures)
{
	failing_service_backs_off_then_gives_up();
	sup_cleanup();
}

static void missing_program_is_not_retried(void)
{
	CHECK(sup_start("service ghost -- /bin/tests/no_such_program\n"
			"service fine -- " SELF " --role sleep\n"));
	CHECK(sup_wait_for("services started; not running: ghost\n", 30000));
	CHECK(sup_at("init: not starting ghost: /bin/tests/no_such_program: "
		     "No such file or directory\n") >= 0);
	CHECK(sup_at("restarting") < 0);
	CHECK(sup_at("init: started fine (pid ") >= 0);
	CHECK_EQ(sup_stop(), 0);
}

TEST(init_does_not_retry_a_program_that_is_missing)
{
	missing_program_is_not_retried();
	sup_cleanup();
}

static void unready_service_is_killed(void)
{
	CHECK(sup_start("service mute ready=scheme timeout=0.5 give-up=1/60 -- "
			SELF " --role sleep\n"));
	CHECK(sup_wait_for("init: mute failed 1 time in 60 s, giving up\n", 30000));
	CHECK(sup_at("init: mute (pid ") >= 0);
	CHECK(sup_at(") is not ready after 0.5 s; killing it\n") >= 0);
	CHECK(sup_at("init: mute was killed by signal 9 (") >= 0);
	CHECK(sup_at("before it was ready\n") >= 0);
	CHECK_EQ(sup_stop(), 0);
}

TEST(init_kills_a_service_that_is_not_ready_in_time)
{
	unready_service_is_killed();
	sup_cleanup();
}

static void stubborn_service_gets_sigkill(void)
{
	/* Ready only once it ignores SIGTERM, so the stop cannot come first. */
	CHECK(sup_start("service stubborn ready=scheme -- " SELF " --role stubborn\n"));
	CHECK(sup_wait_for("init: all services started\n", 30000));
	CHECK_EQ(sup_stop(), 0);
	CHECK(sup_at("init: stopping stubborn (pid ") >= 0);
	CHECK(sup_at(") did not stop; killing it\n") >= 0);
	CHECK(sup_at("init: stopped stubborn (it was killed by signal 9 (") >= 0);
	CHECK(sup_at("init: all services stopped\n") >= 0);
}

TEST(init_kills_a_service_that_ignores_its_stop_signal)
{
	stubborn_service_gets_sigkill();
	sup_cleanup();
}

static void respawn_and_oneshot(void)
{
	CHECK(sup_start("service setup ready=exit restart=never -- " SELF " --role exit 0\n"
			"service session needs=setup restart=respawn stop=HUP -- "
			SELF " --role run 2500\n"));
	/* The one-shot task gates what needs it; a long session respawns at once. */
	CHECK(sup_wait_for("init: session exited with status 0, restarting\n", 30000));
	CHECK(sup_at("init: setup finished\n") >= 0);
	CHECK(sup_at("init: started session (pid ") > sup_at("init: setup finished\n"));
	const char *first = strstr(sup.out, "init: started session (pid ");
	CHECK(first != NULL);
	CHECK(sup_wait_for("restarting\ninit: started session (pid ", 10000));
	CHECK_EQ(sup_stop(), 0);
	CHECK(sup_at("init: stopping session (pid ") >= 0);
	CHECK(sup_at("with SIGHUP\n") >= 0);
}

TEST(init_runs_one_shot_tasks_and_respawns_sessions)
{
	respawn_and_oneshot();
	sup_cleanup();
}

static void bad_configuration_is_reported(void)
{
	CHECK(sup_start("service good -- " SELF " --role sleep\n"
			"service bad colour=red -- " SELF " --role sleep\n"
			"service x needs=y -- " SELF " --role sleep\n"
			"service y needs=x -- " SELF " --role sleep\n"
			"service z needs=nobody -- " SELF " --role sleep\n"));
	CHECK(sup_wait_for("init: all services started\n", 30000));
	CHECK(sup_at(":2: unknown key 'colour'; line skipped\n") >= 0);
	CHECK(sup_at("init: dependency cycle: x -> y -> x; not starting them\n") >= 0);
	CHECK(sup_at("init: not starting z: it needs nobody, which is not configured\n") >= 0);
	CHECK(sup_at("init: started good (pid ") >= 0);
	CHECK_EQ(sup_stop(), 0);
}

TEST(init_reports_bad_lines_cycles_and_missing_needs)
{
	bad_configuration_is_reported();
	sup_cleanup();
}

TEST(init_without_its_configuration_says_so)
{
	char out[4096];
	char *argv[] = { INIT, "-f", "/tmp/no/such.conf", NULL };

	/* Only pid 1 falls back on built-in services (tested on the host). */
	int status = utest_run(argv, NULL, NULL, 1, out, sizeof(out));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	CHECK_STR(out, "init: cannot read /tmp/no/such.conf: No such file or directory\n");
}

TEST(init_test_run_fails_a_test_that_does_not_exist)
{
	char out[4096];
	char *argv[] = { INIT, "-f", "/tmp/test_init_empty.conf", "tests", "no_such_test", NULL };
	FILE *f = fopen("/tmp/test_init_empty.conf", "w");

	CHECK(f != NULL);
	fputs("# nothing to start\n", f);
	fclose(f);
	int status = utest_run(argv, NULL, NULL, 1, out, sizeof(out));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	CHECK(strstr(out, "init: TEST no_such_test failed (no such test program)\n") != NULL);
	CHECK(strstr(out, "init: 0 passed, 1 failed\n") != NULL);
}

/* --- pid 1 ---------------------------------------------------------------- */

TEST(init_pid1_logs_its_events_to_the_kernel_log)
{
	static char log[65536];
	int fd = open("debug:", O_RDONLY);
	size_t len = 0;
	ssize_t n;

	CHECK(fd >= 0);
	while (len + 1 < sizeof(log) && (n = read(fd, log + len, sizeof(log) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	log[len] = '\0';
	CHECK(strstr(log, "init: started logd (pid ") != NULL);
	CHECK(strstr(log, "init: started rootfs (pid ") != NULL);
	CHECK(strstr(log, "services started") != NULL);
}

/* Asks pid 1 for a service through init:services; the write's result. */
static long init_services_write(const char *line)
{
	int fd = open("init:services", O_WRONLY);

	if (fd < 0)
		return -errno;
	long r = write(fd, line, strlen(line));
	long e = errno;
	close(fd);
	return r < 0 ? -e : r;
}

static bool init_services_has(const char *line)
{
	char text[4096];
	int fd = open("init:services", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0)
		return false;
	text[n] = '\0';
	return strstr(text, line) != NULL;
}

TEST(init_pid1_adds_services_written_to_init_services)
{
	const char *line = "service added-oneshot restart=never -- /bin/tests/helper_true\n";

	CHECK_EQ(init_services_write(line), (long)strlen(line));
	bool done = false;
	for (int i = 0; i < 500 && !done; i++) {
		done = init_services_has("\nadded-oneshot done 0\n");
		if (!done)
			utest_sleep_ms(10);
	}
	CHECK(done);
	CHECK(init_services_has("logd up "));
	CHECK_EQ(init_services_write(line), -EEXIST);
	CHECK_EQ(init_services_write("service x restart=sometimes -- /bin/x"), -EINVAL);
	CHECK_EQ(init_services_write("service x needs=nosuch -- /bin/x"), -ENOENT);
	CHECK_ERRNO(open("init:nothing", O_RDONLY), ENOENT);
	/* Privileges the asker does not hold are not handed out. */
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_privileges(ABI_PRIV_IRQ, NULL) == (int)ABI_PRIV_IRQ);
		CHILD_CHECK(init_services_write("service grab privileges=io -- /bin/tests/helper_true")
			    == -EPERM);
		CHILD_CHECK(init_services_write("service fine privileges=irq restart=never "
						"-- /bin/tests/helper_true") > 0);
		CHILD_CHECK(setuid(1000) == 0);
		CHILD_CHECK(init_services_write("service user -- /bin/tests/helper_true") == -EPERM);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK(!init_services_has("grab "));
	CHECK(!init_services_has("user "));
}

TEST(init_pid1_reaps_orphans)
{
	int fds[2];
	pid_t grandchild = 0;
	char path[48], text[256];

	CHECK_EQ(pipe(fds), 0);
	pid_t child = utest_fork();
	if (child == 0) {
		pid_t g = fork();
		if (g == 0) {
			utest_sleep_ms(300);    /* outlives its parent */
			_exit(0);
		}
		(void)!write(fds[1], &g, sizeof(g));
		_exit(0);
	}
	close(fds[1]);
	CHECK_EQ(read(fds[0], &grandchild, sizeof(grandchild)), (ssize_t)sizeof(grandchild));
	close(fds[0]);
	CHECK_EQ(utest_wait(child), 0);
	snprintf(path, sizeof(path), "proc:%d/status", grandchild);
	/* Once it has exited, only init's waitpid makes it go away. */
	for (int i = 0; i < 300; i++) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			return;
		ssize_t n = read(fd, text, sizeof(text) - 1);
		close(fd);
		text[n > 0 ? n : 0] = '\0';
		utest_sleep_ms(100);
	}
	printf("test_init: still there after 30 s:\n%s", text);
	CHECK(!"the orphan was reaped");
}

/* --- getty ------------------------------------------------------------------ */

static void getty_on_a_pty(void)
{
	int master = open("pty:master/test_init_getty", O_RDWR | O_CREAT);
	char out[8192];
	size_t len = 0;

	if (master < 0)
		SKIP("no pty daemon");
	pid_t pid = utest_fork();
	if (pid == 0) {
		execl("/bin/getty", "getty", "-w", "5", "test_init_getty", "--", SELF, "--role",
		      "report", (char *)NULL);
		_exit(126);
	}
	CHECK_EQ(write(master, "typed-ahead\n", 12), 12);
	uint64_t end = utest_now_ns() + 30000000000ull;
	out[0] = '\0';
	while (!strstr(out, "REPORT-END") && utest_now_ns() < end && len + 1 < sizeof(out)) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t n = read(master, out + len, sizeof(out) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		out[len] = '\0';
	}
	CHECK_EQ(utest_wait(pid), 0);
	close(master);
	if (!strstr(out, "REPORT-END"))
		printf("test_init: getty's terminal showed:\n%s\n", out);
	CHECK(strstr(out, "Tessera ") != NULL);
	CHECK(strstr(out, " (test_init_getty)\r\n") != NULL);
	CHECK(strstr(out, "ctty 1 fg 1\r\n") != NULL);
	CHECK(strstr(out, "modes 1 1\r\n") != NULL);
	CHECK(strstr(out, "erase 127\r\n") != NULL);
	CHECK(strstr(out, "env /root vt100 /bin\r\n") != NULL);
	CHECK(strstr(out, "typed [typed-ahead]\r\n") != NULL);
}

TEST(getty_makes_a_session_on_a_pty)
{
	getty_on_a_pty();
}
