/* SPDX-License-Identifier: MIT */
/*
 * Saving and restoring the general registers in trap_frame_t order
 * (arch/trap.h), shared by the interrupt and the syscall entry so the two
 * can never disagree about the frame.
 */
#pragma once

.macro FRAME_PUSH_REGS
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro FRAME_POP_REGS
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
.endm
