// SPDX-License-Identifier: MIT
/*
 * regex.h: tables of flags, pattern, subject and the expected answer,
 * written as the match and every subexpression, "(so,eo)(so,eo)...",
 * or "nomatch", or "error N". They cover both syntaxes (with GNU's
 * \| \+ \? and word operators), bracket expressions and classes,
 * intervals, anchors, back-references, the flags, leftmost-longest
 * matching and the submatch choices glibc makes, compile errors,
 * regerror, REG_STARTEND, and patterns that would take exponential time
 * in a naive backtracking matcher. The same expectations hold on glibc.
 */
#include "utest.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	int cflags;
	const char *pattern;
	const char *string;
	int eflags;
	const char *want;
} regex_case_t;

#define E REG_EXTENDED
#define I REG_ICASE
#define N REG_NEWLINE

/* Runs one case and writes its answer in the tables' notation. */
static void regex_answer(const regex_case_t *c, char *out, size_t size)
{
	regex_t re;
	regmatch_t m[10];
	int err = regcomp(&re, c->pattern, c->cflags);

	if (err) {
		snprintf(out, size, "error %d", err);
		return;
	}
	int r = regexec(&re, c->string, 10, m, c->eflags);
	if (r == REG_NOMATCH) {
		snprintf(out, size, "nomatch");
	} else if (r) {
		snprintf(out, size, "exec error %d", r);
	} else {
		size_t len = 0;
		out[0] = '\0';
		for (size_t i = 0; i <= re.re_nsub && i < 10 && len < size; i++)
			len += (size_t)snprintf(out + len, size - len, "(%ld,%ld)",
						(long)m[i].rm_so, (long)m[i].rm_eo);
	}
	regfree(&re);
}

static bool run_table(const regex_case_t *cases, size_t n)
{
	char got[200];

	for (size_t i = 0; i < n; i++) {
		regex_answer(&cases[i], got, sizeof(got));
		if (strcmp(got, cases[i].want) != 0) {
			char what[160];
			snprintf(what, sizeof(what), "/%s/ flags %d on \"%s\"", cases[i].pattern,
				 cases[i].cflags, cases[i].string);
			utest_fail_str(__FILE__, __LINE__, what, got, cases[i].want);
			return false;
		}
	}
	return true;
}

#define TABLE(t) run_table(t, sizeof(t) / sizeof(t[0]))

TEST(basic_syntax)
{
	static const regex_case_t t[] = {
		{ 0, "abc", "xabcx", 0, "(1,4)" },
		{ 0, "abc", "xabx", 0, "nomatch" },
		{ 0, "", "abc", 0, "(0,0)" },
		{ 0, "a.c", "abc", 0, "(0,3)" },
		{ 0, "a*", "aaa", 0, "(0,3)" },
		{ 0, "a*", "baaa", 0, "(0,0)" },
		{ 0, "ba*", "xbaaa", 0, "(1,5)" },
		{ 0, "\\(ab\\)*c", "ababc", 0, "(0,5)(2,4)" },
		{ 0, "a\\{2,3\\}", "aaaa", 0, "(0,3)" },
		{ 0, "a\\{2\\}", "a", 0, "nomatch" },
		{ 0, "a\\{2,\\}", "aaaaa", 0, "(0,5)" },
		{ 0, "x\\{0\\}y", "y", 0, "(0,1)" },
		{ 0, "a+?", "a+?", 0, "(0,3)" },
		{ 0, "a\\+", "aa", 0, "(0,2)" },
		{ 0, "ba\\?", "b", 0, "(0,1)" },
		{ 0, "a\\|b", "b", 0, "(0,1)" },
		{ 0, "(a)", "(a)", 0, "(0,3)" },
		{ 0, "a{1}", "a{1}", 0, "(0,4)" },
		{ 0, "a|b", "a|b", 0, "(0,3)" },
		{ 0, "\\.", "a.", 0, "(1,2)" },
		{ 0, "\\n", "n", 0, "(0,1)" },
		{ 0, "\\(\\)", "x", 0, "(0,0)(0,0)" },
	};

	CHECK(TABLE(t));
}

