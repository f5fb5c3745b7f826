// SPDX-License-Identifier: MIT
/*
 * Job control in the kernel: stop signals stop a process (all its
 * threads), SIGCONT continues it, waitpid reports both (WUNTRACED,
 * WCONTINUED), SIGKILL ends a stop, and kill reaches process groups.
 * "Did not run while stopped" is checked through a signal handler that
 * must not run before SIGCONT: if stopping were broken it would run and
 * be seen (a slow machine can only make such a check pass late, never
 * fail wrongly).
 */
#include "utest.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int report_fd = -1;

static void on_usr1(int sig)
{
	(void)sig;
	char c = 'u';
	if (write(report_fd, &c, 1) != 1)
		_exit(3);
}

/* A child that reports each SIGUSR1 on the pipe and otherwise waits;
 * returns once its handler is installed. */
static pid_t spawn_reporter(int *read_end)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		report_fd = p[1];
		signal(SIGUSR1, on_usr1);
		if (write(p[1], "r", 1) != 1)   /* the handler is in place */
			_exit(5);
		for (;;)
			pause();
	}
	close(p[1]);
	char ready;
	if (read(p[0], &ready, 1) != 1) {
		close(p[0]);
		return -1;
	}
	*read_end = p[0];
	return pid;
}

static bool readable_within(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, ms) == 1;
}

TEST(sigstop_stops_and_sigcont_continues)
{
	int fd, status;
	pid_t pid = spawn_reporter(&fd);
	char c;

	CHECK(pid > 0);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGSTOP);
	/* Stopped: the handler must not run until SIGCONT. */
	CHECK_EQ(kill(pid, SIGUSR1), 0);
	CHECK(!readable_within(fd, 300));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	CHECK(readable_within(fd, 60000));
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	close(fd);
}

TEST(sigtstp_stops_by_default_and_runs_a_handler_if_caught)
{
	int fd, status;
	pid_t pid = spawn_reporter(&fd);

	CHECK(pid > 0);
	CHECK_EQ(kill(pid, SIGTSTP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
	CHECK_EQ(kill(pid, SIGKILL), 0);        /* SIGKILL ends a stop too */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	close(fd);

	pid = fork();
	if (pid == 0) {
		signal(SIGTSTP, SIG_IGN);
		raise(SIGTSTP);                 /* ignored: no stop */
		_exit(7);
	}
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

TEST(waitpid_without_wuntraced_does_not_report_stops)
{
	int fd, status;
	pid_t pid = spawn_reporter(&fd);

	CHECK(pid > 0);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	/* The stop is not reported without WUNTRACED ... */
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	/* ... and is reported once with it. */
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	close(fd);
}

static volatile int chld_count;

static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

TEST(parent_gets_sigchld_on_stop_unless_sa_nocldstop)
{
	struct sigaction sa = { .sa_handler = on_chld };
	int fd, status;

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	pid_t pid = spawn_reporter(&fd);
	CHECK(pid > 0);
	chld_count = 0;
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	for (int i = 0; i < 6000 && chld_count == 0; i++)
		usleep(10000);
	CHECK(chld_count >= 1);

	sa.sa_flags = SA_NOCLDSTOP;
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	chld_count = 0;
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(!readable_within(fd, 100));       /* just a pause */
	CHECK_EQ(chld_count, 0);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	signal(SIGCHLD, SIG_DFL);
	close(fd);
}

static int thread_fd = -1;

static void *thread_reporter(void *arg)
{
	(void)arg;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	for (;;) {
		int sig;
		if (sigwait(&set, &sig) == 0 && write(thread_fd, "t", 1) != 1)
			_exit(4);
	}
	return NULL;
}

TEST(every_thread_of_a_stopped_process_stops)
{
	int p[2], status;
	char c;

	CHECK_EQ(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		thread_fd = p[1];
		pthread_t t;
		if (pthread_create(&t, NULL, thread_reporter, NULL) != 0)
			_exit(5);
		if (write(p[1], "r", 1) != 1)
			_exit(6);
		for (;;)
			pause();
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);         /* the thread exists */
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK_EQ(kill(pid, SIGUSR2), 0);
	CHECK(!readable_within(p[0], 300));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK(readable_within(p[0], 60000));
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 't');
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	close(p[0]);
}

/* A child that waits in group pgid (0: its own) until killed. */
static pid_t spawn_in_group(pid_t pgid)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	if (pid > 0)
		setpgid(pid, pgid ? pgid : pid);
	return pid;
}

TEST(kill_negative_pgid_reaches_the_whole_group_only)
{
	pid_t a = spawn_in_group(0);
	pid_t b = spawn_in_group(a);
	pid_t other = spawn_in_group(0);
	int status;

	CHECK(a > 0 && b > 0 && other > 0);
	CHECK_EQ(getpgid(b), a);
	CHECK_EQ(kill(-a, SIGTERM), 0);
	CHECK_EQ(waitpid(a, &status, 0), a);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK_EQ(waitpid(b, &status, 0), b);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK_EQ(waitpid(other, &status, WNOHANG), 0);  /* untouched */
	CHECK_EQ(killpg(other, SIGKILL), 0);
	CHECK_EQ(waitpid(other, &status, 0), other);
	CHECK_ERRNO(kill(-a, SIGTERM), ESRCH);          /* the group is gone */
	CHECK_ERRNO(kill(-99999, 0), ESRCH);
}

TEST(kill_zero_signals_the_callers_group)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		pid_t grandchild = fork();
		if (grandchild == 0) {
			for (;;)
				pause();
		}
		signal(SIGUSR1, SIG_IGN);
		if (kill(0, SIGUSR1) != 0)
			_exit(2);
		int st;
		if (waitpid(grandchild, &st, 0) != grandchild)
			_exit(3);
		_exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? 0 : 4);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

