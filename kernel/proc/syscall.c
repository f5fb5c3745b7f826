// SPDX-License-Identifier: MIT
/*
 * The dispatch table, generated from SYSCALL_LIST. Calls that a later
 * subsystem implements (the file-descriptor calls of the schemes issue)
 * have weak default handlers returning ENOSYS, so the table is always
 * complete and an implementation replaces the default just by existing.
 * With `strace` on the kernel command line every call is logged.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <arch/layout.h>
#include <arch/percpu.h>
#include <boot.h>
#include <lib/cmdline.h>
#include <log.h>
#include <proc.h>

#define SYSCALL_WEAK(num, name, nargs)                                     \
	__attribute__((weak)) long sys_##name(const syscall_args_t *args)  \
	{                                                                  \
		(void)args;                                                \
		return -ENOSYS;                                            \
	}
SYSCALL_LIST(SYSCALL_WEAK)
#undef SYSCALL_WEAK

static const syscall_handler_t syscall_table[SYS_COUNT_LIMIT] = {
#define SYSCALL_ENTRY(num, name, nargs) [num] = sys_##name,
	SYSCALL_LIST(SYSCALL_ENTRY)
#undef SYSCALL_ENTRY
};

static const char *const syscall_names[SYS_COUNT_LIMIT] = {
#define SYSCALL_NAME(num, name, nargs) [num] = #name,
	SYSCALL_LIST(SYSCALL_NAME)
#undef SYSCALL_NAME
};

const char *syscall_name(uint64_t number)
{
	return number < SYS_COUNT_LIMIT && syscall_names[number] ? syscall_names[number] : "?";
}

static int syscall_trace = -1;

int syscall_dispatch(trap_frame_t *frame)
{
	uint64_t nr = frame->rax;
	syscall_args_t args = {
		{ frame->rdi, frame->rsi, frame->rdx, frame->r10, frame->r8, frame->r9 },
		frame,
	};
	long ret = -ENOSYS;

	if (nr < SYS_COUNT_LIMIT && syscall_table[nr])
		ret = syscall_table[nr](&args);
	if (syscall_trace < 0)
		syscall_trace = cmdline_has(kernel_cmdline, "strace");
	if (syscall_trace)
		klog("strace: pid %d: %s(%#lx, %#lx, %#lx) = %ld", proc_current()->pid,
		     syscall_name(nr), args.a[0], args.a[1], args.a[2], ret);
	if (nr != SYS_sigreturn)
		frame->rax = (uint64_t)ret;
	trap_return_to_user(frame);
	/* iretq (1) when sysretq cannot restore this frame (see syscall.S). */
	return nr == SYS_sigreturn || frame->rip >= USER_TOP ||
	       frame->cs != (SEL_USER_CODE | 3) || frame->ss != (SEL_USER_DATA | 3);
}
