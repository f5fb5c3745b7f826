// SPDX-License-Identifier: MIT
/*
 * Terminals as programs use them: pty: pairs through posix_openpt,
 * grantpt, unlockpt and ptsname; canonical reads with echo, erase and
 * ^D; raw mode through termios with VMIN; typed-ahead input kept across
 * a mode change; ONLCR; the window size and SIGWINCH; poll on both
 * sides; a child in a new session whose controlling terminal is the
 * slave, that makes itself the foreground group and gets SIGINT when ^C
 * is typed at the master, or SIGTTIN when it reads from the background;
 * ^Z stopping a job and SIGTTOU stopping a background tcsetattr until
 * it is continued; VTIME; hangup when the master closes; a reader killed
 * in the middle of a read; and many pairs opened and freed.
 *
 * ptyd must be serving pty: — init starts it (/etc/init.conf, in test
 * runs too). Should it not be there, the first test starts
 * initfs:/bin/ptyd itself (in a session of its own, so signals to the
 * test's groups miss it) and waits for it to say it serves; it then
 * stays up for the tests that follow.
 *
 * Children that wait for something run under alarm(), so a terminal that
 * never answers fails the test instead of hanging it.
 */
#include "utest.h"

#include <abi/stat.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <tessera/sys.h>
#include <unistd.h>

#define PTYD_PATH "initfs:/bin/ptyd"

/* Starts ptyd unless pty: is served already; whether it is now. */
static bool pty_need_daemon(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), fds[2];
	char ready = 0;

	if (m >= 0) {
		close(m);
		return true;
	}
	if (pipe(fds) < 0)
		return false;
	pid_t pid = utest_fork();
	if (pid == 0) {
		char *argv[] = { PTYD_PATH, NULL };
		char *envp[] = { "SCHEME_READY_FD=3", NULL };
		setsid();
		close(fds[0]);
		if (fds[1] != 3) {
			dup2(fds[1], 3);
			close(fds[1]);
		}
		execve(PTYD_PATH, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while (read(fds[0], &ready, 1) < 0 && errno == EINTR)
		;
	close(fds[0]);
	return ready == 1;
}

/* A new pair: master and slave (O_NOCTTY), both O_RDWR; false on failure. */
static bool pty_open_pair(int *m, int *s)
{
	char *name;

	*m = posix_openpt(O_RDWR | O_NOCTTY);
	if (*m < 0 || grantpt(*m) < 0 || unlockpt(*m) < 0 || !(name = ptsname(*m)))
		return false;
	*s = open(name, O_RDWR | O_NOCTTY);
	return *s >= 0;
}

/* Reads what fd has within timeout_ms (up to size - 1 bytes, NUL-ended); the count or -1. */
static long pty_read_within(int fd, char *buf, size_t size, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, timeout_ms) != 1)
		return -1;
	long n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void pty_close_pair(int m, int s)
{
	close(s);
	close(m);
}

TEST(ptyd_serves_pty)
{
	CHECK(pty_need_daemon());
}

TEST(openpt_gives_a_master_whose_slave_ptsname_names)
{
	int m, s;
	struct stat sb;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK(strncmp(ptsname(m), "pty:", 4) == 0);
	CHECK(isatty(m));
	CHECK(isatty(s));
	CHECK_STR(ttyname(s), ptsname(m));
	CHECK_EQ(fstat(s, &sb), 0);
	CHECK(S_ISCHR(sb.st_mode));
	CHECK_ERRNO(grantpt(s), EINVAL);        /* a slave is no master */
	CHECK(ptsname(s) == NULL);
	CHECK_ERRNO(open("pty:no_such_terminal", O_RDWR), ENOENT);
	pty_close_pair(m, s);
}