TEST(basic_syntax_context_rules)
{
	static const regex_case_t t[] = {
		{ 0, "*a", "*a", 0, "(0,2)" },
		{ 0, "\\(*a\\)", "*a", 0, "(0,2)(0,2)" },
		{ 0, "^*", "*", 0, "(0,1)" },
		{ 0, "a\\|*b", "*b", 0, "(0,2)" },
		{ 0, "\\+a", "+a", 0, "(0,2)" },
		{ 0, "\\?a", "?a", 0, "(0,2)" },
		{ 0, "a^b", "a^b", 0, "(0,3)" },
		{ 0, "a$b", "a$b", 0, "(0,3)" },
		{ 0, "^^", "^", 0, "(0,1)" },
		{ 0, "$$", "$", 0, "(0,1)" },
		{ 0, "\\(^a\\)", "a", 0, "(0,1)(0,1)" },
		{ 0, "x\\(a$\\)", "xa", 0, "(0,2)(1,2)" },
		{ 0, "x\\|^a", "a", 0, "(0,1)" },
		{ 0, "a*\\+", "aa", 0, "(0,2)" },
	};

	CHECK(TABLE(t));
}

TEST(extended_syntax)
{
	static const regex_case_t t[] = {
		{ E, "a|b|c", "xc", 0, "(1,2)" },
		{ E, "a+", "baaa", 0, "(1,4)" },
		{ E, "ba?c", "bc", 0, "(0,2)" },
		{ E, "(ab)+", "ababx", 0, "(0,4)(2,4)" },
		{ E, "a{2}", "aaa", 0, "(0,2)" },
		{ E, "a{,2}", "aaa", 0, "(0,2)" },
		{ E, "a{1}*", "a", 0, "(0,1)" },
		{ E, "x{1}{2}", "x", 0, "nomatch" },
		{ E, "a**", "aa", 0, "(0,2)" },
		{ E, "a+*", "aa", 0, "(0,2)" },
		{ E, "()", "x", 0, "(0,0)(0,0)" },
		{ E, "a|", "x", 0, "(0,0)" },
		{ E, "(|a)", "a", 0, "(0,1)(0,1)" },
		{ E, "a)", "a)", 0, "(0,2)" },
		{ E, "\\{", "{", 0, "(0,1)" },
		{ E, "\\(a\\)", "(a)", 0, "(0,3)" },
		{ E, "a^b", "a^b", 0, "nomatch" },
		{ E, "a$b", "a$b", 0, "nomatch" },
		{ E, "(^a)", "a", 0, "(0,1)(0,1)" },
		{ E, "b(^a)", "ba", 0, "nomatch" },
		{ E, "a$|b", "a", 0, "(0,1)" },
		{ E, "a{0}", "a", 0, "(0,0)" },
		{ E, "(a){0}b", "b", 0, "(0,1)(-1,-1)" },
		{ E, "a{1,255}", "aaa", 0, "(0,3)" },
		{ E, "(a{1,3}){1,3}", "aaaaaaa", 0, "(0,7)(6,7)" },
		{ E, "(a{1,3}){2}", "aaaa", 0, "(0,4)(3,4)" },
	};

	CHECK(TABLE(t));
}

TEST(matches_are_leftmost_then_longest)
{
	static const regex_case_t t[] = {
		{ E, "a|ab|abc", "abcd", 0, "(0,3)" },
		{ E, "abcd|bc", "abcd", 0, "(0,4)" },
		{ E, "bc|abcd", "xabcd", 0, "(1,5)" },
		{ E, "(a|ab)(c|bcd)", "abcd", 0, "(0,4)(0,1)(1,4)" },
		{ E, "x*", "axx", 0, "(0,0)" },
		{ E, "(wee|week)(knights|night)", "weeknights", 0, "(0,10)(0,3)(3,10)" },
		{ 0, "\\(a*\\)*b", "xaab", 0, "(1,4)(1,3)" },
		{ E, "[0-9]+|[a-z]+", "--abc123", 0, "(2,5)" },
	};

	CHECK(TABLE(t));
}

