// SPDX-License-Identifier: MIT
/*
 * Matching without back-references, in time O(program x string).
 *
 * rx_nfa_span finds the leftmost-longest match by running the program as
 * a set of states (Thompson's construction). Each state carries the
 * position its match started at; the list of states stays sorted by that
 * start, because states made by consuming a byte keep their order and
 * the new start tried at each position comes last. So when two paths
 * reach one instruction, the first to get there has the earlier start,
 * and it alone is kept: what follows is the same for both. Once a match
 * is found no new starts are tried, and states that started later than
 * it are dropped; the search ends when no state is left.
 *
 * rx_nfa_captures then chooses the submatches of that match [so, eo) as
 * glibc does: among the paths from so to eo it takes the first in the
 * program's preference order (left alternatives first, loops iterate
 * rather than exit). This is a Pike VM: states carry their capture slots
 * and are kept in preference order, and when two paths reach the same
 * instruction at the same position the preferred one, which got there
 * first, wins. The first state to reach MATCH exactly at eo has the
 * answer.
 */
#include "regex_impl.h"

#include <stdlib.h>
#include <string.h>

bool rx_assert_holds(const rx_subject_t *subj, rx_assert_t what, size_t pos)
{
	const unsigned char *s = subj->s;
	bool newline = (subj->cflags & REG_NEWLINE) != 0;
	bool word_before = pos > 0 && (s[pos - 1] == '_' ||
		((s[pos - 1] | 32) >= 'a' && (s[pos - 1] | 32) <= 'z') ||
		(s[pos - 1] >= '0' && s[pos - 1] <= '9'));
	bool word_after = pos < subj->end && (s[pos] == '_' ||
		((s[pos] | 32) >= 'a' && (s[pos] | 32) <= 'z') ||
		(s[pos] >= '0' && s[pos] <= '9'));

	switch (what) {
	case RX_AT_BOL:
		return (pos == 0 && !(subj->eflags & REG_NOTBOL)) ||
		       (newline && pos > 0 && s[pos - 1] == '\n');
	case RX_AT_EOL:
		return (pos == subj->end && !(subj->eflags & REG_NOTEOL)) ||
		       (newline && pos < subj->end && s[pos] == '\n');
	case RX_AT_WORD_EDGE:
		return word_before != word_after;
	case RX_AT_NOT_WORD_EDGE:
		return word_before == word_after;
	case RX_AT_WORD_START:
		return !word_before && word_after;
	case RX_AT_WORD_END:
		return word_before && !word_after;
	case RX_AT_BUF_START:
		return pos == 0;
	case RX_AT_BUF_END:
		return pos == subj->end;
	}
	return false;
}

static bool consumes(const rx_prog_t *prog, const rx_inst_t *in, unsigned char c)
{
	return in->op == RX_OP_BYTE ? in->c == c : rx_set_has(&prog->sets[in->x], c);
}

/* --- the span ---------------------------------------------------------------- */

typedef struct {
	int32_t *pc;
	size_t *start;
	size_t n;
} span_list_t;

typedef struct {
	const rx_prog_t *prog;
	const rx_subject_t *subj;
	uint32_t *mark;         /* mark[pc] == gen: already in the list being built */
	uint32_t gen;
	int32_t *stack;
	span_list_t cur, next;
} span_vm_t;

static void next_generation(uint32_t *gen, uint32_t *mark, size_t n)
{
	if (++*gen == 0) {
		memset(mark, 0, n * sizeof(*mark));
		*gen = 1;
	}
}

/* Adds the states reachable from pc without consuming, at pos, to list. */
static void span_closure(span_vm_t *vm, span_list_t *list, int pc, size_t start, size_t pos)
{
	const rx_inst_t *code = vm->prog->code;
	size_t sp = 0;

	vm->stack[sp++] = pc;
	while (sp > 0) {
		pc = vm->stack[--sp];
		for (;;) {
			if (vm->mark[pc] == vm->gen)
				break;
			vm->mark[pc] = vm->gen;
			const rx_inst_t *in = &code[pc];
			if (in->op == RX_OP_JMP) {
				pc = in->x;
			} else if (in->op == RX_OP_SPLIT) {
				vm->stack[sp++] = in->y;
				pc = in->x;
			} else if (in->op == RX_OP_LOOP_CHECK) {
				/* Either way the reachable states are the same (compile.c). */
				vm->stack[sp++] = in->y;
				pc++;
			} else if (in->op == RX_OP_ASSERT) {
				if (!rx_assert_holds(vm->subj, (rx_assert_t)in->c, pos))
					break;
				pc++;
			} else if (in->op == RX_OP_SAVE || in->op == RX_OP_LOOP_ENTER ||
				   in->op == RX_OP_LOOP_MARK) {
				pc++;
			} else {        /* BYTE, SET, MATCH */
				list->pc[list->n] = pc;
				list->start[list->n++] = start;
				break;
			}
		}
	}
}

