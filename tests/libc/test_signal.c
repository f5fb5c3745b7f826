// SPDX-License-Identifier: MIT
/*
 * <signal.h>: signal sets, sigaction's bookkeeping (old actions, flags,
 * refusals), SA_SIGINFO handlers, SA_RESETHAND, masks during handlers,
 * delivery when unblocked, sigsuspend, pause, sigwait/sigtimedwait,
 * kill to the process group, psignal. Signals from other processes come
 * from forked children; every wait is bounded.
 */
#include "utest.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig, info_signo, usr1_blocked_inside;

static void on_signal(int sig)
{
	sigset_t now;

	hits++;
	last_sig = sig;
	sigprocmask(SIG_BLOCK, NULL, &now);
	usr1_blocked_inside = sigismember(&now, SIGUSR1);
}

static void on_info(int sig, siginfo_t *info, void *context)
{
	(void)context;
	hits++;
	last_sig = sig;
	info_signo = info ? info->si_signo : -1;
}

static void on_other(int sig)
{
	(void)sig;
}

static int install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static void set_mask(int how, int sig)
{
	sigset_t s;

	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static void reset(void)
{
	hits = 0;
	last_sig = 0;
	info_signo = 0;
	install(SIGUSR1, SIG_DFL, 0);
	install(SIGUSR2, SIG_DFL, 0);
	set_mask(SIG_SETMASK, 0);
}

TEST(signal_sets_add_delete_and_test_members)
{
	sigset_t s;

	CHECK_EQ(sigemptyset(&s), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 0);
	CHECK_EQ(sigaddset(&s, SIGINT), 0);
	CHECK_EQ(sigaddset(&s, SIGTERM), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 1);
	CHECK_EQ(sigismember(&s, SIGTERM), 1);
	CHECK_EQ(sigismember(&s, SIGHUP), 0);
	CHECK_EQ(sigdelset(&s, SIGINT), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 0);
	CHECK_EQ(sigfillset(&s), 0);
	CHECK_EQ(sigismember(&s, SIGKILL), 1);
	CHECK_EQ(sigismember(&s, SIGRTMIN), 1);
	CHECK_EQ(sigismember(&s, SIGRTMAX), 1);
}

TEST(signal_sets_refuse_bad_numbers)
{
	sigset_t s;

	sigemptyset(&s);
	CHECK_ERRNO(sigaddset(&s, 0), EINVAL);
	CHECK_ERRNO(sigaddset(&s, 1000), EINVAL);
	CHECK_ERRNO(sigdelset(&s, -1), EINVAL);
	CHECK_ERRNO(sigismember(&s, 1000), EINVAL);
}

TEST(sigaction_reports_the_previous_action)
{
	struct sigaction sa, old;

	reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_handler == on_signal);
	CHECK_EQ(old.sa_flags & (SA_SIGINFO | SA_RESTART), 0);
	CHECK_EQ(sigaction(SIGUSR1, &sa, &old), 0);
	CHECK(old.sa_handler == on_signal);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_sigaction == on_info);
	CHECK_EQ(old.sa_flags & (SA_SIGINFO | SA_RESTART), SA_SIGINFO | SA_RESTART);
	CHECK_EQ(sigismember(&old.sa_mask, SIGUSR2), 1);
	reset();
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
}

TEST(sigaction_refuses_kill_stop_and_bad_numbers)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(0, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(1000, &sa, NULL), EINVAL);
	CHECK_EQ(sigaction(SIGKILL, NULL, &sa), 0);     /* reading is allowed */
	CHECK(sa.sa_handler == SIG_DFL);
}

TEST(signal_returns_the_previous_handler)
{
	reset();
	CHECK(signal(SIGUSR1, on_signal) == SIG_DFL);
	CHECK(signal(SIGUSR1, on_other) == on_signal);
	CHECK(signal(SIGUSR1, SIG_IGN) == on_other);
	CHECK(signal(SIGUSR1, SIG_DFL) == SIG_IGN);
	errno = 0;
	CHECK(signal(SIGKILL, on_signal) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
}

TEST(raise_runs_the_handler_before_returning)
{
	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(usr1_blocked_inside, 1);               /* blocked while it ran */
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK_EQ(sigismember(&now, SIGUSR1), 0);        /* and not after */
	reset();
}

TEST(sa_nodefer_leaves_the_signal_unblocked_in_its_handler)
{
	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, SA_NODEFER), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(usr1_blocked_inside, 0);
	reset();
}

TEST(siginfo_handler_gets_the_signal_number)
{
	struct sigaction sa;

	reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	CHECK_EQ(raise(SIGUSR2), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(info_signo, SIGUSR2);
	reset();
}

TEST(sa_resethand_restores_the_default_after_one_delivery)
{
	struct sigaction old;

	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, SA_RESETHAND), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
}

TEST(blocked_signal_arrives_when_unblocked)
{
	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR1);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 0);
	set_mask(SIG_UNBLOCK, SIGUSR1);
	CHECK(utest_wait_for(&hits, 1, 5000));
	reset();
}

