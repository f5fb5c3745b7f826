// SPDX-License-Identifier: MIT
/*
 * The line editor through a real terminal: edit.h on a host pty.
 *
 * Each test opens a pty (openpty), forks a child whose standard input and
 * output are the pty's terminal side and which calls edit_open and
 * edit_read, and reports every line it got through a pipe as
 * "STATUS:LINE" ("(eof)" for NULL). The parent plays the person at the
 * keyboard: it waits until the terminal is in raw mode (it can read the
 * terminal's mode through its own descriptor of the terminal side), types
 * keys into the pty's master side, collects what the editor drew, and
 * checks the lines, the terminal modes (raw while reading, the old mode
 * back after) and, through the terminal model, the screen. Typed-ahead
 * input is written before the child even starts, as a script piped into
 * the console would be.
 */
#include "unit.h"
#include "sh_edit_test.h"

#include "user/sh/edit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PTY_REPORT_PENDING 1    /* after each line, also report the bytes still unread */
#define PTY_WINCH          2    /* the child catches SIGWINCH (no SA_RESTART) */

typedef struct pty_run {
	int master, slave, result;
	pid_t pid;
	struct termios before;  /* the terminal's mode before the child ran */
	struct termios after;   /* and after it ended */
	edit_buf_t out;         /* what the child drew on the terminal */
} pty_run_t;

static void pty_on_winch(int sig)
{
	(void)sig;
}

static void pty_report(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(3);
}

/* The child: `reads` calls of edit_read, each reported on fd. */
static void pty_child(int slave, int fd, int reads, int flags, void (*setup)(edit_t *))
{
	char msg[512];

	setsid();
	ioctl(slave, TIOCSCTTY, 0);
	dup2(slave, 0);
	dup2(slave, 1);
	if (slave > 1)
		close(slave);
	if (flags & PTY_WINCH) {
		struct sigaction sa = { .sa_handler = pty_on_winch };
		sigaction(SIGWINCH, &sa, NULL);
	}
	setenv("PATH", "/nonexistent", 1);
	setenv("TERM", "xterm", 1); /* whatever the tests run under */
	edit_t *e = edit_open(0, 1);
	if (!e) {
		pty_report(fd, "not a terminal\n");
		_exit(1);
	}
	if (setup)
		setup(e);
	for (int i = 0; i < reads; i++) {
		int status = -1;
		char *line = edit_read(e, "$ ", &status);
		snprintf(msg, sizeof msg, "%d:%s\n", status, line ? line : "(eof)");
		pty_report(fd, msg);
		free(line);
		if (flags & PTY_REPORT_PENDING) {
			int n = -1;
			ioctl(0, FIONREAD, &n);
			snprintf(msg, sizeof msg, "pending %d\n", n);
			pty_report(fd, msg);
		}
	}
	edit_close(e);
	_exit(0);
}

static bool pty_start(pty_run_t *p, int cols, const char *typed_ahead, int reads, int flags,
		      void (*setup)(edit_t *))
{
	struct winsize ws = { .ws_row = 24, .ws_col = (unsigned short)cols };
	int fds[2];

	memset(p, 0, sizeof *p);
	if (openpty(&p->master, &p->slave, NULL, NULL, &ws) != 0 || pipe(fds) != 0)
		return false;
	tcgetattr(p->slave, &p->before);
	if (typed_ahead && write(p->master, typed_ahead, strlen(typed_ahead)) < 0)
		return false;
	p->pid = fork();
	if (p->pid == 0) {
		close(p->master);
		close(fds[0]);
		pty_child(p->slave, fds[1], reads, flags, setup);
	}
	close(fds[1]);
	p->result = fds[0];
	fcntl(p->master, F_SETFL, O_NONBLOCK);
	return p->pid > 0;
}

/* Collects what the child drew, waiting up to ms for something. */
static void pty_drain(pty_run_t *p, int ms)
{
	struct pollfd pfd = { .fd = p->master, .events = POLLIN };
	char buf[4096];
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return;
	while ((n = read(p->master, buf, sizeof buf)) > 0)
		edit_buf_put(&p->out, buf, (size_t)n);
}

