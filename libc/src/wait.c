// SPDX-License-Identifier: MIT
/*
 * Waiting for children. The kernel writes the status word in the
 * encoding of abi/proc.h; the W* macros of <sys/wait.h> decode it, which
 * the assertions below tie together.
 */
#include "libc.h"

#include <sys/wait.h>
#include <tessera/syscall.h>

_Static_assert(WIFEXITED(ABI_WSTATUS_EXITED(3)) && WEXITSTATUS(ABI_WSTATUS_EXITED(3)) == 3,
	       "exit status encoding");
_Static_assert(WIFEXITED(ABI_WSTATUS_EXITED(0)) && !WIFSIGNALED(ABI_WSTATUS_EXITED(255)),
	       "exit status encoding");
_Static_assert(WIFSIGNALED(ABI_WSTATUS_SIGNALED(9)) && WTERMSIG(ABI_WSTATUS_SIGNALED(9)) == 9 &&
	       !WIFEXITED(ABI_WSTATUS_SIGNALED(11)),
	       "signal status encoding");

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__syscall_ret(sys_waitpid(pid, (long)status, options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