TEST(canonical_read_gets_the_line_and_the_master_sees_the_echo)
{
	int m, s;
	char buf[64];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(write(m, "hello\r", 6), 6);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 6);
	CHECK_STR(buf, "hello\n");
	CHECK_EQ(pty_read_within(m, buf, sizeof(buf), 5000), 7);
	CHECK_STR(buf, "hello\r\n");
	pty_close_pair(m, s);
}

TEST(erase_and_kill_edit_the_line)
{
	int m, s;
	char buf[64];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(write(m, "abx\177c\n", 6), 6);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 4);
	CHECK_STR(buf, "abc\n");
	CHECK_EQ(write(m, "junk\025ok\n", 8), 8);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 3);
	CHECK_STR(buf, "ok\n");
	pty_close_pair(m, s);
}

TEST(ctrl_d_ends_a_read)
{
	int m, s;
	char buf[64];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(write(m, "ab\004", 3), 3);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 2);
	CHECK_STR(buf, "ab");
	CHECK_EQ(write(m, "\004", 1), 1);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 0);   /* end of file */
	pty_close_pair(m, s);
}

TEST(raw_mode_reads_vmin_bytes)
{
	int m, s;
	char buf[64];
	struct termios t;
	struct pollfd p;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(tcgetattr(s, &t), 0);
	cfmakeraw(&t);
	t.c_cc[VMIN] = 2;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(tcgetattr(s, &t), 0);
	CHECK_EQ(t.c_lflag & ICANON, 0);
	CHECK_EQ(write(m, "x", 1), 1);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK_EQ(poll(&p, 1, 100), 0);           /* one byte is not VMIN */
	CHECK_EQ(write(m, "\003y", 2), 2);       /* no ISIG: ^C is data */
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 3);
	CHECK(memcmp(buf, "x\003y", 3) == 0);
	pty_close_pair(m, s);
}

TEST(vtime_ends_a_read_that_gets_nothing)
{
	int m, s;
	char buf[16];
	struct termios t;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(tcgetattr(s, &t), 0);
	cfmakeraw(&t);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 2;                       /* 0.2 s */
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	uint64_t start = utest_now_ns();
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
	CHECK(utest_now_ns() - start >= 150 * 1000000ull);
	CHECK_EQ(write(m, "v", 1), 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 1);  /* a byte there: at once */
	t.c_cc[VMIN] = 4;                        /* and between bytes */
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(m, "ab", 2), 2);
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	pty_close_pair(m, s);
}

TEST(typed_ahead_input_survives_going_raw)
{
	int m, s;
	char buf[64];
	struct termios t;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(write(m, "abc", 3), 3);
	CHECK_EQ(pty_read_within(m, buf, sizeof(buf), 5000), 3);   /* the echo */
	CHECK_EQ(tcgetattr(s, &t), 0);
	cfmakeraw(&t);
	CHECK_EQ(tcsetattr(s, TCSADRAIN, &t), 0);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 3);
	CHECK_STR(buf, "abc");
	pty_close_pair(m, s);
}

TEST(onlcr_turns_output_newlines_into_crlf)
{
	int m, s;
	char buf[64];
	struct termios t;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	CHECK_EQ(write(s, "a\nb", 3), 3);
	CHECK_EQ(pty_read_within(m, buf, sizeof(buf), 5000), 4);
	CHECK_STR(buf, "a\r\nb");
	CHECK_EQ(tcgetattr(s, &t), 0);
	t.c_oflag &= ~(tcflag_t)ONLCR;
	CHECK_EQ(tcsetattr(s, TCSANOW, &t), 0);
	CHECK_EQ(write(s, "c\n", 2), 2);
	CHECK_EQ(pty_read_within(m, buf, sizeof(buf), 5000), 2);
	CHECK_STR(buf, "c\n");
	pty_close_pair(m, s);
}

