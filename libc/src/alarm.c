// SPDX-License-Identifier: MIT
/*
 * alarm(). The kernel has no per-process alarm timer, so a
 * watcher thread does it: it sleeps on a futex until the deadline (or
 * until alarm() changes it) and then sends the process SIGALRM. One
 * watcher per process, started on first use; a child after fork has no
 * threads but its own, and no pending alarm (as POSIX wants), which the
 * pid recorded with the watcher detects.
 *
 * alarm_lock (a futex word: 0 free, 1 held) guards alarm_deadline,
 * alarm_pid; alarm_seq is bumped on every change to wake the watcher.
 * alarm() runs with signals blocked, so a handler that re-arms the alarm
 * cannot deadlock on the lock its own thread holds. Deliberately unlike
 * POSIX, a pending alarm does not survive exec (the watcher is gone).
 */
#include "libc.h"

#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <tessera/syscall.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

static volatile int alarm_lock;
static volatile int alarm_seq;
static uint64_t alarm_deadline;         /* CLOCK_MONOTONIC ns; 0: none */
static pid_t alarm_pid;                 /* whose watcher exists, or 0 */

static uint64_t alarm_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void alarm_lock_take(void)
{
	while (__atomic_exchange_n(&alarm_lock, 1, __ATOMIC_ACQUIRE))
		tessera_futex_wait(&alarm_lock, 1, NULL);
}

static void alarm_lock_drop(void)
{
	__atomic_store_n(&alarm_lock, 0, __ATOMIC_RELEASE);
	tessera_futex_wake(&alarm_lock, 1);
}

static void *alarm_watch(void *arg)
{
	abi_sigset_t all = ~(abi_sigset_t)0;

	(void)arg;
	/* SIGALRM must reach the program's threads (one may be in pause()). */
	sys_sigprocmask(SIG_BLOCK, (long)&all, 0);
	for (;;) {
		int seq = __atomic_load_n(&alarm_seq, __ATOMIC_ACQUIRE);
		alarm_lock_take();
		uint64_t deadline = alarm_deadline, now = alarm_now();
		bool due = deadline && now >= deadline;
		if (due)
			alarm_deadline = 0;
		alarm_lock_drop();
		if (due) {
			kill(getpid(), SIGALRM);
			continue;
		}
		struct timespec wait = { 3600, 0 };
		if (deadline) {
			uint64_t left = deadline - now;
			wait = (struct timespec){ (time_t)(left / 1000000000u),
						  (long)(left % 1000000000u) };
		}
		tessera_futex_wait(&alarm_seq, seq, &wait);
	}
	return NULL;
}

unsigned alarm(unsigned seconds)
{
	uint64_t now = alarm_now();
	pid_t me = getpid();
	unsigned left = 0;
	abi_sigset_t all = ~(abi_sigset_t)0, old;

	/* A handler calling alarm() must not find the lock held under it. */
	sys_sigprocmask(SIG_BLOCK, (long)&all, (long)&old);
	/* A child whose parent had a watcher: that watcher (and whatever it
	 * held at the fork) is not here; this thread is alone in the child
	 * until it starts its own, so the lock can be reset. */
	if (alarm_pid && alarm_pid != me)
		__atomic_store_n(&alarm_lock, 0, __ATOMIC_RELAXED);
	alarm_lock_take();
	if (alarm_pid != me) {          /* first use, or a child after fork */
		alarm_deadline = 0;
		if (seconds && tessera_thread_create(alarm_watch, NULL, 16384))
			alarm_pid = me;
	}
	if (alarm_deadline > now)
		left = (unsigned)((alarm_deadline - now + 999999999u) / 1000000000u);
	alarm_deadline = seconds ? now + (uint64_t)seconds * 1000000000u : 0;
	__atomic_fetch_add(&alarm_seq, 1, __ATOMIC_RELEASE);
	alarm_lock_drop();
	tessera_futex_wake(&alarm_seq, 1);
	sys_sigprocmask(SIG_SETMASK, (long)&old, 0);
	return left;
}