static size_t skip_to_first(const rx_prog_t *prog, const rx_subject_t *subj, size_t pos)
{
	while (pos < subj->end && !rx_set_has(&prog->first, subj->s[pos]))
		pos++;
	return pos;
}

/* Steps every state of cur over the byte at pos; records matches. */
static void span_step(span_vm_t *vm, size_t pos, bool *found, size_t *so, size_t *eo)
{
	const rx_inst_t *code = vm->prog->code;

	vm->next.n = 0;
	for (size_t i = 0; i < vm->cur.n; i++) {
		const rx_inst_t *in = &code[vm->cur.pc[i]];
		size_t start = vm->cur.start[i];
		if (*found && start > *so)
			break;      /* sorted by start: the rest started later */
		if (in->op == RX_OP_MATCH) {
			if (!*found || start < *so || pos > *eo) {
				*found = true;
				*so = start;
				*eo = pos;
			}
		} else if (pos < vm->subj->end && consumes(vm->prog, in, vm->subj->s[pos])) {
			span_closure(vm, &vm->next, vm->cur.pc[i] + 1, start, pos + 1);
		}
	}
	span_list_t t = vm->cur;
	vm->cur = vm->next;
	vm->next = t;
}

int rx_nfa_span(const rx_prog_t *prog, const rx_subject_t *subj, size_t *so, size_t *eo)
{
	size_t n = prog->ncode;
	/*
	 * starts (2n size_t), then mark (n), stack (2n), pcs (2n) as 32-bit
	 * words; small programs (most) use the stack, since grep calls this
	 * once per line.
	 */
	size_t local[1024];
	size_t bytes = n * (2 * sizeof(size_t) + 5 * sizeof(uint32_t));
	size_t *mem = bytes <= sizeof(local) ? local : malloc(bytes);
	if (!mem)
		return -1;
	memset(mem, 0, bytes);
	span_vm_t vm = { .prog = prog, .subj = subj };
	vm.cur.start = mem;
	vm.next.start = mem + n;
	vm.mark = (uint32_t *)(mem + 2 * n);
	vm.stack = (int32_t *)(vm.mark + n);
	vm.cur.pc = vm.stack + 2 * n;
	vm.next.pc = vm.cur.pc + n;

	bool found = false;
	size_t pos = subj->begin;
	next_generation(&vm.gen, vm.mark, n);
	for (;;) {
		if (!found && (!prog->anchored || pos == subj->begin)) {
			if (vm.cur.n == 0 && prog->has_first) {
				size_t to = skip_to_first(prog, subj, pos);
				if (to >= subj->end)
					break;
				if (to != pos)
					next_generation(&vm.gen, vm.mark, n);
				pos = to;
			}
			span_closure(&vm, &vm.cur, 0, pos, pos);
		}
		if (vm.cur.n == 0 && (found || prog->anchored || pos >= subj->end))
			break;
		next_generation(&vm.gen, vm.mark, n);
		span_step(&vm, pos, &found, so, eo);
		if (pos >= subj->end)
			break;
		pos++;
	}
	if (mem != local)
		free(mem);
	return found;
}

/* --- the captures ------------------------------------------------------------ */

typedef struct {
	int32_t *pc;
	long *slots;            /* n * nslots */
	size_t n;
} cap_list_t;

typedef struct {
	const rx_prog_t *prog;
	const rx_subject_t *subj;
	size_t nslots;
	size_t loops;           /* the first loop register's slot */
	uint32_t *mark;
	uint32_t gen;
	int32_t *stack;         /* pcs waiting, with their slots in pool */
	long *pool;
	long *work;
	cap_list_t cur, next;
} cap_vm_t;

/* What a LOOP_MARK or LOOP_CHECK does to loop register *reg at pos. */
static void loop_mark(long *reg, size_t pos)
{
	/* -1: no iteration yet; <= -2: the first started at -(r + 2); >= 0: a later one. */
	*reg = *reg == -1 ? -(long)pos - 2 : (long)pos;
}

