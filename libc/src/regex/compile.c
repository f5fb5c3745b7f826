// SPDX-License-Identifier: MIT
/*
 * The regex compiler: a tree to a program of Thompson-style instructions
 * whose SPLITs are ordered (first choice first), so that the matchers can
 * prefer paths the way glibc does: the left alternative, more iterations.
 *
 *   a|b        SPLIT L1, L2; L1: a; JMP out; L2: b; out:
 *   (a)        SAVE 2k; a; SAVE 2k+1
 *   a?         SPLIT L1, out; L1: a; out:
 *   a*         L: SPLIT L1, out; L1: a; JMP L; out:
 *   a+         L1: a; SPLIT L1, out; out:
 *   a{m,n}     m copies of a, then n-m nested a? (a{m,}: m-1 copies, a+)
 *
 * A loop whose body can match the empty string gets a loop register: a
 * LOOP_ENTER before the loop, a LOOP_MARK at the start of each iteration
 * (recording where it started and whether it is the first) and a
 * LOOP_CHECK at its end. An iteration that matched nothing ends the loop
 * if it was the first (so (a*)* on "b" sets \1 to the empty match at 0,
 * as glibc does) and is discarded otherwise (so (a*)* on "ab" keeps
 * \1 = "a"). This also stops a backtracking matcher from looping forever.
 *
 * The program also records what speeds up the search: whether a match
 * can only start at 0 (a leading ^ without REG_NEWLINE) and the set of
 * bytes a match must start with, if there is one. A pattern with
 * back-references also gets a filter: the same program with each
 * back-reference replaced by "any bytes", which matches wherever the
 * pattern could, quickly rules out most strings before backtracking, and
 * tells where the first match can start at the earliest.
 */
#include "regex_impl.h"

#include <stdlib.h>
#include <string.h>

#define RX_MAX_CODE (1 << 18)

typedef struct {
	const rx_tree_t *tree;
	rx_prog_t *prog;
	size_t cap;
	bool full;
	int any_set;            /* >= 0: back-references become any_set* (the filter) */
} rx_compiler_t;

static int emit(rx_compiler_t *cc, rx_op_t op, int c, int x, int y)
{
	rx_prog_t *prog = cc->prog;

	if (prog->ncode == cc->cap) {
		size_t cap = cc->cap ? cc->cap * 2 : 64;
		rx_inst_t *code = cap <= RX_MAX_CODE ? realloc(prog->code, cap * sizeof(*code)) : NULL;
		if (!code) {
			cc->full = true;
			return 0;   /* keep going harmlessly; the caller reports REG_ESPACE */
		}
		prog->code = code;
		cc->cap = cap;
	}
	prog->code[prog->ncode] = (rx_inst_t){ .op = (uint8_t)op, .c = (uint8_t)c, .x = x, .y = y };
	return (int)prog->ncode++;
}

static void patch_x(rx_compiler_t *cc, int at, int x)
{
	if (!cc->full)
		cc->prog->code[at].x = x;
}

static void patch_y(rx_compiler_t *cc, int at, int y)
{
	if (!cc->full)
		cc->prog->code[at].y = y;
}

static int here(const rx_compiler_t *cc)
{
	return (int)cc->prog->ncode;
}

/* Whether node can match without consuming input. */
static bool nullable(const rx_tree_t *tree, int n)
{
	for (;;) {
		const rx_node_t *node = &tree->nodes[n];
		switch (node->kind) {
		case RX_N_SET:
			return false;
		case RX_N_CAT:
			if (!nullable(tree, node->left))
				return false;
			n = node->right;
			continue;
		case RX_N_ALT:
			if (nullable(tree, node->left))
				return true;
			n = node->right;
			continue;
		case RX_N_REPEAT:
			if (node->min == 0)
				return true;
			n = node->left;
			continue;
		case RX_N_GROUP:
			n = node->left;
			continue;
		default:        /* empty, assertions, back-references */
			return true;
		}
	}
}

static void compile_node(rx_compiler_t *cc, int n);

static void compile_set(rx_compiler_t *cc, const rx_node_t *node)
{
	const rx_set_t *set = &cc->tree->sets[node->arg];
	int count = 0, only = 0;

	for (int c = 0; c < 256 && count < 2; c++)
		if (rx_set_has(set, (unsigned char)c)) {
			count++;
			only = c;
		}
	if (count == 1)
		emit(cc, RX_OP_BYTE, only, 0, 0);
	else
		emit(cc, RX_OP_SET, 0, node->arg, 0);
}

