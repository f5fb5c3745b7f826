// SPDX-License-Identifier: MIT
/*
 * abort(): end the process with SIGABRT, whatever its disposition. First
 * raise it unblocked; if a handler returns or the signal is ignored, reset
 * it to the default and raise again; as a last resort exit 127. stdio is
 * not flushed (POSIX allows either; an aborting program's buffers are
 * suspect).
 */
#include "libc.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

void abort(void)
{
	sigset_t set;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);

	sigaction(SIGABRT, &dfl, NULL);
	raise(SIGABRT);
	_exit(127);
}
