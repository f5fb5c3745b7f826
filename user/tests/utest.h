// SPDX-License-Identifier: MIT
/*
 * A tiny test framework for programs that run inside Tessera, shaped like
 * the host one (tests/unit/unit.h).
 *
 * TEST(name) defines a test and registers it from a constructor (libc's
 * start-up runs .init_array), so a test program is just its tests. CHECK*
 * record the first failure of a test with file and line and end that test
 * by returning. main (utest.c) runs the tests in order, or the ones named
 * on the command line, and prints one line per test and a closing
 * "NAME: N passed, N failed"; it exits 0 iff none failed.
 *
 * Many tests fork. A child must never return into the runner: children
 * end with _exit, and check with CHILD_CHECK, which exits with
 * UTEST_CHILD_FAILED. Anything that may crash or hang runs in a child, and
 * every wait for an event is bounded (no test asserts an upper bound on
 * elapsed time, only that things happen within a generous limit).
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef void (*utest_fn_t)(void);

void utest_register(const char *name, utest_fn_t fn);
void utest_fail(const char *file, int line, const char *what);
void utest_fail_eq(const char *file, int line, const char *what, long long got,
		   long long want);
void utest_fail_errno(const char *file, int line, const char *what, long got,
		      int err, int want);
void utest_fail_str(const char *file, int line, const char *what, const char *got,
		    const char *want);
bool utest_streq(const char *a, const char *b);
void utest_skip(const char *why);
__attribute__((noreturn)) void utest_child_fail(const char *file, int line, const char *what);

#define UTEST_CHILD_FAILED 99

#define TEST(name)                                                      \
	static void name(void);                                         \
	__attribute__((constructor)) static void utest_reg_##name(void) \
	{                                                               \
		utest_register(#name, name);                            \
	}                                                               \
	static void name(void)

#define CHECK(cond)                                                \
	do {                                                       \
		if (!(cond)) {                                     \
			utest_fail(__FILE__, __LINE__, #cond);     \
			return;                                    \
		}                                                  \
	} while (0)

#define CHECK_EQ(got, want)                                                  \
	do {                                                                 \
		long long utest_got_ = (long long)(got);                     \
		long long utest_want_ = (long long)(want);                   \
		if (utest_got_ != utest_want_) {                             \
			utest_fail_eq(__FILE__, __LINE__, #got " == " #want, \
				      utest_got_, utest_want_);              \
			return;                                              \
		}                                                            \
	} while (0)

/* expr must fail: return -1 with errno == err. */
#define CHECK_ERRNO(expr, err)                                                  \
	do {                                                                    \
		errno = 0;                                                      \
		long utest_r_ = (long)(expr);                                   \
		int utest_e_ = errno;                                           \
		if (utest_r_ != -1 || utest_e_ != (err)) {                      \
			utest_fail_errno(__FILE__, __LINE__, #expr, utest_r_,   \
					 utest_e_, (err));                      \
			return;                                                 \
		}                                                               \
	} while (0)

#define CHECK_STR(got, want)                                               \
	do {                                                               \
		const char *utest_g_ = (got), *utest_w_ = (want);          \
		if (!utest_streq(utest_g_, utest_w_)) {                    \
			utest_fail_str(__FILE__, __LINE__, #got, utest_g_, \
				       utest_w_);                          \
			return;                                            \
		}                                                          \
	} while (0)

/* Ends the test as passed, noting why it did not really run. */
#define SKIP(why)                      \
	do {                           \
		utest_skip(why);       \
		return;                \
	} while (0)

#define CHILD_CHECK(cond)                                                \
	do {                                                             \
		if (!(cond))                                             \
			utest_child_fail(__FILE__, __LINE__, #cond);     \
	} while (0)

/* --- helpers ------------------------------------------------------------ */

/* fork() after flushing stdout, so buffered text is not printed twice. */
pid_t utest_fork(void);
/* waitpid(pid, &status, 0), retried on EINTR; the status, or -1. */
int utest_wait(pid_t pid);
/* Runs fn(arg) in a child that then exits 0; returns its wait status. */
int utest_in_child(void (*fn)(void *arg), void *arg);
/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t utest_now_ns(void);
void utest_sleep_ms(unsigned ms);
/* Polls (1 ms sleeps) until *word == value or timeout_ms pass. */
bool utest_wait_for(volatile int *word, int value, unsigned timeout_ms);
/*
 * Runs argv[0] (a path) with stdin from the file in_path, or the string
 * in, or nothing, and stderr into stdout's pipe when merge; its output in
 * out, NUL-ended (cut at size - 1). Returns the wait status, or -1.
 */
int utest_run(char *const argv[], const char *in_path, const char *in, int merge, char *out,
	      size_t size);
/* Whether the kernel log (debug:, as dmesg shows it) holds needle. */
bool utest_kernel_log_has(const char *needle);
/* Zeroed MAP_SHARED anonymous memory (shared with children), or NULL. */
void *utest_shared(size_t size);
