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

/*
 * __sig_trampoline(sig, unused, context): what the kernel runs for every
 * handler (signal.c explains why). Entered like a function (rsp + 8
 * 16-byte aligned); 264 bytes of frame keep calls aligned. Slots: 0 sig,
 * 8 context, 16.. the sig_frame_t (errno, then siginfo_t at 24).
 */
	.globl __sig_trampoline
	.type __sig_trampoline, @function
__sig_trampoline:
	sub $264, %rsp
	mov %rdi, 0(%rsp)
	mov %rdx, 8(%rsp)
	lea 16(%rsp), %rsi
	call __sig_enter                /* rax: the program's handler */
	mov 0(%rsp), %rdi
	lea 24(%rsp), %rsi
	mov 8(%rsp), %rdx
	call *%rax
	cld                             /* the handler may have left DF set */
	lea 16(%rsp), %rdi
	call __sig_leave
	add $264, %rsp
	ret
	.size __sig_trampoline, . - __sig_trampoline

	.section .note.GNU-stack, "", @progbits
