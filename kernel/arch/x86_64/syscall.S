// SPDX-License-Identifier: MIT
/*
 * The `syscall` entry. The CPU leaves the user rsp in place, rip in rcx
 * and rflags in r11, with interrupts masked (FMASK). We switch to the
 * thread's kernel stack (from the per-CPU block), build the same
 * trap_frame_t an interrupt would, and call syscall_dispatch with it;
 * fork, exec and signal delivery simply edit the frame. The way out is
 * sysretq, which reloads rip from rcx and rflags from r11 — unless
 * syscall_dispatch says the frame needs iretq: sigreturn restores rcx and
 * r11 themselves, and a non-canonical rip must never reach sysretq (it
 * would fault in ring 0 on the user's stack).
 */
#include <arch/frame_asm.h>
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
	FRAME_PUSH_REGS
	xor %ebp, %ebp
	mov %rsp, %rdi
	sti
	call syscall_dispatch
	cli
	test %eax, %eax
	jnz trap_return
	FRAME_POP_REGS
	/* rsp -> vector, error, rip, cs, rflags, rsp, ss */
	mov 16(%rsp), %rcx
	mov 32(%rsp), %r11
	mov 40(%rsp), %rsp              /* NMI and #MC use IST stacks: safe */
	swapgs
	sysretq