static void compile_alternation(rx_compiler_t *cc, int n)
{
	int jumps = -1;     /* a chain of JMPs to patch, linked through x */

	while (cc->tree->nodes[n].kind == RX_N_ALT) {
		const rx_node_t *node = &cc->tree->nodes[n];
		int split = emit(cc, RX_OP_SPLIT, 0, here(cc) + 1, 0);
		compile_node(cc, node->left);
		jumps = emit(cc, RX_OP_JMP, 0, jumps, 0);
		patch_y(cc, split, here(cc));
		n = node->right;
	}
	compile_node(cc, n);
	while (!cc->full && jumps >= 0) {
		int next = cc->prog->code[jumps].x;
		patch_x(cc, jumps, here(cc));
		jumps = next;
	}
}

/* body* (greedy). */
static void compile_star(rx_compiler_t *cc, int body)
{
	if (!nullable(cc->tree, body)) {
		int loop = emit(cc, RX_OP_SPLIT, 0, here(cc) + 1, 0);
		compile_node(cc, body);
		emit(cc, RX_OP_JMP, 0, loop, 0);
		patch_y(cc, loop, here(cc));
		return;
	}
	int reg = (int)cc->prog->nloops++;
	emit(cc, RX_OP_LOOP_ENTER, 0, reg, 0);
	int loop = emit(cc, RX_OP_SPLIT, 0, here(cc) + 1, 0);
	emit(cc, RX_OP_LOOP_MARK, 0, reg, 0);
	compile_node(cc, body);
	int check = emit(cc, RX_OP_LOOP_CHECK, 0, reg, 0);
	patch_y(cc, check, loop);
	patch_y(cc, loop, here(cc));
}

/* body+ (greedy). */
static void compile_plus(rx_compiler_t *cc, int body)
{
	if (!nullable(cc->tree, body)) {
		int start = here(cc);
		compile_node(cc, body);
		emit(cc, RX_OP_SPLIT, 0, start, here(cc) + 1);
		return;
	}
	int reg = (int)cc->prog->nloops++;
	emit(cc, RX_OP_LOOP_ENTER, 0, reg, 0);
	int start = emit(cc, RX_OP_LOOP_MARK, 0, reg, 0);
	compile_node(cc, body);
	int check = emit(cc, RX_OP_LOOP_CHECK, 0, reg, 0);
	int out = emit(cc, RX_OP_JMP, 0, 0, 0);     /* where an empty first iteration goes */
	int loop = emit(cc, RX_OP_SPLIT, 0, start, here(cc) + 1);
	patch_y(cc, check, loop);
	patch_x(cc, out, here(cc));
}

static void compile_repeat(rx_compiler_t *cc, const rx_node_t *node)
{
	int body = node->left, min = node->min, max = node->max;

	if (max < 0) {
		for (int i = 0; i + 1 < min; i++)
			compile_node(cc, body);
		if (min == 0)
			compile_star(cc, body);
		else
			compile_plus(cc, body);
		return;
	}
	for (int i = 0; i < min; i++)
		compile_node(cc, body);
	int splits = -1;    /* the optional copies' SPLITs, linked through y */
	for (int i = min; i < max; i++) {
		splits = emit(cc, RX_OP_SPLIT, 0, here(cc) + 1, splits);
		compile_node(cc, body);
	}
	while (!cc->full && splits >= 0) {
		int next = cc->prog->code[splits].y;
		patch_y(cc, splits, here(cc));
		splits = next;
	}
}

static void compile_node(rx_compiler_t *cc, int n)
{
	for (;;) {
		if (cc->full)
			return;
		const rx_node_t *node = &cc->tree->nodes[n];
		switch (node->kind) {
		case RX_N_EMPTY:
			return;
		case RX_N_SET:
			compile_set(cc, node);
			return;
		case RX_N_ASSERT:
			emit(cc, RX_OP_ASSERT, node->arg, 0, 0);
			return;
		case RX_N_BACKREF:
			if (cc->any_set >= 0) {
				int loop = emit(cc, RX_OP_SPLIT, 0, here(cc) + 1, 0);
				emit(cc, RX_OP_SET, 0, cc->any_set, 0);
				emit(cc, RX_OP_JMP, 0, loop, 0);
				patch_y(cc, loop, here(cc));
			} else {
				emit(cc, RX_OP_BACKREF, 0, node->arg, 0);
			}
			return;
		case RX_N_GROUP:
			emit(cc, RX_OP_SAVE, 0, 2 * node->arg, 0);
			compile_node(cc, node->left);
			emit(cc, RX_OP_SAVE, 0, 2 * node->arg + 1, 0);
			return;
		case RX_N_REPEAT:
			compile_repeat(cc, node);
			return;
		case RX_N_ALT:
			compile_alternation(cc, n);
			return;
		case RX_N_CAT:
			compile_node(cc, node->left);
			n = node->right;
			continue;
		}
	}
}

