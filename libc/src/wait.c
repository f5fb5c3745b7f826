// SPDX-License-Identifier: MIT
/*
 * Waiting for children. The kernel writes the status word in the
 * encoding of abi/proc.h; the W* macros of <sys/wait.h> decode it, which
 * the assertions below tie together.
 *
 * The kernel's waitpid takes WNOHANG, WUNTRACED and WCONTINUED as they
 * are. waitid is waitpid with its answer spelled as a siginfo_t; asking
 * only for stops or continues (no WEXITED) is not expressible in
 * waitpid, so it is refused (EINVAL) rather than answered wrongly.
 */
#include "libc.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <tessera/syscall.h>

_Static_assert(WIFEXITED(ABI_WSTATUS_EXITED(3)) && WEXITSTATUS(ABI_WSTATUS_EXITED(3)) == 3,
	       "exit status encoding");
_Static_assert(WIFEXITED(ABI_WSTATUS_EXITED(0)) && !WIFSIGNALED(ABI_WSTATUS_EXITED(255)),
	       "exit status encoding");
_Static_assert(WIFSIGNALED(ABI_WSTATUS_SIGNALED(9)) && WTERMSIG(ABI_WSTATUS_SIGNALED(9)) == 9 &&
	       !WIFEXITED(ABI_WSTATUS_SIGNALED(11)) && !WIFSTOPPED(ABI_WSTATUS_SIGNALED(9)),
	       "signal status encoding");
_Static_assert(!WIFSIGNALED(0x137f) && WIFSTOPPED(0x137f) && WSTOPSIG(0x137f) == 0x13 &&
	       !WIFSIGNALED(0xffff) && WIFCONTINUED(0xffff), "stop status encoding");
_Static_assert((WNOHANG & (WUNTRACED | WEXITED | WCONTINUED | WNOWAIT)) == 0, "distinct");
_Static_assert(WUNTRACED == ABI_WUNTRACED && WCONTINUED == ABI_WCONTINUED, "kernel's values");
_Static_assert(WIFSTOPPED(ABI_WSTATUS_STOPPED(20)) && WSTOPSIG(ABI_WSTATUS_STOPPED(20)) == 20 &&
	       WIFCONTINUED(ABI_WSTATUS_CONTINUED), "stop status encoding");

pid_t waitpid(pid_t pid, int *status, int options)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return (pid_t)__syscall_ret(-EINVAL);
	return (pid_t)__syscall_ret(sys_waitpid(pid, (long)status, options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* The waitpid pid argument that names idtype/id, or 0 when invalid. */
static int waitid_target(idtype_t idtype, id_t id, pid_t *pid)
{
	switch (idtype) {
	case P_ALL:
		*pid = -1;
		return 1;
	case P_PID:
		*pid = (pid_t)id;
		return id > 0;
	case P_PGID:
		*pid = id ? -(pid_t)id : 0;
		return 1;
	default:
		return 0;
	}
}

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	pid_t pid, got;
	int status = 0;

	if (!waitid_target(idtype, id, &pid) || (options & WNOWAIT) ||
	    !(options & (WEXITED | WSTOPPED | WCONTINUED)) ||
	    (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED)))
		return (int)__syscall_ret(-EINVAL);
	if (!(options & WEXITED))
		return (int)__syscall_ret(-EINVAL);
	got = (pid_t)__syscall_ret(sys_waitpid(pid, (long)&status,
						options & (WNOHANG | WSTOPPED | WCONTINUED)));
	if (got < 0)
		return -1;
	memset(info, 0, sizeof(*info));
	if (got == 0)
		return 0;
	info->si_signo = SIGCHLD;
	info->si_pid = got;
	if (WIFSTOPPED(status)) {
		info->si_code = CLD_STOPPED;
		info->si_status = WSTOPSIG(status);
	} else if (WIFCONTINUED(status)) {
		info->si_code = CLD_CONTINUED;
		info->si_status = SIGCONT;
	} else if (WIFEXITED(status)) {
		info->si_code = CLD_EXITED;
		info->si_status = WEXITSTATUS(status);
	} else {
		info->si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info->si_status = WTERMSIG(status);
	}
	return 0;
}
