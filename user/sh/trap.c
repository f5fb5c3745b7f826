// SPDX-License-Identifier: MIT
/*
 * Traps and signal dispositions (trap.h). traps[] holds each signal's
 * action: NULL for the default, "" to ignore, otherwise the command.
 * sig_apply() derives the actual disposition from it and the shell's
 * state, so every change goes through one place. Handlers are installed
 * without SA_RESTART: a blocking read or wait returns EINTR and the shell
 * looks at what arrived.
 */
#include "trap.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "exec.h"
#include "jobs.h"
#include "sh.h"

#define SIG_MAX 64	/* signals are 1..63 */

static char *traps[SIG_MAX];		/* [0] is EXIT */
static bool ignored_at_start[SIG_MAX];
static volatile sig_atomic_t pending[SIG_MAX];
static int in_trap;

static const struct {
	const char *name;
	int sig;
} sig_table[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
#ifdef SIGSTKFLT
	{ "STKFLT", SIGSTKFLT },
#endif
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
#ifdef SIGWINCH
	{ "WINCH", SIGWINCH },
#endif
#ifdef SIGIO
	{ "IO", SIGIO },
#endif
#ifdef SIGPWR
	{ "PWR", SIGPWR },
#endif
	{ "SYS", SIGSYS },
};

#define SIG_COUNT (sizeof(sig_table) / sizeof(sig_table[0]))

const char *sig_name(int sig)
{
	for (size_t i = 0; i < SIG_COUNT; i++)
		if (sig_table[i].sig == sig)
			return sig_table[i].name;
	return NULL;
}

int sig_number(const char *name)
{
	char *end;

	if (name[0] >= '0' && name[0] <= '9') {
		long n = strtol(name, &end, 10);

		return *end || n >= SIG_MAX ? -1 : (int)n;
	}
	if (strcasecmp(name, "EXIT") == 0)
		return 0;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < SIG_COUNT; i++)
		if (strcasecmp(sig_table[i].name, name) == 0)
			return sig_table[i].sig;
	/* Other names for the same signals: understood, never printed. */
	if (strcasecmp(name, "IOT") == 0)
		return SIGABRT;
	if (strcasecmp(name, "CLD") == 0)
		return SIGCHLD;
#ifdef SIGIO
	if (strcasecmp(name, "POLL") == 0)
		return SIGIO;
#endif
	return -1;
}

static void on_signal(int sig)
{
	if (sig == SIGINT && !traps[SIGINT] && sh.interactive && !sh.subshell) {
		sh.int_pending = 1;
		return;
	}
	pending[sig] = 1;
	sh.trap_pending = 1;
}

/* Sets the real disposition of sig from its trap and the shell's state. */
static void sig_apply(int sig)
{
	struct sigaction sa;
	bool interactive = sh.interactive && !sh.subshell;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (traps[sig]) {
		sa.sa_handler = *traps[sig] ? on_signal : SIG_IGN;
	} else if (ignored_at_start[sig] && !interactive) {
		sa.sa_handler = SIG_IGN;
	} else if (sig == SIGINT && interactive) {
		sa.sa_handler = on_signal;
	} else if ((sig == SIGQUIT || sig == SIGTERM) && interactive) {
		sa.sa_handler = SIG_IGN;
	} else if ((sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) &&
		   sh.opt[OPT_MONITOR] && !sh.subshell) {
		sa.sa_handler = SIG_IGN;
	} else {
		sa.sa_handler = SIG_DFL;
	}
	sigaction(sig, &sa, NULL);
}

void trap_init(void)
{
	struct sigaction sa;

	for (int sig = 1; sig < SIG_MAX; sig++)
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			ignored_at_start[sig] = true;
	/* With SIGCHLD ignored children would reap themselves and wait could not see them. */
	ignored_at_start[SIGCHLD] = false;
	signal(SIGCHLD, SIG_DFL);
}

void trap_set_interactive(void)
{
	sig_apply(SIGINT);
	sig_apply(SIGQUIT);
	sig_apply(SIGTERM);
}

void trap_set_monitor(bool on)
{
	(void)on;
	sig_apply(SIGTSTP);
	sig_apply(SIGTTIN);
	sig_apply(SIGTTOU);
}

void trap_child_reset(bool bg_ignore)
{
	for (int sig = 0; sig < SIG_MAX; sig++) {
		if (traps[sig] && *traps[sig]) {
			free(traps[sig]);
			traps[sig] = NULL;
			if (sig)
				sig_apply(sig);
		}
		if (sig)
			pending[sig] = 0;
	}
	sh.trap_pending = 0;
	static const int shell_sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU };

	for (size_t i = 0; i < sizeof(shell_sigs) / sizeof(shell_sigs[0]); i++)
		sig_apply(shell_sigs[i]);
	if (bg_ignore) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
}

int trap_pending_signal(void)
{
	if (!sh.trap_pending)
		return 0;
	for (int sig = 1; sig < SIG_MAX; sig++)
		if (pending[sig])
			return sig;
	return 0;
}

