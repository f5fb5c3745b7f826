// SPDX-License-Identifier: MIT
/*
 * fnmatch: tables of pattern, string, flags and the expected answer,
 * covering wildcards, bracket expressions (ranges, negation with '!' and
 * '^', classes, ']' first), escapes, FNM_PATHNAME, FNM_PERIOD,
 * FNM_CASEFOLD and FNM_LEADING_DIR, plus a pattern that would take
 * exponential time in a naive matcher.
 */
#include "utest.h"

#include <fnmatch.h>
#include <string.h>

typedef struct {
	const char *pattern, *string;
	int flags;
	bool match;
} fnmatch_case_t;

static bool run_table(const fnmatch_case_t *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int r = fnmatch(cases[i].pattern, cases[i].string, cases[i].flags);
		if (r != (cases[i].match ? 0 : FNM_NOMATCH)) {
			utest_fail_str(__FILE__, __LINE__, cases[i].pattern, cases[i].string,
				       cases[i].match ? "a match" : "no match");
			return false;
		}
	}
	return true;
}

#define TABLE(t) run_table(t, sizeof(t) / sizeof(t[0]))

TEST(wildcards_match_as_in_the_shell)
{
	static const fnmatch_case_t t[] = {
		{ "", "", 0, true }, { "", "a", 0, false }, { "a", "a", 0, true },
		{ "a", "b", 0, false }, { "?", "a", 0, true }, { "?", "", 0, false },
		{ "??", "a", 0, false }, { "*", "", 0, true }, { "*", "anything", 0, true },
		{ "a*", "a", 0, true }, { "a*b", "ab", 0, true }, { "a*b", "axxb", 0, true },
		{ "a*b", "axxbc", 0, false }, { "*.c", "main.c", 0, true },
		{ "*.c", "main.h", 0, false }, { "a*b*c", "abbbcbc", 0, true },
		{ "a*b*c", "abbbcbd", 0, false }, { "***a", "ba", 0, true },
		{ "*?", "", 0, false }, { "*?", "x", 0, true }, { "a?c", "abc", 0, true },
		{ "a/b", "a/b", 0, true }, { "*", "a/b", 0, true }, { "a?b", "a/b", 0, true },
	};

	CHECK(TABLE(t));
}

TEST(bracket_expressions)
{
	static const fnmatch_case_t t[] = {
		{ "[abc]", "b", 0, true }, { "[abc]", "d", 0, false },
		{ "[a-c]", "b", 0, true }, { "[a-c]", "d", 0, false },
		{ "[!a-c]", "d", 0, true }, { "[!a-c]", "a", 0, false },
		{ "[^a-c]", "d", 0, true }, { "[^a-c]", "b", 0, false },
		{ "[]]", "]", 0, true }, { "[]a]", "a", 0, true }, { "[!]]", "]", 0, false },
		{ "[!]]", "x", 0, true }, { "[a-]", "-", 0, true }, { "[-a]", "-", 0, true },
		{ "[[:alpha:]]", "q", 0, true }, { "[[:alpha:]]", "1", 0, false },
		{ "[[:digit:]x]", "7", 0, true }, { "[[:digit:]x]", "x", 0, true },
		{ "[[:space:]]", "\t", 0, true }, { "[[:upper:]]", "a", 0, false },
		{ "[[:lower:]]", "a", 0, true }, { "[[:xdigit:]]", "F", 0, true },
		{ "[[:punct:]]", "!", 0, true }, { "[[:alnum:]]", "_", 0, false },
		{ "[![:digit:]]", "a", 0, true }, { "[![:digit:]]", "5", 0, false },
		{ "[a", "[a", 0, true }, { "[a", "a", 0, false }, { "a[", "a[", 0, true },
		{ "[\\]]", "]", 0, true }, { "[\\!a]", "!", 0, true }, { "[*]", "*", 0, true },
		{ "[*]", "a", 0, false }, { "x[0-9][0-9]", "x42", 0, true },
		{ "[.]", ".", 0, true }, { "[[.a.]]", "a", 0, true }, { "[[=b=]]", "b", 0, true },
	};

	CHECK(TABLE(t));
}

