// SPDX-License-Identifier: MIT
/*
 * unistd.h: process identity, descriptors, working directory, and the
 * small calls around them. The same expectations hold on glibc and on
 * Tessera's libc.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

TEST(getpid_is_stable_and_positive)
{
	pid_t a = getpid();

	CHECK(a > 0);
	CHECK_EQ(getpid(), a);
}

TEST(pipe_carries_bytes_in_order)
{
	int fds[2];
	char buf[8] = { 0 };

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

TEST(close_of_a_bad_descriptor_is_ebadf)
{
	CHECK_ERRNO(close(-1), EBADF);
	CHECK_ERRNO(close(1000000), EBADF);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

TEST(alarm_delivers_sigalrm_and_pause_returns)
{
	struct sigaction sa = { .sa_handler = on_alarm }, old;

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGALRM, &sa, &old), 0);
	alarms = 0;
	CHECK_EQ(alarm(1), 0);
	CHECK_ERRNO(pause(), EINTR);
	CHECK_EQ(alarms, 1);
	CHECK_EQ(alarm(0), 0);                  /* nothing pending any more */
	sigaction(SIGALRM, &old, NULL);
}

TEST(alarm_zero_cancels_and_reports_the_time_left)
{
	struct sigaction sa = { .sa_handler = on_alarm }, old;

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGALRM, &sa, &old), 0);
	alarms = 0;
	CHECK_EQ(alarm(100), 0);
	unsigned left = alarm(50);
	CHECK(left > 0 && left <= 100);
	left = alarm(0);
	CHECK(left > 0 && left <= 50);
	utest_sleep_ms(50);
	CHECK_EQ(alarms, 0);
	sigaction(SIGALRM, &old, NULL);
}

static void alarm_in_child(void *arg)
{
	(void)arg;
	struct sigaction sa = { .sa_handler = on_alarm };
	sigemptyset(&sa.sa_mask);
	/* The parent's pending alarm is not inherited... */
	CHILD_CHECK(alarm(0) == 0);
	/* ...and the child can have its own. */
	CHILD_CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	alarms = 0;
	alarm(1);
	while (!alarms)
		pause();
	_exit(0);
}

TEST(a_child_has_its_own_alarm)
{
	struct sigaction sa = { .sa_handler = on_alarm }, old;

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGALRM, &sa, &old), 0);
	alarm(100);
	int status = utest_in_child(alarm_in_child, NULL);
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

TEST(sysconf_and_pathconf_report_limits)
{
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	CHECK(sysconf(_SC_OPEN_MAX) >= 20);
	CHECK(sysconf(_SC_NPROCESSORS_ONLN) >= 1);
	CHECK(sysconf(_SC_CLK_TCK) > 0);
	CHECK_ERRNO(sysconf(-12345), EINVAL);
	CHECK(pathconf("/", _PC_NAME_MAX) >= 14);
	CHECK(fpathconf(0, _PC_PIPE_BUF) >= 512 || errno == EINVAL);
	char host[256];
	CHECK_EQ(gethostname(host, sizeof(host)), 0);
	CHECK(host[0] != '\0');
}

TEST(identity_calls_agree)
{
	CHECK_EQ(geteuid(), getuid());
	CHECK_EQ(getegid(), getgid());
	CHECK_EQ(getpgrp(), getpgid(0));
	/* A session led from outside our pid namespace reads as 0 (CI
	 * containers), so only a fresh session has a known id. */
	CHECK(getsid(0) >= 0);
	CHECK_EQ(getsid(0), getsid(getpid()));
	pid_t child = fork();
	if (child == 0)
		_exit(setsid() == getpid() && getsid(0) == getpid() ? 0 : 1);
	int status = -1;
	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_ERRNO(getpgid(999999), ESRCH);
	gid_t groups[8];
	CHECK(getgroups(8, groups) >= 0);
}

TEST(pread_and_pwrite_leave_the_offset)
{
	char path[] = "/tmp/unistd-XXXXXX", buf[8] = { 0 };
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(pread(fd, buf, 3, 3), 3);
	CHECK_STR(buf, "def");
	CHECK_EQ(pwrite(fd, "XY", 2, 0), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK_EQ(memcmp(buf, "cdef", 4), 0);
	CHECK_EQ(pread(fd, buf, 2, 0), 2);
	CHECK_EQ(memcmp(buf, "XY", 2), 0);
	CHECK_ERRNO(pread(fd, buf, 1, -1), EINVAL);
	close(fd);
	unlink(path);
}