TEST(setpgid_keeps_groups_inside_sessions)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pid_t parent_group = getpgid(getppid());
		if (setsid() != getpid())
			_exit(2);
		/* A session leader cannot change its group ... */
		if (setpgid(0, 0) != -1 || errno != EPERM)
			_exit(3);
		/* ... and a group of another session cannot be joined. */
		pid_t child = fork();
		if (child == 0) {
			int ok = setpgid(0, parent_group) == -1 && errno == EPERM;
			_exit(ok ? 0 : 1);
		}
		int st;
		if (waitpid(child, &st, 0) != child || !WIFEXITED(st))
			_exit(4);
		_exit(WEXITSTATUS(st) ? 5 : 0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_ERRNO(setpgid(999999, 0), ESRCH);
}

TEST(a_user_cannot_signal_another_users_process)
{
	int status;
	pid_t victim = spawn_in_group(0);
	pid_t pid = fork();

	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(2);
		_exit(kill(victim, SIGTERM) == -1 && errno == EPERM ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(waitpid(victim, &status, WNOHANG), 0);
	CHECK_EQ(kill(victim, SIGKILL), 0);
	CHECK_EQ(waitpid(victim, &status, 0), victim);
}

/* The "state X" line of proc:PID/status, or '?'. */
static char proc_state_of(pid_t pid)
{
	char url[64], text[512];
	snprintf(url, sizeof(url), "proc:%d/status", pid);
	FILE *f = fopen(url, "r");
	if (!f)
		return '?';
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	const char *s = strstr(text, "\nstate ");
	return s ? s[7] : '?';
}

TEST(proc_shows_stopped_and_sleeping_processes)
{
	int fd, status;
	pid_t pid = spawn_reporter(&fd);

	CHECK(pid > 0);
	char st = proc_state_of(pid);
	for (int i = 0; i < 6000 && st != 'S'; i++) {   /* until it is in pause() */
		usleep(10000);
		st = proc_state_of(pid);
	}
	CHECK_EQ(st, 'S');
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK_EQ(proc_state_of(pid), 'T');
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	close(fd);
}

TEST(waitpid_sleeps_with_a_blocked_signal_pending)
{
	sigset_t set, old;
	int status, sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK_EQ(raise(SIGUSR1), 0);            /* pending, blocked */
	pid_t pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(9);
	}
	/* Must sleep until the child exits (a kernel that counted the
	 * blocked signal as a wake-up spun here forever on one CPU). */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9);
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}
