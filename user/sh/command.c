// SPDX-License-Identifier: MIT
/*
 * Simple commands (XCU 2.9.1): expand the words, find the command, then
 * run it with its redirections and assignments:
 *
 *   no command name   assignments change the shell; redirections are made
 *                     and undone; the status is the last command
 *                     substitution's
 *   special builtin   assignments stay; errors end a non-interactive shell
 *   function          assignments are local to the call and exported
 *   regular builtin   assignments last for the builtin only
 *   external          forked (unless the shell is about to exit anyway),
 *                     assignments go into its environment
 *
 * A command that is not found is reported without forking, after its
 * redirections are made, so `nope 2>/dev/null` is silent.
 */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "expand.h"
#include "input.h"
#include "jobs.h"
#include "parse.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"

typedef struct assign {
	char *name;
	char *value;
} assign_t;

/* Expands the assignment words into name/value pairs on the stack. */
static assign_t *assigns_expand(word_t *words, int *n)
{
	int count = 0;

	for (word_t *w = words; w; w = w->next)
		count++;
	assign_t *a = stk_alloc(sizeof(*a) * (size_t)(count + 1));

	count = 0;
	for (word_t *w = words; w; w = w->next) {
		const wpart_t *first = w->parts;
		const char *eq = memchr(first->lit.text, '=', first->lit.len);
		size_t namelen = (size_t)(eq - first->lit.text);
		/* The value: the rest of the first part, then the other parts. */
		wpart_t rest = *first;
		word_t value = { .parts = &rest };

		rest.lit.text = (char *)eq + 1;
		rest.lit.len = first->lit.len - namelen - 1;
		a[count].name = stk_strndup(first->lit.text, namelen);
		a[count].value = expand_string(&value, EXP_TILDE | EXP_ASSIGN);
		count++;
	}
	*n = count;
	return a;
}

char *sh_quote(const char *s)
{
	bool plain = *s != '\0';

	for (const char *p = s; *p && plain; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_-./:=@%+,", *p))
			plain = false;
	if (plain)
		return (char *)s;
	sb_t b;

	sb_init(&b);
	sb_putc(&b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(&b, "'\\''");
		else
			sb_putc(&b, *s);
	}
	sb_putc(&b, '\'');
	return b.s;
}

/* set -x: PS4, the assignments and the words, quoted, on stderr. */
static void xtrace(assign_t *a, int na, char **argv, int argc)
{
	stk_mark_t m = stk_mark();
	sb_t b;
	const char *ps4 = var_get("PS4");

	sb_init(&b);
	sb_puts(&b, expand_prompt(ps4 ? ps4 : "+ "));
	for (int i = 0; i < na; i++) {
		if (i > 0)
			sb_putc(&b, ' ');
		sb_printf(&b, "%s=%s", a[i].name, sh_quote(a[i].value));
	}
	for (int i = 0; i < argc; i++) {
		if (i > 0 || na > 0)
			sb_putc(&b, ' ');
		sb_puts(&b, sh_quote(argv[i]));
	}
	sb_putc(&b, '\n');
	sh_write_all(2, b.s, b.len);
	stk_release(m);
}

/* --- the command search ---------------------------------------------- */

char *path_search(const char *name, const char *path, int *err)
{
	struct stat st;
	bool denied = false;

	if (!path)
		path = var_get("PATH");
	if (!path)
		path = SH_DEFAULT_PATH;
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *full = len ? stk_printf("%.*s/%s", (int)len, p, name) : stk_strdup(name);

		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(full, X_OK) == 0)
				return full;
			denied = true;
		}
		if (!end)
			break;
		p = end;
	}
	*err = denied ? EACCES : ENOENT;
	return NULL;
}

void cmd_lookup(const char *name, cmd_info_t *ci, bool funcs, const char *path)
{
	memset(ci, 0, sizeof(*ci));
	const builtin_t *bi = builtin_lookup(name);

	if (bi && bi->special) {
		ci->kind = CMD_SPECIAL;
		ci->bi = bi;
		return;
	}
	if (funcs && (ci->fn = func_lookup(name))) {
		ci->kind = CMD_FUNCTION;
		return;
	}
	if (bi) {
		ci->kind = CMD_BUILTIN;
		ci->bi = bi;
		return;
	}
	if (strchr(name, '/')) {
		ci->kind = CMD_EXTERNAL;
		ci->path = (char *)name;
		return;
	}
	ci->path = path_search(name, path, &ci->err);
	ci->kind = ci->path ? CMD_EXTERNAL : CMD_NONE;
}

/* --- running --------------------------------------------------------- */

void exec_program(const char *path, char **argv)
{
	char **env = var_environ();

	execve(path, argv, env);
	int err = errno;

	if (err == ENOEXEC) {
		int argc = 0;

		while (argv[argc])
			argc++;
		sh_run_script_child(path, argc, argv);
	}
	sh.subshell = true;
	if (err == ENOENT || err == ENOTDIR) {
		sh_warn("%s: not found", argv[0]);
		sh_exit(127);
	}
	sh_warn("%s: %s", argv[0], strerror(err));
	sh_exit(126);
}

/* Assignments for the command's duration (functions, regular builtins). */
static void assigns_local(assign_t *a, int n, int flags)
{
	for (int i = 0; i < n; i++) {
		var_make_local(a[i].name);
		if (var_set(a[i].name, a[i].value, flags) < 0) {
			sh.status = 1;
			sh_raise(EXC_ERROR);
		}
	}
}

static void assigns_permanent(assign_t *a, int n)
{
	for (int i = 0; i < n; i++)
		var_assign(a[i].name, a[i].value);
}

