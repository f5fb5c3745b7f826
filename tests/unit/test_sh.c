// SPDX-License-Identifier: MIT
/*
 * Host tests of the shell's pure parts (user/sh): the parser (checked by
 * printing trees back as text, and by the parts of words), expansions
 * without commands (parameters, splitting, "$@", patterns, tilde) and the
 * arithmetic evaluator. Linked with every C file of user/sh but main.c.
 * Behaviour that needs processes is tested by the scripts of tests/sh.
 */
#include "tests/unit/unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user/sh/arith.h"
#include "user/sh/ast.h"
#include "user/sh/expand.h"
#include "user/sh/input.h"
#include "user/sh/parse.h"
#include "user/sh/sh.h"
#include "user/sh/var.h"

/* Parses the first command of text; NULL if it is a syntax error. */
static node_t *parse_text(arena_t *a, const char *text)
{
	handler_t h;
	node_t *volatile n = NULL;
	int depth = input_depth();
	bool eof;

	input_push_string(text, 1, true);
	if (sh_try(&h) == 0) {
		n = parse_command(a, &eof);
		sh_untry(&h);
	} else {
		sh_catch(&h);
		n = NULL;
	}
	input_pop_to(depth);
	return n;
}

/* The text the parser makes of src, or "ERROR". */
static const char *roundtrip(const char *src)
{
	static char out[1024];
	arena_t *a = arena_new();
	stk_mark_t m = stk_mark();
	node_t *n = parse_text(a, src);

	snprintf(out, sizeof(out), "%s", n ? node_to_text(n) : "ERROR");
	stk_release(m);
	arena_unref(a);
	return out;
}

/* Expands the arguments of "echo WORDS" and joins the fields with "|". */
static const char *fields(const char *words)
{
	static char out[1024];
	arena_t *a = arena_new();
	stk_mark_t m = stk_mark();
	char *text = stk_printf("echo %s\n", words);
	node_t *n = parse_text(a, text);
	handler_t h;

	strcpy(out, "ERROR");
	if (n && sh_try(&h) == 0) {
		int count;
		char **v = expand_words(n->simple.args->next, EXP_FULL, &count);

		out[0] = '\0';
		for (int i = 0; i < count; i++)
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? "|" : "", v[i]);
		sh_untry(&h);
	} else if (n) {
		sh_catch(&h);
	}
	stk_release(m);
	arena_unref(a);
	return out;
}

TEST(parse_simple_command_words)
{
	CHECK_STR(roundtrip("echo   a  'b c'  \"d\"\n"), "echo a 'b c' \"d\"");
}

TEST(parse_assignments_before_words)
{
	CHECK_STR(roundtrip("a=1 b=2 cmd c=3\n"), "a=1 b=2 cmd c=3");
}

TEST(parse_pipelines_and_lists)
{
	CHECK_STR(roundtrip("a | b && ! c || d\n"), "a | b && ! c || d");
	CHECK_STR(roundtrip("a; b & c\n"), "a; b & c;");
}

TEST(parse_redirections)
{
	CHECK_STR(roundtrip("cat <in >out 2>&1 3<>f >>log >|x 4<&-\n"),
		  "cat <in >out 2>&1 3<>f >>log >|x 4<&-");
}

TEST(parse_io_number_needs_adjacency)
{
	CHECK_STR(roundtrip("echo 2 >f\n"), "echo 2 >f");
	CHECK_STR(roundtrip("echo 2>f\n"), "echo 2>f");
}

TEST(parse_compound_commands)
{
	CHECK_STR(roundtrip("if a; then b; else c; fi\n"), "if a; then b; else c; fi");
	CHECK_STR(roundtrip("while a\ndo b\ndone\n"), "while a; do b; done");
	CHECK_STR(roundtrip("until a; do b; c; done\n"), "until a; do b; c; done");
	CHECK_STR(roundtrip("for i in 1 2; do echo $i; done\n"), "for i in 1 2; do echo $i; done");
	CHECK_STR(roundtrip("for i; do :; done\n"), "for i; do :; done");
	CHECK_STR(roundtrip("{ a; b; }\n"), "{ a; b; }");
	CHECK_STR(roundtrip("(a; b)\n"), "(a; b;)");
}

