// SPDX-License-Identifier: MIT
/*
 * The regex parser: pattern text to a tree, for both syntaxes.
 *
 * Recursive descent over  alternation := concatenation ('|' concatenation)*,
 * concatenation := piece*,  piece := atom repetition*.  The two syntaxes
 * differ in spelling (BRE writes \( \) \{ \} \| \+ \?, ERE ( ) { } | + ?)
 * and in context rules, which follow glibc:
 *
 *  - BRE: '*' is literal at the start of a concatenation (after \( or \|
 *    or a leading ^); '^' is an anchor only there and '$' only at the end
 *    of one (a second ^ is literal); \{ with nothing before it, and '*'
 *    or \{ straight after another repetition, are REG_BADRPT; \+ and \?
 *    at the start are literal.
 *  - ERE: '^' and '$' are anchors everywhere; a repetition with nothing
 *    (or an anchor) before it is REG_BADRPT; an unmatched ')' is literal;
 *    empty alternatives and "()" match the empty string.
 *  - \1..\9 must name a group already closed in the same alternative.
 *
 * Concatenations and alternations are built as right-leaning chains, so
 * the compiler walks them in loops: only nesting (groups, repetitions)
 * costs stack, and the parser limits it.
 */
#include "regex_impl.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define RX_MAX_NESTING 500

typedef struct {
	const char *p;
	int cflags;
	bool ere;
	int depth;              /* open groups and nested repetitions */
	uint32_t closed;        /* groups 1..31 usable by back-references */
	rx_tree_t *tree;
} rx_parser_t;

static int parse_alternation(rx_parser_t *ps, int *out);

int rx_tree_node(rx_tree_t *tree, rx_node_kind_t kind, int left, int right, int arg)
{
	if (tree->nnodes == tree->cap_nodes) {
		size_t cap = tree->cap_nodes ? tree->cap_nodes * 2 : 32;
		rx_node_t *nodes = realloc(tree->nodes, cap * sizeof(*nodes));
		if (!nodes)
			return -1;
		tree->nodes = nodes;
		tree->cap_nodes = cap;
	}
	tree->nodes[tree->nnodes] = (rx_node_t){
		.kind = (uint8_t)kind, .left = left, .right = right, .arg = arg,
	};
	return (int)tree->nnodes++;
}

int rx_tree_set(rx_tree_t *tree, const rx_set_t *set)
{
	if (tree->nsets == tree->cap_sets) {
		size_t cap = tree->cap_sets ? tree->cap_sets * 2 : 16;
		rx_set_t *sets = realloc(tree->sets, cap * sizeof(*sets));
		if (!sets)
			return -1;
		tree->sets = sets;
		tree->cap_sets = cap;
	}
	tree->sets[tree->nsets] = *set;
	return (int)tree->nsets++;
}

void rx_tree_free(rx_tree_t *tree)
{
	free(tree->nodes);
	free(tree->sets);
	memset(tree, 0, sizeof(*tree));
}

/* A node matching one byte of set; -1 when out of memory. */
static int node_set(rx_parser_t *ps, rx_set_t *set)
{
	if (ps->cflags & REG_ICASE)
		rx_set_fold_case(set);
	int s = rx_tree_set(ps->tree, set);
	return s < 0 ? -1 : rx_tree_node(ps->tree, RX_N_SET, -1, -1, s);
}

static int node_byte(rx_parser_t *ps, unsigned char c)
{
	rx_set_t set = { 0 };
	rx_set_add(&set, c);
	return node_set(ps, &set);
}

/* Appends piece to the chain *head (*tail: its last CAT node, or -1). */
static int chain_append(rx_tree_t *tree, rx_node_kind_t kind, int *head, int *tail, int piece)
{
	if (*head < 0) {
		*head = piece;
		return 0;
	}
	if (*tail < 0) {
		*tail = rx_tree_node(tree, kind, *head, piece, 0);
		if (*tail < 0)
			return REG_ESPACE;
		*head = *tail;
		return 0;
	}
	int link = rx_tree_node(tree, kind, tree->nodes[*tail].right, piece, 0);
	if (link < 0)
		return REG_ESPACE;
	tree->nodes[*tail].right = link;
	*tail = link;
	return 0;
}

