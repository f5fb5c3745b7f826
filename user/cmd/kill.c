// SPDX-License-Identifier: MIT
/*
 * kill: send a signal to processes, or list signal names (POSIX).
 *
 * The signal comes as `-s NAME`, `-NAME` or `-NUMBER` (names with or
 * without SIG, in either case); operands are pids, 0 for the caller's
 * process group, -PGID for a group and -1 for every process one may
 * signal (`kill -9 -- -5`, `kill -s TERM -5`). Options are parsed by hand
 * because getopt would take `-9` and `-TERM` apart. Job ids (%1) belong
 * to the shell's built-in kill; this one says so. Each operand that
 * fails is reported (`kill: 123: No such process`) and the others still
 * get their signal.
 */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
	"NAME\n    kill - send a signal to processes\n\n"
	"SYNOPSIS\n"
	"    kill [-s signal | -signal] [--] pid...\n"
	"    kill -l [exit_status | signal]...\n\n"
	"DESCRIPTION\n"
	"    Sends a signal (TERM unless another is named) to each process. A pid\n"
	"    of 0 means the caller's process group, -N process group N, and -1\n"
	"    every process the caller may signal; put -- before a negative pid\n"
	"    unless the signal was given. Signal 0 sends nothing but checks that\n"
	"    the processes exist. Job ids (%N) are understood only by the shell's\n"
	"    built-in kill.\n\n"
	"OPTIONS\n"
	"    -s signal     the signal, by name (HUP, SIGHUP, hup) or number\n"
	"    -signal       the same: -KILL, -9\n"
	"    -l            list the signal names, one per line; with operands,\n"
	"                  the name of each number (an exit status above 128\n"
	"                  names the signal that ended the process) or the\n"
	"                  number of each name\n\n"
	"EXIT STATUS\n"
	"    0 when every process was signalled, 1 when one could not be, 2 on\n"
	"    a usage error.\n";

typedef struct kill_signal {
	int number;
	const char *name;
} kill_signal_t;

/* The names kill -l prints, in number order. */
static const kill_signal_t kill_names[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" }, { SIGSTKFLT, "STKFLT" },
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" },
	{ SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" },
	{ SIGXFSZ, "XFSZ" }, { SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" },
	{ SIGWINCH, "WINCH" }, { SIGIO, "IO" }, { SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

/* Other names for the same numbers: accepted, never printed. */
static const kill_signal_t kill_aliases[] = {
	{ SIGABRT, "IOT" }, { SIGCHLD, "CLD" }, { SIGIO, "POLL" },
};

#define KILL_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define KILL_SIG_MAX  63

static const char *kill_signal_name(int sig)
{
	for (size_t i = 0; i < KILL_COUNT(kill_names); i++)
		if (kill_names[i].number == sig)
			return kill_names[i].name;
	return NULL;
}

/* A decimal number 0..max, or -1. */
static int kill_number(const char *s, int max)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return *end || errno || v > max ? -1 : (int)v;
}

/* "HUP", "SIGHUP", "hup" or "1": the number, or -1. */
static int kill_signal_parse(const char *s)
{
	int n = kill_number(s, KILL_SIG_MAX);

	if (n >= 0 || isdigit((unsigned char)*s))
		return n;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < KILL_COUNT(kill_names); i++)
		if (strcasecmp(s, kill_names[i].name) == 0)
			return kill_names[i].number;
	for (size_t i = 0; i < KILL_COUNT(kill_aliases); i++)
		if (strcasecmp(s, kill_aliases[i].name) == 0)
			return kill_aliases[i].number;
	return -1;
}

static int kill_signal_arg(const char *s)
{
	int sig = kill_signal_parse(s);

	if (sig < 0)
		cmd_usage_error("%s: invalid signal", s);
	return sig;
}

/* kill -l [operand...] */
static int kill_list(char **args)
{
	if (!*args) {
		for (size_t i = 0; i < KILL_COUNT(kill_names); i++)
			printf("%s\n", kill_names[i].name);
		return 0;
	}
	for (; *args; args++) {
		int n = kill_number(*args, 255);
		if (n > 128)
			n -= 128;
		const char *name = n >= 0 ? kill_signal_name(n) : NULL;
		int sig = n < 0 ? kill_signal_parse(*args) : -1;
		if (name)
			printf("%s\n", name);
		else if (n > 0 && n <= KILL_SIG_MAX)
			printf("%d\n", n);      /* a real-time signal: no name */
		else if (sig > 0)
			printf("%d\n", sig);
		else
			cmd_warn("%s: invalid signal", *args);
	}
	return cmd_status();
}

/* One operand: a pid, 0, -pgid or -1; a job id is the shell's. */
static void kill_send(const char *arg, int sig)
{
	const char *digits = arg[0] == '-' ? arg + 1 : arg;
	int n = kill_number(digits, 0x7fffffff);

	if (arg[0] == '%') {
		cmd_warn("%s: job IDs are understood only by the shell's kill", arg);
		return;
	}
	if (n < 0) {
		cmd_warn("%s: invalid process ID", arg);
		return;
	}
	if (kill(arg[0] == '-' ? -n : n, sig) < 0)
		cmd_error(arg, errno);
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1;

	cmd_start(argc, argv, help);
	if (i < argc && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0))
		return kill_list(argv + i + 1) ? 1 : 0;
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			cmd_usage_error("option requires an argument -- 's'");
		sig = kill_signal_arg(argv[i + 1]);
		i += 2;
	} else if (i < argc && strcmp(argv[i], "--") != 0 && argv[i][0] == '-' && argv[i][1]) {
		sig = kill_signal_arg(argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		cmd_usage_error("no process ID given");
	for (; i < argc; i++)
		kill_send(argv[i], sig);
	return cmd_status();
}
