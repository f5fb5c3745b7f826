// SPDX-License-Identifier: MIT
/*
 * _start: the process's first instruction.
 *
 * exec enters with rsp pointing at argc, followed by argv[], NULL,
 * envp[], NULL and the auxiliary vector's (key, value) pairs, as in the
 * SysV ABI. rbp is cleared so backtraces end here; rsp is realigned to 16
 * bytes (it should be already) and __libc_start takes over, never to
 * return.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call __libc_start
	ud2
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
