// SPDX-License-Identifier: MIT
/*
 * The builtins about commands: command, type, hash, alias, unalias.
 *
 * `command name` runs name skipping functions; a special builtin run this
 * way loses its power to end the shell on error (a handler catches it).
 * `command -v`/`-V` and `type` say what a name would run. There is no
 * command hash table (lookups go to $PATH each time), so `hash` only
 * checks that names can be found.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "exec.h"
#include "jobs.h"
#include "parse.h"
#include "sh.h"
#include "var.h"

/* Describes name like `type` (verbose) or `command -v`; false if not found. */
static bool describe(const char *name, bool verbose, const char *path)
{
	const char *alias = alias_get(name);
	cmd_info_t ci;

	if (parse_is_keyword(name)) {
		if (verbose)
			bi_printf("%s is a shell keyword\n", name);
		else
			bi_printf("%s\n", name);
		return true;
	}
	if (alias) {
		if (verbose)
			bi_printf("%s is an alias for %s\n", name, alias);
		else
			bi_printf("alias %s=%s\n", name, sh_quote(alias));
		return true;
	}
	cmd_lookup(name, &ci, true, path);
	switch (ci.kind) {
	case CMD_SPECIAL:
	case CMD_BUILTIN:
	case CMD_FUNCTION:
		if (!verbose)
			bi_printf("%s\n", name);
		else if (ci.kind == CMD_FUNCTION)
			bi_printf("%s is a shell function\n", name);
		else
			bi_printf("%s is a %sshell builtin\n", name,
				  ci.kind == CMD_SPECIAL ? "special " : "");
		return true;
	case CMD_EXTERNAL:
		if (verbose)
			bi_printf("%s is %s\n", name, ci.path);
		else
			bi_printf("%s\n", ci.path);
		return true;
	default:
		if (verbose)
			bi_warn("%s: not found", name);
		return false;
	}
}

static int command_run(int argc, char **argv, const char *path)
{
	cmd_info_t ci;

	cmd_lookup(argv[0], &ci, false, path);
	if (ci.kind == CMD_NONE) {
		if (ci.err == EACCES)
			bi_warn("%s: %s", argv[0], strerror(ci.err));
		else
			bi_warn("%s: not found", argv[0]);
		return ci.err == EACCES ? 126 : 127;
	}
	if (ci.kind == CMD_EXTERNAL) {
		stk_mark_t m = stk_mark();
		sb_t text;

		sb_init(&text);
		for (int i = 0; i < argc; i++) {
			if (i)
				sb_putc(&text, ' ');
			sb_puts(&text, argv[i]);
		}
		job_t *j = job_new_text(text.s, false);

		stk_release(m);
		if (sh_fork(j, FORK_FG) == 0)
			exec_program(ci.path, argv);
		return job_wait_fg(j);
	}
	if (ci.kind == CMD_BUILTIN)
		return builtin_run(ci.bi, argc, argv);
	/* A special builtin: its errors must not end the shell here. */
	handler_t h;
	volatile int st;

	if (sh_try(&h) == 0) {
		st = builtin_run(ci.bi, argc, argv);
		sh_untry(&h);
	} else {
		sh_catch(&h);
		if (sh_exc != EXC_ERROR)
			sh_raise(sh_exc);
		st = sh.status ? sh.status : 1;
	}
	return st;
}

int bi_command(int argc, char **argv)
{
	bool v = false, V = false, p = false;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'v')
				v = true;
			else if (*o == 'V')
				V = true;
			else if (*o == 'p')
				p = true;
			else
				return bi_usage("command [-p] [-v|-V] name [arg...]");
		}
	}
	if (i >= argc)
		return 0;
	const char *path = p ? SH_DEFAULT_PATH : NULL;

	if (v || V) {
		int st = 0;

		for (; i < argc; i++)
			if (!describe(argv[i], V, path))
				st = 1;
		return st;
	}
	return command_run(argc - i, argv + i, path);
}

int bi_type(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc; i++)
		if (!describe(argv[i], true, NULL))
			st = 1;
	return st;
}

int bi_hash(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc; i++) {
		cmd_info_t ci;

		if (strcmp(argv[i], "-r") == 0)
			continue;
		cmd_lookup(argv[i], &ci, false, NULL);
		if (ci.kind == CMD_NONE) {
			bi_warn("hash: %s: not found", argv[i]);
			st = 1;
		}
	}
	return st;
}

int bi_alias(int argc, char **argv)
{
	int st = 0;

	if (argc == 1) {
		for (const char **a = alias_list(); *a; a++) {
			const char *eq = strchr(*a, '=');

			bi_printf("%.*s=%s\n", (int)(eq - *a), *a, sh_quote(eq + 1));
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (eq) {
			char *name = stk_strndup(argv[i], (size_t)(eq - argv[i]));

			alias_set(name, eq + 1);
			continue;
		}
		const char *value = alias_get(argv[i]);

		if (value) {
			bi_printf("%s=%s\n", argv[i], sh_quote(value));
		} else {
			bi_warn("alias: %s: not found", argv[i]);
			st = 1;
		}
	}
	return st;
}

int bi_unalias(int argc, char **argv)
{
	int st = 0;

	if (argc > 1 && strcmp(argv[1], "-a") == 0) {
		alias_unset_all();
		return 0;
	}
	if (argc < 2)
		return bi_usage("unalias [-a] name...");
	for (int i = 1; i < argc; i++) {
		if (alias_unset(argv[i]) < 0) {
			bi_warn("unalias: %s: not found", argv[i]);
			st = 1;
		}
	}
	return st;
}
