// SPDX-License-Identifier: MIT
/*
 * In-kernel self-tests. KTEST(name) defines a test and places it in the
 * .ktests section, so tests live beside the code they check and the
 * runner (core/selftest.c) finds them all without a table. A test returns
 * true when it passes; KCHECK logs the failed condition and returns false.
 * They run only with `selftest` on the kernel command line.
 */
#pragma once

#include <log.h>
#include <stdbool.h>

typedef struct ktest {
	const char *name;
	bool (*fn)(void);
} ktest_t;

#define KTEST(name)                                                          \
	static bool ktest_##name(void);                                      \
	static const ktest_t ktest_entry_##name                              \
		__attribute__((used, section(".ktests"), aligned(8))) = {    \
			#name, ktest_##name };                               \
	static bool ktest_##name(void)

#define KCHECK(cond)                                                          \
	do {                                                                  \
		if (!(cond)) {                                                \
			klog("ktest: check failed: %s (%s:%d)", #cond,        \
			     __FILE__, __LINE__);                             \
			return false;                                         \
		}                                                             \
	} while (0)

/* Runs every KTEST, prints "selftest: N passed, N failed"; true if none failed. */
bool selftest_run(void);
