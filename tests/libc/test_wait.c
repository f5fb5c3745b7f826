// SPDX-License-Identifier: MIT
/*
 * <sys/wait.h>: exit codes and terminating signals decoded by the W*
 * macros, WNOHANG, ECHILD, waiting for any child or a given one, the
 * accepted-but-idle WUNTRACED/WCONTINUED, and waitid's siginfo.
 */
#include "utest.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child_exiting(int code)
{
	pid_t pid = utest_fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

TEST(exit_codes_decode_through_wexitstatus)
{
	static const int codes[] = { 0, 1, 42, 127, 255 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status = -1;
		pid_t pid = child_exiting(codes[i]);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK(!WIFSTOPPED(status));
		CHECK(!WIFCONTINUED(status));
		CHECK_EQ(WEXITSTATUS(status), codes[i]);
	}
}

TEST(a_killed_child_decodes_through_wtermsig)
{
	int status = 0;
	pid_t pid = utest_fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK(!WIFEXITED(status));
	CHECK(!WIFSTOPPED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

TEST(wnohang_returns_zero_while_the_child_runs)
{
	int status;
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 3 : 4);
	}
	close(fds[0]);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	close(fds[1]);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 3);
}

TEST(waiting_without_children_is_echild)
{
	int status;

	CHECK_ERRNO(wait(&status), ECHILD);
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);
}

TEST(wait_takes_any_child_and_accepts_a_null_status)
{
	pid_t a = child_exiting(1), b = child_exiting(2);
	pid_t first = wait(NULL), second = wait(NULL);

	CHECK((first == a && second == b) || (first == b && second == a));
	CHECK_ERRNO(wait(NULL), ECHILD);
}

TEST(wuntraced_and_wcontinued_still_report_an_exit)
{
	int status;
	pid_t pid = child_exiting(5);

	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WCONTINUED), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 5);
}

TEST(waitpid_refuses_unknown_options)
{
	int status;

	CHECK_ERRNO(waitpid(-1, &status, 0x4000), EINVAL);
}

TEST(waitid_describes_an_exited_child)
{
	siginfo_t info;
	pid_t pid = child_exiting(7);

	memset(&info, 0xff, sizeof(info));
	CHECK_EQ(waitid(P_PID, (id_t)pid, &info, WEXITED), 0);
	CHECK_EQ(info.si_signo, SIGCHLD);
	CHECK_EQ(info.si_pid, pid);
	CHECK_EQ(info.si_code, CLD_EXITED);
	CHECK_EQ(info.si_status, 7);
	CHECK_ERRNO(waitid(P_ALL, 0, &info, WEXITED), ECHILD);
}

TEST(waitid_describes_a_killed_child)
{
	siginfo_t info;
	pid_t pid = utest_fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	CHECK_EQ(waitid(P_ALL, 0, &info, WEXITED), 0);
	CHECK_EQ(info.si_pid, pid);
	CHECK_EQ(info.si_code, CLD_KILLED);
	CHECK_EQ(info.si_status, SIGTERM);
}

TEST(waitid_with_wnohang_and_nothing_ready_zeroes_si_pid)
{
	siginfo_t info;
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	close(fds[0]);
	info.si_pid = 12345;
	CHECK_EQ(waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG), 0);
	CHECK_EQ(info.si_pid, 0);
	close(fds[1]);
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(waitid_refuses_bad_arguments)
{
	siginfo_t info;

	CHECK_ERRNO(waitid(P_ALL, 0, &info, 0), EINVAL);
	CHECK_ERRNO(waitid((idtype_t)42, 0, &info, WEXITED), EINVAL);
}
