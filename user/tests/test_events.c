// SPDX-License-Identifier: MIT
/*
 * event: readiness queues: subscribing descriptors, level-triggered
 * readiness of pipe ends (data, space, end of file, no readers), a
 * blocking read woken by another process, unsubscribing, non-blocking
 * queues, and the error cases.
 */
#include "utest.h"

#include <abi/event.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static int subscribe(int q, int fd, unsigned flags, uint64_t data)
{
	abi_event_t ev = { (uint64_t)fd, flags, 0, data };

	return write(q, &ev, sizeof(ev)) == sizeof(ev) ? 0 : -1;
}

TEST(pipe_ends_report_data_space_and_eof)
{
	int fds[2];
	abi_event_t ev[4];
	int q = open("event:", O_RDWR | O_NONBLOCK);

	CHECK(q >= 0 && pipe(fds) == 0);
	CHECK(subscribe(q, fds[0], EVENT_READ, 111) == 0);
	CHECK_ERRNO(read(q, ev, sizeof(ev)), EAGAIN);          /* empty pipe */
	CHECK(subscribe(q, fds[1], EVENT_WRITE, 222) == 0);
	CHECK_EQ(read(q, ev, sizeof(ev)), (long)sizeof(ev[0])); /* room to write */
	CHECK(ev[0].id == (uint64_t)fds[1] && ev[0].flags == EVENT_WRITE && ev[0].data == 222);
	CHECK(write(fds[1], "x", 1) == 1);
	CHECK_EQ(read(q, ev, sizeof(ev)), (long)(2 * sizeof(ev[0])));
	/* Level-triggered: still readable until the byte is taken. */
	CHECK_EQ(read(q, ev, sizeof(ev)), (long)(2 * sizeof(ev[0])));
	char c;
	CHECK(read(fds[0], &c, 1) == 1);
	CHECK_EQ(read(q, ev, sizeof(ev)), (long)sizeof(ev[0]));
	/* Closing the write end: its subscription goes quiet (the number no
	 * longer names a file) and the read end is readable: end of file. */
	close(fds[1]);
	CHECK_EQ(read(q, ev, sizeof(ev)), (long)sizeof(ev[0]));
	CHECK(ev[0].id == (uint64_t)fds[0] && ev[0].flags == EVENT_READ && ev[0].data == 111);
	close(fds[0]);
	close(q);
}

TEST(reading_a_queue_waits_for_another_process)
{
	int fds[2];
	abi_event_t ev;
	int q = open("event:", O_RDWR);

	CHECK(q >= 0 && pipe(fds) == 0);
	CHECK(subscribe(q, fds[0], EVENT_READ, 7) == 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		CHILD_CHECK(write(fds[1], "ping", 4) == 4);
		_exit(0);
	}
	CHECK_EQ(read(q, &ev, sizeof(ev)), (long)sizeof(ev));
	CHECK(ev.flags == EVENT_READ && ev.data == 7);
	CHECK_EQ(utest_wait(pid), 0);
	close(fds[0]);
	close(fds[1]);
	close(q);
}

TEST(unsubscribed_descriptors_are_not_reported)
{
	int fds[2];
	abi_event_t ev[2];
	int q = open("event:", O_RDWR | O_NONBLOCK);

	CHECK(q >= 0 && pipe(fds) == 0);
	CHECK(subscribe(q, fds[1], EVENT_WRITE, 1) == 0);
	CHECK(subscribe(q, fds[1], 0, 0) == 0);
	CHECK_ERRNO(read(q, ev, sizeof(ev)), EAGAIN);
	CHECK_ERRNO(subscribe(q, fds[1], 0, 0), ENOENT);
	close(fds[0]);
	close(fds[1]);
	close(q);
}

TEST(bad_subscriptions_are_refused)
{
	abi_event_t ev = { 999, EVENT_READ, 0, 0 };
	int q = open("event:", O_RDWR);

	CHECK(q >= 0);
	CHECK_ERRNO(write(q, &ev, sizeof(ev)), EBADF);
	ev = (abi_event_t){ 1, 0x80, 0, 0 };
	CHECK_ERRNO(write(q, &ev, sizeof(ev)), EINVAL);
	CHECK_ERRNO(write(q, &ev, 5), EINVAL);
	CHECK_ERRNO(open("event:x", O_RDONLY), ENOENT);
	close(q);
}
