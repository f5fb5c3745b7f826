// SPDX-License-Identifier: MIT
/*
 * The evaluator (exec.h): one function per kind of node. After every
 * command eval() runs the traps of signals that arrived, abandons the
 * command line on Ctrl-C in an interactive shell, and applies set -e:
 * simple commands, pipelines and subshells that fail outside a tested
 * context end the shell; compound commands never do by themselves (the
 * command inside them that failed already did, unless it was tested).
 */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "expand.h"
#include "input.h"
#include "jobs.h"
#include "parse.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"

/* After a part of a loop ran: true if the loop must stop. */
static bool loop_stop(void)
{
	switch (sh.skip) {
	case SKIP_BREAK:
		if (--sh.skip_count <= 0)
			sh.skip = SKIP_NONE;
		return true;
	case SKIP_CONTINUE:
		if (--sh.skip_count <= 0) {
			sh.skip = SKIP_NONE;
			return false;
		}
		return true;
	case SKIP_RETURN:
		return true;
	default:
		return false;
	}
}

static int eval_pipe(node_t *n, int flags)
{
	job_t *j = job_new(n, false);
	int prev = -1;

	for (node_t *m = n->pipe.first; m; m = m->next) {
		int p[2] = { -1, -1 };

		if (m->next && sh_pipe(p) < 0)
			sh_error("pipe: %s", strerror(errno));
		if (sh_fork(j, FORK_FG) == 0) {
			if (prev >= 0) {
				dup2(prev, 0);
				close(prev);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			eval(m, EV_EXIT | (flags & EV_TESTED));
			sh_exit(sh.status);
		}
		if (prev >= 0)
			close(prev);
		if (p[1] >= 0)
			close(p[1]);
		prev = p[0];
	}
	return job_wait_fg(j);
}

static int eval_async(node_t *n)
{
	job_t *j = job_new(n->body, true);
	pid_t pid = sh_fork(j, FORK_BG);

	if (pid == 0) {
		if (!sh.opt[OPT_MONITOR]) {
			/* POSIX: without job control, stdin of an async list is /dev/null. */
			int fd = redir_open_null();

			if (fd >= 0 && fd != 0) {
				dup2(fd, 0);
				close(fd);
			}
		}
		eval(n->body, EV_EXIT);
		sh_exit(sh.status);
	}
	sh.lastbg = job_last_pid(j);
	if (sh.interactive && !sh.subshell) {
		stk_mark_t m = stk_mark();
		char *msg = stk_printf("[%d] %ld\n", job_id(j), (long)pid);

		sh_write_all(2, msg, strlen(msg));
		stk_release(m);
	}
	return 0;
}

static int eval_subshell(node_t *n, int flags)
{
	if (!(flags & EV_EXIT)) {
		job_t *j = job_new(n, false);

		if (sh_fork(j, FORK_FG) != 0)
			return job_wait_fg(j);
	}
	if (redir_apply(n->redirs, 0) < 0)
		sh_exit(1);
	eval(n->body, EV_EXIT | (flags & EV_TESTED));
	sh_exit(sh.status);
}

static int eval_for(node_t *n, int flags)
{
	char **words;
	int count, st = 0;

	if (n->for_.has_in) {
		words = expand_words(n->for_.words, EXP_FULL, &count);
	} else {
		words = sh_params.v;
		count = sh_params.n;
		char **copy = stk_alloc(sizeof(char *) * (size_t)(count + 1));

		for (int i = 0; i < count; i++)
			copy[i] = stk_strdup(words[i]);
		words = copy;
	}
	sh.loop_depth++;
	for (int i = 0; i < count; i++) {
		var_assign(n->for_.var, words[i]);
		st = eval(n->for_.body, flags);
		if (loop_stop())
			break;
	}
	sh.loop_depth--;
	return st;
}

static int eval_loop(node_t *n, int flags)
{
	int st = 0;

	sh.loop_depth++;
	for (;;) {
		int c = eval(n->loop.cond, EV_TESTED);

		if (sh.skip != SKIP_NONE) {
			if (loop_stop())
				break;
			continue;
		}
		if ((c == 0) != (n->kind == N_WHILE))
			break;
		st = eval(n->loop.body, flags);
		if (loop_stop())
			break;
	}
	sh.loop_depth--;
	return st;
}

static int eval_case(node_t *n, int flags)
{
	char *subject = expand_string(n->case_.subject, EXP_TILDE);

	for (case_item_t *c = n->case_.items; c; c = c->next) {
		for (word_t *p = c->patterns; p; p = p->next) {
			if (!pattern_match(expand_pattern(p), subject))
				continue;
			int st = 0;

			for (; c; c = c->next) {
				st = c->body ? eval(c->body, flags) : 0;
				if (!c->fallthrough || sh.skip != SKIP_NONE)
					break;
			}
			return st;
		}
	}
	return 0;
}

static int eval_list(node_t *n, int flags)
{
	int st = 0;

	for (node_t *m = n->list.first; m; m = m->next) {
		st = eval(m, m->next ? flags & ~EV_EXIT : flags);
		if (sh.skip != SKIP_NONE)
			break;
	}
	return st;
}

/* A compound command's body, inside its redirections. */
static int eval_compound(node_t *n, int flags)
{
	switch (n->kind) {
	case N_GROUP:
		return eval(n->body, flags);
	case N_IF:
		if (eval(n->if_.cond, EV_TESTED) == 0 && sh.skip == SKIP_NONE)
			return eval(n->if_.then, flags);
		if (sh.skip != SKIP_NONE)
			return sh.status;
		return n->if_.els ? eval(n->if_.els, flags) : 0;
	case N_WHILE:
	case N_UNTIL:
		return eval_loop(n, flags & ~EV_EXIT);
	case N_FOR:
		return eval_for(n, flags & ~EV_EXIT);
	case N_CASE:
		return eval_case(n, flags);
	default:
		return 0;
	}
}

static int eval_redirected(node_t *n, int flags)
{
	if (!n->redirs)
		return eval_compound(n, flags);
	int depth = redir_depth();

	if (redir_apply(n->redirs, REDIR_SAVE) < 0) {
		redir_restore_to(depth);
		return 1;
	}
	int st = eval_compound(n, flags & ~EV_EXIT);

	redir_restore_to(depth);
	return st;
}

/* Between commands: traps, Ctrl-C, set -e. */
static void eval_after(node_t *n, int flags, int st)
{
	trap_run_pending();
	if (sh.int_pending && sh.interactive && !sh.subshell) {
		sh.int_pending = 0;
		sh.status = 130;
		sh_raise(EXC_INT);
	}
	if (st && sh.opt[OPT_ERREXIT] && !(flags & EV_TESTED) &&
	    (n->kind == N_SIMPLE || n->kind == N_PIPE || n->kind == N_SUBSHELL) &&
	    sh.skip == SKIP_NONE)
		sh_exit(st);
}

int eval(node_t *n, int flags)
{
	int st;

	if (!n)
		return sh.status = 0;
	if (sh.opt[OPT_NOEXEC] && !(sh.interactive && !sh.subshell))
		return 0;
	/* Whatever the command puts on the stack (words of a for, a case subject) goes with it. */
	stk_mark_t mark = stk_mark();

	sh.lineno = n->line;
	switch (n->kind) {
	case N_SIMPLE:
		st = eval_simple(n, flags);
		break;
	case N_PIPE:
		st = eval_pipe(n, flags);
		break;
	case N_AND:
	case N_OR:
		st = eval(n->binary.left, EV_TESTED);
		if (sh.skip == SKIP_NONE && (st == 0) == (n->kind == N_AND))
			st = eval(n->binary.right, flags);
		break;
	case N_NOT:
		st = !eval(n->body, (flags & ~EV_EXIT) | EV_TESTED);
		break;
	case N_LIST:
		st = eval_list(n, flags);
		break;
	case N_ASYNC:
		st = eval_async(n);
		break;
	case N_SUBSHELL:
		st = eval_subshell(n, flags);
		break;
	case N_FUNCDEF:
		func_define(n->func.name, n->func.body, n->func.arena);
		st = 0;
		break;
	default:
		st = eval_redirected(n, flags);
		break;
	}
	sh.status = st;
	stk_release(mark);
	eval_after(n, flags, st);
	if ((flags & EV_EXIT) && sh.skip == SKIP_NONE)
		sh_exit(sh.status);
	return st;
}

int eval_cmdsub(node_t *n, sb_t *out)
{
	int p[2];

	bi_flush();
	if (sh_pipe(p) < 0)
		sh_error("pipe: %s", strerror(errno));
	pid_t pid = sh_fork(NULL, FORK_NOJOB);

	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		eval(n, EV_EXIT);
		sh_exit(sh.status);
	}
	close(p[1]);
	char buf[4096];

	for (;;) {
		ssize_t r = read(p[0], buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_putn(out, buf, (size_t)r);
	}
	close(p[0]);
	return wait_pid_status(pid);
}

int eval_string(const char *text, int flags)
{
	int depth = input_depth(), st = 0;

	input_push_string(text, sh.lineno, true);
	for (;;) {
		arena_t *a = arena_live_push();
		bool eof;
		node_t *n = parse_command(a, &eof);

		if (n)
			st = eval(n, flags & ~EV_EXIT);
		arena_live_pop();
		if (eof || sh.skip != SKIP_NONE)
			break;
	}
	input_pop_to(depth);
	return st;
}
