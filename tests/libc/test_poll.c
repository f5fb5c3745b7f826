// SPDX-License-Identifier: MIT
/*
 * <poll.h> and <sys/select.h>: readiness of pipe ends, timeouts (zero,
 * finite, none), wake-ups from another process, POLLNVAL / EBADF for bad
 * descriptors, ignored negative descriptors, duplicate entries, EINTR
 * from a handler, and ppoll/pselect's signal mask.
 */
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_signal(int sig)
{
	(void)sig;
	hits++;
}

static pid_t write_later(int fd, unsigned ms)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		utest_sleep_ms(ms);
		_exit(write(fd, "x", 1) == 1 ? 0 : 1);
	}
	return pid;
}

TEST(poll_reports_pipe_readiness_for_requested_events_only)
{
	int p[2];
	struct pollfd fds[2];

	CHECK_EQ(pipe(p), 0);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK_EQ(poll(fds, 2, 0), 1);
	CHECK_EQ(fds[0].revents, 0);
	CHECK_EQ(fds[1].revents, POLLOUT);
	CHECK_EQ(write(p[1], "a", 1), 1);
	CHECK_EQ(poll(fds, 2, 0), 2);
	CHECK_EQ(fds[0].revents, POLLIN);
	fds[1].events = POLLIN;         /* a write end is never readable */
	CHECK_EQ(poll(fds, 2, 0), 1);
	CHECK_EQ(fds[1].revents, 0);
	close(p[0]);
	close(p[1]);
}

TEST(poll_rdnorm_and_wrnorm_follow_in_and_out)
{
	int p[2];
	struct pollfd fds[2];

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(write(p[1], "a", 1), 1);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLRDNORM };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLWRNORM };
	CHECK_EQ(poll(fds, 2, 0), 2);
	CHECK_EQ(fds[0].revents, POLLRDNORM);
	CHECK_EQ(fds[1].revents, POLLWRNORM);
	close(p[0]);
	close(p[1]);
}

TEST(poll_ignores_negative_descriptors_and_flags_bad_ones)
{
	int p[2];
	struct pollfd fds[3];

	CHECK_EQ(pipe(p), 0);
	close(p[1]);
	close(p[0]);
	fds[0] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 77 };
	fds[1] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[2] = (struct pollfd){ .fd = 1000, .events = 0 };
	CHECK_EQ(poll(fds, 3, 0), 2);
	CHECK_EQ(fds[0].revents, 0);
	CHECK_EQ(fds[1].revents, POLLNVAL);
	CHECK_EQ(fds[2].revents, POLLNVAL);
	/* POLLNVAL ends a blocking poll at once, too. */
	CHECK_EQ(poll(fds, 3, -1), 2);
}

TEST(poll_times_out_with_zero)
{
	int p[2];
	struct pollfd fd;

	CHECK_EQ(pipe(p), 0);
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	uint64_t t0 = utest_now_ns();
	CHECK_EQ(poll(&fd, 1, 60), 0);
	CHECK(utest_now_ns() - t0 >= 50 * 1000000ull);
	CHECK_EQ(fd.revents, 0);
	t0 = utest_now_ns();
	CHECK_EQ(poll(NULL, 0, 30), 0);         /* no descriptors: a sleep */
	CHECK(utest_now_ns() - t0 >= 20 * 1000000ull);
	close(p[0]);
	close(p[1]);
}

TEST(poll_wakes_when_another_process_writes)
{
	int p[2];
	struct pollfd fd;

	CHECK_EQ(pipe(p), 0);
	pid_t pid = write_later(p[1], 50);
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK_EQ(poll(&fd, 1, -1), 1);
	CHECK_EQ(fd.revents, POLLIN);
	CHECK_EQ(utest_wait(pid), 0);
	fd.revents = 0;
	CHECK_EQ(poll(&fd, 1, 10000), 1);       /* level-triggered */
	close(p[0]);
	close(p[1]);
}

TEST(poll_reports_each_duplicate_entry)
{
	int p[2];
	struct pollfd fds[2];

	CHECK_EQ(pipe(p), 0);
	pid_t pid = write_later(p[1], 30);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[0], .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(fds, 2, 10000), 2);
	CHECK_EQ(fds[0].revents, POLLIN);
	CHECK_EQ(fds[1].revents, POLLIN);
	CHECK_EQ(utest_wait(pid), 0);
	close(p[0]);
	close(p[1]);
}

