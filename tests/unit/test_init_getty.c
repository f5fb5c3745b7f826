// SPDX-License-Identifier: MIT
/*
 * Tests for getty (user/getty), run on the host: its host build
 * (GETTY_BIN) is started on a real pseudo-terminal, with this test
 * binary as the program getty runs. Started as `--getty-report`, the
 * binary (a constructor, before any test runs) describes what it got —
 * terminals, session, controlling terminal, foreground group, termios,
 * environment, working directory, and the line that was typed before
 * getty had even opened the terminal — and the test reads that from the
 * master side. Linux's pty gives a session leader its first terminal as
 * the controlling one, as Tessera's ptyd does, so the same path is
 * exercised. Usage and a missing terminal are checked too.
 */
#define _GNU_SOURCE     /* posix_openpt, ptsname */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define T_TYPED "typed-ahead"

/* --- the program getty runs ------------------------------------------- */

static void t_report(void)
{
	struct termios t;
	char line[128] = "", cwd[256] = "";

	if (!fgets(line, sizeof(line), stdin))
		strcpy(line, "(nothing)\n");
	line[strcspn(line, "\n")] = '\0';
	tcgetattr(0, &t);
	printf("tty %d %d %d\n", isatty(0), isatty(1), isatty(2));
	printf("ctty %d leader %d fg %d\n", tcgetsid(0) == getpid(), getsid(0) == getpid(),
	       tcgetpgrp(0) == getpgrp());
	printf("lflag %d\n", (t.c_lflag & (ICANON | ECHO | ECHOE | ISIG | ECHONL | NOFLSH)) ==
				     (ICANON | ECHO | ECHOE | ISIG));
	printf("iflag %d\n", (t.c_iflag & (ICRNL | INLCR | IGNCR | IXON)) == ICRNL);
	printf("oflag %d\n", (t.c_oflag & (OPOST | ONLCR | OCRNL)) == (OPOST | ONLCR));
	printf("cc %d %d %d %d %d %d\n", t.c_cc[VERASE], t.c_cc[VINTR], t.c_cc[VEOF],
	       t.c_cc[VSUSP], t.c_cc[VMIN], t.c_cc[VTIME]);
	printf("env HOME=%s TERM=%s PATH=%s USER=%s LOGNAME=%s\n", getenv("HOME"),
	       getenv("TERM"), getenv("PATH"), getenv("USER"), getenv("LOGNAME"));
	printf("cwd %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	printf("typed [%s]\n", line);
	printf("REPORT-END\n");
	fflush(stdout);
	_exit(0);
}

__attribute__((constructor)) static void t_role(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--getty-report") == 0)
		t_report();
}

/* --- helpers ----------------------------------------------------------- */

/* Everything from fd until `end` appears, end of file, or 20 s pass. A
 * pty master reads EIO while no slave is open: that is waited out. */
static size_t t_read_until(int fd, char *buf, size_t size, const char *end)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int rounds = 0; rounds < 200 && len + 1 < size && !strstr(buf, end); rounds++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct timespec ms100 = { 0, 100000000 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EIO) {
			nanosleep(&ms100, NULL);
			continue;
		}
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
	}
	return len;
}