/* Which submatch wins among paths of the same overall match, as in glibc. */
TEST(submatches_follow_glibc)
{
	static const regex_case_t t[] = {
		{ E, "(a|ab)(c|bcd)(d*)", "abcd", 0, "(0,4)(0,1)(1,4)(4,4)" },
		{ E, "(a*)*", "b", 0, "(0,0)(0,0)" },
		{ E, "(a*)*", "ab", 0, "(0,1)(0,1)" },
		{ E, "(a*)+", "b", 0, "(0,0)(0,0)" },
		{ E, "(a*)+", "ab", 0, "(0,1)(0,1)" },
		{ E, "(a)*", "b", 0, "(0,0)(-1,-1)" },
		{ E, "a*(a*)", "aa", 0, "(0,2)(2,2)" },
		{ E, "(a*)(b*)*", "ab", 0, "(0,2)(0,1)(1,2)" },
		{ E, "((a)|b)*", "ab", 0, "(0,2)(1,2)(0,1)" },
		{ E, "((a)|b)+", "ab", 0, "(0,2)(1,2)(0,1)" },
		{ E, "(a|(b))*", "ba", 0, "(0,2)(1,2)(0,1)" },
		{ E, "(a?)*", "aa", 0, "(0,2)(1,2)" },
		{ E, "(a|b*)*", "ab", 0, "(0,2)(1,2)" },
		{ E, "(a*|b)*", "ab", 0, "(0,2)(1,2)" },
		{ E, "(a*)*(b)", "ab", 0, "(0,2)(0,1)(1,2)" },
		{ E, "(a|())*", "a", 0, "(0,1)(0,1)(-1,-1)" },
		{ E, "(a*)?", "b", 0, "(0,0)(0,0)" },
		{ E, "((a*)?)*", "a", 0, "(0,1)(0,1)(0,1)" },
		{ E, "(a|ab)*c", "abc", 0, "(0,3)(0,2)" },
		{ E, "(a|ab)*(bc)?", "abc", 0, "(0,3)(0,1)(1,3)" },
		{ E, "x(a|ab)*", "xab", 0, "(0,3)(1,3)" },
		{ E, "(.*)(.*)", "ab", 0, "(0,2)(0,2)(2,2)" },
		{ E, "(.*)b(.*)", "abcbd", 0, "(0,5)(0,3)(4,5)" },
		{ E, "(a?)((ab)?)(b?)", "ab", 0, "(0,2)(0,1)(1,1)(-1,-1)(1,2)" },
		{ E, "(a?)?b", "b", 0, "(0,1)(0,0)" },
		{ E, "(ab|a)(bc|c)?", "abc", 0, "(0,3)(0,2)(2,3)" },
		{ E, "(a|ab)(bc|c)?", "abc", 0, "(0,3)(0,1)(1,3)" },
		{ E, "(a*){2,4}", "a", 0, "(0,1)(1,1)" },
		{ E, "(a(b)?)+", "aba", 0, "(0,3)(2,3)(1,2)" },
		{ E, "([a-z]+)=([0-9]*)", "key=42;", 0, "(0,6)(0,3)(4,6)" },
		{ 0, "\\([^:]*\\):\\(.*\\)", "user:x:0", 0, "(0,8)(0,4)(5,8)" },
	};

	CHECK(TABLE(t));
}

TEST(back_references)
{
	static const regex_case_t t[] = {
		{ 0, "\\(a\\)\\(b\\)\\2\\1", "abba", 0, "(0,4)(0,1)(1,2)" },
		{ 0, "\\(a*\\)b\\1", "xaabaa", 0, "(1,6)(1,3)" },
		{ 0, "\\(a*\\)b\\1", "aaba", 0, "(1,4)(1,2)" },
		{ 0, "\\([a-z]*\\) \\1", "say hello hello", 0, "(3,4)(3,3)" },
		{ 0, "\\([a-z][a-z]*\\) \\1", "say hello hello", 0, "(4,15)(4,9)" },
		{ 0, "^\\(.*\\)\\1$", "abcabc", 0, "(0,6)(0,3)" },
		{ 0, "^\\(.*\\)\\1$", "abcab", 0, "nomatch" },
		{ E, "(a)\\1", "aa", 0, "(0,2)(0,1)" },
		{ E, "(a|b)\\1", "abba", 0, "(1,3)(1,2)" },
		{ E, "(a)(b)?\\2", "a", 0, "nomatch" },
		{ E, "([0-9]+)-\\1", "1-23-23", 0, "(2,7)(2,4)" },
		{ I, "\\(a\\)\\1", "aA", 0, "(0,2)(0,1)" },
		{ 0, "\\(a\\)\\2", "aa", 0, "error 6" },
		{ 0, "\\(a\\1\\)", "aa", 0, "error 6" },
		{ E, "(a)|\\1", "x", 0, "error 6" },
		{ 0, "\\(a\\)\\|\\1", "a", 0, "error 6" },
	};

	CHECK(TABLE(t));
}

