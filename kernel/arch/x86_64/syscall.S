// SPDX-License-Identifier: MIT
/*
 * The `syscall` entry. The CPU leaves the user rsp in place, rip in rcx
 * and rflags in r11, with interrupts masked (FMASK). We switch to the
 * thread's kernel stack (from the per-CPU block), build the same
 * trap_frame_t an interrupt would, and call syscall_dispatch with it;
 * the way out is trap_return's iretq, so fork, exec and signal delivery
 * can simply edit the frame.
 */
#include <arch/percpu.h>

	.text
	.global syscall_entry
syscall_entry:
	swapgs
	mov %rsp, %gs:CPU_OFFSET_USER_RSP
	mov %gs:CPU_OFFSET_KERNEL_STACK, %rsp
	pushq $(SEL_USER_DATA | 3)      /* ss */
	pushq %gs:CPU_OFFSET_USER_RSP   /* rsp */
	push %r11                       /* rflags */
	pushq $(SEL_USER_CODE | 3)      /* cs */
	push %rcx                       /* rip */
	pushq $0                        /* error code */
	pushq $0x100                    /* "vector": a system call */
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
	xor %ebp, %ebp
	mov %rsp, %rdi
	sti
	call syscall_dispatch
	cli
	jmp trap_return