static int t_wait(pid_t pid)
{
	int status;

	for (int i = 0; i < 2000; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		struct timespec ms10 = { 0, 10000000 };
		nanosleep(&ms10, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* Runs getty with args; its stderr in err. Its exit status. */
static int t_getty_fails(char *const args[], char *err, size_t size)
{
	int fds[2];
	char *argv[16] = { GETTY_BIN };

	for (int i = 0; args[i] && i < 14; i++)
		argv[i + 1] = args[i];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		execv(GETTY_BIN, argv);
		_exit(126);
	}
	close(fds[1]);
	t_read_until(fds[0], err, size, "\1");
	close(fds[0]);
	return t_wait(pid);
}

/* --- tests -------------------------------------------------------------- */

TEST(getty_sets_up_a_login_session_on_a_pty)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0) {
		printf("    (no pseudo-terminals here: %s)\n", strerror(errno));
		return;
	}
	CHECK_EQ(grantpt(master), 0);
	CHECK_EQ(unlockpt(master), 0);
	char slave[64], self[512], out[8192], want[512];
	snprintf(slave, sizeof(slave), "%s", ptsname(master));
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	CHECK(n > 0);
	self[n] = '\0';

	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { GETTY_BIN, "-w", "2", "-t", "xterm", slave, "--", self,
				 "--getty-report", NULL };
		execv(GETTY_BIN, argv);
		_exit(126);
	}
	CHECK(pid > 0);
	/* Typed before the shell runs; TCSANOW must keep it. */
	CHECK_EQ(write(master, T_TYPED "\n", sizeof(T_TYPED)), (ssize_t)sizeof(T_TYPED));
	t_read_until(master, out, sizeof(out), "REPORT-END");
	close(master);
	CHECK_EQ(t_wait(pid), 0);

	struct passwd *pw = getpwuid(getuid());
	CHECK(pw != NULL);
	snprintf(want, sizeof(want), " (%s)\r\n\r\n", slave);
	if (!strstr(out, want))
		printf("    got: %s\n", out);
	CHECK(strstr(out, want) != NULL);               /* the greeting, NL as CR NL */
	CHECK(strstr(out, "tty 1 1 1\r\n") != NULL);
	CHECK(strstr(out, "ctty 1 leader 1 fg 1\r\n") != NULL);
	CHECK(strstr(out, "lflag 1\r\n") != NULL);
	CHECK(strstr(out, "iflag 1\r\n") != NULL);
	CHECK(strstr(out, "oflag 1\r\n") != NULL);
	CHECK(strstr(out, "cc 127 3 4 26 1 0\r\n") != NULL);
	snprintf(want, sizeof(want), "env HOME=%s TERM=xterm PATH=/bin USER=%s LOGNAME=%s\r\n",
		 pw->pw_dir, pw->pw_name, pw->pw_name);
	CHECK(strstr(out, want) != NULL);
	snprintf(want, sizeof(want), "cwd %s\r\n", pw->pw_dir);
	CHECK(strstr(out, want) != NULL || strstr(out, "cwd /\r\n") != NULL);
	CHECK(strstr(out, "typed [" T_TYPED "]\r\n") != NULL);
}

TEST(getty_reports_a_terminal_that_never_appears)
{
	char err[512];
	char *args[] = { "-w", "0", "nosuch-terminal", NULL };

	CHECK_EQ(t_getty_fails(args, err, sizeof(err)), 1);
	CHECK_STR(err, "getty: pty:nosuch-terminal: No such file or directory\n");
}

TEST(getty_waits_for_the_terminal_up_to_its_limit)
{
	char err[512];
	char *args[] = { "-w", "1", "/nonexistent/tty", NULL };
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_EQ(t_getty_fails(args, err, sizeof(err)), 1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK_STR(err, "getty: /nonexistent/tty: No such file or directory\n");
	CHECK(b.tv_sec - a.tv_sec >= 1);        /* it did wait, not just fail */
}

TEST(getty_usage_errors_exit_2)
{
	char err[512];
	char *none[] = { NULL };
	char *stray[] = { "console", "sh", NULL };
	char *noprog[] = { "console", "--", NULL };
	char *badwait[] = { "-w", "soon", "console", NULL };

	CHECK_EQ(t_getty_fails(none, err, sizeof(err)), 2);
	CHECK_STR(err, "getty: no terminal given\nTry 'getty --help' for more information.\n");
	CHECK_EQ(t_getty_fails(stray, err, sizeof(err)), 2);
	CHECK_STR(err, "getty: unexpected 'sh' (a program goes after '--')\n"
		       "Try 'getty --help' for more information.\n");
	CHECK_EQ(t_getty_fails(noprog, err, sizeof(err)), 2);
	CHECK_STR(err, "getty: no program after '--'\nTry 'getty --help' for more information.\n");
	CHECK_EQ(t_getty_fails(badwait, err, sizeof(err)), 2);
	CHECK_STR(err, "getty: bad number of seconds 'soon'\n"
		       "Try 'getty --help' for more information.\n");
}
