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

static int run_capture(char *const argv[], const char *in, char *out, size_t size)
{
	return utest_run(argv, NULL, in, 0, out, size);
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
