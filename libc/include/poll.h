// SPDX-License-Identifier: MIT
/*
 * poll and ppoll (POSIX.1-2024 <poll.h>), with Linux's bit values.
 *
 * Tessera reports readable and writable (abi/event.h), so POLLIN,
 * POLLRDNORM, POLLOUT, POLLWRNORM and POLLWRBAND come back, and POLLNVAL
 * for a descriptor that is not open. A file at end of file or whose peer
 * is gone reads as readable (POLLIN), not POLLHUP; POLLERR and POLLPRI
 * are never reported. libc/src/io/poll.c explains how waiting works.
 */
#pragma once

#include <signal.h>
#include <time.h>

#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

typedef unsigned long nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

int poll(struct pollfd fds[], nfds_t nfds, int timeout);
int ppoll(struct pollfd fds[], nfds_t nfds, const struct timespec *restrict timeout,
	  const sigset_t *restrict sigmask);