TEST(bracket_expressions)
{
	static const regex_case_t t[] = {
		{ 0, "[abc]", "xxb", 0, "(2,3)" },
		{ 0, "[^abc]", "abcd", 0, "(3,4)" },
		{ 0, "[a-c]*", "abcd", 0, "(0,3)" },
		{ 0, "[]a]", "]", 0, "(0,1)" },
		{ 0, "[^]a]", "]", 0, "nomatch" },
		{ 0, "[^]a]", "b", 0, "(0,1)" },
		{ 0, "[a-]", "-", 0, "(0,1)" },
		{ 0, "[-a]", "-", 0, "(0,1)" },
		{ 0, "[--/]", ".", 0, "(0,1)" },
		{ 0, "[]-a]", "^", 0, "(0,1)" },
		{ 0, "[%--]", "+", 0, "(0,1)" },
		{ 0, "[a-a]", "a", 0, "(0,1)" },
		{ 0, "[\\]", "\\", 0, "(0,1)" },
		{ 0, "[\\n]", "n", 0, "(0,1)" },
		{ 0, "[[.-.]]", "-", 0, "(0,1)" },
		{ 0, "[[.].]]", "]", 0, "(0,1)" },
		{ 0, "[[.a.]]", "a", 0, "(0,1)" },
		{ 0, "[[=a=]]", "a", 0, "(0,1)" },
		{ 0, "[[=]=]]", "]", 0, "(0,1)" },
		{ 0, "[[:alpha:][:digit:]]", "-5", 0, "(1,2)" },
		{ 0, "[.]", "a.", 0, "(1,2)" },
		{ 0, "[*]", "a*", 0, "(1,2)" },
		{ 0, "[$]", "a$", 0, "(1,2)" },
		{ 0, "[a-c-e]", "d", 0, "error 11" },
		{ 0, "[z-a]", "a", 0, "error 11" },
		{ 0, "[[:alpha:]-z]", "a", 0, "error 11" },
		{ 0, "[a-[:alpha:]]", "a", 0, "error 11" },
		{ 0, "[[:foo:]]", "a", 0, "error 4" },
		{ 0, "[[:ALPHA:]]", "a", 0, "error 4" },
		{ 0, "[a", "a", 0, "error 7" },
		{ 0, "[[:alpha:]", "a", 0, "error 7" },
		{ 0, "[[:alpha:", "a", 0, "error 7" },
		{ 0, "[[.a", "a", 0, "error 7" },
		{ 0, "[]", "]", 0, "error 7" },
		{ 0, "[", "a", 0, "error 2" },
		{ E, "a[^", "a", 0, "error 2" },
		{ 0, "[[.ab.]]", "a", 0, "error 3" },
		{ 0, "[[.space.]]", " ", 0, "error 3" },
	};

	CHECK(TABLE(t));
}

TEST(character_classes)
{
	static const char sample[] = "\x01 \t!09AZaz_~\x7f";
	static const regex_case_t t[] = {
		{ E, "[[:alpha:]]+", sample, 0, "(6,10)" },
		{ E, "[[:digit:]]+", sample, 0, "(4,6)" },
		{ E, "[[:alnum:]]+", sample, 0, "(4,10)" },
		{ E, "[[:upper:]]+", sample, 0, "(6,8)" },
		{ E, "[[:lower:]]+", sample, 0, "(8,10)" },
		{ E, "[[:space:]]+", sample, 0, "(1,3)" },
		{ E, "[[:blank:]]+", sample, 0, "(1,3)" },
		{ E, "[[:punct:]]+", sample, 0, "(3,4)" },
		{ E, "[[:print:]]+", sample, 0, "(1,2)" },
		{ E, "[[:graph:]]+", sample, 0, "(3,12)" },
		{ E, "[[:cntrl:]]+", sample, 0, "(0,1)" },
		{ E, "[[:xdigit:]]+", "xyzAf9g", 0, "(3,6)" },
		{ E, "[^[:alnum:]_]+", "ab_c--d", 0, "(4,6)" },
		{ E, "\\w+", " ab_1 ", 0, "(1,5)" },
		{ E, "\\W+", "ab, c", 0, "(2,4)" },
		{ E, "\\s\\S", " ab", 0, "(0,2)" },
	};

	CHECK(TABLE(t));
}

