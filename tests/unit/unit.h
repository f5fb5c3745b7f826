// SPDX-License-Identifier: MIT
/*
 * A small host unit-test framework.
 *
 * TEST(name) defines a test and registers it from a constructor, so a test
 * file is only its tests: no table to keep in step. CHECK* record the first
 * failure of a test with its file and line and end that test. unit.c's
 * main runs every registered test (or those named on the command line) and
 * prints one line per test and a closing "N passed, N failed". Test
 * binaries are built with -fsanitize=address,undefined.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef void (*unit_fn_t)(void);

void unit_register(const char *name, unit_fn_t fn);
void unit_fail(const char *file, int line, const char *what);
void unit_fail_eq(const char *file, int line, const char *what,
		  long long got, long long want);

#define TEST(name)                                                      \
	static void name(void);                                         \
	__attribute__((constructor)) static void unit_reg_##name(void)  \
	{                                                               \
		unit_register(#name, name);                             \
	}                                                               \
	static void name(void)

#define CHECK(cond)                                               \
	do {                                                      \
		if (!(cond)) {                                    \
			unit_fail(__FILE__, __LINE__, #cond);     \
			return;                                   \
		}                                                 \
	} while (0)

#define CHECK_EQ(got, want)                                                \
	do {                                                               \
		long long unit_got_ = (long long)(got);                    \
		long long unit_want_ = (long long)(want);                  \
		if (unit_got_ != unit_want_) {                             \
			unit_fail_eq(__FILE__, __LINE__, #got " == " #want, \
				     unit_got_, unit_want_);               \
			return;                                            \
		}                                                          \
	} while (0)

#define CHECK_STR(got, want)                                              \
	do {                                                              \
		const char *unit_g_ = (got), *unit_w_ = (want);           \
		if (!unit_streq(unit_g_, unit_w_)) {                      \
			unit_fail_str(__FILE__, __LINE__, #got, unit_g_,  \
				      unit_w_);                           \
			return;                                           \
		}                                                         \
	} while (0)

bool unit_streq(const char *a, const char *b);
void unit_fail_str(const char *file, int line, const char *what,
		   const char *got, const char *want);
