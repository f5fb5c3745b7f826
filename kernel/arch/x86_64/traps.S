// SPDX-License-Identifier: MIT
/*
 * Interrupt and exception entry. One stub per vector pushes a zero where
 * the CPU pushes no error code, then the vector, so every entry reaches
 * trap_common with the same trap_frame_t layout (arch/trap.h). Coming from
 * user mode (CPL 3 in the saved CS) the stub swaps GS to the kernel's
 * per-CPU base, and swaps back on the way out, with interrupts off from
 * there to iretq.
 */
#include <arch/frame_asm.h>


	.altmacro
	.macro trap_stub vector
	.balign 16
	.if !((\vector == 8) || ((\vector >= 10) && (\vector <= 14)) || (\vector == 17) || (\vector == 21) || (\vector == 29) || (\vector == 30))
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
	.endm

	.text
	.global trap_stubs_start
trap_stubs_start:
	.set vec, 0
	.rept 256
	trap_stub %vec
	.set vec, vec + 1
	.endr

trap_common:
	/* An interrupt inside a stac/clac window must not run with SMAP off. */
	testb $1, cpu_has_smap(%rip)
	jz 3f
	clac
3:
	/* CS is at +24 from the vector slot (vector, error, rip, cs). */
	testb $3, 24(%rsp)
	jz 1f
	swapgs
1:	FRAME_PUSH_REGS
	cld
	mov %rsp, %rdi
	/* Let a backtrace walk from the interrupted frame through rbp. */
	mov 8*8(%rsp), %rbp
	call trap_dispatch
	.global trap_return
trap_return:
	/*
	 * Interrupts off until iretq, which restores the flags: a handler may
	 * have turned them on (the page fault handler does), and an interrupt
	 * that hit between the swapgs below and iretq would find a kernel CS
	 * in its frame, skip its own swapgs and run the kernel on the user's
	 * GS base (its first %gs access faults, and so does the fault's).
	 */
	cli
	FRAME_POP_REGS
	testb $3, 24(%rsp)
	jz 2f
	swapgs
2:	add $16, %rsp
	iretq
