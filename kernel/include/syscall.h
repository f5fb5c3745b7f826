// SPDX-License-Identifier: MIT
/*
 * System call handlers. Every handler has the same type: it gets the
 * arguments and the caller's trap frame (for calls that change the user
 * context: fork, exec, sigreturn) and returns a value or -errno.
 * Handlers validate every argument before they change anything.
 */
#pragma once

#include <abi/syscall.h>
#include <arch/trap.h>
#include <stdint.h>

typedef struct syscall_args {
	uint64_t a[6];
	trap_frame_t *frame;
} syscall_args_t;

typedef long (*syscall_handler_t)(const syscall_args_t *args);

#define SYSCALL_DECLARE(num, name, nargs) long sys_##name(const syscall_args_t *args);
SYSCALL_LIST(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE

/* Runs the call in frame->rax; nonzero when the return must use iretq. */
int syscall_dispatch(trap_frame_t *frame);
const char *syscall_name(uint64_t number);
