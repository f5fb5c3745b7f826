// SPDX-License-Identifier: MIT
/*
 * setjmp, _setjmp, sigsetjmp, longjmp, _longjmp, siglongjmp.
 *
 * The saving side stores the callee-saved registers, the caller's stack
 * pointer (just above our return address) and that return address, and
 * the FPU control state the psABI makes callee-saved: MXCSR's control
 * bits and the x87 control word. It returns 0.
 *
 * The jumping side reloads all that and "returns" from the saved setjmp
 * with val (1 if val is 0). MXCSR's exception flags are status, which
 * the psABI leaves to the caller: the current ones are kept.
 *
 * sigsetjmp saves as above, then records savemask; if it is set it
 * tail-calls __sigsetjmp_mask (setjmp/sigjmp.c) with rsp unchanged, so
 * that C function returns 0 straight to sigsetjmp's caller. siglongjmp
 * is C too: it restores the mask, then _longjmp.
 *
 * Layout (setjmp.h): regs[0..7] at 0..56, fpu at 64, mask_saved at 72,
 * mask at 80.
 */
	.text

	.globl setjmp, _setjmp, sigsetjmp
	.type setjmp, @function
	.type _setjmp, @function
	.type sigsetjmp, @function
setjmp:
_setjmp:
	xor %esi, %esi
sigsetjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx               /* the caller's rsp after our ret */
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx                /* where to come back to */
	mov %rdx, 56(%rdi)
	stmxcsr 64(%rdi)
	fnstcw 68(%rdi)
	movslq %esi, %rsi
	mov %rsi, 72(%rdi)
	test %rsi, %rsi
	jnz __sigsetjmp_mask
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp
	.size _setjmp, . - _setjmp
	.size sigsetjmp, . - sigsetjmp

	.globl longjmp, _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax
	jnz 1f
	inc %eax
1:
	/* MXCSR: the saved control bits with the current status flags. */
	sub $8, %rsp
	stmxcsr (%rsp)
	mov (%rsp), %ecx
	and $0x3f, %ecx
	mov 64(%rdi), %edx
	and $~0x3f, %edx
	or %ecx, %edx
	mov %edx, (%rsp)
	ldmxcsr (%rsp)
	add $8, %rsp
	fldcw 68(%rdi)
	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp
	.size _longjmp, . - _longjmp

	.section .note.GNU-stack, "", @progbits