TEST(parse_case)
{
	CHECK_STR(roundtrip("case $x in a|b) echo 1;; (c) ;; *) echo 2;& esac\n"),
		  "case $x in a|b) echo 1 ;; c) ;; *) echo 2 ;& esac");
}

TEST(parse_function_definition)
{
	CHECK_STR(roundtrip("f() { echo hi; }\n"), "f() { echo hi; }");
	CHECK_STR(roundtrip("f ( ) ( echo sub )\n"), "f() (echo sub)");
}

TEST(parse_reserved_words_only_in_place)
{
	CHECK_STR(roundtrip("echo if then fi\n"), "echo if then fi");
	CHECK_STR(roundtrip("for i in do; do :; done\n"), "for i in do; do :; done");
	CHECK_STR(roundtrip("for 1 in x; do :; done\n"), "ERROR");
	CHECK_STR(roundtrip("\"if\" x\n"), "\"if\" x");
}

TEST(parse_syntax_errors)
{
	CHECK_STR(roundtrip("fi\n"), "ERROR");
	CHECK_STR(roundtrip("if a; then b\n"), "ERROR");
	CHECK_STR(roundtrip("echo a )\n"), "ERROR");
	CHECK_STR(roundtrip("a | | b\n"), "ERROR");
	CHECK_STR(roundtrip("{ }\n"), "ERROR");
	CHECK_STR(roundtrip("echo 'open\n"), "ERROR");
	CHECK_STR(roundtrip("echo ${x\n"), "ERROR");
	CHECK_STR(roundtrip("case a in\n"), "ERROR");
	CHECK_EQ(sh.status, 2);
}

TEST(parse_line_continuation_and_comments)
{
	/* Words keep their source text, backslash-newline included. */
	CHECK_STR(roundtrip("echo a\\\nb # comment\n"), "echo a\\\nb");
	CHECK_STR(roundtrip("echo a \\\n b # comment\n"), "echo a b");
}

TEST(parse_word_parts)
{
	arena_t *a = arena_new();
	node_t *n = parse_text(a, "x a\"b$c\"'d'\\e\n");

	CHECK(n);
	wpart_t *p = n->simple.args->next->parts;

	CHECK(p && p->kind == WP_LIT && !p->quoted && strcmp(p->lit.text, "a") == 0);
	p = p->next;
	CHECK(p && p->kind == WP_LIT && p->quoted && strcmp(p->lit.text, "b") == 0);
	p = p->next;
	CHECK(p && p->kind == WP_PARAM && p->quoted && strcmp(p->param.name, "c") == 0);
	p = p->next;
	CHECK(p && p->kind == WP_LIT && p->quoted && strcmp(p->lit.text, "de") == 0);
	CHECK(!p->next);
	arena_unref(a);
}

TEST(parse_parameter_operators)
{
	arena_t *a = arena_new();
	node_t *n = parse_text(a, "x ${v:-w} ${#v} ${v##*/} ${v%x} ${10} $10\n");

	CHECK(n);
	word_t *w = n->simple.args->next;

	CHECK_EQ(w->parts->param.op, PE_DEFAULT);
	CHECK(w->parts->param.colon);
	w = w->next;
	CHECK_EQ(w->parts->param.op, PE_LENGTH);
	w = w->next;
	CHECK_EQ(w->parts->param.op, PE_TRIM_PREFIX_LONG);
	w = w->next;
	CHECK_EQ(w->parts->param.op, PE_TRIM_SUFFIX);
	w = w->next;
	CHECK_STR(w->parts->param.name, "10");
	w = w->next;
	CHECK_STR(w->parts->param.name, "1");
	CHECK(w->parts->next && w->parts->next->kind == WP_LIT);
	arena_unref(a);
}

TEST(parse_command_substitution_is_a_tree)
{
	arena_t *a = arena_new();
	node_t *n = parse_text(a, "x $(case y in y) echo ok;; esac) `echo b`\n");

	CHECK(n);
	wpart_t *p = n->simple.args->next->parts;

	CHECK(p->kind == WP_CMDSUB && p->cmdsub && p->cmdsub->kind == N_CASE);
	p = n->simple.args->next->next->parts;
	CHECK(p->kind == WP_CMDSUB && p->cmdsub && p->cmdsub->kind == N_SIMPLE);
	arena_unref(a);
}

