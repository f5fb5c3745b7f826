// SPDX-License-Identifier: MIT
/*
 * Signal dispositions, masks and sending.
 *
 * sigaction translates struct sigaction to the kernel's abi_sigaction_t.
 * Unless the caller brings its own (SA_RESTORER), the restorer is
 * __restore_rt (sigrestore.S): the kernel starts a handler with rsp at
 * the frame's return_address, which points there, so a handler that
 * returns lands in SYS_sigreturn with rsp just past that word, and the
 * kernel restores the interrupted context from the frame.
 *
 * raise() signals the process, not just the calling thread: there is no
 * thread-directed kill yet.
 */
#include "libc.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <tessera/syscall.h>
#include <unistd.h>

void __restore_rt(void);

/* sigrestore.S hardcodes the number. */
_Static_assert(SYS_sigreturn == 16, "sigrestore.S");

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict oldact)
{
	abi_sigaction_t kact, kold;
	long ret;

	if (act) {
		kact.handler = (uint64_t)(uintptr_t)act->sa_handler;
		kact.flags = (uint32_t)act->sa_flags;
		kact.mask = act->sa_mask;
		if (act->sa_flags & SA_RESTORER) {
			kact.restorer = (uint64_t)(uintptr_t)act->sa_restorer;
		} else {
			kact.flags |= SA_RESTORER;
			kact.restorer = (uint64_t)(uintptr_t)__restore_rt;
		}
	}
	ret = sys_sigaction(sig, act ? (long)&kact : 0, oldact ? (long)&kold : 0);
	if (sys_is_error(ret))
		return (int)__syscall_ret(ret);
	if (oldact) {
		oldact->sa_handler = (void (*)(int))(uintptr_t)kold.handler;
		oldact->sa_flags = (int)kold.flags;
		oldact->sa_mask = kold.mask;
		oldact->sa_restorer = (void (*)(void))(uintptr_t)kold.restorer;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old = { .sa_handler = SIG_DFL };

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(sys_kill(pid, sig));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict oldset)
{
	return (int)__syscall_ret(sys_sigprocmask(how, (long)set, (long)oldset));
}

static int sig_valid(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	*set |= (sigset_t)1 << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	*set &= ~((sigset_t)1 << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	return (int)((*set >> (sig - 1)) & 1);
}
