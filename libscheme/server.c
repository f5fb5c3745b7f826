// SPDX-License-Identifier: MIT
/*
 * libscheme's running half: registering the scheme and the loop. Each
 * turn reads as many requests as are queued (up to a batch; the read
 * blocks while there are none), dispatches them in order, then writes
 * every answer in one call. The batch is kept below the outbox's size so
 * a whole batch of immediate answers always fits.
 */
#include "libscheme.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <abi/event.h>

#define SCHEME_BATCH 32

_Static_assert(SCHEME_BATCH * 2 <= SCHEME_OUTBOX_MAX, "a batch's answers fit");

int scheme_flush(scheme_server_t *s)
{
	unsigned done = 0;

	while (done < s->outbox_count) {
		ssize_t n = write(s->fd, s->outbox + done,
				  (s->outbox_count - done) * sizeof(abi_scheme_response_t));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* Drop what cannot be sent: keeping it would wedge the loop. */
			s->outbox_count = 0;
			return n < 0 ? -errno : -EIO;
		}
		done += (unsigned)n / sizeof(abi_scheme_response_t);
	}
	s->outbox_count = 0;
	return 0;
}

int scheme_open(scheme_server_t *s, const char *name)
{
	char url[64];

	if (snprintf(url, sizeof(url), ":%s", name) >= (int)sizeof(url))
		return -ENAMETOOLONG;
	int fd = open(url, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	s->fd = fd;
	s->flush = scheme_flush;
	return 0;
}

void scheme_ready(void)
{
	const char *v = getenv("SCHEME_READY_FD");

	if (!v)
		return;
	int fd = atoi(v);
	char one = 1;
	while (write(fd, &one, 1) < 0 && errno == EINTR)
		;
	close(fd);
}

int scheme_run(scheme_server_t *s)
{
	abi_scheme_request_t batch[SCHEME_BATCH];

	for (;;) {
		ssize_t n = read(s->fd, batch, sizeof(batch));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		for (size_t i = 0; i < (size_t)n / sizeof(batch[0]); i++)
			scheme_dispatch(s, &batch[i]);
		int err = scheme_flush(s);
		if (err)
			return err;
	}
}

/* One batch of the requests queued now; -EAGAIN when there were none. */
static int scheme_serve_queued(scheme_server_t *s)
{
	abi_scheme_request_t batch[SCHEME_BATCH];
	ssize_t n = read(s->fd, batch, sizeof(batch));

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	if (n == 0)
		return -EIO;
	for (size_t i = 0; i < (size_t)n / sizeof(batch[0]); i++)
		scheme_dispatch(s, &batch[i]);
	return scheme_flush(s);
}

int scheme_run_many(scheme_server_t *const *servers, unsigned count)
{
	abi_event_t events[16];
	int q = open("event:", O_RDWR | O_CLOEXEC);
	ssize_t n;

	if (q < 0)
		return -errno;
	for (unsigned i = 0; i < count; i++) {
		int fl = fcntl(servers[i]->fd, F_GETFL);
		abi_event_t sub = { .id = (uint64_t)servers[i]->fd, .flags = EVENT_READ, .data = i };
		if (fl < 0 || fcntl(servers[i]->fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
		    write(q, &sub, sizeof(sub)) != sizeof(sub)) {
			close(q);
			return -errno;
		}
	}
	for (;;) {
		n = read(q, events, sizeof(events));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (size_t i = 0; i < (size_t)n / sizeof(events[0]); i++) {
			int err = scheme_serve_queued(servers[events[i].data]);
			if (err && err != -EAGAIN) {
				close(q);
				return err;
			}
		}
	}
	int err = n < 0 ? -errno : -EIO;
	close(q);
	return err;
}
