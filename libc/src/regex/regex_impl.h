// SPDX-License-Identifier: MIT
/*
 * The regex engine's private types. A pattern goes through three forms:
 *
 *   text   --parse.c, bracket.c-->   tree (rx_node_t)
 *   tree   --compile.c-->            program (rx_prog_t, Thompson-style
 *                                    instructions with ordered SPLITs)
 *   program --nfa.c, backtrack.c-->  a match
 *
 * Patterns without back-references match in O(pattern x string) time:
 * nfa.c runs the program as a set of states to find the leftmost-longest
 * match, then again from that start, with captures and in priority order,
 * to choose the submatches (the first path in the pattern's preference
 * order that ends there, which is what glibc reports). Back-references
 * need backtrack.c, which has a step budget; a second program without
 * them (compile.c's filter) first rules out most strings in linear time.
 *
 * Characters are bytes (the C locale): every literal, '.', and bracket
 * expression becomes a 256-bit set, REG_ICASE folded in at parse time.
 */
#pragma once

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t w[4];
} rx_set_t;

static inline bool rx_set_has(const rx_set_t *s, unsigned char c)
{
	return (s->w[c >> 6] >> (c & 63)) & 1;
}

static inline void rx_set_add(rx_set_t *s, unsigned char c)
{
	s->w[c >> 6] |= (uint64_t)1 << (c & 63);
}

/* Zero-width assertions. */
typedef enum {
	RX_AT_BOL,              /* ^ */
	RX_AT_EOL,              /* $ */
	RX_AT_WORD_EDGE,        /* \b */
	RX_AT_NOT_WORD_EDGE,    /* \B */
	RX_AT_WORD_START,       /* \< */
	RX_AT_WORD_END,         /* \> */
	RX_AT_BUF_START,        /* \` */
	RX_AT_BUF_END,          /* \' */
} rx_assert_t;

/* --- the tree ------------------------------------------------------------ */

typedef enum {
	RX_N_EMPTY,             /* matches the empty string */
	RX_N_SET,               /* one byte of sets[arg] */
	RX_N_ASSERT,            /* rx_assert_t arg */
	RX_N_CAT,               /* left then right */
	RX_N_ALT,               /* left, or else right */
	RX_N_REPEAT,            /* left, min..max times (max -1: unbounded) */
	RX_N_GROUP,             /* left, captured as subexpression arg */
	RX_N_BACKREF,           /* what subexpression arg matched */
} rx_node_kind_t;

typedef struct {
	uint8_t kind;
	int32_t left, right;    /* node indices, -1 for none */
	int32_t arg;
	int32_t min, max;
} rx_node_t;

typedef struct {
	rx_node_t *nodes;
	size_t nnodes, cap_nodes;
	rx_set_t *sets;
	size_t nsets, cap_sets;
	size_t nsub;
	bool backrefs;
	int root;
} rx_tree_t;

/* Parses pattern (cflags as regcomp's) into *tree; 0 or a REG_* error. */
int rx_parse(const char *pattern, int cflags, rx_tree_t *tree);
void rx_tree_free(rx_tree_t *tree);
int rx_tree_node(rx_tree_t *tree, rx_node_kind_t kind, int left, int right, int arg);
int rx_tree_set(rx_tree_t *tree, const rx_set_t *set);

/*
 * The bracket expression after the '[' at *p: 0 with its set in *set
 * (REG_ICASE and REG_NEWLINE applied) and *p past the ']', or an error.
 */
int rx_bracket_parse(const char **p, int cflags, rx_set_t *set);
/* Adds the other case of every letter in set. */
void rx_set_fold_case(rx_set_t *set);
/* Fills set with class name[0..len) ("alpha", ...); false if unknown. */
bool rx_set_class(rx_set_t *set, const char *name, size_t len);

/* --- the program ----------------------------------------------------------- */

typedef enum {
	RX_OP_BYTE,             /* consume byte c */
	RX_OP_SET,              /* consume a byte of sets[x] */
	RX_OP_SPLIT,            /* go to x, or else to y */
	RX_OP_JMP,              /* go to x */
	RX_OP_SAVE,             /* capture slot x = position */
	RX_OP_ASSERT,           /* rx_assert_t c holds here */
	RX_OP_LOOP_ENTER,       /* loop register x = "no iteration yet" */
	RX_OP_LOOP_MARK,        /* an iteration of loop x starts here */
	RX_OP_LOOP_CHECK,       /* an iteration of loop x ends: on to y if it consumed
				 * something, else to the next instruction (the
				 * loop's exit) if it was the first, else fail */
	RX_OP_BACKREF,          /* consume what subexpression x matched */
	RX_OP_MATCH,
} rx_op_t;

typedef struct {
	uint8_t op;
	uint8_t c;
	int32_t x, y;
} rx_inst_t;

typedef struct rx_prog {
	rx_inst_t *code;
	size_t ncode;
	rx_set_t *sets;
	size_t nsets;
	size_t nsub;
	size_t nloops;          /* loop registers, after the 2 * (nsub + 1) slots */
	int cflags;
	bool backrefs;
	bool anchored;          /* every match starts at 0 (a leading ^, no REG_NEWLINE) */
	bool has_first;         /* every match starts with a byte of first */
	rx_set_t first;
	struct rx_prog *filter; /* with back-references: see compile.c */
} rx_prog_t;

/* Compiles tree to *prog; 0 or REG_ESPACE. */
int rx_compile(const rx_tree_t *tree, int cflags, rx_prog_t **prog);
void rx_prog_free(rx_prog_t *prog);

/* --- matching -------------------------------------------------------------- */

/* The subject: s[0..end) is visible, matches start at begin or later. */
typedef struct {
	const unsigned char *s;
	size_t begin, end;
	int eflags;
	int cflags;
} rx_subject_t;

bool rx_assert_holds(const rx_subject_t *subj, rx_assert_t what, size_t pos);

/*
 * The leftmost-longest match, without back-references: true and its
 * span, or false. Returns -1 (REG_ESPACE) if memory ran out.
 */
int rx_nfa_span(const rx_prog_t *prog, const rx_subject_t *subj, size_t *so, size_t *eo);
/*
 * The captures of the match [so, eo) found by rx_nfa_span: slots[2k],
 * slots[2k+1] for subexpression k (-1 if unset). 0 or REG_ESPACE.
 */
int rx_nfa_captures(const rx_prog_t *prog, const rx_subject_t *subj, size_t so, size_t eo,
		    long *slots);
/*
 * The whole search for programs with back-references, from subj->begin:
 * 0 and slots filled, REG_NOMATCH, or REG_ESPACE (memory, or the step
 * budget spent).
 */
int rx_backtrack(const rx_prog_t *prog, const rx_subject_t *subj, long *slots);