int call_function(func_t *fn, int argc, char **argv, int flags)
{
	int saved_loop = sh.loop_depth;
	int st;

	func_ref(fn);
	params_push(argc - 1, argv + 1);
	sh.func_depth++;
	sh.loop_depth = 0;
	st = eval(fn->body, flags & EV_TESTED);
	sh.loop_depth = saved_loop;
	sh.func_depth--;
	if (sh.skip == SKIP_RETURN) {
		sh.skip = SKIP_NONE;
		st = sh.status;
	}
	func_unref(fn);
	return st;
}

/* A command with no name: assignments and redirections only. */
static int eval_no_command(node_t *n)
{
	int depth = redir_depth(), st;

	st = redir_apply(n->redirs, REDIR_SAVE) < 0 ? 1 : -1;
	redir_restore_to(depth);
	/* One at a time: a=1 b=$a sees the new a. */
	for (word_t *w = n->simple.assigns; w; w = w->next) {
		word_t *next = w->next;
		int na;

		w->next = NULL;
		assign_t *a = assigns_expand(w, &na);

		w->next = next;
		if (sh.opt[OPT_XTRACE])
			xtrace(a, na, NULL, 0);
		assigns_permanent(a, na);
	}
	if (st < 0)
		st = sh.cmdsub_status >= 0 ? sh.cmdsub_status : 0;
	return st;
}

static int eval_not_found(node_t *n, char **argv, int err)
{
	int depth = redir_depth();

	if (redir_apply(n->redirs, REDIR_SAVE) < 0) {
		redir_restore_to(depth);
		return 1;
	}
	if (err == EACCES)
		sh_warn("%s: %s", argv[0], strerror(err));
	else
		sh_warn("%s: not found", argv[0]);
	redir_restore_to(depth);
	return err == EACCES ? 126 : 127;
}

static __attribute__((noreturn)) void run_external_here(node_t *n, cmd_info_t *ci,
							 char **argv, assign_t *a, int na)
{
	if (redir_apply(n->redirs, 0) < 0)
		sh_exit(1);
	for (int i = 0; i < na; i++)
		if (var_set(a[i].name, a[i].value, V_EXPORT) < 0)
			sh_exit(1);
	exec_program(ci->path, argv);
}

static int eval_external(node_t *n, int flags, cmd_info_t *ci, char **argv, assign_t *a, int na)
{
	if ((flags & EV_EXIT) && !trap_exit_set())
		run_external_here(n, ci, argv, a, na);
	job_t *j = job_new(n, false);

	if (sh_fork(j, FORK_FG) == 0)
		run_external_here(n, ci, argv, a, na);
	return job_wait_fg(j);
}

static int eval_builtin(node_t *n, cmd_info_t *ci, int argc, char **argv, assign_t *a, int na)
{
	int depth = redir_depth(), st;
	bool special = ci->kind == CMD_SPECIAL;

	if (redir_apply(n->redirs, REDIR_SAVE) < 0) {
		redir_restore_to(depth);
		if (special && !(sh.interactive && !sh.subshell)) {
			sh.status = 2;
			sh_raise(EXC_ERROR);
		}
		return 1;
	}
	if (special) {
		assigns_permanent(a, na);
		st = builtin_run(ci->bi, argc, argv);
	} else if (na == 0) {
		st = builtin_run(ci->bi, argc, argv);	/* `local` must see the function's frame */
	} else {
		frame_push();
		assigns_local(a, na, V_EXPORT);
		st = builtin_run(ci->bi, argc, argv);
		frame_pop();
	}
	/* exec without a command makes its redirections permanent. */
	if (special && argc == 1 && strcmp(argv[0], "exec") == 0)
		redir_forget_to(depth);
	else
		redir_restore_to(depth);
	return st;
}

static int eval_function(node_t *n, int flags, cmd_info_t *ci, int argc, char **argv,
			 assign_t *a, int na)
{
	int depth = redir_depth(), st;

	if (redir_apply(n->redirs, REDIR_SAVE) < 0) {
		redir_restore_to(depth);
		return 1;
	}
	frame_push();
	assigns_local(a, na, V_EXPORT);
	st = call_function(ci->fn, argc, argv, flags);
	frame_pop();
	redir_restore_to(depth);
	return st;
}

int eval_simple(node_t *n, int flags)
{
	stk_mark_t mark = stk_mark();
	int argc, na = 0, st;

	sh.lineno = n->line;
	sh.cmdsub_status = -1;
	char **argv = expand_words(n->simple.args, EXP_FULL, &argc);

	if (argc == 0) {
		st = eval_no_command(n);
		stk_release(mark);
		return st;
	}
	cmd_info_t ci;
	assign_t *a = assigns_expand(n->simple.assigns, &na);

	if (sh.opt[OPT_XTRACE])
		xtrace(a, na, argv, argc);
	cmd_lookup(argv[0], &ci, true, NULL);
	if (ci.kind == CMD_BUILTIN && ci.bi->help_external && argc == 2 &&
	    strcmp(argv[1], "--help") == 0) {
		/* The builtin mirrors a command: its help is the command's. */
		char *path = path_search(argv[0], NULL, &ci.err);

		if (path) {
			ci.kind = CMD_EXTERNAL;
			ci.path = path;
		}
	}
	switch (ci.kind) {
	case CMD_NONE:
		st = eval_not_found(n, argv, ci.err);
		break;
	case CMD_SPECIAL:
	case CMD_BUILTIN:
		st = eval_builtin(n, &ci, argc, argv, a, na);
		break;
	case CMD_FUNCTION:
		st = eval_function(n, flags, &ci, argc, argv, a, na);
		break;
	default:
		st = eval_external(n, flags, &ci, argv, a, na);
		break;
	}
	stk_release(mark);
	return st;
}
