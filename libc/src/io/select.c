// SPDX-License-Identifier: MIT
/*
 * select and pselect as poll: one pollfd per descriptor below nfds that
 * is in the read or write set (the error set only gets cleared: there
 * are no exceptional conditions to report), the wait in __poll_wait, and
 * the answers folded back into the sets. A set bit naming a descriptor
 * that is not open fails the call with EBADF, as POSIX asks. The count is
 * of bits set on return, so a descriptor both readable and writable
 * counts twice. select leaves *timeout as it was (POSIX allows either).
 */
#include "../libc.h"
#include "poll_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/select.h>

#define SELECT_STACK_FDS 64

static int select_collect(int nfds, const fd_set *r, const fd_set *w, struct pollfd *pfds)
{
	int n = 0;

	for (int fd = 0; fd < nfds; fd++) {
		short ev = (short)((r && FD_ISSET(fd, r) ? POLLIN : 0) |
				   (w && FD_ISSET(fd, w) ? POLLOUT : 0));
		if (ev)
			pfds[n++] = (struct pollfd){ .fd = fd, .events = ev };
	}
	return n;
}

/* Rewrites the sets from pfds; the count of bits set, or -1 (EBADF). */
static int select_report(const struct pollfd *pfds, int n, fd_set *r, fd_set *w, fd_set *e)
{
	int count = 0;

	for (int i = 0; i < n; i++)
		if (pfds[i].revents & POLLNVAL)
			return (int)__syscall_ret(-EBADF);
	if (r)
		FD_ZERO(r);
	if (w)
		FD_ZERO(w);
	if (e)
		FD_ZERO(e);
	for (int i = 0; i < n; i++) {
		if (pfds[i].revents & POLLIN) {
			FD_SET(pfds[i].fd, r);
			count++;
		}
		if (pfds[i].revents & POLLOUT) {
			FD_SET(pfds[i].fd, w);
			count++;
		}
	}
	return count;
}

int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	    fd_set *restrict errorfds, const struct timespec *restrict timeout,
	    const sigset_t *restrict sigmask)
{
	struct pollfd stack_fds[SELECT_STACK_FDS], *pfds = stack_fds;
	int n, ready;

	if (nfds < 0 || nfds > FD_SETSIZE)
		return (int)__syscall_ret(-EINVAL);
	if (nfds > SELECT_STACK_FDS && !(pfds = malloc((size_t)nfds * sizeof(*pfds))))
		return (int)__syscall_ret(-ENOMEM);
	n = select_collect(nfds, readfds, writefds, pfds);
	ready = __poll_wait(pfds, (nfds_t)n, timeout, sigmask);
	if (ready >= 0)
		ready = select_report(pfds, n, readfds, writefds, errorfds);
	if (pfds != stack_fds)
		free(pfds);
	return ready;
}

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	   fd_set *restrict errorfds, struct timeval *restrict timeout)
{
	struct timespec ts;

	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000)
			return (int)__syscall_ret(-EINVAL);
		ts.tv_sec = timeout->tv_sec;
		ts.tv_nsec = (long)timeout->tv_usec * 1000;
	}
	return pselect(nfds, readfds, writefds, errorfds, timeout ? &ts : NULL, NULL);
}
