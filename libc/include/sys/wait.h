// SPDX-License-Identifier: MIT
/*
 * Waiting for children. The status word is abi/proc.h's encoding, which
 * is Linux's: exit code in bits 8-15 with the low 7 bits zero, or the
 * terminating signal in the low 7 bits (libc/src/wait.c checks these
 * macros against ABI_WSTATUS_*). WNOHANG comes from abi/proc.h.
 */
#pragma once

#include <abi/proc.h>
#include <sys/types.h>

#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSIGNALED(s)  (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WCOREDUMP(s)    ((s) & 0x80)

pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
