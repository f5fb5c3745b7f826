// SPDX-License-Identifier: MIT
/*
 * The builtin table and the output and message helpers (builtin.h). The
 * table is sorted by name for `type`, completion and binary search.
 */
#include "builtin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "sh.h"
#include "trap.h"

static const builtin_t builtins[] = {
	{ ".", bi_dot, true, false },
	{ ":", bi_colon, true, false },
	{ "[", bi_test, false, false },
	{ "alias", bi_alias, false, false },
	{ "bg", bi_bg, false, false },
	{ "break", bi_break, true, false },
	{ "cd", bi_cd, false, false },
	{ "command", bi_command, false, false },
	{ "continue", bi_continue, true, false },
	{ "echo", bi_echo, false, false },
	{ "eval", bi_eval, true, false },
	{ "exec", bi_exec, true, false },
	{ "exit", bi_exit, true, false },
	{ "export", bi_export, true, false },
	{ "false", bi_false, false, true },
	{ "fg", bi_fg, false, false },
	{ "getopts", bi_getopts, false, false },
	{ "hash", bi_hash, false, false },
	{ "jobs", bi_jobs, false, false },
	{ "kill", bi_kill, false, true },
	{ "local", bi_local, false, false },
	{ "printf", bi_printf_cmd, false, true },
	{ "pwd", bi_pwd, false, true },
	{ "read", bi_read, false, false },
	{ "readonly", bi_readonly, true, false },
	{ "return", bi_return, true, false },
	{ "set", bi_set, true, false },
	{ "shift", bi_shift, true, false },
	{ "test", bi_test, false, false },
	{ "times", bi_times, true, false },
	{ "trap", bi_trap, true, false },
	{ "true", bi_true, false, true },
	{ "type", bi_type, false, false },
	{ "umask", bi_umask, false, false },
	{ "unalias", bi_unalias, false, false },
	{ "unset", bi_unset, true, false },
	{ "wait", bi_wait, false, false },
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

static int bi_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const builtin_t *)elem)->name);
}

const builtin_t *builtin_lookup(const char *name)
{
	return bsearch(name, builtins, NBUILTINS, sizeof(builtins[0]), bi_cmp);
}

const char *const *builtin_names(void)
{
	static const char *names[NBUILTINS + 1];

	if (!names[0])
		for (size_t i = 0; i < NBUILTINS; i++)
			names[i] = builtins[i].name;
	return names;
}

/* --- output ---------------------------------------------------------- */

static char *out_buf;
static size_t out_len, out_cap;
static int out_errno;
static const char *bi_current;

void bi_flush(void)
{
	if (out_len > 0 && !out_errno && sh_write_all(1, out_buf, out_len) < 0)
		out_errno = errno;
	out_len = 0;
}

void bi_write(const char *s, size_t n)
{
	if (n == 0)
		return;
	if (out_len + n > out_cap) {
		bi_flush();
		if (n > out_cap) {
			out_cap = n > 4096 ? n : 4096;
			free(out_buf);
			out_buf = xmalloc(out_cap);
		}
	}
	memcpy(out_buf + out_len, s, n);
	out_len += n;
}

void bi_printf(const char *fmt, ...)
{
	stk_mark_t m = stk_mark();
	sb_t b;
	va_list ap;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	bi_write(b.s, b.len);
	stk_release(m);
}

void bi_warn(const char *fmt, ...)
{
	stk_mark_t m = stk_mark();
	sb_t b;
	va_list ap;

	bi_flush();
	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	sh_warn("%s", b.s);
	stk_release(m);
}

void bi_cmd_warn(const char *fmt, ...)
{
	stk_mark_t m = stk_mark();
	sb_t b;
	va_list ap;

	bi_flush();
	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	sb_putc(&b, '\n');
	sh_write_all(2, b.s, b.len);
	stk_release(m);
}

int bi_usage(const char *synopsis)
{
	bi_warn("usage: %s", synopsis);
	return 2;
}

long bi_number(const char *s)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	long n = strtol(s, &end, 10);

	return *end || errno ? -1 : n;
}

int builtin_run(const builtin_t *bi, int argc, char **argv)
{
	const char *prev = bi_current;

	bi_flush();
	out_errno = 0;
	bi_current = bi->name;
	int st = bi->fn(argc, argv);

	bi_flush();
	if (out_errno) {
		stk_mark_t m = stk_mark();
		char *msg = stk_printf("%s: write error: %s\n", bi->name, strerror(out_errno));

		sh_write_all(2, msg, strlen(msg));
		stk_release(m);
		out_errno = 0;
		st = 1;
	}
	bi_current = prev;
	return st;
}

int bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
