// SPDX-License-Identifier: MIT
/*
 * select and pselect (POSIX.1-2024 <sys/select.h>): descriptor sets of
 * FD_SETSIZE bits. They are poll underneath (libc/src/io/select.c), so
 * they see what poll sees: readable, writable, and EBADF for a set bit
 * that names no open descriptor. No exceptional conditions are reported.
 */
#pragma once

#include <signal.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd) ((unsigned)(fd) / (8 * sizeof(unsigned long)))
#define __FD_BIT(fd)  (1UL << ((unsigned)(fd) % (8 * sizeof(unsigned long))))

#define FD_ZERO(set)                                                          \
	do {                                                                  \
		for (unsigned __i = 0;                                        \
		     __i < sizeof((set)->fds_bits) / sizeof((set)->fds_bits[0]); \
		     __i++)                                                   \
			(set)->fds_bits[__i] = 0;                             \
	} while (0)
#define FD_SET(fd, set)   ((void)((set)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd)))
#define FD_CLR(fd, set)   ((void)((set)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd)))
#define FD_ISSET(fd, set) (((set)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	   fd_set *restrict errorfds, struct timeval *restrict timeout);
int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	    fd_set *restrict errorfds, const struct timespec *restrict timeout,
	    const sigset_t *restrict sigmask);