TEST(word_boundaries)
{
	static const regex_case_t t[] = {
		{ E, "\\<b", "ab b", 0, "(3,4)" },
		{ E, "a\\>", "ab a", 0, "(3,4)" },
		{ E, "\\bb", "ab b", 0, "(3,4)" },
		{ E, "\\Bb", "ab b", 0, "(1,2)" },
		{ 0, "\\<the\\>", "other the", 0, "(6,9)" },
		{ E, "\\<[a-z]+\\>", "  word  ", 0, "(2,6)" },
		{ E, "\\`a", "aa", 0, "(0,1)" },
		{ E, "a\\'", "aa", 0, "(1,2)" },
	};

	CHECK(TABLE(t));
}

TEST(ignore_case)
{
	static const regex_case_t t[] = {
		{ I, "abc", "xABC", 0, "(1,4)" },
		{ I | E, "[a-c]+", "ABCD", 0, "(0,3)" },
		{ I, "[^a]", "A", 0, "nomatch" },
		{ I, "[^a]", "Ab", 0, "(1,2)" },
		{ I, "X", "x", 0, "(0,1)" },
		{ I | E, "(ab)+", "AbaB", 0, "(0,4)(2,4)" },
		{ I, "[[:upper:]]", "a", 0, "(0,1)" },
		{ I, "[[:lower:]]", "A", 0, "(0,1)" },
		{ 0, "abc", "ABC", 0, "nomatch" },
	};

	CHECK(TABLE(t));
}

TEST(newline_flag_and_anchors)
{
	static const regex_case_t t[] = {
		{ N, "^b", "a\nb", 0, "(2,3)" },
		{ 0, "^b", "a\nb", 0, "nomatch" },
		{ N, "a$", "a\nb", 0, "(0,1)" },
		{ 0, "a$", "a\nb", 0, "nomatch" },
		{ N, "a.b", "a\nb", 0, "nomatch" },
		{ 0, "a.b", "a\nb", 0, "(0,3)" },
		{ N, "[^x]", "\n", 0, "nomatch" },
		{ 0, "[^x]", "\n", 0, "(0,1)" },
		{ N, "a[\n]b", "a\nb", 0, "(0,3)" },
		{ N | E, "^[a-z]+$", "12\nab\n34", 0, "(3,5)" },
		{ 0, "^a", "a", REG_NOTBOL, "nomatch" },
		{ 0, "a$", "a", REG_NOTEOL, "nomatch" },
		{ 0, "^$", "", 0, "(0,0)" },
		{ 0, "^$", "", REG_NOTBOL, "nomatch" },
		{ N, "^b", "a\nb", REG_NOTBOL, "(2,3)" },
		{ N, "a$", "a\nb", REG_NOTEOL, "(0,1)" },
		{ E, "x*$", "ab", 0, "(2,2)" },
	};

	CHECK(TABLE(t));
}

TEST(compile_errors)
{
	static const regex_case_t t[] = {
		{ 0, "a\\", "a", 0, "error 5" },
		{ E, "a\\", "a", 0, "error 5" },
		{ E, "(a", "a", 0, "error 8" },
		{ E, "((a)", "a", 0, "error 8" },
		{ 0, "\\(a", "a", 0, "error 8" },
		{ 0, "a\\)", "a", 0, "error 8" },
		{ E, "a{1", "a", 0, "error 9" },
		{ E, "a{", "a", 0, "error 9" },
		{ E, "a{1,2", "a", 0, "error 9" },
		{ 0, "a\\{1", "a", 0, "error 9" },
		{ E, "a{2,1}", "a", 0, "error 10" },
		{ E, "a{}", "a", 0, "error 10" },
		{ E, "a{1,,2}", "a", 0, "error 10" },
		{ E, "a{x}", "a", 0, "error 10" },
		{ 0, "a\\{1,x\\}", "a", 0, "error 10" },
		{ E, "*a", "a", 0, "error 13" },
		{ E, "+a", "a", 0, "error 13" },
		{ E, "a|*b", "b", 0, "error 13" },
		{ E, "(*a)", "a", 0, "error 13" },
		{ E, "^*", "a", 0, "error 13" },
		{ E, "{1}", "a", 0, "error 13" },
		{ 0, "\\{1\\}a", "a", 0, "error 13" },
		{ 0, "a**", "a", 0, "error 13" },
		{ 0, "a\\{1\\}*", "a", 0, "error 13" },
		{ 0, "a*\\{2\\}", "a", 0, "error 13" },
	};

	CHECK(TABLE(t));
}

