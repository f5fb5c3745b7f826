// SPDX-License-Identifier: MIT
/*
 * Starting the shell and its read-eval loop.
 *
 *   sh [-abCefhimnuvx] [-o option]... [script [arg...]]
 *   sh -c [options] command_string [name [arg...]]
 *   sh -s [options] [arg...]
 *
 * The shell is interactive when told (-i) or when it reads commands from
 * standard input and both standard input and standard error are
 * terminals; it then has a prompt, job control, and errors return to the
 * prompt instead of ending it. A login shell (-l, or argv[0] starting with
 * '-') first reads /etc/profile and $HOME/.profile; an interactive one
 * then reads the file $ENV names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "exec.h"
#include "expand.h"
#include "input.h"
#include "jobs.h"
#include "parse.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

extern char **environ;

int eval_input(bool interactive)
{
	for (;;) {
		handler_t h;
		bool eof;

		if (interactive && sh_try(&h) != 0) {
			sh_catch(&h);
			if (sh_exc == EXC_ERROR || sh_exc == EXC_INT)
				input_discard_line();
			continue;
		}
		if (interactive) {
			jobs_notify();
			input_new_command();
		}
		arena_t *a = arena_live_push();
		node_t *n = parse_command(a, &eof);

		if (n) {
			input_sync();
			eval(n, 0);
		}
		arena_live_pop();
		if (interactive)
			sh_untry(&h);
		if (eof) {
			if (interactive && sh.opt[OPT_IGNOREEOF]) {
				static const char msg[] = "Use \"exit\" to leave the shell.\n";

				sh_write_all(2, msg, sizeof(msg) - 1);
				continue;
			}
			break;
		}
		if (sh.skip == SKIP_RETURN && sh.dot_depth > 0)
			break;
		if (sh.skip == SKIP_BREAK || sh.skip == SKIP_CONTINUE)
			sh.skip = SKIP_NONE;
	}
	return sh.status;
}

char *sh_prompt(int level)
{
	const char *ps = var_get(level == 1 ? "PS1" : "PS2");

	if (!ps)
		return stk_strdup("");
	return expand_prompt(ps);
}

const char **sh_command_words(void)
{
	pvec_t words;
	const char *const *bi = builtin_names();
	const char **fn = func_names();

	pvec_init(&words);
	for (; *bi; bi++)
		pvec_push(&words, (void *)*bi);
	for (; *fn; fn++)
		pvec_push(&words, (void *)*fn);
	return (const char **)words.v;
}

/* Opens a file the shell reads commands from, on a descriptor of its own. */
static int open_script(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	if (fd < 10) {
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

		if (nfd >= 0) {
			close(fd);
			fd = nfd;
		}
	}
	return fd;
}

/* Reads commands from a file (profile, $ENV); errors in it do not end the shell. */
static void source_file(const char *path)
{
	int fd = open_script(path);
	handler_t h;

	if (fd < 0)
		return;
	if (sh_try(&h) == 0) {
		input_push_fd(fd, true);
		eval_input(false);
		input_pop();
		sh_untry(&h);
	} else {
		sh_catch(&h);
	}
}

/* Variables every shell starts with. */
static void vars_default(void)
{
	/* IFS and OPTIND always start afresh; prompts may come from the environment. */
	var_set("IFS", " \t\n", 0);
	var_set("OPTIND", "1", 0);
	if (!var_get("PS2"))
		var_set("PS2", "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", "+ ", 0);
	stk_mark_t m = stk_mark();

	var_set("PPID", stk_printf("%ld", (long)getppid()), 0);
	const char *pwd = var_get("PWD");
	struct stat a, b;

	if (!pwd || pwd[0] != '/' || stat(pwd, &a) < 0 || stat(".", &b) < 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
		char *cwd = getcwd(NULL, 0);

		if (cwd) {
			var_set("PWD", cwd, V_EXPORT);
			free(cwd);
		}
	}
	stk_release(m);
}

static __attribute__((noreturn)) void usage_exit(const char *msg)
{
	fprintf(stderr, SHELL_NAME ": %s\n", msg);
	fprintf(stderr, "usage: sh [-abCefhilmnsuvx] [-o option] [-c string [name]] [file] [arg...]\n");
	exit(2);
}

typedef struct startup {
	bool cmd;		/* -c */
	bool stdin_cmds;	/* -s */
	bool interactive;	/* -i */
	bool monitor_set;	/* -m or +m given */
} startup_t;