void trap_run_pending(void)
{
	if (!sh.trap_pending || in_trap)
		return;
	sh.trap_pending = 0;
	for (int sig = 1; sig < SIG_MAX; sig++) {
		if (!pending[sig])
			continue;
		pending[sig] = 0;
		if (!traps[sig] || !*traps[sig])
			continue;
		int saved = sh.status;
		stk_mark_t m = stk_mark();
		char *action = stk_strdup(traps[sig]);

		in_trap++;
		eval_string(action, 0);
		in_trap--;
		stk_release(m);
		sh.status = saved;
	}
}

bool trap_exit_set(void)
{
	return traps[0] && *traps[0];
}

void trap_run_exit(void)
{
	if (!trap_exit_set())
		return;
	char *action = traps[0];
	int saved = sh.status;

	traps[0] = NULL;
	in_trap++;
	eval_string(action, 0);
	in_trap--;
	free(action);
	sh.status = saved;
}

static int trap_set(int sig, const char *action)
{
	if (sig == SIGKILL || sig == SIGSTOP)
		return -1;
	if (sig && ignored_at_start[sig] && !(sh.interactive && !sh.subshell))
		return 0;	/* POSIX: signals ignored on entry stay ignored */
	free(traps[sig]);
	traps[sig] = action ? xstrdup(action) : NULL;
	if (sig)
		sig_apply(sig);
	return 0;
}

static void trap_print(int sig)
{
	if (!traps[sig])
		return;
	stk_mark_t m = stk_mark();

	bi_printf("trap -- %s %s\n", sh_quote(traps[sig]), sig ? sig_name(sig) : "EXIT");
	stk_release(m);
}

int bi_trap(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i < argc && strcmp(argv[i], "-p") == 0) {
		i++;
		if (i == argc) {
			for (int sig = 0; sig < SIG_MAX; sig++)
				trap_print(sig);
			return 0;
		}
		for (; i < argc; i++) {
			int sig = sig_number(argv[i]);

			if (sig < 0)
				bi_warn("trap: %s: bad trap", argv[i]);
			else
				trap_print(sig);
		}
		return 0;
	}
	if (i == argc) {
		for (int sig = 0; sig < SIG_MAX; sig++)
			trap_print(sig);
		return 0;
	}
	const char *action = argv[i];
	char *end;

	/* An unsigned number first: every operand is a condition to reset. */
	if (action[0] >= '0' && action[0] <= '9' && (strtol(action, &end, 10), !*end))
		action = NULL;
	else if (strcmp(action, "-") == 0)
		action = NULL, i++;
	else
		i++;
	if (i == argc)
		return bi_usage("trap [action condition...]");
	int st = 0;

	for (; i < argc; i++) {
		int sig = sig_number(argv[i]);

		if (sig < 0 || trap_set(sig, action) < 0) {
			bi_warn("trap: %s: bad trap", argv[i]);
			st = 1;
		}
	}
	return st;
}

/* kill -l [operand...]: names, one per line, or a name's number. */
static int kill_list(char **args)
{
	int st = 0;

	if (!*args) {
		for (size_t i = 0; i < SIG_COUNT; i++)
			bi_printf("%s\n", sig_table[i].name);
		return 0;
	}
	for (; *args; args++) {
		long n = bi_number(*args);
		const char *name;

		if (n > 128 && n <= 255)
			n -= 128;
		if (n > 0 && (name = sig_name((int)n))) {
			bi_printf("%s\n", name);
		} else if (n > 0 && n < SIG_MAX) {
			bi_printf("%ld\n", n);		/* a real-time signal: no name */
		} else if (n < 0 && (n = sig_number(*args)) > 0) {
			bi_printf("%ld\n", n);
		} else {
			bi_cmd_warn("kill: %s: invalid signal", *args);
			st = 1;
		}
	}
	return st;
}

static int kill_usage(const char *fmt, const char *arg)
{
	stk_mark_t m = stk_mark();

	bi_cmd_warn("kill: %s\nTry 'kill --help' for more information.", stk_printf(fmt, arg));
	stk_release(m);
	return 2;
}

/*
 * kill as /bin/kill does it (the same options, messages and statuses),
 * and job ids (%N) too: a job's process group, or its processes.
 */
int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1;

	if (i < argc && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0))
		return kill_list(argv + i + 1);
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			return kill_usage("option requires an argument -- '%s'", "s");
		sig = sig_number(argv[i + 1]);
		if (sig < 0 || (sig == 0 && strcmp(argv[i + 1], "0") != 0))
			return kill_usage("%s: invalid signal", argv[i + 1]);
		i += 2;
	} else if (i < argc && strcmp(argv[i], "--") != 0 && argv[i][0] == '-' && argv[i][1]) {
		sig = sig_number(argv[i] + 1);
		if (sig < 0 || (sig == 0 && strcmp(argv[i] + 1, "0") != 0))
			return kill_usage("%s: invalid signal", argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		return kill_usage("%s", "no process ID given");
	int st = 0;

	for (; i < argc; i++) {
		errno = 0;
		if (jobs_kill(argv[i], sig) < 0) {
			if (errno)
				bi_cmd_warn("kill: %s: %s", argv[i], strerror(errno));
			st = 1;
		}
	}
	return st;
}
