// SPDX-License-Identifier: MIT
/*
 * Programs ported with tools/x86_64-tessera-gcc (tests/port/, built by
 * their own Makefiles) run inside Tessera and behave as on Linux.
 */
#include "utest.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs argv with stdin from `in` (or nothing); its output in out. */
static int run_capture(char *const argv[], const char *in, char *out, size_t size)
{
	int to[2], from[2];

	if (pipe(to) < 0 || pipe(from) < 0)
		return -1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	if (in)
		write(to[1], in, strlen(in));
	close(to[1]);
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(from[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(from[0]);
	return utest_wait(pid);
}

TEST(wordfreq_counts_words_from_stdin)
{
	char out[512];
	char *argv[] = { "/usr/bin/wordfreq", "-i", "-n", "2", NULL };
	int status = run_capture(argv, "the cat and the dog and THE end\n", out, sizeof(out));

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_STR(out, "the             3  37.50%  1.42\n"
		       "and             2  25.00%  2.00\n"
		       "8 words, 5 distinct\n");
}

TEST(wordfreq_reports_a_missing_file)
{
	char out[512];
	char *argv[] = { "/usr/bin/wordfreq", "/no/such/file", NULL };
	int status = run_capture(argv, NULL, out, sizeof(out));

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	CHECK_STR(out, "0 words, 0 distinct\n");
}

TEST(wordfreq_rejects_a_bad_option)
{
	char out[512];
	char *argv[] = { "/usr/bin/wordfreq", "-n", "x", NULL };
	int status = run_capture(argv, "", out, sizeof(out));

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 2);
}
