// SPDX-License-Identifier: MIT
/*
 * Descriptors and the kernel schemes they reach so far: debug: (console
 * and kernel log) and pipes. Checks the descriptor calls' success and
 * failure cases, inheritance across fork, close-on-exec, pipe semantics
 * (EOF, EPIPE with SIGPIPE, O_NONBLOCK, blocking hand-off, atomic small
 * writes, large transfers) and namespaces.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <tessera/syscall.h>
#include <unistd.h>

TEST(stdio_descriptors_are_the_console)
{
	char path[64];

	CHECK(tessera_fpath(1, path, sizeof(path)) > 0);
	CHECK_STR(path, "debug:console");
	CHECK(write(2, "", 0) == 0);
}

TEST(debug_log_reads_the_kernel_log)
{
	char buf[512];
	int fd = open("debug:", O_RDONLY);

	CHECK(fd >= 0);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	CHECK(n > 0);
	buf[n] = '\0';
	CHECK(strstr(buf, "Tessera") != NULL);  /* the first line of the boot */
	CHECK(close(fd) == 0);
}

TEST(unknown_schemes_and_missing_files_fail_enoent)
{
	CHECK_ERRNO(open("nosuchscheme:x", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("/etc/no-such-file", O_RDONLY), ENOENT);
	int fd = open("/etc/motd", O_RDONLY);                  /* plain paths are file: */
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERRNO(open("pipe:named", O_RDONLY), ENOENT);
	/* The kernel's own check (libc reads the path to add "file:"). */
	CHECK_EQ(sys_open(1, O_RDONLY, 0), -EFAULT);
	CHECK_ERRNO(open("debug:", O_ACCMODE), EINVAL);
}

TEST(bad_descriptors_fail_ebadf)
{
	char c;

	CHECK_ERRNO(read(200, &c, 1), EBADF);
	CHECK_ERRNO(write(-1, &c, 1), EBADF);
	CHECK_ERRNO(close(1000), EBADF);
	CHECK_ERRNO(dup(77), EBADF);
	CHECK_ERRNO(dup2(77, 5), EBADF);
	CHECK_ERRNO(fcntl(77, F_GETFD), EBADF);
	CHECK_ERRNO(lseek(1, 0, SEEK_SET), ESPIPE);
}

TEST(access_modes_are_enforced)
{
	int fds[2];
	char c = 'x';

	CHECK(pipe(fds) == 0);
	CHECK_ERRNO(write(fds[0], &c, 1), EBADF);
	CHECK_ERRNO(read(fds[1], &c, 1), EBADF);
	close(fds[0]);
	close(fds[1]);
}

TEST(dup_and_dup2_share_the_open_file)
{
	int fds[2];
	char buf[8];

	CHECK(pipe(fds) == 0);
	int copy = dup(fds[1]);
	CHECK(copy > fds[1]);
	CHECK(dup2(fds[1], 50) == 50);
	CHECK(dup2(50, 50) == 50);
	CHECK(write(copy, "ab", 2) == 2);
	CHECK(write(50, "c", 1) == 1);
	CHECK(read(fds[0], buf, sizeof(buf)) == 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK(close(50) == 0 && close(copy) == 0 && close(fds[1]) == 0);
	CHECK(read(fds[0], buf, 1) == 0);       /* every writer gone: EOF */
	close(fds[0]);
}

TEST(fcntl_flags_and_lowest_free_descriptor)
{
	int fds[2];

	CHECK(pipe2(fds, O_CLOEXEC) == 0);
	CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(fds[0], F_SETFD, 0) == 0);
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0);
	CHECK((fcntl(fds[0], F_GETFL) & O_NONBLOCK) == 0);
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
	CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(fds[0], F_DUPFD, 100) == 100);
	CHECK_ERRNO(fcntl(fds[0], 9999), EINVAL);
	close(100);
	close(fds[0]);
	close(fds[1]);
}