/* Parses the options; returns the index of the first operand. */
static int parse_args(int argc, char **argv, startup_t *st)
{
	int i = 1;

	for (; i < argc; i++) {
		const char *a = argv[i];
		bool on = a[0] == '-';

		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		for (const char *o = a + 1; *o; o++) {
			if (*o == 'c' && on) {
				st->cmd = true;
			} else if (*o == 's' && on) {
				st->stdin_cmds = true;
			} else if (*o == 'i') {
				st->interactive = on;
			} else if (*o == 'l') {
				sh.login = on;
			} else if (*o == 'o') {
				if (i + 1 >= argc)
					usage_exit("-o needs an option name");
				int opt = opt_by_name(argv[++i]);

				if (opt < 0)
					usage_exit(stk_printf("%s: unknown option", argv[i]));
				sh.opt[opt] = on;
				if (opt == OPT_MONITOR)
					st->monitor_set = true;
			} else {
				int opt = opt_by_letter(*o);

				if (opt < 0)
					usage_exit(stk_printf("-%c: unknown option", *o));
				sh.opt[opt] = on;
				if (opt == OPT_MONITOR)
					st->monitor_set = true;
			}
		}
	}
	return i;
}

static void start_interactive(const startup_t *st)
{
	bool monitor = st->monitor_set ? sh.opt[OPT_MONITOR] : true;

	sh.interactive = true;
	sh.opt[OPT_INTERACTIVE] = true;
	if (!var_get("PS1"))
		var_set("PS1", getuid() == 0 ? "$PWD # " : "$PWD $ ", 0);
	trap_set_interactive();
	sh.opt[OPT_MONITOR] = false;
	if (monitor)
		jobs_init();
}

static void read_startup_files(void)
{
	if (sh.login) {
		source_file("/etc/profile");
		const char *home = var_get("HOME");

		if (home) {
			stk_mark_t m = stk_mark();

			source_file(stk_printf("%s/.profile", home));
			stk_release(m);
		}
	}
	const char *env = var_get("ENV");

	if (sh.interactive && env && *env) {
		stk_mark_t m = stk_mark();

		source_file(expand_prompt(env));
		stk_release(m);
	}
}

static __attribute__((noreturn)) void run_script(const char *path)
{
	int fd = open_script(path);

	if (fd < 0) {
		int err = errno;
		char *msg = stk_printf(SHELL_NAME ": %s: %s\n", path, strerror(err));

		sh_write_all(2, msg, strlen(msg));
		sh_exit(err == ENOENT ? 127 : 126);
	}
	sh.script = path;
	input_push_fd(fd, true);
	eval_input(false);
	sh_exit(sh.status);
}

int sh_main(int argc, char **argv)
{
	startup_t st = { 0 };

	sh.rootpid = getpid();
	sh.pgrp = getpgrp();
	sh.arg0 = argc > 0 ? argv[0] : SHELL_NAME;
	if (sh.arg0[0] == '-')
		sh.login = true;
	trap_init();
	var_init(environ);
	vars_default();
	int i = parse_args(argc, argv, &st);
	const char *cmd = NULL, *script = NULL;

	if (st.cmd) {
		if (i >= argc)
			usage_exit("-c requires an argument");
		cmd = argv[i++];
		if (i < argc)
			sh.arg0 = argv[i++];
		sh.cmd_string = true;
	} else if (!st.stdin_cmds && i < argc) {
		script = argv[i++];
		sh.arg0 = (char *)script;
	}
	params_set(argc - i, argv + i);
	if (st.interactive || (!cmd && !script && isatty(0) && isatty(2)))
		start_interactive(&st);
	else if (sh.opt[OPT_MONITOR])
		jobs_init();
	sh.opt[OPT_STDIN] = !cmd && !script;
	read_startup_files();
	if (cmd) {
		sh.lineno = 1;
		eval_string(cmd, 0);
		sh_exit(sh.status);
	}
	if (script)
		run_script(script);
	if (sh.interactive) {
		input_push_interactive(0, 2);
		input_history_start();
	} else {
		input_push_fd(0, false);
	}
	eval_input(sh.interactive);
	sh_exit(sh.status);
}

void sh_run_script_child(const char *path, int argc, char **argv)
{
	/* As a new shell would: no functions, aliases or traps; options off. */
	sh_handler = NULL;
	sh.subshell = true;
	for (const char **f = func_names(); *f; f++)
		func_unset(*f);
	alias_unset_all();
	trap_child_reset(false);
	for (int o = 0; o < OPT_COUNT; o++)
		if (o != OPT_INTERACTIVE)
			sh.opt[o] = false;
	sh.interactive = false;
	sh.func_depth = sh.loop_depth = sh.dot_depth = 0;
	sh.arg0 = (char *)path;
	params_set(argc - 1, argv + 1);
	run_script(path);
}
