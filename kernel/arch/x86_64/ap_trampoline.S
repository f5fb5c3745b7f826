// SPDX-License-Identifier: MIT
/*
 * Application-processor start-up code. The BSP copies this blob to a page
 * below 1 MiB (SIPI can only start a CPU there, in real mode), fills in
 * the parameter block at its end, and sends INIT-SIPI-SIPI. The AP goes
 * from real mode straight to long mode — PAE, CR3, EFER.LME and then PE
 * with PG in one move — through page tables that identity-map the low
 * 2 MiB and share the kernel's upper half, and jumps to smp_ap_entry with
 * its cpu_t. Everything is position-independent: 16-bit code addresses
 * through CS, 64-bit code RIP-relative, and the two absolute addresses
 * (GDT base, far jump target) are patched by smp.c.
 */
	.section .ap_trampoline, "a"
	.global ap_trampoline_start, ap_trampoline_end
	.global ap_tramp_gdtr_base, ap_tramp_farptr, ap_tramp_cr3
	.global ap_tramp_stack, ap_tramp_entry, ap_tramp_cpu, ap_tramp_started
	.global ap_tramp_long_mode, ap_tramp_gdt

	.code16
ap_trampoline_start:
	cli
	cld
	mov %cs, %ax
	mov %ax, %ds
	movb $1, ap_tramp_started - ap_trampoline_start

	lgdtl ap_tramp_gdtr - ap_trampoline_start

	mov %cr4, %eax
	or $((1 << 5) | (1 << 7)), %eax         /* PAE | PGE */
	mov %eax, %cr4
	mov ap_tramp_cr3 - ap_trampoline_start, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx
	rdmsr
	or $((1 << 8) | (1 << 11)), %eax        /* LME | NXE */
	wrmsr
	/* A constant, not an OR: INIT may leave caching disabled (CD, NW). */
	mov $0x80010033, %eax                   /* PG | WP | NE | ET | MP | PE */
	mov %eax, %cr0
	ljmpl *(ap_tramp_farptr - ap_trampoline_start)

	.code64
ap_tramp_long_mode:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	mov ap_tramp_stack(%rip), %rsp
	mov ap_tramp_cpu(%rip), %rdi
	mov ap_tramp_entry(%rip), %rax
	xor %ebp, %ebp
	call *%rax                      /* as if called: rsp % 16 == 8 at entry */
	ud2

	.balign 16
ap_tramp_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x10: data */
ap_tramp_gdtr:
	.short 3 * 8 - 1
ap_tramp_gdtr_base:
	.long 0                         /* patched: linear address of ap_tramp_gdt */
	.balign 8
ap_tramp_farptr:
	.long 0                         /* patched: linear address of ap_tramp_long_mode */
	.short 0x08
	.balign 8
ap_tramp_cr3:     .quad 0
ap_tramp_stack:   .quad 0
ap_tramp_entry:   .quad 0
ap_tramp_cpu:     .quad 0
ap_tramp_started: .byte 0
ap_trampoline_end:
