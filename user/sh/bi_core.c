// SPDX-License-Identifier: MIT
/*
 * The builtins that steer the shell itself: break, continue, return,
 * exit, shift, eval, ., exec, set, export, readonly, unset, local, times.
 * Most are special builtins: their errors (a bad option, shift past the
 * end, a missing `.` file, assigning a read-only variable) end a
 * non-interactive shell, so they report with sh_error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/times.h>
#include <unistd.h>

#include "builtin.h"
#include "exec.h"
#include "input.h"
#include "sh.h"
#include "var.h"

/* The optional count of break/continue/shift/exit/return; `dflt` if absent. */
static long count_arg(int argc, char **argv, long dflt, const char *who)
{
	if (argc < 2)
		return dflt;
	long n = bi_number(argv[1]);

	if (n < 0)
		sh_error("%s: %s: Illegal number", who, argv[1]);
	return n;
}

static int loop_jump(int argc, char **argv, skip_t kind)
{
	long n = count_arg(argc, argv, 1, argv[0]);

	if (n < 1)
		sh_error("%s: %s: Illegal number", argv[0], argv[1]);
	if (sh.loop_depth == 0)
		return 0;
	sh.skip = kind;
	sh.skip_count = n > sh.loop_depth ? sh.loop_depth : (int)n;
	return 0;
}

int bi_break(int argc, char **argv)
{
	return loop_jump(argc, argv, SKIP_BREAK);
}

int bi_continue(int argc, char **argv)
{
	return loop_jump(argc, argv, SKIP_CONTINUE);
}

int bi_return(int argc, char **argv)
{
	long n = count_arg(argc, argv, sh.status, "return");

	if (sh.func_depth == 0 && sh.dot_depth == 0) {
		bi_warn("return: not in a function or . script");
		return 1;
	}
	sh.skip = SKIP_RETURN;
	return (int)(n & 0xff);
}

int bi_exit(int argc, char **argv)
{
	long n = count_arg(argc, argv, sh.status, "exit");

	sh_exit((int)(n & 0xff));
}

int bi_shift(int argc, char **argv)
{
	long n = count_arg(argc, argv, 1, "shift");

	if (n > sh_params.n)
		sh_error("shift: can't shift that many");
	params_shift((int)n);
	return 0;
}

int bi_eval(int argc, char **argv)
{
	sb_t text;

	sb_init(&text);
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_putc(&text, ' ');
		sb_puts(&text, argv[i]);
	}
	return eval_string(text.s, 0);
}

/* The file `.` reads: as given with a slash, else found in $PATH or here. */
static int dot_open(const char *name)
{
	if (!strchr(name, '/')) {
		const char *path = var_get("PATH");

		for (const char *p = path ? path : SH_DEFAULT_PATH;; p++) {
			const char *end = strchr(p, ':');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char *full = len ? stk_printf("%.*s/%s", (int)len, p, name) : stk_strdup(name);
			int fd = open(full, O_RDONLY | O_CLOEXEC);

			if (fd >= 0)
				return fd;
			if (!end)
				break;
			p = end;
		}
	}
	return open(name, O_RDONLY | O_CLOEXEC);
}

int bi_dot(int argc, char **argv)
{
	if (argc < 2)
		sh_error(".: usage: . file [arg...]");
	int fd = dot_open(argv[1]);

	if (fd < 0)
		sh_error(".: %s: %s", argv[1], strerror(errno));
	if (fd < 10) {
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

		if (nfd >= 0) {
			close(fd);
			fd = nfd;
		}
	}
	bool args = argc > 2;

	if (args) {
		frame_push();
		params_push(argc - 2, argv + 2);
	}
	sh.dot_depth++;
	sh.status = 0;
	input_push_fd(fd, true);
	int st = eval_input(false);

	input_pop();
	sh.dot_depth--;
	if (sh.skip == SKIP_RETURN) {
		sh.skip = SKIP_NONE;
		st = sh.status;
	}
	if (args)
		frame_pop();
	return st;
}

int bi_exec(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		return 0;	/* redirections only: made permanent by the caller */
	/* A program from $PATH even if a builtin has the name (exec echo). */
	int err = 0;
	char *path = strchr(argv[i], '/') ? argv[i] : path_search(argv[i], NULL, &err);

	if (!path) {
		sh.subshell = true;	/* the shell is gone either way */
		if (err == ENOENT)
			sh_warn("exec: %s: not found", argv[i]);
		else
			sh_warn("exec: %s: %s", argv[i], strerror(err));
		sh_exit(err == ENOENT ? 127 : 126);
	}
	/* The shell is replaced: keep its history. */
	input_history_save();
	exec_program(path, argv + i);
}

/* --- set ------------------------------------------------------------- */

