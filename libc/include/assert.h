// SPDX-License-Identifier: MIT
/*
 * assert(): prints the failed expression to stderr and aborts.
 *
 * Deliberately without an include guard around the macro: C17 7.2 says
 * assert is redefined according to the current NDEBUG each time
 * <assert.h> is included, and programs rely on it (gnulib's config.h
 * includes <assert.h> and #undefs assert; the source then includes it
 * again to get assert back).
 */
#ifndef _ASSERT_H_DECLS
#define _ASSERT_H_DECLS
__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file,
					     int line, const char *func);
#endif

#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif
