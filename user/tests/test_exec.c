// SPDX-License-Identifier: MIT
/*
 * exec: the new image gets exactly the argv and envp it was given and a
 * correct auxiliary vector (helper_echo_args checks those itself and
 * reports through its exit status), keeps its pid and parent, resets
 * caught signals while keeping ignored ones, and exec's failures — a
 * missing file, a file that is not ELF or is a truncated one, bad
 * pointers — come back to the caller as errors with its image intact.
 * Execs that could succeed run in a child.
 */
#include "helper.h"
#include "utest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/syscall.h>
#include <unistd.h>

#define KERNEL_ADDR 0xffff800000000000L

/* Forks, execs path with argv/envp in the child; the child's wait status. */
static int run(const char *path, char *const argv[], char *const envp[])
{
	pid_t pid = utest_fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(errno == 0 ? 254 : errno);        /* exec failed: report why */
	}
	return utest_wait(pid);
}

static const char *echo_status_name(int code)
{
	switch (code) {
	case ECHO_BAD_PAGESZ: return "AT_PAGESZ";
	case ECHO_BAD_ARGS: return "argv";
	case ECHO_BAD_PID: return "pid";
	case ECHO_BAD_PPID: return "ppid";
	case ECHO_BAD_RANDOM: return "AT_RANDOM";
	case ECHO_BAD_ENTRY: return "AT_ENTRY";
	case ECHO_BAD_PHDR: return "AT_PHDR";
	case ECHO_BAD_PHNUM: return "AT_PHNUM";
	case ECHO_BAD_PHENT: return "AT_PHENT";
	case ECHO_BAD_ENVIRON: return "environ";
	case ECHO_BAD_STACK: return "stack alignment";
	default: return "";
	}
}

/* CHECKs that a helper run exited with `want`, naming a failed check. */
#define CHECK_HELPER(status, want)                                                     \
	do {                                                                           \
		int s_ = (status);                                                     \
		if (s_ != -1 && WIFEXITED(s_) && WEXITSTATUS(s_) >= ECHO_BAD_PAGESZ)   \
			printf("    helper_echo_args reports a bad %s\n",              \
			       echo_status_name(WEXITSTATUS(s_)));                     \
		CHECK(s_ != -1 && WIFEXITED(s_));                                      \
		CHECK_EQ(WEXITSTATUS(s_), (want));                                     \
	} while (0)

TEST(exec_passes_argv_envp_and_auxv)
{
	char *argv[] = { "helper_echo_args", "alpha", "beta gamma", "", "last", NULL };
	char *envp[] = { ECHO_CHECK "=alpha|beta gamma||last", "HOME=/", "EMPTY=", NULL };

	CHECK_HELPER(run(HELPER_ECHO_ARGS, argv, envp), 5);
}

TEST(exec_with_only_argv0_and_empty_env)
{
	char *argv[] = { "helper_echo_args", NULL };
	char *envp[] = { NULL };

	CHECK_HELPER(run(HELPER_ECHO_ARGS, argv, envp), 1);
}

TEST(exec_with_many_arguments)
{
	enum { N = 100 };
	static char storage[N][8];
	static char expect[N * 8 + 32];
	char *argv[N + 2];
	char *envp[] = { expect, NULL };
	size_t len = (size_t)snprintf(expect, sizeof(expect), ECHO_CHECK "=");

	argv[0] = "helper_echo_args";
	for (int i = 0; i < N; i++) {
		snprintf(storage[i], sizeof(storage[i]), "a%d", i);
		argv[i + 1] = storage[i];
		len += (size_t)snprintf(expect + len, sizeof(expect) - len, "%s%s",
					i ? "|" : "", storage[i]);
	}
	argv[N + 1] = NULL;
	CHECK(len < sizeof(expect));
	CHECK_HELPER(run(HELPER_ECHO_ARGS, argv, envp), N + 1);
}

TEST(exec_keeps_pid_and_parent)
{
	char pid_env[32], ppid_env[32];
	char *argv[] = { "helper_echo_args", NULL };
	char *envp[] = { pid_env, ppid_env, NULL };
	pid_t pid;

	snprintf(ppid_env, sizeof(ppid_env), ECHO_EXPECT_PPID "=%d", getpid());
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		snprintf(pid_env, sizeof(pid_env), ECHO_EXPECT_PID "=%d", getpid());
		execve(HELPER_ECHO_ARGS, argv, envp);
		_exit(errno);
	}
	CHECK_HELPER(utest_wait(pid), 1);
}

TEST(exec_helper_true)
{
	char *argv[] = { "helper_true", NULL };
	char *envp[] = { NULL };

	CHECK_EQ(run(HELPER_TRUE, argv, envp), 0);
}

static void on_signal(int sig)
{
	(void)sig;
}

/* A caught signal reverts to its default action: SIGUSR1 then kills. */
TEST(exec_resets_caught_signals)
{
	char *argv[] = { "helper_echo_args", NULL };
	char *envp[] = { ECHO_RAISE "=10", NULL };
	pid_t pid = utest_fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGUSR1, on_signal);
		execve(HELPER_ECHO_ARGS, argv, envp);
		_exit(errno);
	}
	status = utest_wait(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR1);
}

/* An ignored signal stays ignored: the helper survives raising it. */
TEST(exec_keeps_ignored_signals)
{
	char *argv[] = { "helper_echo_args", NULL };
	char *envp[] = { ECHO_RAISE "=12", NULL };
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGUSR2, SIG_IGN);
		execve(HELPER_ECHO_ARGS, argv, envp);
		_exit(errno);
	}
	CHECK_HELPER(utest_wait(pid), 1);
}

TEST(exec_missing_file_fails_enoent)
{
	char *argv[] = { "nothing", NULL };
	char *envp[] = { NULL };

	CHECK_ERRNO(execve("/bin/tests/no_such_program", argv, envp), ENOENT);
	CHECK_ERRNO(execve("/no/such/dir/prog", argv, envp), ENOENT);
	CHECK_ERRNO(execve("", argv, envp), ENOENT);
	/* Through a child as well, in case a failed exec damaged the caller. */
	CHECK_EQ(WEXITSTATUS(run("/bin/tests/no_such_program", argv, envp)), ENOENT);
}

TEST(exec_non_elf_fails_enoexec)
{
	char *argv[] = { "not_elf", NULL };
	char *envp[] = { NULL };

	CHECK_ERRNO(execve(NOT_ELF, argv, envp), ENOEXEC);
	CHECK_EQ(WEXITSTATUS(run(NOT_ELF, argv, envp)), ENOEXEC);
}

TEST(exec_truncated_elf_fails_enoexec)
{
	char *argv[] = { "truncated_elf", NULL };
	char *envp[] = { NULL };

	CHECK_EQ(WEXITSTATUS(run(TRUNCATED_ELF, argv, envp)), ENOEXEC);
}

/* /etc/motd is text without execute permission: either error is right. */
TEST(exec_text_file_fails)
{
	char *argv[] = { "motd", NULL };
	char *envp[] = { NULL };
	int status = run("/etc/motd", argv, envp);

	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) == ENOEXEC || WEXITSTATUS(status) == EACCES);
}

/*
 * Raw exec in a child, which exits with the negated result; should exec
 * wrongly succeed, the helper's own exit code (argc, or >= 200) shows.
 */
static int raw_exec_in_child(long path, long argv, long envp, long image, long size)
{
	pid_t pid = utest_fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit((int)-sys_exec(path, argv, envp, image, size));
	return WEXITSTATUS(utest_wait(pid));
}

/* The whole of path in fresh memory (freed by the caller); NULL on failure. */
static char *load_file(const char *path, size_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	char *buf = NULL;

	if (fd >= 0 && fstat(fd, &st) == 0 && (buf = malloc((size_t)st.st_size))) {
		*size = 0;
		while (*size < (size_t)st.st_size) {
			ssize_t n = read(fd, buf + *size, (size_t)st.st_size - *size);
			if (n <= 0)
				break;
			*size += (size_t)n;
		}
	}
	if (fd >= 0)
		close(fd);
	return buf;
}

TEST(exec_bad_pointers_fail_efault)
{
	char *argv[] = { "helper_echo_args", NULL };
	char *bad_argv[] = { "helper_echo_args", (char *)KERNEL_ADDR, NULL };
	char *bad_envp[] = { (char *)KERNEL_ADDR, NULL };
	char *envp[] = { NULL };
	long path = (long)HELPER_ECHO_ARGS;
	size_t size = 0;
	char *image = load_file(HELPER_ECHO_ARGS, &size);
	long img = (long)image, len = (long)size;

	CHECK(image != NULL);
	CHECK_EQ(raw_exec_in_child(0, (long)argv, (long)envp, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(KERNEL_ADDR, (long)argv, (long)envp, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, KERNEL_ADDR, (long)envp, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)bad_argv, (long)envp, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)argv, (long)bad_envp, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)argv, KERNEL_ADDR, img, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)argv, (long)envp, 0, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)argv, (long)envp, KERNEL_ADDR, len), EFAULT);
	CHECK_EQ(raw_exec_in_child(path, (long)argv, (long)envp, img, 0), ENOEXEC);
	/* Cut short: the headers promise segments the image does not hold. */
	CHECK_EQ(raw_exec_in_child(path, (long)argv, (long)envp, img, 200), ENOEXEC);
	free(image);
}

TEST(failed_exec_leaves_caller_intact)
{
	static int marker = 77;
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };

	CHECK_ERRNO(execve(NOT_ELF, argv, envp), ENOEXEC);
	CHECK_ERRNO(execve("/missing", argv, envp), ENOENT);
	CHECK_EQ(marker, 77);
	CHECK(getpid() > 0);
}