/*
 * The bytes a match can start with, if every match starts by consuming
 * one: a walk over the instructions reachable without consuming.
 */
static void find_first(rx_prog_t *prog)
{
	size_t n = prog->ncode;
	int *stack = malloc(2 * n * sizeof(*stack));
	bool *seen = calloc(n, 1);
	size_t sp = 0;

	prog->has_first = false;
	if (!stack || !seen)
		goto out;
	memset(&prog->first, 0, sizeof(prog->first));
	stack[sp++] = 0;
	while (sp > 0) {
		int pc = stack[--sp];
		if (seen[pc])
			continue;
		seen[pc] = true;
		const rx_inst_t *in = &prog->code[pc];
		switch (in->op) {
		case RX_OP_BYTE:
			rx_set_add(&prog->first, in->c);
			break;
		case RX_OP_SET:
			for (int i = 0; i < 4; i++)
				prog->first.w[i] |= prog->sets[in->x].w[i];
			break;
		case RX_OP_SPLIT:
			stack[sp++] = in->x;
			stack[sp++] = in->y;
			break;
		case RX_OP_JMP:
			stack[sp++] = in->x;
			break;
		case RX_OP_LOOP_CHECK:
			stack[sp++] = in->y;
			stack[sp++] = pc + 1;
			break;
		case RX_OP_SAVE:
		case RX_OP_LOOP_ENTER:
		case RX_OP_LOOP_MARK:
			stack[sp++] = pc + 1;
			break;
		default:        /* MATCH, ASSERT, BACKREF: no single first byte */
			goto out;
		}
	}
	prog->has_first = true;
out:
	free(stack);
	free(seen);
}

/* Whether every match must start with ^ (and so at 0, without REG_NEWLINE). */
static bool starts_anchored(const rx_tree_t *tree, int cflags)
{
	int n = tree->root;

	if (cflags & REG_NEWLINE)
		return false;
	while (tree->nodes[n].kind == RX_N_CAT || tree->nodes[n].kind == RX_N_GROUP)
		n = tree->nodes[n].left;
	return tree->nodes[n].kind == RX_N_ASSERT && tree->nodes[n].arg == RX_AT_BOL;
}

void rx_prog_free(rx_prog_t *prog)
{
	if (!prog)
		return;
	rx_prog_free(prog->filter);
	free(prog->code);
	free(prog->sets);
	free(prog);
}

/* One program from tree; any_set >= 0 makes the back-reference-free filter. */
static int compile_program(const rx_tree_t *tree, int cflags, int any_set, rx_prog_t **out)
{
	rx_prog_t *prog = calloc(1, sizeof(*prog));
	rx_compiler_t cc = { .tree = tree, .prog = prog, .any_set = any_set };

	if (!prog)
		return REG_ESPACE;
	prog->nsub = tree->nsub;
	prog->cflags = cflags;
	prog->backrefs = tree->backrefs && any_set < 0;
	prog->nsets = tree->nsets + 1;
	prog->sets = malloc(prog->nsets * sizeof(rx_set_t));
	if (prog->sets) {
		if (tree->nsets)
			memcpy(prog->sets, tree->sets, tree->nsets * sizeof(rx_set_t));
		memset(&prog->sets[tree->nsets], 0xff, sizeof(rx_set_t));
	}
	compile_node(&cc, tree->root);
	emit(&cc, RX_OP_MATCH, 0, 0, 0);
	if (cc.full || !prog->sets) {
		rx_prog_free(prog);
		return REG_ESPACE;
	}
	prog->anchored = starts_anchored(tree, cflags);
	find_first(prog);
	*out = prog;
	return 0;
}

int rx_compile(const rx_tree_t *tree, int cflags, rx_prog_t **out)
{
	int err = compile_program(tree, cflags, -1, out);

	if (!err && tree->backrefs) {
		err = compile_program(tree, cflags, (int)tree->nsets, &(*out)->filter);
		if (err) {
			rx_prog_free(*out);
			*out = NULL;
		}
	}
	return err;
}
