// SPDX-License-Identifier: MIT
/*
 * Error handling (sh.h): handlers on a linked stack of jmp_bufs, the
 * message format, and leaving the shell. Messages are built whole and
 * written with one write(2), so they are not interleaved with output of
 * other processes sharing stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#include "exec.h"
#include "input.h"
#include "jobs.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

shell_t sh = { .ttyfd = -1 };
handler_t *sh_handler;
exc_t sh_exc;

void sh_handler_push(handler_t *h)
{
	h->prev = sh_handler;
	h->stk = stk_mark();
	h->redir_depth = redir_depth();
	h->frame_depth = frame_depth();
	h->input_depth = input_depth();
	h->loop_depth = sh.loop_depth;
	h->func_depth = sh.func_depth;
	h->dot_depth = sh.dot_depth;
	h->arena_depth = arena_live_depth();
	sh_handler = h;
}

void sh_untry(handler_t *h)
{
	sh_handler = h->prev;
}

void sh_catch(handler_t *h)
{
	sh_handler = h->prev;
	redir_restore_to(h->redir_depth);
	frame_pop_to(h->frame_depth);
	input_pop_to(h->input_depth);
	input_capture_reset();
	sh.loop_depth = h->loop_depth;
	sh.func_depth = h->func_depth;
	sh.dot_depth = h->dot_depth;
	sh.skip = SKIP_NONE;
	arena_live_pop_to(h->arena_depth);
	stk_release(h->stk);
}

void sh_raise(exc_t e)
{
	sh_exc = e;
	if (!sh_handler) {
		/* Nobody to return to: a script or subshell ends here. */
		if (e == EXC_ERROR && sh.status == 0)
			sh.status = 2;
		sh_exit(sh.status);
	}
	longjmp(sh_handler->jb, 1);
}

/* The message prefix, on the stack. */
static char *sh_msg_prefix(void)
{
	/* Subshells of an interactive shell speak like it. */
	if (sh.interactive)
		return stk_strdup(SHELL_NAME ": ");
	if (sh.script)
		return stk_printf(SHELL_NAME ": %s: %d: ", sh.script, sh.lineno);
	return stk_printf(SHELL_NAME ": %d: ", sh.lineno);
}

static void sh_vmessage(const char *fmt, va_list ap)
{
	stk_mark_t m = stk_mark();
	sb_t b;

	sb_init(&b);
	sb_puts(&b, sh_msg_prefix());
	sb_vprintf(&b, fmt, ap);
	sb_putc(&b, '\n');
	sh_write_all(2, b.s, b.len);
	stk_release(m);
}

void sh_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sh_vmessage(fmt, ap);
	va_end(ap);
}

void sh_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sh_vmessage(fmt, ap);
	va_end(ap);
	sh.status = 2;
	sh_raise(EXC_ERROR);
}

int sh_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void sh_exit(int status)
{
	static bool exiting;

	if (!exiting) {
		exiting = true;
		sh.status = status;
		trap_run_exit();
		status = sh.status;
		jobs_shutdown();
		if (!sh.subshell)
			input_history_save();
	}
	if (sh.subshell)
		_exit(status & 0xff);
	exit(status & 0xff);
}

/* --- options --------------------------------------------------------- */

const opt_info_t opt_table[OPT_COUNT] = {
	[OPT_ALLEXPORT] = { 'a', "allexport" },
	[OPT_NOTIFY] = { 'b', "notify" },
	[OPT_NOCLOBBER] = { 'C', "noclobber" },
	[OPT_ERREXIT] = { 'e', "errexit" },
	[OPT_NOGLOB] = { 'f', "noglob" },
	[OPT_HASHALL] = { 'h', "hashall" },
	[OPT_IGNOREEOF] = { 0, "ignoreeof" },
	[OPT_INTERACTIVE] = { 'i', "interactive" },
	[OPT_MONITOR] = { 'm', "monitor" },
	[OPT_NOEXEC] = { 'n', "noexec" },
	[OPT_NOLOG] = { 0, "nolog" },
	[OPT_NOUNSET] = { 'u', "nounset" },
	[OPT_PIPEFAIL] = { 0, "pipefail" },
	[OPT_STDIN] = { 's', "stdin" },
	[OPT_VERBOSE] = { 'v', "verbose" },
	[OPT_VI] = { 0, "vi" },
	[OPT_XTRACE] = { 'x', "xtrace" },
};

int opt_by_letter(char c)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (opt_table[i].letter == c)
			return i;
	return -1;
}

int opt_by_name(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(opt_table[i].name, name) == 0)
			return i;
	return -1;
}

char *opt_letters(void)
{
	sb_t b;

	sb_init(&b);
	for (int i = 0; i < OPT_COUNT; i++)
		if (sh.opt[i] && opt_table[i].letter)
			sb_putc(&b, opt_table[i].letter);
	if (sh.cmd_string)
		sb_putc(&b, 'c');
	return b.s;
}

void opt_set(int opt, bool on)
{
	if (opt == OPT_MONITOR && on != sh.opt[OPT_MONITOR]) {
		sh.opt[opt] = on;
		jobs_set_monitor(on);
		return;
	}
	sh.opt[opt] = on;
}