/* Returns the next pc after a LOOP_CHECK, or -1 to drop the path. */
static int loop_check(const rx_inst_t *in, int pc, long reg, size_t pos)
{
	bool first = reg <= -2;
	size_t start = (size_t)(first ? -(reg + 2) : reg);

	if (pos != start)
		return in->y;
	return first ? pc + 1 : -1;
}

/*
 * Adds, in preference order, the states reachable from pc with slots
 * without consuming, at pos, to list.
 */
static void cap_closure(cap_vm_t *vm, cap_list_t *list, int pc, const long *slots, size_t pos)
{
	const rx_inst_t *code = vm->prog->code;
	size_t sp = 0, ns = vm->nslots;
	long *work = vm->work;

	memcpy(vm->pool, slots, ns * sizeof(long));
	vm->stack[sp++] = pc;
	while (sp > 0) {
		pc = vm->stack[--sp];
		memcpy(work, vm->pool + sp * ns, ns * sizeof(long));
		while (pc >= 0) {
			if (vm->mark[pc] == vm->gen)
				break;
			vm->mark[pc] = vm->gen;
			const rx_inst_t *in = &code[pc];
			switch (in->op) {
			case RX_OP_JMP:
				pc = in->x;
				continue;
			case RX_OP_SPLIT:
				memcpy(vm->pool + sp * ns, work, ns * sizeof(long));
				vm->stack[sp++] = in->y;
				pc = in->x;
				continue;
			case RX_OP_SAVE:
				work[in->x] = (long)pos;
				pc++;
				continue;
			case RX_OP_LOOP_ENTER:
				work[vm->loops + in->x] = -1;
				pc++;
				continue;
			case RX_OP_LOOP_MARK:
				loop_mark(&work[vm->loops + in->x], pos);
				pc++;
				continue;
			case RX_OP_LOOP_CHECK:
				pc = loop_check(in, pc, work[vm->loops + in->x], pos);
				continue;
			case RX_OP_ASSERT:
				pc = rx_assert_holds(vm->subj, (rx_assert_t)in->c, pos) ? pc + 1 : -1;
				continue;
			default:        /* BYTE, SET, MATCH */
				list->pc[list->n] = pc;
				memcpy(list->slots + list->n * ns, work, ns * sizeof(long));
				list->n++;
				pc = -1;
				continue;
			}
		}
	}
}

int rx_nfa_captures(const rx_prog_t *prog, const rx_subject_t *subj, size_t so, size_t eo,
		    long *slots)
{
	size_t n = prog->ncode, ns = 2 * (prog->nsub + 1) + prog->nloops;
	size_t words = n /* mark */ + n /* stack */ + 2 * n /* pcs */ +
		       2 * (n + 1) * ns /* pool, work, slots of both lists (in longs) */ +
		       (n + 1) * ns + ns;
	long *mem = calloc(words, sizeof(long));
	if (!mem)
		return REG_ESPACE;
	cap_vm_t vm = { .prog = prog, .subj = subj, .nslots = ns, .loops = 2 * (prog->nsub + 1) };
	vm.mark = (uint32_t *)mem;
	vm.stack = (int32_t *)(mem + n);
	vm.cur.pc = (int32_t *)(mem + 2 * n);
	vm.next.pc = vm.cur.pc + n;
	vm.pool = mem + 4 * n;
	vm.work = vm.pool + (n + 1) * ns;
	vm.cur.slots = vm.work + ns;
	vm.next.slots = vm.cur.slots + n * ns;

	for (size_t i = 0; i < ns; i++)
		slots[i] = -1;
	int result = REG_NOMATCH;
	next_generation(&vm.gen, vm.mark, n);
	cap_closure(&vm, &vm.cur, 0, slots, so);
	for (size_t pos = so;; pos++) {
		next_generation(&vm.gen, vm.mark, n);
		vm.next.n = 0;
		for (size_t i = 0; i < vm.cur.n && result != 0; i++) {
			const rx_inst_t *in = &prog->code[vm.cur.pc[i]];
			long *ts = vm.cur.slots + i * ns;
			if (in->op == RX_OP_MATCH) {
				if (pos == eo) {
					memcpy(slots, ts, ns * sizeof(long));
					result = 0;
				}
			} else if (pos < eo && consumes(prog, in, subj->s[pos])) {
				cap_closure(&vm, &vm.next, vm.cur.pc[i] + 1, ts, pos + 1);
			}
		}
		if (result == 0 || pos >= eo)
			break;
		cap_list_t t = vm.cur;
		vm.cur = vm.next;
		vm.next = t;
	}
	free(mem);
	slots[0] = (long)so;
	slots[1] = (long)eo;
	return 0;
}