/* Waits (10 s at most) until the editor has the terminal in raw mode; gives the mode. */
static bool pty_wait_raw(pty_run_t *p, struct termios *mode)
{
	for (int i = 0; i < 1000; i++) {
		if (tcgetattr(p->slave, mode) == 0 && !(mode->c_lflag & ICANON))
			return true;
		pty_drain(p, 10);
	}
	printf("    the editor never set raw mode\n");
	return false;
}

static bool pty_type(pty_run_t *p, const char *keys)
{
	struct termios mode;
	if (!pty_wait_raw(p, &mode))
		return false;
	return write(p->master, keys, strlen(keys)) == (ssize_t)strlen(keys);
}

/* The child's next report line, without '\n' (10 s at most). */
static bool pty_result(pty_run_t *p, char *line, size_t size)
{
	size_t n = 0;
	time_t end = time(NULL) + 10;

	while (time(NULL) <= end) {
		struct pollfd pfd = { .fd = p->result, .events = POLLIN };
		pty_drain(p, 0);
		if (poll(&pfd, 1, 10) <= 0)
			continue;
		char ch;
		if (read(p->result, &ch, 1) != 1)
			break;
		if (ch == '\n') {
			line[n] = '\0';
			return true;
		}
		if (n + 1 < size)
			line[n++] = ch;
	}
	line[n] = '\0';
	printf("    no report from the child (got \"%s\")\n", line);
	return false;
}

/* Types keys and checks the report that follows. */
static bool pty_line(pty_run_t *p, const char *keys, const char *want)
{
	char got[512];
	if (keys && !pty_type(p, keys))
		return false;
	if (!pty_result(p, got, sizeof got))
		return false;
	if (strcmp(got, want) != 0) {
		printf("    reported \"%s\", want \"%s\"\n", got, want);
		return false;
	}
	return true;
}

/* Waits for the child; returns its exit status (-1 if it had to be killed). */
static int pty_finish(pty_run_t *p)
{
	int status = 0;
	for (int i = 0; i < 1000 && waitpid(p->pid, &status, WNOHANG) == 0; i++)
		pty_drain(p, 10);
	if (waitpid(p->pid, &status, WNOHANG) == 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &status, 0);
		status = -1;
	}
	pty_drain(p, 0);
	tcgetattr(p->slave, &p->after);
	close(p->master);
	close(p->slave);
	close(p->result);
	edit_buf_put(&p->out, "", 0);
	return status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static bool pty_mode_same(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	       a->c_cc[VMIN] == b->c_cc[VMIN] && a->c_cc[VTIME] == b->c_cc[VTIME];
}

TEST(pty_edit_open_needs_a_terminal)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	CHECK(edit_open(fds[0], fds[1]) == NULL);
	close(fds[0]);
	close(fds[1]);
	int null = open("/dev/null", O_RDWR);
	CHECK(edit_open(null, null) == NULL);
	close(null);
	edit_close(NULL);
}

TEST(pty_reads_a_line_in_raw_mode_and_restores_the_mode)
{
	pty_run_t p;
	struct termios raw;
	CHECK(pty_start(&p, 40, NULL, 1, 0, NULL));
	CHECK(pty_wait_raw(&p, &raw));
	CHECK(!(raw.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)));
	CHECK(!(raw.c_iflag & ICRNL));
	CHECK(raw.c_oflag & OPOST);
	CHECK_EQ(raw.c_cc[VMIN], 1);
	CHECK(pty_line(&p, "hello" K_LEFT K_LEFT "XY\r", "0:helXYlo"));
	CHECK_EQ(pty_finish(&p), 0);
	term_t *t = malloc(sizeof *t);
	term_init(t, 40, false);
	term_feed(t, p.out.data, p.out.len);
	CHECK_STR(term_screen(t), "$ helXYlo");
	CHECK_EQ(t->row, 1);
	free(t);
	edit_buf_free(&p.out);
}

TEST(pty_mode_is_the_same_after_each_line)
{
	pty_run_t p;
	CHECK(pty_start(&p, 80, NULL, 2, 0, NULL));
	CHECK(pty_line(&p, "one\r", "0:one"));
	CHECK(pty_line(&p, "two\n", "0:two"));
	CHECK_EQ(pty_finish(&p), 0);
	CHECK(pty_mode_same(&p.before, &p.after));
	edit_buf_free(&p.out);
}

