// SPDX-License-Identifier: MIT
/*
 * Waiting for children (POSIX <sys/wait.h>). The status word is
 * abi/proc.h's encoding, which is Linux's: exit code in bits 8-15 with
 * the low 7 bits zero, or the terminating signal in the low 7 bits
 * (libc/src/wait.c checks these macros against ABI_WSTATUS_*); a stopped
 * child would be 0x7f with the signal in bits 8-15, a continued one
 * 0xffff. WNOHANG comes from abi/proc.h.
 *
 * WUNTRACED and WCONTINUED report children stopped and continued by job
 * control signals. The kernel reaps what it reports, so waitid's WNOWAIT
 * is refused (EINVAL), as is waitid without WEXITED.
 */
#pragma once

#include <abi/proc.h>
#include <signal.h>
#include <sys/types.h>

#define WUNTRACED  2
#define WSTOPPED   WUNTRACED
#define WEXITED    4
#define WCONTINUED 8
#define WNOWAIT    0x01000000

#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSIGNALED(s)  (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)
#define WCOREDUMP(s)    ((s) & 0x80)

typedef enum {
	P_ALL = 0,
	P_PID = 1,
	P_PGID = 2,
	P_PIDFD = 3,
} idtype_t;

typedef unsigned id_t;

pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);