TEST(poll_sees_both_sides)
{
	int m, s;
	char buf[64];
	struct pollfd p[2];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	p[0] = (struct pollfd){ .fd = s, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = m, .events = POLLIN };
	CHECK_EQ(poll(p, 2, 50), 0);
	p[0].events = POLLOUT;
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK(p[0].revents & POLLOUT);
	CHECK_EQ(write(m, "q\n", 2), 2);
	p[0].events = POLLIN;
	CHECK_EQ(poll(p, 2, 5000), 2);           /* the line, and its echo */
	CHECK(p[0].revents & POLLIN);
	CHECK(p[1].revents & POLLIN);
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	fcntl(s, F_SETFL, O_NONBLOCK);
	CHECK_ERRNO(read(s, buf, sizeof(buf)), EAGAIN);
	pty_close_pair(m, s);
}

static volatile sig_atomic_t pty_got_sig;

static void pty_on_signal(int sig)
{
	pty_got_sig = sig;
}

static void pty_catch(int sig)
{
	struct sigaction sa = { .sa_handler = pty_on_signal };

	sigaction(sig, &sa, NULL);
}

/* In a child: a new session whose controlling terminal is slave `name`; the descriptor. */
static int pty_child_session(const char *name)
{
	CHILD_CHECK(setsid() == getpid());
	int fd = open(name, O_RDWR);
	CHILD_CHECK(fd >= 0);
	CHILD_CHECK(tcgetsid(fd) == getpid());
	CHILD_CHECK(tcsetpgrp(fd, getpgrp()) == 0);
	CHILD_CHECK(tcgetpgrp(fd) == getpgrp());
	return fd;
}

/* Waits up to ms for pty_got_sig to become sig. */
static bool pty_wait_signal(int sig, unsigned ms)
{
	for (unsigned i = 0; i < ms && pty_got_sig != sig; i++)
		utest_sleep_ms(1);
	return pty_got_sig == sig;
}

/*
 * Forks a child running fn(name, ready pipe) without the parent's pair
 * m and s (a master open in the child would keep the terminal up);
 * returns its pid once it says it is ready.
 */
static pid_t pty_spawn(void (*fn)(const char *name, int ready), const char *name, int m, int s)
{
	int fds[2];
	char c = 0;

	if (pipe(fds) < 0)
		return -1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		close(fds[0]);
		close(m);
		close(s);
		alarm(20);
		fn(name, fds[1]);
		_exit(0);
	}
	close(fds[1]);
	while (read(fds[0], &c, 1) < 0 && errno == EINTR)
		;
	close(fds[0]);
	return c == 1 ? pid : -1;
}

static void pty_say_ready(int ready)
{
	char one = 1;

	CHILD_CHECK(write(ready, &one, 1) == 1);
	close(ready);
}

static void pty_child_sigint(const char *name, int ready)
{
	pty_catch(SIGINT);
	pty_child_session(name);
	pty_say_ready(ready);
	CHILD_CHECK(pty_wait_signal(SIGINT, 10000));
}

TEST(ctrl_c_sends_sigint_to_the_foreground_group)
{
	int m, s;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_sigint, ptsname(m), m, s);
	CHECK(pid > 0);
	CHECK_EQ(write(m, "\003", 1), 1);
	CHECK_EQ(utest_wait(pid), 0);
	pty_close_pair(m, s);
}

static void pty_child_sigwinch(const char *name, int ready)
{
	struct winsize ws;

	pty_catch(SIGWINCH);
	int fd = pty_child_session(name);
	pty_say_ready(ready);
	CHILD_CHECK(pty_wait_signal(SIGWINCH, 10000));
	CHILD_CHECK(tcgetwinsize(fd, &ws) == 0);
	CHILD_CHECK(ws.ws_row == 40 && ws.ws_col == 100);
}

TEST(a_new_window_size_sends_sigwinch)
{
	int m, s;
	struct winsize ws = { .ws_row = 40, .ws_col = 100 }, got;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_sigwinch, ptsname(m), m, s);
	CHECK(pid > 0);
	CHECK_EQ(tcsetwinsize(m, &ws), 0);
	CHECK_EQ(ioctl(s, TIOCGWINSZ, &got), 0);
	CHECK_EQ(got.ws_row, 40);
	CHECK_EQ(got.ws_col, 100);
	CHECK_EQ(utest_wait(pid), 0);
	pty_close_pair(m, s);
}

