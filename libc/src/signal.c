// SPDX-License-Identifier: MIT
/*
 * Signal dispositions, masks and sending.
 *
 * The kernel starts a handler with the signal number in rdi, 0 in rsi and
 * its saved context in rdx, on a frame whose return address is the
 * restorer. libc does not give the kernel the program's handler: it gives
 * __sig_trampoline (sigrestore.S), and keeps the program's function in
 * sig_handlers[]. The trampoline then
 *  - builds the siginfo_t the kernel does not pass (zero but for si_signo
 *    and si_code SI_USER) for SA_SIGINFO handlers,
 *  - counts handled signals per thread (__sig_delivered, see
 *    signal/signal_impl.h: sigsuspend and friends sleep on it),
 *  - keeps errno across the handler, so an interrupted errno survives.
 * sigaction reports the program's function back, never the trampoline.
 * The table is written before the kernel's record, so a signal arriving
 * in between runs the new handler: the change looks atomic to it.
 *
 * Unless the caller brings its own (SA_RESTORER), the restorer is
 * __restore_rt (sigrestore.S): a handler that returns lands in
 * SYS_sigreturn with rsp just past the return address, and the kernel
 * restores the interrupted context from the frame.
 *
 * raise() signals the process, not just the calling thread: there is no
 * thread-directed kill yet.
 */
#include "libc.h"
#include "signal/signal_impl.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <tessera/syscall.h>
#include <unistd.h>

void __restore_rt(void);

/* sigrestore.S hardcodes the number. */
_Static_assert(SYS_sigreturn == 16, "sigrestore.S");

_Thread_local volatile int __sig_delivered;

static uintptr_t sig_handlers[NSIG];    /* the program's functions */
static uint64_t sig_wants_info;         /* bit sig: SA_SIGINFO handler */

/*
 * The trampoline (sigrestore.S) keeps this on its stack. It calls
 * __sig_enter, then the handler with (sig, &info, context), then
 * __sig_leave — and relies on nothing but rsp across the handler, which
 * may be careless with callee-saved registers or the direction flag
 * (sigreturn restores all of those for the interrupted code anyway).
 */
typedef struct sig_frame {
	int saved_errno;
	int unused;
	siginfo_t info;
} sig_frame_t;

_Static_assert(__builtin_offsetof(sig_frame_t, info) == 8, "sigrestore.S: info at 8");
_Static_assert(sizeof(sig_frame_t) <= 240, "sigrestore.S: frame size");

void __sig_trampoline(int sig, void *unused, void *context);

/* Returns the program's handler for sig, with the frame filled in. */
uintptr_t __sig_enter(int sig, sig_frame_t *f)
{
	f->saved_errno = errno;
	__atomic_fetch_add(&__sig_delivered, 1, __ATOMIC_RELAXED);
	/* Plain handlers ignore the extra arguments, as the psABI allows. */
	f->info = (siginfo_t){ .si_signo = sig, .si_code = SI_USER };
	return __atomic_load_n(&sig_handlers[sig], __ATOMIC_ACQUIRE);
}

void __sig_leave(const sig_frame_t *f)
{
	errno = f->saved_errno;
}

/* True for a disposition the kernel takes as is (not a function). */
static int sig_is_special(uintptr_t h)
{
	return h == (uintptr_t)SIG_DFL || h == (uintptr_t)SIG_IGN;
}

static void sig_to_kernel(int sig, const struct sigaction *act, abi_sigaction_t *k)
{
	uintptr_t h = (uintptr_t)act->sa_handler;

	k->flags = (uint32_t)act->sa_flags;
	k->mask = act->sa_mask;
	k->handler = h;
	if (!sig_is_special(h)) {
		__atomic_store_n(&sig_handlers[sig], h, __ATOMIC_RELEASE);
		if (act->sa_flags & SA_SIGINFO)
			__atomic_fetch_or(&sig_wants_info, 1ull << sig, __ATOMIC_RELEASE);
		else
			__atomic_fetch_and(&sig_wants_info, ~(1ull << sig), __ATOMIC_RELEASE);
		k->handler = (uint64_t)(uintptr_t)__sig_trampoline;
	}
	if (act->sa_flags & SA_RESTORER) {
		k->restorer = (uint64_t)(uintptr_t)act->sa_restorer;
	} else {
		k->flags |= SA_RESTORER;
		k->restorer = (uint64_t)(uintptr_t)__restore_rt;
	}
}

static void sig_from_kernel(const abi_sigaction_t *k, uintptr_t program_fn,
			    struct sigaction *old)
{
	uintptr_t h = (uintptr_t)k->handler;

	old->sa_handler = (void (*)(int))(h == (uintptr_t)__sig_trampoline ? program_fn : h);
	old->sa_flags = (int)k->flags;
	old->sa_mask = k->mask;
	old->sa_restorer = (void (*)(void))(uintptr_t)k->restorer;
	if (k->restorer == (uint64_t)(uintptr_t)__restore_rt) {
		old->sa_flags &= ~(int)SA_RESTORER;
		old->sa_restorer = 0;
	}
}

int __sig_action_raw(int sig, const struct sigaction *act, struct sigaction *old)
{
	abi_sigaction_t kact, kold;
	uintptr_t prev_fn = 0, prev_info = 0;

	if (sig < 1 || sig >= NSIG)
		return (int)__syscall_ret(-EINVAL);
	prev_fn = __atomic_load_n(&sig_handlers[sig], __ATOMIC_ACQUIRE);
	prev_info = __atomic_load_n(&sig_wants_info, __ATOMIC_ACQUIRE) & (1ull << sig);
	if (act)
		sig_to_kernel(sig, act, &kact);
	long ret = sys_sigaction(sig, act ? (long)&kact : 0, old ? (long)&kold : 0);
	if (sys_is_error(ret)) {
		/* Put the table back as it was: the kernel kept the old record. */
		__atomic_store_n(&sig_handlers[sig], prev_fn, __ATOMIC_RELEASE);
		if (prev_info)
			__atomic_fetch_or(&sig_wants_info, 1ull << sig, __ATOMIC_RELEASE);
		else
			__atomic_fetch_and(&sig_wants_info, ~(1ull << sig), __ATOMIC_RELEASE);
		return (int)__syscall_ret(ret);
	}
	if (old)
		sig_from_kernel(&kold, prev_fn, old);
	return 0;
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict oldact)
{
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return (int)__syscall_ret(-EINVAL);
	return __sig_action_raw(sig, act, oldact);
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old = { .sa_handler = SIG_DFL };

	if (handler == SIG_ERR || sigaction(sig, &act, &old) < 0) {
		errno = EINVAL;
		return SIG_ERR;
	}
	return old.sa_handler;
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
	*set = ~(sigset_t)0 >> (64 - (NSIG - 1));
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
