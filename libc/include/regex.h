// SPDX-License-Identifier: MIT
/*
 * POSIX regular expressions: basic (BRE) and extended (REG_EXTENDED)
 * syntax with GNU's extensions (\| \+ \? in BREs, back-references in
 * EREs, \< \> \b \B \w \W \s \S \` \'). Matching is leftmost-longest;
 * docs/libc.md says how submatches are chosen.
 */
#pragma once

#include <stddef.h>

/* Offsets into the subject string; -1 marks a subexpression that took no part. */
typedef long regoff_t;

typedef struct {
	size_t re_nsub;         /* the number of parenthesised subexpressions */
	void *__re_prog;        /* the compiled program (private) */
	int __re_cflags;
} regex_t;

typedef struct {
	regoff_t rm_so;
	regoff_t rm_eo;
} regmatch_t;

/* regcomp's cflags */
#define REG_EXTENDED 0x1        /* extended syntax */
#define REG_ICASE    0x2        /* ignore case */
#define REG_NEWLINE  0x4        /* '\n' ends lines: . and [^x] skip it, ^ $ match at it */
#define REG_NOSUB    0x8        /* report only whether it matched */

/* regexec's eflags */
#define REG_NOTBOL   0x1        /* the string does not start a line: ^ fails at 0 */
#define REG_NOTEOL   0x2        /* the string does not end a line: $ fails at its end */
#define REG_STARTEND 0x4        /* match within [pmatch[0].rm_so, pmatch[0].rm_eo) */

/* Results (0 is success); the numbers are glibc's. */
#define REG_NOMATCH  1          /* regexec found no match */
#define REG_BADPAT   2          /* invalid regular expression */
#define REG_ECOLLATE 3          /* invalid collating element */
#define REG_ECTYPE   4          /* invalid character class */
#define REG_EESCAPE  5          /* trailing backslash */
#define REG_ESUBREG  6          /* back-reference to no such subexpression */
#define REG_EBRACK   7          /* [ without ] */
#define REG_EPAREN   8          /* ( without ) */
#define REG_EBRACE   9          /* \{ without \} */
#define REG_BADBR    10         /* invalid count in \{ \} */
#define REG_ERANGE   11         /* invalid range end */
#define REG_ESPACE   12         /* out of memory, or matching gave up (too complex) */
#define REG_BADRPT   13         /* * + ? or { with nothing to repeat */

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
	    regmatch_t pmatch[restrict], int eflags);
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict errbuf,
		size_t errbuf_size);
void regfree(regex_t *preg);
