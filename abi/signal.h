// SPDX-License-Identifier: MIT
/*
 * Signals as the kernel sees them: numbers (Linux's), the sigaction record
 * passed to SYS_sigaction, sigprocmask's `how`, and the frame the kernel
 * pushes on the user stack to run a handler (SYS_sigreturn pops it).
 */
#pragma once

#include <stdint.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGWINCH  28
#define NSIG      64            /* signals are 1..63 */

#define SIG_DFL   ((uint64_t)0)
#define SIG_IGN   ((uint64_t)1)

#define SA_NOCLDSTOP 0x00000001u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

typedef uint64_t abi_sigset_t;          /* bit (sig - 1) */

typedef struct abi_sigaction {
	uint64_t handler;               /* SIG_DFL, SIG_IGN or a function */
	uint64_t flags;                 /* SA_* */
	uint64_t restorer;              /* called when the handler returns */
	abi_sigset_t mask;              /* blocked while the handler runs */
} abi_sigaction_t;

/* The saved user context inside a signal frame. */
typedef struct abi_sigcontext {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t rip, rflags, rsp;
	abi_sigset_t saved_mask;
	uint64_t fs_base;
	uint8_t fpu[512] __attribute__((aligned(16)));  /* fxsave image */
} abi_sigcontext_t;

/*
 * On the user stack when a handler starts (rsp points at return_address):
 * the handler returns to `restorer`, which calls SYS_sigreturn.
 */
typedef struct abi_sigframe {
	uint64_t return_address;
	uint64_t signo;
	abi_sigcontext_t context;
} abi_sigframe_t;
