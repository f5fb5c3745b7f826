// SPDX-License-Identifier: MIT
/* What poll.c offers select.c: the one waiting loop behind both. */
#pragma once

#include <poll.h>

/*
 * poll with a relative timeout (NULL: forever) and, if sigmask is not
 * NULL, that signal mask while waiting. The count of ready entries, or
 * -1 and errno.
 */
int __poll_wait(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		const sigset_t *sigmask);
