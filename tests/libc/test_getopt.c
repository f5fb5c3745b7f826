// SPDX-License-Identifier: MIT
/*
 * getopt, getopt_long and getopt_long_only as glibc behaves: permutation
 * of operands after options, "--", missing and unknown options in both
 * error modes, option clusters and attached arguments, '+' and '-'
 * orderings, abbreviations of long options, and restarting a scan with
 * optind = 0 or optind = 1 after a finished one. Messages go to stderr,
 * which these tests silence with opterr = 0 or a leading ':'.
 */
#include "utest.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

/* Starts every test from scratch, as a fresh program would. */
static void reset(void)
{
	optind = 0;
	opterr = 0;
	optarg = NULL;
	unsetenv("POSIXLY_CORRECT");
}

/* Runs getopt to the end; the letters it returned (arguments as "=arg"). */
static const char *collect(int argc, char **argv, const char *optstring)
{
	static char out[256];
	size_t n = 0;
	int c;

	while ((c = getopt(argc, argv, optstring)) != -1 && n < sizeof(out) - 32) {
		out[n++] = c == 1 ? '@' : (char)c;
		if (optarg) {
			size_t len = strlen(optarg);
			out[n++] = '=';
			memcpy(out + n, optarg, len);
			n += len;
			out[n++] = ',';
		}
	}
	out[n] = '\0';
	return out;
}

TEST(getopt_reads_clusters_and_attached_arguments)
{
	char *argv[] = { "prog", "-ab", "-cvalue", "-c", "next", "-bc", "x", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "abc:"), "abc=value,c=next,bc=x,");
	CHECK_EQ(optind, 7);
}

TEST(getopt_permutes_operands_after_options)
{
	char *argv[] = { "prog", "file1", "-a", "file2", "-b", "arg", "file3", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "ab:"), "ab=arg,");
	CHECK_EQ(optind, 4);
	CHECK_STR(argv[1], "-a");
	CHECK_STR(argv[2], "-b");
	CHECK_STR(argv[3], "arg");
	CHECK_STR(argv[4], "file1");
	CHECK_STR(argv[5], "file2");
	CHECK_STR(argv[6], "file3");
}

TEST(double_dash_ends_the_options)
{
	char *argv[] = { "prog", "x", "-a", "--", "-b", "y", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "ab"), "a");
	CHECK_EQ(optind, 3);
	CHECK_STR(argv[1], "-a");
	CHECK_STR(argv[2], "--");
	CHECK_STR(argv[3], "x");
	CHECK_STR(argv[4], "-b");
}

TEST(a_lone_dash_is_an_operand)
{
	char *argv[] = { "prog", "-", "-a", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "a"), "a");
	CHECK_EQ(optind, 2);
	CHECK_STR(argv[2], "-");
}

TEST(plus_or_posixly_correct_stops_at_the_first_operand)
{
	char *argv[] = { "prog", "-a", "file", "-b", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "+ab"), "a");
	CHECK_EQ(optind, 2);
	CHECK_STR(argv[2], "file");
	reset();
	setenv("POSIXLY_CORRECT", "1", 1);
	CHECK_STR(collect(ARGC(argv), argv, "ab"), "a");
	CHECK_EQ(optind, 2);
	unsetenv("POSIXLY_CORRECT");
}

TEST(leading_dash_returns_operands_in_order_as_option_1)
{
	char *argv[] = { "prog", "x", "-a", "y", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "-a"), "@=x,a@=y,");
	CHECK_EQ(optind, 4);
}

TEST(unknown_options_are_question_marks_with_optopt)
{
	char *argv[] = { "prog", "-x", "-a", NULL };

	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, "a"), '?');
	CHECK_EQ(optopt, 'x');
	CHECK_EQ(getopt(ARGC(argv), argv, "a"), 'a');
	CHECK_EQ(getopt(ARGC(argv), argv, "a"), -1);
}

TEST(missing_argument_is_question_mark_or_colon)
{
	char *argv[] = { "prog", "-b", NULL };

	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, "ab:"), '?');
	CHECK_EQ(optopt, 'b');
	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, ":ab:"), ':');
	CHECK_EQ(optopt, 'b');
	CHECK_EQ(optind, 2);
	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, ":a"), '?');
	CHECK_EQ(optopt, 'b');
}

TEST(an_option_argument_may_look_like_an_option)
{
	char *argv[] = { "prog", "-o", "-a", "--", NULL };

	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, "ao:"), 'o');
	CHECK_STR(optarg, "-a");
	CHECK_EQ(getopt(ARGC(argv), argv, "ao:"), -1);
	CHECK_EQ(optind, 4);
}

TEST(optional_arguments_must_be_attached)
{
	char *argv[] = { "prog", "-ovalue", "-o", "word", NULL };

	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, "o::"), 'o');
	CHECK_STR(optarg, "value");
	CHECK_EQ(getopt(ARGC(argv), argv, "o::"), 'o');
	CHECK(optarg == NULL);
	CHECK_EQ(getopt(ARGC(argv), argv, "o::"), -1);
	CHECK_EQ(optind, 3);
	CHECK_STR(argv[optind], "word");
}

