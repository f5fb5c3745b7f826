// SPDX-License-Identifier: MIT
/* assert(): prints the failed expression to stderr and aborts. */
#pragma once

__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file,
					     int line, const char *func);

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#define static_assert _Static_assert