TEST(parse_here_document_bodies)
{
	arena_t *a = arena_new();
	node_t *n = parse_text(a, "cat <<E; cat <<'Q'\nhi $x\nE\nlit $x\nQ\n");

	CHECK(n && n->kind == N_LIST);
	redir_t *r1 = n->list.first->redirs, *r2 = n->list.first->next->redirs;

	CHECK(r1 && !r1->body_quoted && r1->body);
	CHECK(r1->body->parts->kind == WP_LIT && strcmp(r1->body->parts->lit.text, "hi ") == 0);
	CHECK(r1->body->parts->next->kind == WP_PARAM);
	CHECK(r2 && r2->body_quoted);
	CHECK_STR(r2->body->parts->lit.text, "lit $x\n");
	arena_unref(a);
}

TEST(expand_quoting_and_splitting)
{
	var_set("IFS", " \t\n", 0);
	var_set("x", "a  b", 0);
	CHECK_STR(fields("$x"), "a|b");
	CHECK_STR(fields("\"$x\""), "a  b");
	CHECK_STR(fields("pre$x\"post\""), "prea|bpost");
	CHECK_STR(fields("'$x'"), "$x");
	var_set("e", "", 0);
	CHECK_STR(fields("$e"), "");
	CHECK_STR(fields("\"$e\" ''"), "|");
}

TEST(expand_ifs_rules)
{
	var_set("v", " a:b::c: ", 0);
	var_set("IFS", ": ", 0);
	CHECK_STR(fields("$v"), "a|b||c");
	var_set("IFS", "", 0);
	CHECK_STR(fields("$v"), " a:b::c: ");
	var_unset("IFS");
	var_set("v", "x\ty z", 0);
	CHECK_STR(fields("$v"), "x|y|z");
	var_set("IFS", " \t\n", 0);
}

TEST(expand_positional_parameters)
{
	char *args[] = { "a b", "", "c" };

	params_set(3, args);
	CHECK_STR(fields("\"$@\""), "a b||c");
	CHECK_STR(fields("$@"), "a|b|c");
	CHECK_STR(fields("\"x$@y\""), "xa b||cy");
	CHECK_STR(fields("\"$*\""), "a b  c");
	CHECK_STR(fields("$#"), "3");
	params_set(0, args);
	CHECK_STR(fields("\"$@\""), "");
	CHECK_STR(fields("\"$@\"''"), "");
}

TEST(expand_parameter_operators)
{
	var_set("f", "dir/file.tar.gz", 0);
	var_unset("u");
	var_set("n", "", 0);
	CHECK_STR(fields("${f%.*} ${f%%.*} ${f#*/} ${f##*.}"), "dir/file.tar|dir/file|file.tar.gz|gz");
	CHECK_STR(fields("${u-d} ${n-d} ${n:-d} ${f:+alt} ${u+alt}x"), "d|d|alt|x");
	CHECK_STR(fields("${#f}"), "15");
	CHECK_STR(fields("${u=set}"), "set");
	CHECK_STR(var_get("u"), "set");
	CHECK_STR(fields("${f%\"*\"}"), "dir/file.tar.gz");
}

TEST(expand_tilde)
{
	var_set("HOME", "/home/me", 0);
	CHECK_STR(fields("~ ~/x \"~\" a~"), "/home/me|/home/me/x|~|a~");
}

TEST(expand_errors_unwind)
{
	var_unset("nope");
	CHECK_STR(fields("${nope?gone}"), "ERROR");
	CHECK_STR(fields("$((1/0))"), "ERROR");
}

TEST(pattern_magic)
{
	CHECK(pattern_has_magic("*.c"));
	CHECK(pattern_has_magic("a?"));
	CHECK(pattern_has_magic("[ab]"));
	CHECK(!pattern_has_magic("[ab"));
	CHECK(!pattern_has_magic("\\*"));
	CHECK(!pattern_has_magic("plain"));
	CHECK(pattern_match("a*", "abc"));
	CHECK(!pattern_match("\\*", "x"));
	CHECK(pattern_match("a\\*\\[b]", "a*[b]"));
}

/* --- arithmetic ------------------------------------------------------ */

typedef struct avar {
	char name[16];
	char value[32];
} avar_t;

static avar_t avars[8];

static const char *aget(void *ctx, const char *name)
{
	(void)ctx;
	for (int i = 0; i < 8; i++)
		if (strcmp(avars[i].name, name) == 0)
			return avars[i].value;
	return NULL;
}

