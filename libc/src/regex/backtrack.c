// SPDX-License-Identifier: MIT
/*
 * Matching with back-references, by backtracking.
 *
 * What a back-reference matches depends on the path taken to it, so the
 * state sets of nfa.c cannot be used. Instead, for each start position
 * in turn, every path through the program is explored depth first in
 * preference order (the order nfa.c's captures follow), and the longest
 * match wins; among paths of that length the first found, the preferred
 * one. The first start with a match is the leftmost.
 *
 * The explicit stack holds two kinds of entries: a choice not yet taken
 * (a pc and a position) and an old value to restore into a slot. Going
 * back pops restores until it finds a choice. Loops cannot spin without
 * consuming (LOOP_CHECK, compile.c), so every path ends, but their number
 * can grow exponentially: after RX_STEP_BUDGET instructions the search
 * gives up with REG_ESPACE rather than run for ever.
 */
#include "regex_impl.h"

#include <stdlib.h>
#include <string.h>

#define RX_STEP_BUDGET (1L << 24)

typedef struct {
	long a, b;      /* choice: a = pc, b = pos; restore: a = -1 - slot, b = value */
} bt_entry_t;

typedef struct {
	const rx_prog_t *prog;
	const rx_subject_t *subj;
	long *slots;            /* the path's slots and loop registers */
	size_t nslots;
	bt_entry_t *stack;
	size_t sp, cap;
	long steps;
	long best_end;          /* -1: no match from this start yet */
	long *best;
} bt_t;

static bool bt_push(bt_t *bt, long a, long b)
{
	if (bt->sp == bt->cap) {
		size_t cap = bt->cap ? bt->cap * 2 : 256;
		bt_entry_t *stack = realloc(bt->stack, cap * sizeof(*stack));
		if (!stack)
			return false;
		bt->stack = stack;
		bt->cap = cap;
	}
	bt->stack[bt->sp++] = (bt_entry_t){ a, b };
	return true;
}

/* Sets a slot, remembering its old value for the way back. */
static bool bt_set(bt_t *bt, size_t slot, long value)
{
	if (!bt_push(bt, -1 - (long)slot, bt->slots[slot]))
		return false;
	bt->slots[slot] = value;
	return true;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The length a back-reference to group k consumes at pos, or -1. */
static long bt_backref(const bt_t *bt, int k, size_t pos)
{
	long so = bt->slots[2 * k], eo = bt->slots[2 * k + 1];
	const unsigned char *s = bt->subj->s;

	if (so < 0 || eo < 0)
		return -1;
	size_t len = (size_t)(eo - so);
	if (len > bt->subj->end - pos)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char a = s[so + (long)i], b = s[pos + i];
		if (a != b && !((bt->subj->cflags & REG_ICASE) && fold(a) == fold(b)))
			return -1;
	}
	return (long)len;
}

/*
 * One step of the path at (*pc, *pos): returns 1 to go on, 0 when the
 * path failed or ended, -1 when out of memory.
 */
static int bt_step(bt_t *bt, int *pc, size_t *pos)
{
	const rx_inst_t *in = &bt->prog->code[*pc];
	const rx_subject_t *subj = bt->subj;
	size_t loops = 2 * (bt->prog->nsub + 1);

	switch (in->op) {
	case RX_OP_BYTE:
	case RX_OP_SET:
		if (*pos >= subj->end || (in->op == RX_OP_BYTE ? in->c != subj->s[*pos]
				: !rx_set_has(&bt->prog->sets[in->x], subj->s[*pos])))
			return 0;
		(*pc)++;
		(*pos)++;
		return 1;
	case RX_OP_JMP:
		*pc = in->x;
		return 1;
	case RX_OP_SPLIT:
		if (!bt_push(bt, in->y, (long)*pos))
			return -1;
		*pc = in->x;
		return 1;
	case RX_OP_SAVE:
		(*pc)++;
		return bt_set(bt, (size_t)in->x, (long)*pos) ? 1 : -1;
	case RX_OP_LOOP_ENTER:
		(*pc)++;
		return bt_set(bt, loops + (size_t)in->x, -1) ? 1 : -1;
	case RX_OP_LOOP_MARK: {
		long reg = bt->slots[loops + (size_t)in->x];
		(*pc)++;
		return bt_set(bt, loops + (size_t)in->x,
			      reg == -1 ? -(long)*pos - 2 : (long)*pos) ? 1 : -1;
	}
	case RX_OP_LOOP_CHECK: {
		long reg = bt->slots[loops + (size_t)in->x];
		bool first = reg <= -2;
		size_t start = (size_t)(first ? -(reg + 2) : reg);
		if (*pos != start)
			*pc = in->y;
		else if (first)
			(*pc)++;
		else
			return 0;
		return 1;
	}
	case RX_OP_ASSERT:
		if (!rx_assert_holds(subj, (rx_assert_t)in->c, *pos))
			return 0;
		(*pc)++;
		return 1;
	case RX_OP_BACKREF: {
		long len = bt_backref(bt, in->x, *pos);
		if (len < 0)
			return 0;
		(*pc)++;
		*pos += (size_t)len;
		return 1;
	}
	default:        /* MATCH */
		if ((long)*pos > bt->best_end) {
			bt->best_end = (long)*pos;
			memcpy(bt->best, bt->slots, bt->nslots * sizeof(long));
		}
		return 0;
	}
}

/* Goes back to the latest choice; false when there is none. */
static bool bt_back(bt_t *bt, int *pc, size_t *pos)
{
	while (bt->sp > 0) {
		bt_entry_t e = bt->stack[--bt->sp];
		if (e.a < 0) {
			bt->slots[-1 - e.a] = e.b;
		} else {
			*pc = (int)e.a;
			*pos = (size_t)e.b;
			return true;
		}
	}
	return false;
}

/* Every path from start; 0 when done, REG_ESPACE when out of memory or steps. */
static int bt_from(bt_t *bt, size_t start)
{
	int pc = 0;
	size_t pos = start;

	for (size_t i = 0; i < bt->nslots; i++)
		bt->slots[i] = -1;
	bt->slots[0] = (long)start;
	bt->sp = 0;
	bt->best_end = -1;
	for (;;) {
		if (++bt->steps > RX_STEP_BUDGET)
			return REG_ESPACE;
		int r = bt_step(bt, &pc, &pos);
		if (r < 0)
			return REG_ESPACE;
		if (r > 0)
			continue;
		if (bt->best_end == (long)bt->subj->end || !bt_back(bt, &pc, &pos))
			return 0;
	}
}

int rx_backtrack(const rx_prog_t *prog, const rx_subject_t *subj, long *slots)
{
	size_t ns = 2 * (prog->nsub + 1) + prog->nloops;
	bt_t bt = { .prog = prog, .subj = subj, .nslots = ns, .best = slots };
	int result = REG_NOMATCH;

	bt.slots = malloc(ns * sizeof(long));
	if (!bt.slots)
		return REG_ESPACE;
	for (size_t start = subj->begin; start <= subj->end; start++) {
		if (prog->anchored && start > subj->begin)
			break;
		if (prog->has_first && (start == subj->end ||
					!rx_set_has(&prog->first, subj->s[start])))
			continue;
		int r = bt_from(&bt, start);
		if (r) {
			result = r;
			break;
		}
		if (bt.best_end >= 0) {
			slots[0] = (long)start;
			slots[1] = bt.best_end;
			result = 0;
			break;
		}
	}
	free(bt.slots);
	free(bt.stack);
	return result;
}