/* Whether the text at p ends a concatenation (BRE: for '$'). */
static bool at_concat_end(const rx_parser_t *ps, const char *p)
{
	if (!*p)
		return true;
	if (ps->ere)
		return *p == '|' || *p == ')';
	return p[0] == '\\' && (p[1] == ')' || p[1] == '|');
}

static int parse_count(const char **p, int *value)
{
	long v = 0;
	bool any = false;

	while (**p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		if (v > RE_DUP_MAX)
			v = RE_DUP_MAX + 1;
		(*p)++;
		any = true;
	}
	*value = any ? (int)v : -1;
	return any;
}

/*
 * The interval after '{' (ERE) or '\{' (BRE) at ps->p: sets *min and
 * *max (-1 for no upper bound) and moves past the closing brace.
 */
static int parse_interval(rx_parser_t *ps, int *min, int *max)
{
	const char *closer = ps->ere ? "}" : "\\}";
	const char *close = strstr(ps->p, closer);
	if (!close)
		return REG_EBRACE;
	const char *p = ps->p;
	bool have_min = parse_count(&p, min);
	if (*p == ',') {
		p++;
		parse_count(&p, max);
		if (!have_min)
			*min = 0;
	} else {
		if (!have_min)
			return REG_BADBR;
		*max = *min;
	}
	if (p != close || *min > RE_DUP_MAX || *max > RE_DUP_MAX ||
	    (*max >= 0 && *max < *min))
		return REG_BADBR;
	ps->p = close + strlen(closer);
	return 0;
}

/* Whether ps->p starts a repetition operator; its length in *len. */
static bool at_repetition(const rx_parser_t *ps, size_t *len)
{
	const char *p = ps->p;

	if (*p == '*') {
		*len = 1;
		return true;
	}
	if (ps->ere && (*p == '+' || *p == '?' || *p == '{')) {
		*len = 1;
		return true;
	}
	if (!ps->ere && p[0] == '\\' && (p[1] == '+' || p[1] == '?' || p[1] == '{')) {
		*len = 2;
		return true;
	}
	return false;
}

/* The repetitions after an atom: wraps *node in REPEAT nodes. */
static int parse_repetitions(rx_parser_t *ps, int *node, bool repeatable)
{
	size_t len;
	bool after_repetition = false;
	int nested = 0;

	while (at_repetition(ps, &len)) {
		char op = ps->p[len - 1];
		int min = 0, max = -1;
		if (!repeatable)
			return REG_BADRPT;
		if (!ps->ere && after_repetition && (op == '*' || op == '{'))
			return REG_BADRPT;
		ps->p += len;
		if (op == '+')
			min = 1;
		else if (op == '?')
			max = 1;
		else if (op == '{') {
			int err = parse_interval(ps, &min, &max);
			if (err)
				return err;
		}
		after_repetition = true;
		if (++nested + ps->depth > RX_MAX_NESTING)
			return REG_ESPACE;
		int r = rx_tree_node(ps->tree, RX_N_REPEAT, *node, -1, 0);
		if (r < 0)
			return REG_ESPACE;
		ps->tree->nodes[r].min = min;
		ps->tree->nodes[r].max = max;
		*node = r;
	}
	return 0;
}