TEST(ignored_signal_does_nothing)
{
	reset();
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	reset();
}

TEST(default_action_ends_the_process_with_that_signal)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
}

TEST(kill_checks_its_arguments)
{
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERRNO(kill(getpid(), 1000), EINVAL);
	CHECK_ERRNO(kill(99999, 0), ESRCH);
	CHECK_ERRNO(kill(-99999, 0), ESRCH);
}

TEST(sigsuspend_delivers_a_pending_signal_and_restores_the_mask)
{
	sigset_t wait_mask, now;

	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR1);
	CHECK_EQ(raise(SIGUSR1), 0);
	sigemptyset(&wait_mask);
	CHECK_ERRNO(sigsuspend(&wait_mask), EINTR);
	CHECK_EQ(hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK_EQ(sigismember(&now, SIGUSR1), 1);
	reset();
}

TEST(sigsuspend_waits_for_a_signal_from_another_process)
{
	sigset_t wait_mask;
	pid_t parent = getpid();

	reset();
	CHECK_EQ(install(SIGUSR2, on_signal, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR2);
	pid_t pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		kill(parent, SIGUSR2);
		_exit(0);
	}
	sigemptyset(&wait_mask);
	CHECK_ERRNO(sigsuspend(&wait_mask), EINTR);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR2);
	CHECK_EQ(utest_wait(pid), 0);
	reset();
}

TEST(pause_returns_eintr_after_a_handler_ran)
{
	pid_t parent = getpid();

	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		/* Keep signalling until the parent has surely reached pause(). */
		for (int i = 0; i < 200; i++) {
			utest_sleep_ms(20);
			if (kill(parent, SIGUSR1) < 0)
				break;
		}
		_exit(0);
	}
	CHECK_ERRNO(pause(), EINTR);
	CHECK(hits >= 1);
	install(SIGUSR1, SIG_IGN, 0);
	kill(pid, SIGKILL);
	utest_wait(pid);
	reset();
}

TEST(sigwait_takes_pending_signals_lowest_first_without_handlers)
{
	sigset_t set;
	int sig = 0;

	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	CHECK_EQ(install(SIGUSR2, on_signal, 0), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	CHECK_EQ(raise(SIGUSR2), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR1);
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR2);
	CHECK_EQ(hits, 0);
	struct sigaction old;
	CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	CHECK(old.sa_handler == on_signal);     /* the disposition is back */
	reset();
}

TEST(sigwait_waits_for_a_signal_from_another_process)
{
	sigset_t set;
	int sig = 0;
	pid_t parent = getpid();

	reset();
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid_t pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		kill(parent, SIGUSR2);
		_exit(0);
	}
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR2);
	CHECK_EQ(utest_wait(pid), 0);
	reset();
}

TEST(sigtimedwait_times_out_with_eagain)
{
	sigset_t set;
	siginfo_t info;
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	reset();
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	CHECK_ERRNO(sigtimedwait(&set, &info, &ts), EAGAIN);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(sigtimedwait(&set, &info, &ts), SIGUSR1);
	CHECK_EQ(info.si_signo, SIGUSR1);
	reset();
}

TEST(sigpending_lists_blocked_pending_signals)
{
	sigset_t set;

	reset();
	CHECK_EQ(install(SIGUSR1, on_signal, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR1);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(sigpending(&set), 0);
	CHECK_EQ(sigismember(&set, SIGUSR1), 1);
	CHECK_EQ(sigismember(&set, SIGUSR2), 0);
	set_mask(SIG_UNBLOCK, SIGUSR1);
	CHECK_EQ(hits, 1);
	reset();
}

static void kill_group_child(void *arg)
{
	(void)arg;
	CHILD_CHECK(setpgid(0, 0) == 0);
	hits = 0;
	CHILD_CHECK(install(SIGUSR1, on_signal, 0) == 0);
	CHILD_CHECK(kill(0, SIGUSR1) == 0);
	CHILD_CHECK(utest_wait_for(&hits, 1, 5000));
	CHILD_CHECK(killpg(getpid(), SIGUSR1) == 0);
	CHILD_CHECK(utest_wait_for(&hits, 2, 5000));
}

TEST(kill_zero_and_killpg_reach_the_own_process_group)
{
	CHECK_EQ(utest_in_child(kill_group_child, NULL), 0);
}

TEST(psignal_writes_message_and_description_to_stderr)
{
	int fds[2];
	char buf[200] = { 0 };

	CHECK_EQ(pipe(fds), 0);
	fflush(stderr);
	int saved = dup(2);
	CHECK(saved >= 0);
	dup2(fds[1], 2);
	psignal(SIGINT, "prefix");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	CHECK(n > 9);
	CHECK(strncmp(buf, "prefix: ", 8) == 0);
	CHECK_EQ(buf[n - 1], '\n');
	CHECK(strchr(buf, '\n') == buf + n - 1);
}