static void pty_child_background_read(const char *name, int ready)
{
	char c;
	int fd = pty_child_session(name);

	pid_t pid = fork();
	if (pid == 0) {
		pty_catch(SIGTTIN);
		CHILD_CHECK(setpgid(0, 0) == 0);        /* a background group */
		CHILD_CHECK(read(fd, &c, 1) == -1 && errno == EINTR);
		CHILD_CHECK(pty_wait_signal(SIGTTIN, 10000));
		_exit(0);
	}
	int status = -1;
	CHILD_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHILD_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	pty_say_ready(ready);
}

TEST(a_background_read_gets_sigttin)
{
	int m, s;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_background_read, ptsname(m), m, s);
	CHECK(pid > 0);
	CHECK_EQ(utest_wait(pid), 0);
	pty_close_pair(m, s);
}

/*
 * A shell's job: the session leader puts a child in a group of its own,
 * makes that the foreground group, and sees it stop when ^Z is typed.
 */
static void pty_child_job(const char *name, int ready)
{
	int fd = pty_child_session(name), status = -1;
	pid_t job = fork();

	if (job == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	CHILD_CHECK(job > 0);
	setpgid(job, job);
	signal(SIGTTOU, SIG_IGN);
	CHILD_CHECK(tcsetpgrp(fd, job) == 0);
	pty_say_ready(ready);
	CHILD_CHECK(waitpid(job, &status, WUNTRACED) == job);
	kill(job, SIGKILL);
	waitpid(job, NULL, 0);
	CHILD_CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
	CHILD_CHECK(tcsetpgrp(fd, getpgrp()) == 0);     /* the shell takes it back */
}

TEST(ctrl_z_stops_the_foreground_job)
{
	int m, s;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_job, ptsname(m), m, s);
	CHECK(pid > 0);
	CHECK_EQ(write(m, "\032", 1), 1);
	CHECK_EQ(utest_wait(pid), 0);
	pty_close_pair(m, s);
}

/*
 * A background job that changes the terminal is stopped by SIGTTOU; once
 * the shell gives it the terminal and continues it, the change goes
 * through (libc asks again, as Linux restarts the call).
 */
static void pty_child_background_tcsetattr(const char *name, int ready)
{
	int fd = pty_child_session(name), status = -1;
	pid_t job = fork();

	if (job == 0) {
		struct termios t;
		setpgid(0, 0);
		CHILD_CHECK(tcgetattr(fd, &t) == 0);    /* reading is allowed */
		t.c_lflag &= ~(tcflag_t)ECHO;
		CHILD_CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
		_exit(0);
	}
	CHILD_CHECK(job > 0);
	setpgid(job, job);
	signal(SIGTTOU, SIG_IGN);
	pty_say_ready(ready);
	CHILD_CHECK(waitpid(job, &status, WUNTRACED) == job);
	CHILD_CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU);
	CHILD_CHECK(tcsetpgrp(fd, job) == 0);
	CHILD_CHECK(kill(job, SIGCONT) == 0);
	CHILD_CHECK(waitpid(job, &status, 0) == job);
	CHILD_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	struct termios t;
	CHILD_CHECK(tcgetattr(fd, &t) == 0 && !(t.c_lflag & ECHO));
}

TEST(a_background_tcsetattr_stops_until_continued)
{
	int m, s;

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_background_tcsetattr, ptsname(m), m, s);
	CHECK(pid > 0);
	CHECK_EQ(utest_wait(pid), 0);
	pty_close_pair(m, s);
}

