// SPDX-License-Identifier: MIT
/*
 * poll and ppoll on `event:` queues.
 *
 * First a scan: fevent(fd, wanted) gives each descriptor's readiness now
 * (EBADF becomes POLLNVAL). If something is ready, or the timeout is
 * zero, that is the answer and no queue is made. Otherwise one queue per
 * call: open `event:`, subscribe every descriptor in one write (the same
 * descriptor twice gets the union of what its entries want), and for a
 * finite timeout arm a `time:monotonic` timer at the deadline and
 * subscribe it too. Reading the queue blocks until something is ready,
 * the timer is due (answer 0), or a signal arrives (EINTR); then the scan
 * runs again to fill revents, since readiness is level-triggered and the
 * scan is the one place that maps it to POLL* bits.
 *
 * ppoll's mask is set around the wait with sigprocmask. A handler that
 * runs as the mask opens is noticed through the trampoline's count
 * (signal/signal_impl.h) and ends the call with EINTR; one that arrives
 * between that check and the queue's read still interrupts the read
 * (the kernel wakes it) — only a signal delivered in the few instructions
 * between them would go unseen until the next event or the timeout.
 */
#include "../libc.h"
#include "../signal/signal_impl.h"
#include "poll_impl.h"

#include <abi/event.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <tessera/syscall.h>
#include <time.h>

#define POLL_TIMER_COOKIE (~(uint64_t)0)
#define POLL_STACK_SUBS 32
#define POLL_NFDS_MAX (1u << 20)

#define POLL_READ_BITS  (POLLIN | POLLRDNORM)
#define POLL_WRITE_BITS (POLLOUT | POLLWRNORM | POLLWRBAND)

static unsigned poll_wanted(short events)
{
	return ((events & POLL_READ_BITS) ? EVENT_READ : 0) |
	       ((events & POLL_WRITE_BITS) ? EVENT_WRITE : 0);
}

/* Fills every revents from the descriptors' readiness now; the count. */
static int poll_scan(struct pollfd *fds, nfds_t nfds)
{
	int ready = 0;

	for (nfds_t i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		long r = sys_fevent(fds[i].fd, poll_wanted(fds[i].events));
		if (r == -EBADF)
			fds[i].revents = POLLNVAL;
		else if (r > 0)
			fds[i].revents = (short)(((r & EVENT_READ) ? fds[i].events & POLL_READ_BITS : 0) |
						 ((r & EVENT_WRITE) ? fds[i].events & POLL_WRITE_BITS : 0));
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* Subscribes fds (merged per descriptor) to queue q; 0 or -errno. */
static long poll_subscribe(int q, const struct pollfd *fds, nfds_t nfds)
{
	abi_event_t stack_subs[POLL_STACK_SUBS], *subs = stack_subs;
	size_t n = 0;
	long r;

	if (nfds > POLL_STACK_SUBS && !(subs = malloc(nfds * sizeof(*subs))))
		return -ENOMEM;
	for (nfds_t i = 0; i < nfds; i++) {
		unsigned want = poll_wanted(fds[i].events);
		size_t j = 0;
		if (fds[i].fd < 0 || !want)
			continue;
		while (j < n && subs[j].id != (uint64_t)fds[i].fd)
			j++;
		if (j == n)
			subs[n++] = (abi_event_t){ .id = (uint64_t)fds[i].fd };
		subs[j].flags |= want;
	}
	r = n ? sys_write(q, (long)subs, (long)(n * sizeof(*subs))) : 0;
	if (subs != stack_subs)
		free(subs);
	if (r >= 0 && (size_t)r != n * sizeof(abi_event_t))
		r = -ENOMEM;    /* the queue is full: more descriptors than it holds */
	return r < 0 ? r : 0;
}

/* Arms a timer at now + timeout and subscribes it to q; its fd or -errno. */
static long poll_timer(int q, const struct timespec *timeout)
{
	struct timespec at;
	long t = sys_open((long)"time:monotonic", O_RDWR | O_CLOEXEC, 0);

	if (t < 0)
		return t;
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_sec += timeout->tv_sec;
	at.tv_nsec += timeout->tv_nsec;
	if (at.tv_nsec >= 1000000000) {
		at.tv_nsec -= 1000000000;
		at.tv_sec++;
	}
	abi_event_t ev = { .id = (uint64_t)t, .flags = EVENT_READ, .data = POLL_TIMER_COOKIE };
	long r = sys_write(t, (long)&at, sizeof(at));
	if (r >= 0)
		r = sys_write(q, (long)&ev, sizeof(ev));
	if (r < 0) {
		sys_close(t);
		return r;
	}
	return t;
}

/* Blocks on the queue until a descriptor is ready (1), the timer is due (0), or -errno. */
static long poll_block(int q)
{
	abi_event_t evs[8];

	for (;;) {
		long n = sys_read(q, (long)evs, sizeof(evs));
		if (n < 0)
			return n;
		for (long i = 0; i < n / (long)sizeof(evs[0]); i++)
			if (evs[i].data != POLL_TIMER_COOKIE)
				return 1;
		if (n > 0)
			return 0;
	}
}

/* The blocking half: nothing was ready at the scan. */
static int poll_sleep(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		      int seen)
{
	long q = sys_open((long)"event:", O_RDWR | O_CLOEXEC, 0), t = -1, r;

	if (q < 0)
		return (int)__syscall_ret(q);
	r = poll_subscribe((int)q, fds, nfds);
	if (r == 0 && timeout)
		r = t = poll_timer((int)q, timeout);
	for (;;) {
		if (r < 0)
			break;
		if (__sig_delivered != seen) {
			r = -EINTR;
			break;
		}
		r = poll_block((int)q);
		if (r <= 0)
			break;
		if ((r = poll_scan(fds, nfds)) > 0)
			break;
	}
	if (t >= 0)
		sys_close(t);
	sys_close(q);
	return (int)__syscall_ret(r);
}

int __poll_wait(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		const sigset_t *sigmask)
{
	sigset_t old;
	int seen = __sig_delivered, ready;

	if (nfds > POLL_NFDS_MAX || (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
						 timeout->tv_nsec >= 1000000000)))
		return (int)__syscall_ret(-EINVAL);
	if (sigmask && sigprocmask(SIG_SETMASK, sigmask, &old) < 0)
		return -1;
	ready = poll_scan(fds, nfds);
	if (ready == 0 && !(timeout && !timeout->tv_sec && !timeout->tv_nsec))
		ready = poll_sleep(fds, nfds, timeout, seen);
	if (sigmask) {
		int err = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		errno = err;
	}
	return ready;
}

int poll(struct pollfd fds[], nfds_t nfds, int timeout)
{
	struct timespec ts = { timeout / 1000, (long)(timeout % 1000) * 1000000 };

	return __poll_wait(fds, nfds, timeout < 0 ? NULL : &ts, NULL);
}

int ppoll(struct pollfd fds[], nfds_t nfds, const struct timespec *restrict timeout,
	  const sigset_t *restrict sigmask)
{
	return __poll_wait(fds, nfds, timeout, sigmask);
}
