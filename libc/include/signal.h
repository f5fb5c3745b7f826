// SPDX-License-Identifier: MIT
/*
 * Signals. Numbers, SA_* flags and SIG_BLOCK/UNBLOCK/SETMASK come from
 * abi/signal.h; SIG_DFL and SIG_IGN are redefined here as handler
 * pointers, as POSIX wants. sigaction() installs libc's restorer (which
 * calls SYS_sigreturn) unless the caller passes SA_RESTORER itself.
 *
 * A sigset_t is the kernel's 64-bit mask (bit sig-1), so signals 1..63.
 * SA_SIGINFO is passed through to the kernel, but abi/signal.h does not
 * define a siginfo layout yet; siginfo_t below is a placeholder with
 * POSIX's first three fields.
 */
#pragma once

#include <abi/signal.h>
#include <sys/types.h>

#undef SIG_DFL
#undef SIG_IGN

typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

typedef abi_sigset_t sigset_t;
typedef int sig_atomic_t;

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
} siginfo_t;

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict oldact);
sighandler_t signal(int sig, sighandler_t handler);
int kill(pid_t pid, int sig);
int raise(int sig);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict oldset);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
