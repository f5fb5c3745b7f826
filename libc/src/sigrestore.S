// SPDX-License-Identifier: MIT
/*
 * __restore_rt: where a signal handler returns to (the frame's
 * return_address, installed by sigaction). rsp now points just past that
 * word, at the rest of abi_sigframe_t; SYS_sigreturn restores the
 * interrupted context from it and does not come back.
 */
	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $16, %eax                   /* SYS_sigreturn, checked in signal.c */
	syscall
	ud2
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
