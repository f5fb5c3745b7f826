// SPDX-License-Identifier: MIT
/*
 * Signals (C17 and POSIX.1-2024 <signal.h>).
 *
 * Numbers, the SA_* flags the kernel knows and SIG_BLOCK/UNBLOCK/SETMASK
 * come from abi/signal.h (Linux's values); SIG_DFL and SIG_IGN are
 * redefined here as handler pointers, as POSIX wants. A sigset_t is the
 * kernel's 64-bit mask (bit sig-1), so signals are 1..63; SIGRTMIN..
 * SIGRTMAX are plain signals there (not queued: one pending bit each).
 *
 * What the kernel does not do, and what libc does about it
 * (libc/src/signal.c and libc/src/signal/ explain how):
 *  - siginfo: the kernel passes none. libc runs every handler through its
 *    own trampoline, so a SA_SIGINFO handler gets a siginfo_t that is
 *    zero except si_signo (si_code SI_USER), and as its third argument
 *    the kernel's saved context (abi_sigcontext_t from abi/signal.h).
 *  - sigsuspend, sigwait, sigwaitinfo, sigtimedwait, pause: built from
 *    the trampoline and a futex, race-free for one thread.
 *  - sigpending and sigaltstack: ENOSYS (no kernel support).
 *  - SA_RESTART is accepted, but interrupted calls still fail with EINTR;
 *    SA_ONSTACK runs on the normal stack; SA_NOCLDWAIT is accepted and
 *    ignored (children still become zombies); no process is ever
 *    stopped, so SA_NOCLDSTOP changes nothing.
 */
#pragma once

#include <abi/signal.h>
#include <bits/pthreadtypes.h>
#include <sys/types.h>
#include <time.h>

#undef SIG_DFL
#undef SIG_IGN

typedef void (*sighandler_t)(int);

#define SIG_DFL  ((sighandler_t)0)
#define SIG_IGN  ((sighandler_t)1)
#define SIG_ERR  ((sighandler_t)-1)
#define SIG_HOLD ((sighandler_t)2)

/* The rest of Linux's numbers (abi/signal.h has the ones the kernel names). */
#define SIGIOT    SIGABRT
#define SIGSTKFLT 16
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  34
#define SIGRTMAX  63

#define SA_NOCLDWAIT 0x00000002
#define SA_ONESHOT   SA_RESETHAND
#define SA_NOMASK    SA_NODEFER

/* si_code values (Linux's). */
#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)
#define SI_TIMER    (-2)
#define SI_MESGQ    (-3)
#define SI_ASYNCIO  (-4)
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6
#define POLL_IN  1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/* sigevent notification kinds (timer_create, mq_notify, aio). */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE   1
#define SIGEV_THREAD 2

/* sigaltstack */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

typedef abi_sigset_t sigset_t;
typedef int sig_atomic_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

struct sigevent {
	int sigev_notify;
	int sigev_signo;
	union sigval sigev_value;
	void (*sigev_notify_function)(union sigval);
	pthread_attr_t *sigev_notify_attributes;
};

/*
 * POSIX's members as separate fields (POSIX does not ask them to share
 * storage), padded to Linux's 128 bytes.
 */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	uid_t si_uid;
	int si_status;
	void *si_addr;
	long si_band;
	union sigval si_value;
	unsigned char __pad[128 - 48];
} siginfo_t;

_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is Linux-sized");

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict oldact);
sighandler_t signal(int sig, sighandler_t handler);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict oldset);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict oldset);
int pthread_kill(pthread_t thread, int sig);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int sigwait(const sigset_t *restrict set, int *restrict sig);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
int sigqueue(pid_t pid, int sig, union sigval value);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);

void psignal(int sig, const char *msg);
void psiginfo(const siginfo_t *info, const char *msg);