static void set_print_vars(void)
{
	size_t n;
	var_t **vars = var_sorted(0, &n);

	for (size_t i = 0; i < n; i++)
		if (vars[i]->value)
			bi_printf("%s=%s\n", vars[i]->name, sh_quote(vars[i]->value));
}

static void set_print_options(bool as_commands)
{
	for (int o = 0; o < OPT_COUNT; o++) {
		if (as_commands)
			bi_printf("set %co %s\n", sh.opt[o] ? '-' : '+', opt_table[o].name);
		else
			bi_printf("%-16s%s\n", opt_table[o].name, sh.opt[o] ? "on" : "off");
	}
}

static void set_option(int opt, bool on, const char *what)
{
	if (opt < 0)
		sh_error("set: %s: invalid option", what);
	if (opt == OPT_INTERACTIVE || opt == OPT_STDIN)
		return;		/* fixed when the shell starts */
	if (opt == OPT_MONITOR && sh.ttyfd < 0) {
		sh.opt[opt] = on && sh.interactive;
		return;
	}
	opt_set(opt, on);
}

int bi_set(int argc, char **argv)
{
	int i = 1;

	if (argc == 1) {
		set_print_vars();
		return 0;
	}
	for (; i < argc; i++) {
		const char *a = argv[i];
		bool on = a[0] == '-';

		if (a[0] != '-' && a[0] != '+')
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			params_set(argc - i, argv + i);
			return 0;
		}
		if (strcmp(a, "-") == 0) {
			sh.opt[OPT_XTRACE] = sh.opt[OPT_VERBOSE] = false;
			i++;
			break;
		}
		if (a[1] == '\0')	/* "+" alone: an operand */
			break;
		for (const char *o = a + 1; *o; o++) {
			if (*o == 'o') {
				if (i + 1 >= argc) {
					set_print_options(!on);
					return 0;
				}
				const char *name = argv[++i];

				set_option(opt_by_name(name), on, name);
			} else {
				char what[3] = { a[0], *o, 0 };

				set_option(opt_by_letter(*o), on, what);
			}
		}
	}
	if (i < argc)
		params_set(argc - i, argv + i);
	return 0;
}

/* --- export, readonly, unset, local ---------------------------------- */

static int declare(int argc, char **argv, int flag, const char *who)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "-p") == 0)
		i++;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc) {
		size_t n;
		var_t **vars = var_sorted(flag, &n);

		for (size_t k = 0; k < n; k++) {
			if (vars[k]->value)
				bi_printf("%s %s=%s\n", who, vars[k]->name, sh_quote(vars[k]->value));
			else
				bi_printf("%s %s\n", who, vars[k]->name);
		}
		return 0;
	}
	for (; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!var_name_valid(argv[i], len))
			sh_error("%s: %s: bad variable name", who, argv[i]);
		char *name = stk_strndup(argv[i], len);

		if (eq)
			var_assign(name, eq + 1);
		var_set_flags(name, flag);
	}
	return 0;
}

int bi_export(int argc, char **argv)
{
	return declare(argc, argv, V_EXPORT, "export");
}

int bi_readonly(int argc, char **argv)
{
	return declare(argc, argv, V_READONLY, "readonly");
}

int bi_unset(int argc, char **argv)
{
	bool funcs = false, vars = false;
	int i = 1, st = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'f')
				funcs = true;
			else if (*o == 'v')
				vars = true;
			else
				sh_error("unset: -%c: invalid option", *o);
		}
	}
	for (; i < argc; i++) {
		if (funcs && !vars) {
			func_unset(argv[i]);
			continue;
		}
		if (!var_name_valid(argv[i], strlen(argv[i]))) {
			bi_warn("unset: %s: bad variable name", argv[i]);
			st = 1;
			continue;
		}
		if (!vars && !var_lookup(argv[i]) && func_lookup(argv[i])) {
			func_unset(argv[i]);
			continue;
		}
		if (var_unset(argv[i]) < 0)
			st = 1;
	}
	return st;
}

int bi_local(int argc, char **argv)
{
	if (sh.func_depth == 0) {
		bi_warn("local: not in a function");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!var_name_valid(argv[i], len)) {
			bi_warn("local: %s: bad variable name", argv[i]);
			return 1;
		}
		char *name = stk_strndup(argv[i], len);

		var_make_local(name);
		if (eq && var_set(name, eq + 1, 0) < 0)
			return 1;
	}
	return 0;
}

int bi_times(int argc, char **argv)
{
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);

	(void)argc;
	(void)argv;
	if (hz <= 0)
		hz = 100;
	times(&t);
	clock_t v[4] = { t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime };

	for (int i = 0; i < 4; i++) {
		double s = (double)v[i] / (double)hz;
		int m = (int)(s / 60);

		bi_printf("%dm%.3fs%c", m, s - m * 60, i % 2 ? '\n' : ' ');
	}
	return 0;
}
