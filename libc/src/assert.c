// SPDX-License-Identifier: MIT
/* The failure half of assert(): report where, then abort. */
#include "libc.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);
	abort();
}