TEST(nsub_counts_groups)
{
	regex_t re;

	CHECK_EQ(regcomp(&re, "(a(b)(c(d)))", REG_EXTENDED), 0);
	CHECK_EQ(re.re_nsub, 4);
	regfree(&re);
	CHECK_EQ(regcomp(&re, "\\(a\\)", 0), 0);
	CHECK_EQ(re.re_nsub, 1);
	regfree(&re);
	CHECK_EQ(regcomp(&re, "(a)", 0), 0);
	CHECK_EQ(re.re_nsub, 0);
	regfree(&re);
	CHECK_EQ(regcomp(&re, "(a)(b)", REG_EXTENDED | REG_NOSUB), 0);
	CHECK_EQ(re.re_nsub, 2);
	regfree(&re);
}

TEST(unused_pmatch_entries_are_minus_one)
{
	regex_t re;
	regmatch_t m[4];

	CHECK_EQ(regcomp(&re, "(a)|(b)", REG_EXTENDED), 0);
	CHECK_EQ(regexec(&re, "b", 4, m, 0), 0);
	CHECK_EQ(m[0].rm_so, 0);
	CHECK_EQ(m[1].rm_so, -1);
	CHECK_EQ(m[1].rm_eo, -1);
	CHECK_EQ(m[2].rm_so, 0);
	CHECK_EQ(m[2].rm_eo, 1);
	CHECK_EQ(m[3].rm_so, -1);
	CHECK_EQ(m[3].rm_eo, -1);
	/* nmatch 0 and 1 are fine; pmatch is then left alone past them. */
	CHECK_EQ(regexec(&re, "xb", 0, NULL, 0), 0);
	m[1].rm_so = 77;
	CHECK_EQ(regexec(&re, "xb", 1, m, 0), 0);
	CHECK_EQ(m[0].rm_so, 1);
	CHECK_EQ(m[1].rm_so, 77);
	regfree(&re);
}

TEST(nosub_reports_only_whether_it_matched)
{
	regex_t re;
	regmatch_t m[2] = { { 55, 66 }, { 77, 88 } };

	CHECK_EQ(regcomp(&re, "(b+)", REG_EXTENDED | REG_NOSUB), 0);
	CHECK_EQ(regexec(&re, "abbc", 2, m, 0), 0);
	CHECK_EQ(m[0].rm_so, 55);
	CHECK_EQ(m[1].rm_eo, 88);
	CHECK_EQ(regexec(&re, "ac", 2, m, 0), REG_NOMATCH);
	regfree(&re);
}

TEST(startend_searches_a_range)
{
	regex_t re;
	regmatch_t m[1];

	CHECK_EQ(regcomp(&re, "b", 0), 0);
	m[0].rm_so = 2;
	m[0].rm_eo = 4;
	CHECK_EQ(regexec(&re, "abcb", 1, m, REG_STARTEND), 0);
	CHECK_EQ(m[0].rm_so, 3);
	CHECK_EQ(m[0].rm_eo, 4);
	m[0].rm_so = 1;
	m[0].rm_eo = 1;
	CHECK_EQ(regexec(&re, "abcb", 1, m, REG_STARTEND), REG_NOMATCH);
	regfree(&re);

	/* The range may hold NULs (which '.' does not match); its end is the end of the string. */
	CHECK_EQ(regcomp(&re, "a[^x]*c$", 0), 0);
	m[0].rm_so = 0;
	m[0].rm_eo = 3;
	CHECK_EQ(regexec(&re, "a\0cd", 1, m, REG_STARTEND), 0);
	CHECK_EQ(m[0].rm_so, 0);
	CHECK_EQ(m[0].rm_eo, 3);
	regfree(&re);
	CHECK_EQ(regcomp(&re, "a.c", 0), 0);
	m[0].rm_so = 0;
	m[0].rm_eo = 4;
	CHECK_EQ(regexec(&re, "a\0cd", 1, m, REG_STARTEND), REG_NOMATCH);
	regfree(&re);

	/* What comes before rm_so is context: ^ does not match there. */
	CHECK_EQ(regcomp(&re, "^b", 0), 0);
	m[0].rm_so = 1;
	m[0].rm_eo = 2;
	CHECK_EQ(regexec(&re, "abc", 1, m, REG_STARTEND), REG_NOMATCH);
	regfree(&re);
}