TEST(backslash_escapes_unless_noescape)
{
	static const fnmatch_case_t t[] = {
		{ "\\*", "*", 0, true }, { "\\*", "a", 0, false }, { "\\?", "?", 0, true },
		{ "\\[a]", "[a]", 0, true }, { "\\a", "a", 0, true },
		{ "\\*", "\\x", FNM_NOESCAPE, true }, { "\\*", "*", FNM_NOESCAPE, false },
		{ "a\\", "a\\", FNM_NOESCAPE, true }, { "a\\\\", "a\\", 0, true },
		{ "[\\]", "\\", FNM_NOESCAPE, true },
	};

	CHECK(TABLE(t));
}

TEST(pathname_makes_slashes_explicit)
{
	static const fnmatch_case_t t[] = {
		{ "*", "a/b", FNM_PATHNAME, false }, { "*/*", "a/b", FNM_PATHNAME, true },
		{ "a?b", "a/b", FNM_PATHNAME, false }, { "a[/]b", "a/b", FNM_PATHNAME, false },
		{ "*/b", "a/b", FNM_PATHNAME, true }, { "a/*", "a/b/c", FNM_PATHNAME, false },
		{ "a/*/c", "a/b/c", FNM_PATHNAME, true }, { "/*", "/x", FNM_PATHNAME, true },
		{ "*.c", "dir/x.c", FNM_PATHNAME, false }, { "*/*.c", "dir/x.c", FNM_PATHNAME, true },
		{ "a//b", "a//b", FNM_PATHNAME, true }, { "a/", "a/", FNM_PATHNAME, true },
	};

	CHECK(TABLE(t));
}

TEST(period_must_be_matched_explicitly)
{
	static const fnmatch_case_t t[] = {
		{ "*", ".profile", FNM_PERIOD, false }, { "*", ".profile", 0, true },
		{ "?profile", ".profile", FNM_PERIOD, false }, { ".*", ".profile", FNM_PERIOD, true },
		{ "[.]profile", ".profile", FNM_PERIOD, false }, { "*.c", ".c", FNM_PERIOD, false },
		{ "a*", "a.b", FNM_PERIOD, true },
		{ "*/*", "dir/.hidden", FNM_PATHNAME | FNM_PERIOD, false },
		{ "*/.*", "dir/.hidden", FNM_PATHNAME | FNM_PERIOD, true },
		{ "*/*", "dir/.hidden", FNM_PATHNAME, true },
		{ "*", "dir/.hidden", FNM_PERIOD, true },
	};

	CHECK(TABLE(t));
}

TEST(casefold_ignores_case)
{
	static const fnmatch_case_t t[] = {
		{ "abc", "ABC", FNM_CASEFOLD, true }, { "abc", "ABC", 0, false },
		{ "[a-c]x", "BX", FNM_CASEFOLD, true }, { "[A-C]", "b", FNM_CASEFOLD, true },
		{ "*.TXT", "readme.txt", FNM_CASEFOLD, true }, { "x", "X", FNM_CASEFOLD, true },
	};

	CHECK(TABLE(t));
}

TEST(leading_dir_matches_a_directory_prefix)
{
	static const fnmatch_case_t t[] = {
		{ "a", "a/b/c", FNM_LEADING_DIR, true }, { "a", "ab/c", FNM_LEADING_DIR, false },
		{ "a/*", "a/b/c", FNM_PATHNAME | FNM_LEADING_DIR, true },
		{ "*", "x/y", FNM_PATHNAME | FNM_LEADING_DIR, true },
		{ "a/b", "a/b", FNM_LEADING_DIR, true },
	};

	CHECK(TABLE(t));
}

TEST(many_stars_do_not_take_exponential_time)
{
	char s[200];

	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	CHECK_EQ(fnmatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", s, 0), FNM_NOMATCH);
	CHECK_EQ(fnmatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", s, 0), 0);
}
