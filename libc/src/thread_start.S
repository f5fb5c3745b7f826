// SPDX-License-Identifier: MIT
/*
 * __tessera_clone(flags, stack, tls, child_tid): the start of a thread's
 * life, which C cannot express (see thread.c; the system call number is
 * checked against abi/syscall.h there). clone's first three arguments are
 * already in rdi, rsi, rdx; the fourth moves from rcx to r10. The kernel
 * returns the new tid (or -errno) to the parent and 0 to the child, which
 * runs on `stack`: it pops the TCB pointer stored there and calls
 * __tessera_thread_main(tcb), which never returns.
 */
	.text
	.globl __tessera_clone
	.type __tessera_clone, @function
__tessera_clone:
	mov %rcx, %r10
	mov $2, %eax                    /* SYS_clone */
	syscall
	test %rax, %rax
	jz 1f
	ret
1:	xor %ebp, %ebp
	pop %rdi
	call __tessera_thread_main
	ud2
	.size __tessera_clone, . - __tessera_clone

	.section .note.GNU-stack, "", @progbits