TEST(regerror_describes_and_truncates)
{
	regex_t re;
	char buf[200], small[5];
	int codes[] = { REG_NOMATCH, REG_BADPAT, REG_ECOLLATE, REG_ECTYPE, REG_EESCAPE,
			REG_ESUBREG, REG_EBRACK, REG_EPAREN, REG_EBRACE, REG_BADBR, REG_ERANGE,
			REG_ESPACE, REG_BADRPT };
	char seen[13][200];

	int err = regcomp(&re, "a[b", 0);
	CHECK_EQ(err, REG_EBRACK);
	size_t len = regerror(err, &re, buf, sizeof(buf));
	CHECK_EQ(len, strlen(buf) + 1);
	CHECK(len > 5);
	CHECK_EQ(regerror(err, &re, small, sizeof(small)), len);
	CHECK_EQ(strlen(small), 4);
	CHECK(memcmp(small, buf, 4) == 0);
	CHECK_EQ(regerror(err, &re, NULL, 0), len);
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		regerror(codes[i], NULL, seen[i], sizeof(seen[i]));
		CHECK(strlen(seen[i]) > 0);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(seen[i], seen[j]) != 0);
	}
}

/* Patterns that make a naive backtracking matcher take exponential time. */
TEST(pathological_patterns_finish)
{
	size_t n = 20000;
	char *s = malloc(n + 2);
	CHECK(s);
	memset(s, 'a', n);
	s[n] = '\0';
	static const regex_case_t t[] = {
		{ E, "(a*)*b", NULL, 0, "nomatch" },
		{ E, "(a|aa)*b", NULL, 0, "nomatch" },
		{ E, "^(a+)+$", NULL, 0, "(0,20000)(0,20000)" },
		{ E, "(a?){30}a{30}", NULL, 0, "(0,60)(29,30)" },
		{ E, "(x+x+)+y", NULL, 0, "nomatch" },
	};
	char got[200];
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		regex_case_t c = t[i];
		c.string = s;
		regex_answer(&c, got, sizeof(got));
		if (strcmp(got, c.want) != 0) {
			utest_fail_str(__FILE__, __LINE__, c.pattern, got, c.want);
			free(s);
			return;
		}
	}
	/* With a back-reference (short: glibc needs time and memory here). */
	s[40] = '\0';
	regex_case_t b = { 0, "\\(a*\\)*\\1b", s, 0, "nomatch" };
	regex_answer(&b, got, sizeof(got));
	if (strcmp(got, b.want) != 0) {
		utest_fail_str(__FILE__, __LINE__, b.pattern, got, b.want);
		free(s);
		return;
	}
	s[40] = 'a';
	/* A match at the end of a long string. */
	memcpy(s + n - 6, "needle", 6);
	regex_case_t c = { E, "ne+dle", s, 0, "(19994,20000)" };
	regex_answer(&c, got, sizeof(got));
	free(s);
	CHECK_STR(got, "(19994,20000)");
}

TEST(one_regex_serves_many_strings)
{
	regex_t re;
	regmatch_t m[2];
	const char *lines[] = { "x=1", "nothing", "yy=22", "=3", "z=" };
	const long want[][2] = { { 0, 1 }, { -1, -1 }, { 0, 2 }, { -1, -1 }, { 0, 1 } };

	CHECK_EQ(regcomp(&re, "^([a-z]+)=", REG_EXTENDED), 0);
	for (size_t i = 0; i < 5; i++) {
		int r = regexec(&re, lines[i], 2, m, 0);
		CHECK_EQ(r, want[i][0] < 0 ? REG_NOMATCH : 0);
		if (r == 0) {
			CHECK_EQ(m[1].rm_so, want[i][0]);
			CHECK_EQ(m[1].rm_eo, want[i][1]);
		}
	}
	regfree(&re);
}
