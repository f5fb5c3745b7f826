// SPDX-License-Identifier: MIT
/*
 * Command-line options: POSIX getopt (also declared by <unistd.h>; the
 * declarations are identical, so having both is harmless) and GNU's
 * getopt_long and getopt_long_only.
 *
 * Like glibc, getopt permutes: options after operands are still found
 * ("prog file -v"), the operands ending up after them in argv, unless the
 * option string starts with '+' or POSIXLY_CORRECT is set (then the first
 * operand ends the options, as POSIX says), or with '-' (then each operand
 * is returned as the argument of an option 1). "--" always ends the
 * options. A ':' first (after any '+'/'-') silences the messages and makes
 * a missing argument ':' instead of '?'. Setting optind to 0 (or back to
 * 1) starts over.
 */
#pragma once

extern char *optarg;
extern int optind, opterr, optopt;

int getopt(int argc, char *const argv[], const char *optstring);

struct option {
	const char *name;
	int has_arg;    /* no_argument, required_argument or optional_argument */
	int *flag;      /* non-NULL: *flag = val and getopt_long returns 0 */
	int val;
};

#define no_argument       0
#define required_argument 1
#define optional_argument 2

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex);
int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex);
