// SPDX-License-Identifier: MIT
/*
 * getty: turns a terminal into a login session and starts the shell on it.
 *
 * It becomes a session leader (init already made it one: then setsid
 * fails with EPERM, which is fine), opens the terminal without O_NOCTTY
 * so it becomes the session's controlling terminal (the pty daemon, like
 * Linux, gives a session leader without one the first terminal it
 * opens; TIOCSCTTY asks explicitly if that did not happen), and makes it
 * descriptors 0, 1 and 2. The terminal may not exist yet — its driver
 * is started just before getty — so a missing one is waited for, up to
 * -w seconds. The settings (term.c) are applied with TCSANOW: whatever
 * was typed ahead, before the shell was there, must reach it, which
 * TCSAFLUSH would throw away.
 *
 * It then greets ("Tessera 0.1 (console)" and /etc/motd), goes to the
 * user's home directory, and replaces itself with the program — by
 * default the user's shell from /etc/passwd as a login shell (`sh -l`)
 * — in a fresh environment. There is no password: Tessera has one user
 * that matters, root, and the console is the machine (docs/init.md).
 * init respawns getty when the shell exits.
 */
#include "cmd.h"
#include "getty.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n"
	"    getty - open a terminal and start a login shell on it\n\n"
	"SYNOPSIS\n"
	"    getty [-t TERM] [-w SECONDS] TTY [-- PROGRAM [ARGUMENT...]]\n\n"
	"DESCRIPTION\n"
	"    Makes a new session whose controlling terminal is TTY, with TTY as\n"
	"    standard input, output and error, in canonical mode with echo, the\n"
	"    usual editing and signal keys (erase is DEL), CR read as NL and NL\n"
	"    written as CR NL. Prints the system's name and /etc/motd, changes to\n"
	"    the user's home directory and runs PROGRAM (by default the user's\n"
	"    shell as a login shell, `/bin/sh -l`) with HOME, USER, LOGNAME,\n"
	"    SHELL, PATH=/bin and TERM set. No password is asked for.\n\n"
	"    TTY is a terminal name such as `console` (meaning pty:console), or\n"
	"    a path or URL. init starts getty for each terminal in\n"
	"    /etc/init.conf and starts it again when the shell exits.\n\n"
	"OPTIONS\n"
	"    -t TERM     the terminal type for $TERM (default vt100)\n"
	"    -w SECONDS  how long to wait for TTY to appear (default 10)\n\n"
	"EXIT STATUS\n"
	"    None when PROGRAM starts: getty becomes PROGRAM. 1 if the terminal\n"
	"    cannot be opened, 127 if PROGRAM cannot be run, 2 for usage errors.\n";

#define GETTY_POLL_MS 100

typedef struct {
	const char *tty;
	const char *term;
	long wait_ms;
	char **program;         /* NULL: the user's shell, -l */
} getty_args_t;

static void getty_parse(int argc, char **argv, getty_args_t *a)
{
	int opt;
	char *end;

	*a = (getty_args_t){ .term = "vt100", .wait_ms = 10000 };
	while ((opt = getopt(argc, argv, "+t:w:")) != -1) {
		switch (opt) {
		case 't':
			a->term = optarg;
			break;
		case 'w':
			a->wait_ms = strtol(optarg, &end, 10) * 1000;
			if (end == optarg || *end || a->wait_ms < 0 || a->wait_ms > 3600000)
				cmd_usage_error("bad number of seconds '%s'", optarg);
			break;
		default:
			cmd_usage_error("unknown option");
		}
	}
	if (optind >= argc)
		cmd_usage_error("no terminal given");
	a->tty = argv[optind++];
	if (optind == argc)
		return;
	if (strcmp(argv[optind], "--") != 0)
		cmd_usage_error("unexpected '%s' (a program goes after '--')", argv[optind]);
	if (optind + 1 == argc)
		cmd_usage_error("no program after '--'");
	a->program = argv + optind + 1;
}

/* Opens the terminal, waiting up to wait_ms for it to appear. */
static int getty_open(const char *path, long wait_ms)
{
	struct timespec pause = { 0, GETTY_POLL_MS * 1000000L };

	for (long waited = 0;; waited += GETTY_POLL_MS) {
		int fd = open(path, O_RDWR);
		if (fd >= 0 || errno != ENOENT || waited >= wait_ms)
			return fd;
		nanosleep(&pause, NULL);
	}
}

/* Session leader, terminal as the controlling one and as fds 0-2. */
static void getty_attach(const char *path, long wait_ms)
{
	if (setsid() < 0 && getsid(0) != getpid())
		cmd_die("setsid: %s", strerror(errno));
	int fd = getty_open(path, wait_ms);
	if (fd < 0) {
		cmd_error(path, errno);
		exit(1);
	}
	if (tcgetsid(fd) != getpid() && ioctl(fd, TIOCSCTTY, 0) < 0)
		fprintf(stderr, "getty: %s: cannot make it the controlling terminal: %s\n", path,
			strerror(errno));
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0)
			cmd_die("dup2: %s", strerror(errno));
	if (fd > 2)
		close(fd);
}

static void getty_settings(const char *path)
{
	struct termios t;

	if (tcgetattr(0, &t) < 0 || (getty_sane(&t), tcsetattr(0, TCSANOW, &t) < 0))
		fprintf(stderr, "getty: %s: cannot set the terminal up: %s\n", path,
			strerror(errno));
}

static void getty_greet(const char *tty)
{
	struct utsname u;
	char line[256], buf[512];
	FILE *motd;
	size_t n;

	if (uname(&u) < 0)
		getty_issue("Tessera", "", tty, line, sizeof(line));
	else
		getty_issue(u.sysname, u.release, tty, line, sizeof(line));
	fputs(line, stdout);
	motd = fopen("/etc/motd", "r");
	if (motd) {
		while ((n = fread(buf, 1, sizeof(buf), motd)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(motd);
	}
	fflush(stdout);
}

/* The user from /etc/passwd, with fallbacks so a login always happens. */
static getty_user_t getty_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	getty_user_t u = { "root", "/root", "/bin/sh" };

	if (pw) {
		u.name = pw->pw_name;
		if (pw->pw_dir && *pw->pw_dir)
			u.home = pw->pw_dir;
		if (pw->pw_shell && *pw->pw_shell)
			u.shell = pw->pw_shell;
	}
	return u;
}

int main(int argc, char **argv)
{
	char pathbuf[256], envbuf[1024];
	char *envp[GETTY_ENV_MAX + 1];
	getty_args_t a;

	cmd_start(argc, argv, help);
	getty_parse(argc, argv, &a);
	const char *path = getty_tty_path(a.tty, pathbuf, sizeof(pathbuf));
	getty_attach(path, a.wait_ms);
	getty_settings(path);
	getty_greet(a.tty);

	getty_user_t u = getty_user();
	if (chdir(u.home) < 0) {
		fprintf(stderr, "getty: %s: %s; starting in /\n", u.home, strerror(errno));
		u.home = "/";
		if (chdir("/") < 0)
			cmd_die("/: %s", strerror(errno));
	}
	if (getty_env(&u, a.term, envp, envbuf, sizeof(envbuf)) < 0)
		cmd_die("the environment does not fit");
	char *shell_argv[] = { (char *)u.shell, "-l", NULL };
	char **program = a.program ? a.program : shell_argv;
	execve(program[0], program, envp);
	cmd_error(program[0], errno);
	return 127;
}