TEST(poll_sees_a_closed_writer_as_readable_or_hangup)
{
	int p[2];
	struct pollfd fd;

	CHECK_EQ(pipe(p), 0);
	close(p[1]);
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK_EQ(poll(&fd, 1, 1000), 1);
	CHECK(fd.revents & (POLLIN | POLLHUP));
	CHECK_EQ(fd.revents & ~(POLLIN | POLLHUP), 0);
	close(p[0]);
}

TEST(poll_is_interrupted_by_a_handled_signal)
{
	int p[2];
	struct pollfd fd;
	struct sigaction sa;
	pid_t parent = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(pipe(p), 0);
	hits = 0;
	pid_t pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	}
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK_ERRNO(poll(&fd, 1, 20000), EINTR);
	CHECK_EQ(hits, 1);
	CHECK_EQ(utest_wait(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

TEST(ppoll_opens_its_mask_for_a_pending_signal)
{
	int p[2];
	struct pollfd fd;
	struct sigaction sa;
	sigset_t block, none, now;
	struct timespec ts = { 5, 0 };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &block, NULL);
	hits = 0;
	raise(SIGUSR1);
	CHECK_EQ(hits, 0);
	CHECK_EQ(pipe(p), 0);
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK_ERRNO(ppoll(&fd, 1, &ts, &none), EINTR);
	CHECK_EQ(hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK_EQ(sigismember(&now, SIGUSR1), 1);        /* the old mask is back */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

TEST(select_reports_read_and_write_sets)
{
	int p[2];
	fd_set r, w;
	struct timeval tv = { 0, 0 };

	CHECK_EQ(pipe(p), 0);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	int nfds = (p[0] > p[1] ? p[0] : p[1]) + 1;
	CHECK_EQ(select(nfds, &r, &w, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(FD_ISSET(p[1], &w));
	CHECK_EQ(write(p[1], "z", 1), 1);
	FD_SET(p[0], &r);
	CHECK_EQ(select(nfds, &r, &w, NULL, &tv), 2);
	CHECK(FD_ISSET(p[0], &r));
	FD_CLR(p[0], &r);
	CHECK(!FD_ISSET(p[0], &r));
	close(p[0]);
	close(p[1]);
}

TEST(select_waits_for_data_and_times_out)
{
	int p[2];
	fd_set r;
	struct timeval tv = { 0, 50000 };

	CHECK_EQ(pipe(p), 0);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(p[0], &r));
	pid_t pid = write_later(p[1], 30);
	FD_SET(p[0], &r);
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, NULL), 1);
	CHECK(FD_ISSET(p[0], &r));
	CHECK_EQ(utest_wait(pid), 0);
	close(p[0]);
	close(p[1]);
}

TEST(select_fails_with_ebadf_for_a_closed_descriptor)
{
	int p[2];
	fd_set r;

	CHECK_EQ(pipe(p), 0);
	close(p[0]);
	close(p[1]);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_ERRNO(select(p[0] + 1, &r, NULL, NULL, NULL), EBADF);
	CHECK_ERRNO(select(-1, NULL, NULL, NULL, NULL), EINVAL);
}

TEST(pselect_with_a_zero_timeout_just_checks)
{
	int p[2];
	fd_set r;
	struct timespec ts = { 0, 0 };
	sigset_t none;

	sigemptyset(&none);
	CHECK_EQ(pipe(p), 0);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_EQ(pselect(p[0] + 1, &r, NULL, NULL, &ts, &none), 0);
	CHECK_EQ(write(p[1], "q", 1), 1);
	FD_SET(p[0], &r);
	CHECK_EQ(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL), 1);
	CHECK(FD_ISSET(p[0], &r));
	close(p[0]);
	close(p[1]);
}

TEST(fd_set_macros_cover_the_whole_set)
{
	fd_set s;

	FD_ZERO(&s);
	FD_SET(0, &s);
	FD_SET(FD_SETSIZE - 1, &s);
	CHECK(FD_ISSET(0, &s));
	CHECK(FD_ISSET(FD_SETSIZE - 1, &s));
	CHECK(!FD_ISSET(1, &s));
	FD_CLR(FD_SETSIZE - 1, &s);
	CHECK(!FD_ISSET(FD_SETSIZE - 1, &s));
	CHECK_EQ(FD_SETSIZE, 1024);
}