static int aset(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	if (strcmp(name, "ro") == 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (strcmp(avars[i].name, name) == 0 || !avars[i].name[0]) {
			snprintf(avars[i].name, sizeof(avars[i].name), "%s", name);
			snprintf(avars[i].value, sizeof(avars[i].value), "%s", value);
			return 0;
		}
	}
	return -1;
}

static intmax_t ar(const char *expr)
{
	arith_env_t env = { aget, aset, NULL };
	intmax_t v = -12345;
	char err[64];

	if (arith_eval(expr, &env, &v, err, sizeof(err)) < 0)
		return -99999;
	return v;
}

static const char *ar_err(const char *expr)
{
	static char err[64];
	arith_env_t env = { aget, aset, NULL };
	intmax_t v;

	if (arith_eval(expr, &env, &v, err, sizeof(err)) == 0)
		return "no error";
	return err;
}

TEST(arith_operators_and_precedence)
{
	CHECK_EQ(ar("1 + 2 * 3"), 7);
	CHECK_EQ(ar("(1 + 2) * 3"), 9);
	CHECK_EQ(ar("7 / 2 + 7 % 2"), 4);
	CHECK_EQ(ar("-7 / 2"), -3);
	CHECK_EQ(ar("1 << 3 | 1"), 9);
	CHECK_EQ(ar("5 & 3 ^ 1"), 0);	/* & before ^ */
	CHECK_EQ(ar("2 < 3 == 1"), 1);
	CHECK_EQ(ar("!0 + ~0"), 0);
	CHECK_EQ(ar("1 ? 2 : 3"), 2);
	CHECK_EQ(ar("0 ? 2 : 0 ? 3 : 4"), 4);
	CHECK_EQ(ar("1 && 2 || 0"), 1);
	CHECK_EQ(ar("010 + 0x10"), 24);
	CHECK_EQ(ar(""), 0);
}

TEST(arith_variables)
{
	memset(avars, 0, sizeof(avars));
	aset(NULL, "x", "5");
	aset(NULL, "e", "x*2");
	CHECK_EQ(ar("x * x"), 25);
	CHECK_EQ(ar("e + 1"), 11);
	CHECK_EQ(ar("unset + 1"), 1);
	CHECK_EQ(ar("y = 3"), 3);
	CHECK_STR(aget(NULL, "y"), "3");
	CHECK_EQ(ar("y += 4"), 7);
	CHECK_EQ(ar("y <<= 1"), 14);
	CHECK_EQ(ar("y++"), 14);
	CHECK_EQ(ar("y"), 15);
	CHECK_EQ(ar("--y"), 14);
	CHECK_EQ(ar("a = b = 2"), 2);
	CHECK_EQ(ar("a, b, 9"), 9);
}

TEST(arith_short_circuit)
{
	memset(avars, 0, sizeof(avars));
	CHECK_EQ(ar("0 && (z = 1)"), 0);
	CHECK(aget(NULL, "z") == NULL);
	CHECK_EQ(ar("1 || 1 / 0"), 1);
	CHECK_EQ(ar("1 ? 5 : 1 / 0"), 5);
}

TEST(arith_overflow_wraps)
{
	CHECK_EQ(ar("9223372036854775807 + 1"), INT64_MIN);
	CHECK_EQ(ar("-9223372036854775807 - 1"), INT64_MIN);
	CHECK_EQ(ar("(-9223372036854775807 - 1) / -1"), INT64_MIN);
	CHECK_EQ(ar("(-9223372036854775807 - 1) % -1"), 0);
	CHECK_EQ(ar("1 << 63"), INT64_MIN);
	CHECK_EQ(ar("1 << 64"), 1);
}

TEST(arith_errors)
{
	CHECK_STR(ar_err("1 / 0"), "division by zero");
	CHECK_STR(ar_err("1 % 0"), "division by zero");
	CHECK_STR(ar_err("1 +"), "missing operand");
	CHECK_STR(ar_err("(1"), "missing )");
	CHECK_STR(ar_err("08"), "bad number");
	CHECK_STR(ar_err("1 2"), "syntax error");
	CHECK_STR(ar_err("ro = 1"), "read-only variable");
	CHECK_STR(ar_err("1 ? 2"), "missing : in ?:");
	CHECK_STR(ar_err("5++"), "syntax error");
}