TEST(optind_0_or_1_restarts_a_finished_scan)
{
	char *argv[] = { "prog", "-a", "-b", NULL };

	reset();
	CHECK_STR(collect(ARGC(argv), argv, "ab"), "ab");
	optind = 0;
	CHECK_STR(collect(ARGC(argv), argv, "ab"), "ab");
	optind = 1;
	CHECK_STR(collect(ARGC(argv), argv, "ab"), "ab");
	CHECK_EQ(optind, 3);
}

TEST(no_arguments_means_no_options)
{
	char *argv[] = { "prog", NULL };

	reset();
	CHECK_EQ(getopt(ARGC(argv), argv, "a"), -1);
	CHECK_EQ(optind, 1);
}

static int verbose_flag;

static const struct option long_options[] = {
	{ "verbose", no_argument, &verbose_flag, 1 },
	{ "output", required_argument, NULL, 'o' },
	{ "color", optional_argument, NULL, 'C' },
	{ "colour", optional_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ "hello", no_argument, NULL, 'H' },
	{ NULL, 0, NULL, 0 },
};

TEST(getopt_long_sets_flags_and_returns_values)
{
	char *argv[] = { "prog", "--verbose", "--output=file", "--output", "f2", "-x", NULL };
	int index = -1;

	reset();
	verbose_flag = 0;
	CHECK_EQ(getopt_long(ARGC(argv), argv, "o:x", long_options, &index), 0);
	CHECK_EQ(verbose_flag, 1);
	CHECK_EQ(index, 0);
	CHECK_EQ(getopt_long(ARGC(argv), argv, "o:x", long_options, &index), 'o');
	CHECK_STR(optarg, "file");
	CHECK_EQ(index, 1);
	CHECK_EQ(getopt_long(ARGC(argv), argv, "o:x", long_options, &index), 'o');
	CHECK_STR(optarg, "f2");
	CHECK_EQ(getopt_long(ARGC(argv), argv, "o:x", long_options, &index), 'x');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "o:x", long_options, &index), -1);
	CHECK_EQ(optind, 6);
}

TEST(getopt_long_optional_argument_only_with_equals)
{
	char *argv[] = { "prog", "--color", "always", "--color=never", NULL };

	reset();
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), 'C');
	CHECK(optarg == NULL);
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), 'C');
	CHECK_STR(optarg, "never");
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), -1);
	CHECK_EQ(optind, 3);
	CHECK_STR(argv[3], "always");
}

TEST(getopt_long_accepts_unique_abbreviations)
{
	char *argv[] = { "prog", "--out", "x", "--verb", "--col", "--hel", NULL };

	reset();
	verbose_flag = 0;
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), 'o');
	CHECK_STR(optarg, "x");
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), 0);
	CHECK_EQ(verbose_flag, 1);
	/* color and colour do the same: not ambiguous. */
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), 'C');
	/* help and hello differ: ambiguous. */
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), '?');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), -1);
}

TEST(getopt_long_errors)
{
	char *argv[] = { "prog", "--nope", "--help=x", "--output", NULL };

	reset();
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), '?');
	CHECK_EQ(optopt, 0);
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), '?');
	CHECK_EQ(optopt, 'h');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), '?');
	CHECK_EQ(optopt, 'o');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "", long_options, NULL), -1);
	reset();
	optind = 3;
	CHECK_EQ(getopt_long(ARGC(argv), argv, ":", long_options, NULL), ':');
}

TEST(getopt_long_permutes_too)
{
	char *argv[] = { "prog", "in", "--output", "o", "more", "-x", NULL };

	reset();
	CHECK_EQ(getopt_long(ARGC(argv), argv, "x", long_options, NULL), 'o');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "x", long_options, NULL), 'x');
	CHECK_EQ(getopt_long(ARGC(argv), argv, "x", long_options, NULL), -1);
	CHECK_EQ(optind, 4);
	CHECK_STR(argv[4], "in");
	CHECK_STR(argv[5], "more");
}

TEST(getopt_long_only_takes_single_dash_long_options)
{
	char *argv[] = { "prog", "-output", "f", "-help", "-x", "-o", "g", NULL };

	reset();
	CHECK_EQ(getopt_long_only(ARGC(argv), argv, "xo:", long_options, NULL), 'o');
	CHECK_STR(optarg, "f");
	CHECK_EQ(getopt_long_only(ARGC(argv), argv, "xo:", long_options, NULL), 'h');
	/* A single letter that is a short option stays one. */
	CHECK_EQ(getopt_long_only(ARGC(argv), argv, "xo:", long_options, NULL), 'x');
	CHECK_EQ(getopt_long_only(ARGC(argv), argv, "xo:", long_options, NULL), 'o');
	CHECK_STR(optarg, "g");
	CHECK_EQ(getopt_long_only(ARGC(argv), argv, "xo:", long_options, NULL), -1);
}
