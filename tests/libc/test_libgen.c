// SPDX-License-Identifier: MIT
/*
 * POSIX basename and dirname (<libgen.h>) on the table of cases POSIX
 * gives and a few more, each on a writable copy since both may modify
 * their argument.
 */
#include "utest.h"

#include <libgen.h>
#include <string.h>

static const struct {
	const char *path, *dir, *base;
} cases[] = {
	{ "/usr/lib", "/usr", "lib" }, { "/usr/", "/", "usr" }, { "usr", ".", "usr" },
	{ "/", "/", "/" }, { ".", ".", "." }, { "..", ".", ".." },
	{ "a/b/c/", "a/b", "c" }, { "a//b", "a", "b" }, { "a/b//", "a", "b" },
	{ "///", "/", "/" }, { "/a", "/", "a" }, { "/a/b", "/a", "b" },
	{ "./x", ".", "x" }, { "x/", ".", "x" }, { "///a///b///", "///a", "b" },
};

TEST(basename_follows_posix)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		strcpy(buf, cases[i].path);
		CHECK_STR(basename(buf), cases[i].base);
	}
}

TEST(dirname_follows_posix)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		strcpy(buf, cases[i].path);
		CHECK_STR(dirname(buf), cases[i].dir);
	}
}

TEST(null_and_empty_paths_are_dot)
{
	char empty[1] = "";

	CHECK_STR(basename(NULL), ".");
	CHECK_STR(dirname(NULL), ".");
	CHECK_STR(basename(empty), ".");
	CHECK_STR(dirname(empty), ".");
}
