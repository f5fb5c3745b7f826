// SPDX-License-Identifier: MIT
/*
 * Switching kernel stacks. switch_context saves the callee-saved
 * registers on the old stack, stores its rsp, loads the new one and pops
 * the same registers: everything else was saved by the C caller. A new
 * thread's stack is prepared (thread.c) so that the `ret` lands in one of
 * the start stubs below with rsp 16-byte aligned.
 */
	.text
	.global switch_context
switch_context:                 /* rdi = &old->saved_rsp, rsi = new rsp */
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

	.global thread_kernel_start
thread_kernel_start:
	call sched_finish_switch
	call kthread_main               /* does not return */
	ud2

	.global thread_user_start
thread_user_start:                  /* rsp = the thread's trap frame */
	call sched_finish_switch
	cli
	jmp trap_return
