// SPDX-License-Identifier: MIT
/*
 * BSD error messages: "prog: message: strerror(errno)\n" (warn, err) or
 * "prog: message\n" (warnx, errx) on stderr; the err forms then exit.
 * prog is the base name of argv[0] (program_invocation_short_name).
 */
#pragma once

#include <stdarg.h>

#define __ERR_FORMAT(i, first) __attribute__((__format__(__printf__, i, first)))

void warn(const char *fmt, ...) __ERR_FORMAT(1, 2);
void vwarn(const char *fmt, va_list ap) __ERR_FORMAT(1, 0);
void warnx(const char *fmt, ...) __ERR_FORMAT(1, 2);
void vwarnx(const char *fmt, va_list ap) __ERR_FORMAT(1, 0);
__attribute__((noreturn)) void err(int status, const char *fmt, ...) __ERR_FORMAT(2, 3);
__attribute__((noreturn)) void verr(int status, const char *fmt, va_list ap) __ERR_FORMAT(2, 0);
__attribute__((noreturn)) void errx(int status, const char *fmt, ...) __ERR_FORMAT(2, 3);
__attribute__((noreturn)) void verrx(int status, const char *fmt, va_list ap) __ERR_FORMAT(2, 0);