/* A group's contents after its opening parenthesis. */
static int parse_group(rx_parser_t *ps, int *node)
{
	int index = (int)++ps->tree->nsub;
	int inner;

	if (++ps->depth > RX_MAX_NESTING)
		return REG_ESPACE;
	int err = parse_alternation(ps, &inner);
	if (err)
		return err;
	if (ps->ere ? *ps->p != ')' : !(ps->p[0] == '\\' && ps->p[1] == ')'))
		return REG_EPAREN;
	ps->p += ps->ere ? 1 : 2;
	ps->depth--;
	if (index < 32)
		ps->closed |= (uint32_t)1 << index;
	*node = rx_tree_node(ps->tree, RX_N_GROUP, inner, -1, index);
	return *node < 0 ? REG_ESPACE : 0;
}

static int node_assert(rx_parser_t *ps, rx_assert_t what, int *node)
{
	*node = rx_tree_node(ps->tree, RX_N_ASSERT, -1, -1, (int)what);
	return *node < 0 ? REG_ESPACE : 0;
}

/* The escape after a backslash (ps->p at the escaped character). */
static int parse_escape(rx_parser_t *ps, int *node, bool *repeatable)
{
	unsigned char c = (unsigned char)*ps->p++;
	rx_set_t set = { 0 };
	bool negate = false;

	switch (c) {
	case '1': case '2': case '3': case '4': case '5':
	case '6': case '7': case '8': case '9':
		if (!(ps->closed & ((uint32_t)1 << (c - '0'))))
			return REG_ESUBREG;
		ps->tree->backrefs = true;
		*node = rx_tree_node(ps->tree, RX_N_BACKREF, -1, -1, c - '0');
		return *node < 0 ? REG_ESPACE : 0;
	case '<': *repeatable = false; return node_assert(ps, RX_AT_WORD_START, node);
	case '>': *repeatable = false; return node_assert(ps, RX_AT_WORD_END, node);
	case 'b': *repeatable = false; return node_assert(ps, RX_AT_WORD_EDGE, node);
	case 'B': *repeatable = false; return node_assert(ps, RX_AT_NOT_WORD_EDGE, node);
	case '`': *repeatable = false; return node_assert(ps, RX_AT_BUF_START, node);
	case '\'': *repeatable = false; return node_assert(ps, RX_AT_BUF_END, node);
	case 'W':
		negate = true;
		/* fall through */
	case 'w':
		rx_set_class(&set, "alnum", 5);
		rx_set_add(&set, '_');
		break;
	case 'S':
		negate = true;
		/* fall through */
	case 's':
		rx_set_class(&set, "space", 5);
		break;
	default:
		return (*node = node_byte(ps, c)) < 0 ? REG_ESPACE : 0;
	}
	if (negate)
		for (int i = 0; i < 4; i++)
			set.w[i] = ~set.w[i];
	*node = rx_tree_set(ps->tree, &set);
	if (*node >= 0)
		*node = rx_tree_node(ps->tree, RX_N_SET, -1, -1, *node);
	return *node < 0 ? REG_ESPACE : 0;
}

/*
 * One atom at ps->p (not at the end of a concatenation). at_start: first
 * in its concatenation (BRE context rules). Sets *repeatable to whether a
 * repetition may follow.
 */
static int parse_atom(rx_parser_t *ps, bool at_start, int *node, bool *repeatable)
{
	const char *p = ps->p;
	rx_set_t set;

	*repeatable = true;
	if (ps->ere ? *p == '(' : (p[0] == '\\' && p[1] == '(')) {
		ps->p += ps->ere ? 1 : 2;
		return parse_group(ps, node);
	}
	if (!ps->ere && p[0] == '\\' && p[1] == ')')
		return REG_EPAREN;
	if (*p == '\\') {
		if (!p[1])
			return REG_EESCAPE;
		/* A BRE's \{ with nothing before it; \+ and \? there are literal. */
		if (!ps->ere && p[1] == '{')
			return REG_BADRPT;
		ps->p = p + 1;
		return parse_escape(ps, node, repeatable);
	}
	ps->p++;
	switch (*p) {
	case '.':           /* any byte but NUL (seen only with REG_STARTEND), as in glibc */
		memset(&set, 0xff, sizeof(set));
		set.w[0] &= ~(uint64_t)1;
		if (ps->cflags & REG_NEWLINE)
			set.w['\n' >> 6] &= ~((uint64_t)1 << ('\n' & 63));
		return (*node = node_set(ps, &set)) < 0 ? REG_ESPACE : 0;
	case '[': {
		int err = rx_bracket_parse(&ps->p, ps->cflags, &set);
		if (err)
			return err;
		int s = rx_tree_set(ps->tree, &set);
		*node = s < 0 ? -1 : rx_tree_node(ps->tree, RX_N_SET, -1, -1, s);
		return *node < 0 ? REG_ESPACE : 0;
	}
	case '^':
		if (ps->ere || at_start) {
			*repeatable = !ps->ere;
			return node_assert(ps, RX_AT_BOL, node);
		}
		break;
	case '$':
		if (ps->ere || at_concat_end(ps, ps->p)) {
			*repeatable = !ps->ere;
			return node_assert(ps, RX_AT_EOL, node);
		}
		break;
	case '*':
		if (ps->ere)
			return REG_BADRPT;
		break;      /* where a BRE's repetitions did not take it, it is literal */
	case '+': case '?': case '{':
		if (ps->ere)
			return REG_BADRPT;
		break;
	}
	return (*node = node_byte(ps, (unsigned char)*p)) < 0 ? REG_ESPACE : 0;
}

static int parse_concatenation(rx_parser_t *ps, int *out)
{
	int head = -1, tail = -1;
	bool at_start = true;

	while (!at_concat_end(ps, ps->p) || (ps->ere && *ps->p == ')' && ps->depth == 0)) {
		int node;
		bool repeatable;
		int err = parse_atom(ps, at_start, &node, &repeatable);
		if (err)
			return err;
		/* A BRE's leading ^ takes no repetition: a '*' after it is literal. */
		bool leading_anchor = !ps->ere && at_start &&
				      ps->tree->nodes[node].kind == RX_N_ASSERT &&
				      ps->tree->nodes[node].arg == RX_AT_BOL;
		at_start = false;
		if (!leading_anchor) {
			err = parse_repetitions(ps, &node, repeatable);
			if (err)
				return err;
		}
		err = chain_append(ps->tree, RX_N_CAT, &head, &tail, node);
		if (err)
			return err;
	}
	if (head < 0)
		head = rx_tree_node(ps->tree, RX_N_EMPTY, -1, -1, 0);
	*out = head;
	return head < 0 ? REG_ESPACE : 0;
}

static bool at_bar(const rx_parser_t *ps)
{
	return ps->ere ? *ps->p == '|' : (ps->p[0] == '\\' && ps->p[1] == '|');
}

static int parse_alternation(rx_parser_t *ps, int *out)
{
	int head = -1, tail = -1;
	uint32_t before = ps->closed, after = ps->closed;

	for (;;) {
		int branch;
		ps->closed = before;
		int err = parse_concatenation(ps, &branch);
		if (err)
			return err;
		after |= ps->closed;
		err = chain_append(ps->tree, RX_N_ALT, &head, &tail, branch);
		if (err)
			return err;
		if (!at_bar(ps))
			break;
		ps->p += ps->ere ? 1 : 2;
	}
	ps->closed = after;
	*out = head;
	return 0;
}

int rx_parse(const char *pattern, int cflags, rx_tree_t *tree)
{
	rx_parser_t ps = {
		.p = pattern, .cflags = cflags, .ere = (cflags & REG_EXTENDED) != 0, .tree = tree,
	};

	memset(tree, 0, sizeof(*tree));
	int err = parse_alternation(&ps, &tree->root);
	if (!err && *ps.p)     /* only a BRE's stray \) stops the top level early */
		err = REG_EPAREN;
	if (err)
		rx_tree_free(tree);
	return err;
}
