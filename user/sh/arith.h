// SPDX-License-Identifier: MIT
/*
 * Arithmetic expansion's evaluator: $(( )) with C's integer operators
 * and precedence on intmax_t — unary + - ! ~, ++ and -- on variables,
 * * / % + - << >> < <= > >= == != & ^ | && || ?: = and the compound
 * assignments, and `,` — with decimal, octal (0...) and hex (0x...)
 * constants. Overflow wraps (as two's complement) instead of being
 * undefined; && || and ?: do not evaluate (or fail on) the side they skip.
 *
 * Variables are reached through callbacks, so the evaluator is pure and
 * tested on its own: an unset or empty variable is 0, and a value that is
 * not a number is evaluated as an expression in turn.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct arith_env {
	/* The variable's value, or NULL if unset. */
	const char *(*get)(void *ctx, const char *name);
	/* Sets it; -1 if it cannot be set (read-only). */
	int (*set)(void *ctx, const char *name, const char *value);
	void *ctx;
} arith_env_t;

/*
 * Evaluates expr. Returns 0 with *result, or -1 with a message in err
 * ("division by zero", "syntax error", ...).
 */
int arith_eval(const char *expr, const arith_env_t *env, intmax_t *result,
	       char *err, size_t errlen);