static void pty_child_blocked_reader(const char *name, int ready)
{
	char c;
	int fd = open(name, O_RDWR | O_NOCTTY);

	CHILD_CHECK(fd >= 0);
	pty_say_ready(ready);
	read(fd, &c, 1);
	_exit(3);
}

TEST(a_reader_killed_mid_read_leaves_the_terminal_working)
{
	int m, s;
	char buf[16];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	pid_t pid = pty_spawn(pty_child_blocked_reader, ptsname(m), m, s);
	CHECK(pid > 0);
	utest_sleep_ms(50);                      /* let it block in read */
	CHECK_EQ(kill(pid, SIGKILL), 0);
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK_EQ(write(m, "still\n", 6), 6);
	CHECK_EQ(pty_read_within(s, buf, sizeof(buf), 5000), 6);
	CHECK_STR(buf, "still\n");
	pty_close_pair(m, s);
}

static void pty_child_hangup(const char *name, int ready)
{
	char c;
	long r;

	pty_catch(SIGHUP);
	int fd = pty_child_session(name);
	pty_say_ready(ready);
	while ((r = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	CHILD_CHECK(r == 0);
	CHILD_CHECK(pty_wait_signal(SIGHUP, 10000));
	CHILD_CHECK(write(fd, "x", 1) == -1 && errno == EIO);
}

TEST(closing_the_master_hangs_up)
{
	int m, s;
	char name[64];

	CHECK(pty_need_daemon());
	CHECK(pty_open_pair(&m, &s));
	strcpy(name, ptsname(m));
	pid_t pid = pty_spawn(pty_child_hangup, name, m, s);
	CHECK(pid > 0);
	utest_sleep_ms(50);                      /* let it block in read */
	close(m);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_ERRNO(open(name, O_RDWR | O_NOCTTY), ENOENT);
	close(s);
}

TEST(a_named_pair_is_exclusive_while_its_master_is_open)
{
	char buf[64];

	CHECK(pty_need_daemon());
	int m = open("pty:master/test_pty", O_RDWR | O_CREAT | O_NOCTTY);
	CHECK(m >= 0);
	CHECK_STR(ptsname(m), "pty:test_pty");
	CHECK_ERRNO(open("pty:master/test_pty", O_RDWR | O_CREAT), EEXIST);
	int s = open("pty:test_pty", O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK_EQ(write(s, "hi", 2), 2);
	CHECK_EQ(pty_read_within(m, buf, sizeof(buf), 5000), 2);
	pty_close_pair(m, s);
	m = open("pty:master/test_pty", O_RDWR | O_CREAT | O_NOCTTY);
	CHECK(m >= 0);
	close(m);
}

TEST(many_pairs_open_and_are_freed)
{
	static int ms[64], ss[64];

	CHECK(pty_need_daemon());
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 64; i++)
			CHECK(pty_open_pair(&ms[i], &ss[i]));
		for (int i = 0; i < 64; i++)
			pty_close_pair(ms[i], ss[i]);
	}
}

TEST(openpty_and_the_pty_listing)
{
	int m, s;
	char name[64];
	struct winsize ws = { .ws_row = 33, .ws_col = 77 }, got;

	CHECK(pty_need_daemon());
	CHECK_EQ(openpty(&m, &s, name, NULL, &ws), 0);
	CHECK_STR(name, ptsname(m));
	CHECK_EQ(tcgetwinsize(s, &got), 0);
	CHECK_EQ(got.ws_col, 77);
	int d = open("pty:", O_RDONLY | O_DIRECTORY);
	CHECK(d >= 0);
	char buf[4096];
	long n = tessera_getdents(d, buf, sizeof(buf));
	CHECK(n > 0);
	bool found = false;
	for (long off = 0; off < n;) {
		const abi_dirent_t *e = (const abi_dirent_t *)(buf + off);
		found |= strcmp(e->name, name + 4) == 0;
		off += e->reclen;
	}
	CHECK(found);
	close(d);
	pty_close_pair(m, s);
}
