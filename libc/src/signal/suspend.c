// SPDX-License-Identifier: MIT
/*
 * Waiting for signals: sigsuspend, pause, sigwait, sigwaitinfo and
 * sigtimedwait, without kernel calls of their own.
 *
 * sigsuspend and pause sleep on the trampoline's per-thread count of
 * handled signals (signal_impl.h): read it, set the mask, futex-wait
 * while it still holds what was read. The kernel interrupts the wait when
 * a signal becomes deliverable, runs the handler on the way out, and the
 * handler bumps the count, so no signal slips between the mask change and
 * the sleep.
 *
 * sigwait and its kin must take a pending signal without running its
 * handler. They install sig_catch for every signal of the set, unblock
 * the set and sleep as above. sig_catch notes the signal and, through the
 * kernel's saved context (the handler's third argument), leaves the whole
 * set blocked again for the moment it returns, so exactly one signal is
 * taken even if several were pending; then the old dispositions and mask
 * come back. Another thread that has a signal of the set unblocked while
 * the catcher is installed could take it in the catcher: these calls are
 * exact for the usual pattern (the set blocked in every thread).
 *
 * sigaltstack needs the kernel: ENOSYS. sigpending is a system call.
 */
#include "../libc.h"
#include "signal_impl.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <tessera/syscall.h>
#include <time.h>

static _Thread_local volatile int sig_caught;
static _Thread_local sigset_t sig_catch_set;

void __sig_wait_handled(int seen)
{
	while (__sig_delivered == seen) {
		long r = sys_futex((long)&__sig_delivered, FUTEX_WAIT, seen, 0);
		if (r == -EAGAIN || r == -EINTR)
			return;
	}
}

int sigsuspend(const sigset_t *mask)
{
	sigset_t old;
	int seen = __sig_delivered;

	if (sigprocmask(SIG_SETMASK, mask, &old) < 0)
		return -1;
	__sig_wait_handled(seen);
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = EINTR;
	return -1;
}

int pause(void)
{
	__sig_wait_handled(__sig_delivered);
	errno = EINTR;
	return -1;
}

/* The catcher the kernel calls directly (no trampoline): see above. */
static void sig_catch(int sig, void *unused, void *context)
{
	abi_sigcontext_t *ctx = context;

	(void)unused;
	sig_caught = sig;
	ctx->saved_mask |= sig_catch_set;
	__atomic_fetch_add(&__sig_delivered, 1, __ATOMIC_RELAXED);
}

/* Sets sig_catch for every signal of set; olds[] keeps what was there. */
static int sig_catch_install(sigset_t set, struct sigaction olds[NSIG])
{
	abi_sigaction_t k = { .handler = (uint64_t)(uintptr_t)sig_catch, .mask = set };
	void __restore_rt(void);

	k.flags = SA_RESTORER;
	k.restorer = (uint64_t)(uintptr_t)__restore_rt;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!(set & (1ull << (sig - 1))))
			continue;
		if (__sig_action_raw(sig, NULL, &olds[sig]) < 0)
			return -1;
		long r = sys_sigaction(sig, (long)&k, 0);
		if (sys_is_error(r))
			return (int)__syscall_ret(r);
	}
	return 0;
}

static void sig_catch_remove(sigset_t set, struct sigaction olds[NSIG])
{
	for (int sig = 1; sig < NSIG; sig++)
		if (set & (1ull << (sig - 1)))
			__sig_action_raw(sig, &olds[sig], NULL);
}

/* Sleeps until the catcher ran or *deadline (CLOCK_MONOTONIC) passes. */
static void sig_catch_sleep(int seen, const struct timespec *deadline)
{
	struct timespec now, left;

	while (!sig_caught && __sig_delivered == seen) {
		if (!deadline) {
			__sig_wait_handled(seen);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = deadline->tv_sec - now.tv_sec;
		left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_nsec += 1000000000;
			left.tv_sec--;
		}
		if (left.tv_sec < 0)
			return;
		long r = sys_futex((long)&__sig_delivered, FUTEX_WAIT, seen, (long)&left);
		if (r == -EAGAIN || r == -EINTR)
			return;
	}
}

/* The signal taken from set, or -1 with errno (EAGAIN: timed out, EINTR). */
static int sig_take(sigset_t set, const struct timespec *timeout)
{
	struct sigaction olds[NSIG];
	struct timespec deadline;
	sigset_t old, open;

	set &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	if (!set || (timeout && (timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000)))
		return (int)__syscall_ret(-EINVAL);
	if (timeout) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout->tv_sec + (deadline.tv_nsec + timeout->tv_nsec) / 1000000000;
		deadline.tv_nsec = (deadline.tv_nsec + timeout->tv_nsec) % 1000000000;
	}
	sig_caught = 0;
	sig_catch_set = set;
	sigprocmask(SIG_BLOCK, &set, &old);
	if (sig_catch_install(set, olds) < 0) {
		int err = errno;
		sig_catch_remove(set, olds);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return (int)__syscall_ret(-err);
	}
	int seen = __sig_delivered;
	open = old & ~set;
	sigprocmask(SIG_SETMASK, &open, NULL);
	sig_catch_sleep(seen, timeout ? &deadline : NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	sig_catch_remove(set, olds);
	if (sig_caught)
		return sig_caught;
	return (int)__syscall_ret(__sig_delivered != seen ? -EINTR : -EAGAIN);
}

int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	int s;

	while ((s = sig_take(*set, NULL)) < 0)
		if (errno != EINTR)
			return errno;
	*sig = s;
	return 0;
}

static int sig_fill_info(int s, siginfo_t *info)
{
	if (s > 0 && info) {
		memset(info, 0, sizeof(*info));
		info->si_signo = s;
		info->si_code = SI_USER;
	}
	return s;
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sig_fill_info(sig_take(*set, NULL), info);
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	return sig_fill_info(sig_take(*set, timeout), info);
}

int sigpending(sigset_t *set)
{
	return (int)__syscall_ret(sys_sigpending((long)set));
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	(void)ss;
	(void)old;
	return (int)__syscall_ret(-ENOSYS);
}