TEST(pipe_eof_and_nonblocking_reads)
{
	int fds[2];
	char c;
	struct stat st;

	CHECK(pipe2(fds, O_NONBLOCK) == 0);
	CHECK(fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK_ERRNO(read(fds[0], &c, 1), EAGAIN);
	CHECK(write(fds[1], "z", 1) == 1);
	CHECK(read(fds[0], &c, 1) == 1 && c == 'z');
	close(fds[1]);
	CHECK(read(fds[0], &c, 1) == 0);
	close(fds[0]);
	int *volatile bad = (int *)8;          /* volatile: no compile-time warning */
	CHECK_ERRNO(pipe(bad), EFAULT);
	CHECK_ERRNO(pipe2(fds, 0x40000000), EINVAL);
}

TEST(failed_pipe_read_leaves_the_data)
{
	int fds[2];
	char buf[8];
	char *volatile bad = (char *)16;        /* mapped nowhere */

	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "abc", 3) == 3);
	CHECK_ERRNO(read(fds[0], bad, 3), EFAULT);
	CHECK(read(fds[0], buf, sizeof(buf)) == 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	close(fds[0]);
	close(fds[1]);
}

TEST(write_without_readers_is_epipe_and_sigpipe)
{
	int fds[2];

	CHECK(pipe(fds) == 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO(write(fds[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	pid_t pid = utest_fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	close(fds[1]);
}

TEST(pipe_carries_data_between_processes)
{
	enum { SIZE = 200000 };
	int fds[2];
	unsigned char *buf = malloc(SIZE);

	CHECK(buf && pipe(fds) == 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		close(fds[0]);
		for (int i = 0; i < SIZE; i++)
			buf[i] = (unsigned char)(i * 7 + i / 251);
		CHILD_CHECK(write(fds[1], buf, SIZE) == SIZE);
		_exit(0);
	}
	close(fds[1]);
	size_t got = 0;
	ssize_t n;
	while ((n = read(fds[0], buf + got, SIZE - got)) > 0)
		got += (size_t)n;
	CHECK(n == 0);
	CHECK_EQ(got, SIZE);
	for (int i = 0; i < SIZE; i++)
		CHECK(buf[i] == (unsigned char)(i * 7 + i / 251));
	CHECK_EQ(utest_wait(pid), 0);
	close(fds[0]);
	free(buf);
}

TEST(small_writes_are_not_interleaved)
{
	enum { WRITERS = 4, ROUNDS = 200, LEN = 512 };
	int fds[2];

	CHECK(pipe(fds) == 0);
	for (int w = 0; w < WRITERS; w++) {
		if (utest_fork() == 0) {
			char rec[LEN];
			close(fds[0]);
			memset(rec, 'a' + w, sizeof(rec));
			for (int r = 0; r < ROUNDS; r++)
				CHILD_CHECK(write(fds[1], rec, LEN) == LEN);
			_exit(0);
		}
	}
	close(fds[1]);
	char rec[LEN];
	int records = 0;
	for (;;) {
		size_t got = 0;
		ssize_t n = 0;
		while (got < LEN && (n = read(fds[0], rec + got, LEN - got)) > 0)
			got += (size_t)n;
		if (got == 0)
			break;
		CHECK_EQ(got, LEN);
		for (int i = 1; i < LEN; i++)
			CHECK(rec[i] == rec[0]);
		records++;
	}
	CHECK_EQ(records, WRITERS * ROUNDS);
	for (int w = 0; w < WRITERS; w++)
		CHECK(wait(NULL) > 0);
	close(fds[0]);
}

TEST(close_on_exec_closes_only_marked_descriptors)
{
	int fds[2];

	CHECK(pipe(fds) == 0);
	CHECK(fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		char a[16], b[16];
		snprintf(a, sizeof(a), "%d", fds[0]);
		snprintf(b, sizeof(b), "%d", fds[1]);
		char *argv[] = { "helper_fd_state", a, b, NULL };
		char *envp[] = { NULL };
		execve("/bin/tests/helper_fd_state", argv, envp);
		_exit(98);
	}
	/* The helper exits 1 if argv[1] is open and argv[2] closed. */
	int status = utest_wait(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	close(fds[0]);
	close(fds[1]);
}

TEST(namespaces_only_shrink_and_hide_schemes)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		const char *keep[] = { "pipe", "nosuch" };
		int fds[2];
		CHILD_CHECK(tessera_mkns(keep, 2) == 0);
		CHILD_CHECK(open("debug:", O_RDONLY) == -1 && errno == ENOENT);
		CHILD_CHECK(pipe(fds) == 0);
		const char *widen[] = { "debug", "pipe" };
		CHILD_CHECK(tessera_mkns(widen, 2) == 0);
		CHILD_CHECK(open("debug:", O_RDONLY) == -1 && errno == ENOENT);
		CHILD_CHECK(write(1, "", 0) == 0);      /* open descriptors stay */
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	int fd = open("debug:", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERRNO(tessera_mkns((const char *const *)8, 1), EFAULT);
}
