// SPDX-License-Identifier: MIT
/*
 * Normal process exit: the atexit functions in reverse order of
 * registration, then .fini_array (destructors) in reverse, then every
 * stdio stream is flushed and the process ends. POSIX's 32 atexit slots
 * are a fixed table; a handler may itself call atexit, which is picked
 * up because the loop re-reads the count.
 */
#include "libc.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

extern void (*__fini_array_start[])(void);
extern void (*__fini_array_end[])(void);

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start;)
		(*--f)();
	__stdio_flush_all();
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}