TEST(pty_long_line_wraps_at_the_window_width)
{
	const char *text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHI"; /* 45 */
	char keys[128], want[128];
	pty_run_t p;
	snprintf(keys, sizeof keys, "%s" K_HOME "X" K_END "\r", text);
	snprintf(want, sizeof want, "0:X%s", text);
	CHECK(pty_start(&p, 20, NULL, 1, 0, NULL));
	CHECK(pty_line(&p, keys, want));
	CHECK_EQ(pty_finish(&p), 0);
	term_t *t = malloc(sizeof *t);
	term_init(t, 20, false);
	term_feed(t, p.out.data, p.out.len);
	CHECK_STR(term_screen(t), "$ X0123456789abcdefg\nhijklmnopqrstuvwxyzA\nBCDEFGHI");
	CHECK_EQ(t->row, 3);
	CHECK_EQ(t->col, 0);
	free(t);
	edit_buf_free(&p.out);
}

TEST(pty_typed_ahead_input_is_neither_lost_nor_taken_early)
{
	pty_run_t p;
	/* Written before the child starts, while the terminal is in canonical mode. */
	CHECK(pty_start(&p, 80, "first\nsecond\n", 2, PTY_REPORT_PENDING, NULL));
	CHECK(pty_line(&p, NULL, "0:first"));
	CHECK(pty_line(&p, NULL, "pending 7")); /* "second\n" is still in the terminal */
	CHECK(pty_line(&p, NULL, "0:second"));
	CHECK(pty_line(&p, NULL, "pending 0"));
	CHECK_EQ(pty_finish(&p), 0);
	edit_buf_free(&p.out);
}

TEST(pty_ctrl_c_interrupts_and_ctrl_d_ends)
{
	pty_run_t p;
	CHECK(pty_start(&p, 80, NULL, 3, 0, NULL));
	CHECK(pty_line(&p, "sleep 5" C_C, "1:"));
	CHECK(pty_line(&p, "x" C_D C_H C_D, "0:(eof)"));
	CHECK(pty_line(&p, "after" C_D "\r", "0:after"));
	CHECK_EQ(pty_finish(&p), 0);
	CHECK(strstr(p.out.data, "$ sleep 5^C\r") != NULL);
	edit_buf_free(&p.out);
}

static void pty_setup_history(edit_t *e)
{
	static const char *const words[] = { "myfunc", "mytool", NULL };
	edit_history_add(e, "echo one");
	edit_history_add(e, "echo two");
	edit_set_command_words(e, words);
}

TEST(pty_history_and_tab_completion)
{
	pty_run_t p;
	CHECK(pty_start(&p, 80, NULL, 3, 0, pty_setup_history));
	CHECK(pty_line(&p, K_UP K_UP "\r", "0:echo one"));
	CHECK(pty_line(&p, "myf\t\r", "0:myfunc "));
	CHECK(pty_line(&p, "my\t\t" C_U "ok\r", "0:ok"));
	CHECK_EQ(pty_finish(&p), 0);
	CHECK(strstr(p.out.data, "myfunc  mytool") != NULL);
	edit_buf_free(&p.out);
}

/*
 * Types a line on a 40-column terminal, narrows it to 10, presses Enter:
 * the line must be drawn again wrapped at 10. With a SIGWINCH handler
 * the redraw comes when the signal interrupts the read; with SIGWINCH
 * ignored, before Enter is handled.
 */
static bool pty_resize_check(int flags)
{
	pty_run_t p;
	bool ok = pty_start(&p, 40, NULL, 1, flags, NULL) && pty_type(&p, "abcdefghijkl");
	for (int i = 0; ok && i < 1000 && !strstr(p.out.data ? p.out.data : "", "abcdefghijkl"); i++)
		pty_drain(&p, 10);
	size_t before = p.out.len;
	struct winsize ws = { .ws_row = 24, .ws_col = 10 };
	ok = ok && ioctl(p.master, TIOCSWINSZ, &ws) == 0;
	for (int i = 0; ok && i < 100 && p.out.len == before && (flags & PTY_WINCH); i++)
		pty_drain(&p, 10);
	ok = ok && pty_line(&p, "\r", "0:abcdefghijkl");
	ok = pty_finish(&p) == 0 && ok;
	term_t *t = malloc(sizeof *t);
	term_init(t, 40, false);
	term_feed(t, p.out.data, before);
	t->width = 10;
	term_feed(t, p.out.data + before, p.out.len - before);
	if (strcmp(term_screen(t), "$ abcdefgh\nijkl") != 0 || t->row != 2) {
		printf("    screen \"%s\", cursor row %d\n", term_screen(t), t->row);
		ok = false;
	}
	free(t);
	edit_buf_free(&p.out);
	return ok;
}

