// SPDX-License-Identifier: MIT
/*
 * psignal and psiginfo: "msg: description" on standard error, like
 * perror, with strsignal's text. An empty or NULL msg prints just the
 * description. One fprintf, so the line goes out in one piece.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

void psignal(int sig, const char *msg)
{
	const char *text = strsignal(sig);

	if (msg && *msg)
		fprintf(stderr, "%s: %s\n", msg, text);
	else
		fprintf(stderr, "%s\n", text);
}

void psiginfo(const siginfo_t *info, const char *msg)
{
	psignal(info->si_signo, msg);
}
