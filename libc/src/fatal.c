// SPDX-License-Identifier: MIT
/*
 * The last resort when libc itself cannot continue (no TLS, no memory for
 * the main thread): say so on fd 2 with raw system calls and exit 127.
 */
#include "libc.h"

#include <string.h>
#include <tessera/syscall.h>

void __libc_fatal(const char *msg)
{
	static const char prefix[] = "libc: fatal: ";

	sys_write(2, (long)prefix, sizeof(prefix) - 1);
	sys_write(2, (long)msg, (long)strlen(msg));
	sys_write(2, (long)"\n", 1);
	for (;;)
		sys_exit(127);
}