TEST(pty_window_size_change_redraws)
{
	CHECK(pty_resize_check(PTY_WINCH));
	CHECK(pty_resize_check(0));
}

static void pty_setup_dumb(edit_t *e)
{
	(void)e;
	setenv("TERM", "dumb", 1);
}

TEST(pty_dumb_terminal_gets_plain_lines)
{
	pty_run_t p;
	CHECK(pty_start(&p, 80, NULL, 1, 0, pty_setup_dumb));
	/* The terminal stays in canonical mode: its own editing applies. */
	const char *keys = "abx\177c\n";
	CHECK(write(p.master, keys, strlen(keys)) == (ssize_t)strlen(keys));
	CHECK(pty_line(&p, NULL, "0:abc"));
	CHECK_EQ(pty_finish(&p), 0);
	edit_buf_free(&p.out);
}

/* --- history files and the plain fallback -------------------------------- */

static bool file_is(const char *path, const char *want)
{
	char buf[512] = { 0 };
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (strcmp(buf, want) != 0)
		printf("    %s holds \"%s\", want \"%s\"\n", path, buf, want);
	return strcmp(buf, want) == 0;
}

TEST(history_file_save_and_load)
{
	int master, slave;
	char path[] = "/tmp/sh_edit_hist_XXXXXX", path2[] = "/tmp/sh_edit_hist_XXXXXX";
	CHECK(openpty(&master, &slave, NULL, NULL, NULL) == 0);
	int fd = mkstemp(path), fd2 = mkstemp(path2);
	CHECK(fd >= 0 && fd2 >= 0);
	close(fd);
	close(fd2);

	edit_t *e = edit_open(slave, slave);
	CHECK(e != NULL);
	edit_history_add(e, "ls -l");
	edit_history_add(e, "");
	edit_history_add(e, "for i in 1 2\ndo echo $i; done");
	edit_history_add(e, "echo 'two words'");
	edit_history_add(e, "echo 'two words'");
	CHECK_EQ(edit_history_save(e, path), 0);
	CHECK(file_is(path, "ls -l\necho 'two words'\n"));
	edit_close(e);

	e = edit_open(slave, slave);
	edit_history_add(e, "first");
	CHECK_EQ(edit_history_load(e, path), 0);
	CHECK_EQ(edit_history_save(e, path2), 0);
	CHECK(file_is(path2, "first\nls -l\necho 'two words'\n"));
	errno = 0;
	CHECK_EQ(edit_history_load(e, "/nonexistent/dir/h"), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(edit_history_save(e, "/nonexistent/dir/h"), -1);
	CHECK_EQ(errno, ENOENT);
	edit_close(e);
	unlink(path);
	unlink(path2);
	close(master);
	close(slave);
}

TEST(plain_fallback_reads_lines)
{
	int in[2], out[2];
	CHECK(pipe(in) == 0 && pipe(out) == 0);
	const char *text = "abc\n\ndef";
	CHECK(write(in[1], text, strlen(text)) == (ssize_t)strlen(text));
	close(in[1]);
	char *l1 = edit_read_plain(in[0], out[1], "$ ");
	char *l2 = edit_read_plain(in[0], out[1], "$ ");
	char *l3 = edit_read_plain(in[0], out[1], "> ");
	char *l4 = edit_read_plain(in[0], out[1], "$ ");
	CHECK_STR(l1, "abc");
	CHECK_STR(l2, "");
	CHECK_STR(l3, "def");
	CHECK(l4 == NULL);
	free(l1);
	free(l2);
	free(l3);
	close(out[1]);
	char buf[64] = { 0 };
	CHECK(read(out[0], buf, sizeof buf - 1) == 8);
	CHECK_STR(buf, "$ $ > $ ");
	close(in[0]);
	close(out[0]);
}
