// SPDX-License-Identifier: MIT
/*
 * popen and pclose: streams on pipes to and from `/bin/sh -c command`.
 * Tests that need a shell skip when /bin/sh does not exist (Tessera has
 * none yet); the exit status 127 of a command that cannot run holds with
 * and without one.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static bool have_shell(void)
{
	int fd = open("/bin/sh", O_RDONLY);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

#define NEED_SHELL()                            \
	do {                                    \
		if (!have_shell())              \
			SKIP("no /bin/sh");     \
	} while (0)

TEST(popen_r_reads_what_the_command_prints)
{
	char line[32];
	FILE *f;

	NEED_SHELL();
	CHECK((f = popen("echo hello; echo world", "r")) != NULL);
	CHECK(fgets(line, sizeof(line), f) == line);
	CHECK_STR(line, "hello\n");
	CHECK(fgets(line, sizeof(line), f) == line);
	CHECK_STR(line, "world\n");
	CHECK(fgets(line, sizeof(line), f) == NULL);
	CHECK(feof(f));
	CHECK_EQ(pclose(f), 0);
}

TEST(popen_w_feeds_the_command_input)
{
	char cmd[128], path[64], buf[32] = { 0 };
	int fd;
	FILE *f;

	NEED_SHELL();
	snprintf(path, sizeof(path), "/tmp/popen.%d.out", (int)getpid());
	snprintf(cmd, sizeof(cmd), "cat > %s", path);
	CHECK((f = popen(cmd, "w")) != NULL);
	CHECK(fprintf(f, "to %s\n", "cat") > 0);
	CHECK_EQ(pclose(f), 0);
	CHECK((fd = open(path, O_RDONLY)) >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf) - 1), 7);
	CHECK_STR(buf, "to cat\n");
	close(fd);
	unlink(path);
}

TEST(pclose_returns_the_wait_status_of_the_command)
{
	FILE *f;
	int st;

	NEED_SHELL();
	CHECK((f = popen("exit 3", "r")) != NULL);
	st = pclose(f);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 3);
}

TEST(a_command_that_cannot_run_exits_127)
{
	FILE *f;
	int st;

	CHECK((f = popen("/nonexistent/command/for/popen", "r")) != NULL);
	CHECK_EQ(fgetc(f), EOF);
	st = pclose(f);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 127);
}

TEST(popen_rejects_a_mode_other_than_r_or_w)
{
	errno = 0;
	CHECK(popen("true", "x") == NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(popen("true", "rw") == NULL);
	CHECK_EQ(errno, EINVAL);
}

TEST(popen_e_makes_the_stream_close_on_exec)
{
	FILE *f, *g;

	NEED_SHELL();
	CHECK((f = popen("true", "re")) != NULL);
	CHECK((g = popen("true", "r")) != NULL);
	CHECK(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC);
	CHECK(!(fcntl(fileno(g), F_GETFD) & FD_CLOEXEC));
	CHECK_EQ(pclose(f), 0);
	CHECK_EQ(pclose(g), 0);
}

TEST(a_second_popen_child_does_not_hold_the_first_pipe)
{
	char cmd[128], path[64], buf[16] = { 0 };
	FILE *w, *r;
	int fd;

	NEED_SHELL();
	snprintf(path, sizeof(path), "/tmp/popen.%d.two", (int)getpid());
	snprintf(cmd, sizeof(cmd), "cat > %s", path);
	CHECK((w = popen(cmd, "w")) != NULL);
	/* This child waits for input until we close it. */
	CHECK((r = popen("read x", "w")) != NULL);
	fputs("data\n", w);
	/* cat ends only if no other child holds its pipe's write end. */
	CHECK_EQ(pclose(w), 0);
	CHECK((fd = open(path, O_RDONLY)) >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf) - 1), 5);
	close(fd);
	fputs("go\n", r);
	CHECK_EQ(pclose(r), 0);
	unlink(path);
}
