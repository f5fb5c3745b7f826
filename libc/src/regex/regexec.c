// SPDX-License-Identifier: MIT
/*
 * regexec: chooses the matcher. Without back-references the span comes
 * from the state-set search and, only when the caller asked for
 * subexpressions, the captures from a second run over the match
 * (nfa.c); with back-references the backtracking search does both
 * (backtrack.c), after the filter program (compile.c) has found where
 * to start. REG_STARTEND searches pmatch[0]'s range; offsets are
 * still from the start of string, and the bytes before rm_so count as
 * context (so ^ does not match at rm_so > 0), as in glibc.
 */
#include "regex_impl.h"

#include <stdlib.h>
#include <string.h>

int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
	    regmatch_t pmatch[restrict], int eflags)
{
	const rx_prog_t *prog = preg->__re_prog;
	rx_subject_t subj = { .s = (const unsigned char *)string, .eflags = eflags };
	long local[20];

	if (!prog)
		return REG_BADPAT;
	subj.cflags = prog->cflags;
	if (eflags & REG_STARTEND) {
		if (pmatch[0].rm_so < 0 || pmatch[0].rm_eo < pmatch[0].rm_so)
			return REG_BADPAT;
		subj.begin = (size_t)pmatch[0].rm_so;
		subj.end = (size_t)pmatch[0].rm_eo;
	} else {
		subj.end = strlen(string);
	}
	if (prog->cflags & REG_NOSUB)
		nmatch = 0;

	size_t ns = 2 * (prog->nsub + 1) + prog->nloops;
	long *slots = ns <= 20 ? local : malloc(ns * sizeof(long));
	if (!slots)
		return REG_ESPACE;
	int result = 0;
	if (prog->backrefs) {
		/* No match of the filter, no match; else none starts before its match. */
		size_t so, eo;
		int found = rx_nfa_span(prog->filter, &subj, &so, &eo);
		if (found < 0)
			result = REG_ESPACE;
		else if (!found)
			result = REG_NOMATCH;
		else {
			subj.begin = so;
			result = rx_backtrack(prog, &subj, slots);
		}
	} else {
		size_t so, eo;
		int found = rx_nfa_span(prog, &subj, &so, &eo);
		if (found < 0)
			result = REG_ESPACE;
		else if (!found)
			result = REG_NOMATCH;
		else if (nmatch > 1 && prog->nsub > 0)
			result = rx_nfa_captures(prog, &subj, so, eo, slots);
		else {
			for (size_t i = 0; i < ns; i++)
				slots[i] = -1;
			slots[0] = (long)so;
			slots[1] = (long)eo;
		}
	}
	for (size_t i = 0; result == 0 && i < nmatch; i++) {
		bool have = i <= prog->nsub && slots[2 * i] >= 0 && slots[2 * i + 1] >= 0;
		pmatch[i].rm_so = have ? slots[2 * i] : -1;
		pmatch[i].rm_eo = have ? slots[2 * i + 1] : -1;
	}
	if (slots != local)
		free(slots);
	return result;
}
