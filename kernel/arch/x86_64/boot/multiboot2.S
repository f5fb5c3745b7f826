// SPDX-License-Identifier: MIT
/*
 * The multiboot2 header and the 32-bit entry from GRUB.
 *
 * GRUB hands over in 32-bit protected mode with paging off, on both BIOS
 * and UEFI (we ask for no EFI boot services, so GRUB exits them). This code
 * runs at its physical address (the .boot section is linked at VMA = LMA)
 * and does the least needed to reach C in long mode: check for 64-bit
 * support, build boot page tables that map the first 4 GiB twice — at 0 for
 * the switch itself, at DIRECT_MAP_BASE so early C code reaches GRUB's data
 * and free memory — and the kernel image at KERNEL_VMA, then jump high.
 * The memory manager replaces these tables before anything else is mapped.
 */
#include <arch/layout.h>

#define MB2_MAGIC    0xe85250d6
#define MB2_ARCH_I386 0
#define PHYS(sym)    ((sym) - KERNEL_VMA)

#define BOOT_PAGE_TABLES_SIZE (4096 * 7)

#define PTE_P   0x1
#define PTE_W   0x2
#define PTE_PS  0x80

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* Framebuffer: ask for 1024x768x32; optional (flags = 1). */
	.balign 8
	.short 5, 1
	.long 20
	.long 1024, 768, 32

	/* Modules page-aligned, so initfs can be mapped in place later. */
	.balign 8
	.short 6, 0
	.long 8

	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.global boot_entry32
boot_entry32:
	cli
	cld
	mov %eax, %edi                  /* multiboot2 magic: first C argument */
	mov %ebx, %esi                  /* information's physical address     */
	mov $PHYS(boot_stack_top), %esp

	/* Long mode present? CPUID 0x80000001, EDX bit 29. */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	bt $29, %edx
	jnc no_long_mode
	bt $20, %edx                    /* NX: the page tables use it */
	jnc no_long_mode

	call boot_build_page_tables

	mov %cr4, %eax
	or $(1 << 5), %eax              /* PAE */
	mov %eax, %cr4
	mov $PHYS(boot_pml4), %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx           /* EFER */
	rdmsr
	or $((1 << 8) | (1 << 11)), %eax /* LME | NXE */
	wrmsr
	mov %cr0, %eax
	or $((1 << 31) | (1 << 16) | 1), %eax /* PG | WP | PE */
	mov %eax, %cr0

	lgdt boot_gdt_pointer
	ljmp $0x08, $boot_entry64

/* Zero the boot tables, then fill them (see the file comment). */
boot_build_page_tables:
	push %edi
	mov $PHYS(boot_page_tables), %edi
	mov $(BOOT_PAGE_TABLES_SIZE / 4), %ecx
	xor %eax, %eax
	rep stosl
	pop %edi

	/* pml4[0] and pml4[256] -> pdpt_low; pml4[511] -> pdpt_high */
	mov $PHYS(boot_pdpt_low), %eax
	or $(PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pml4)
	mov %eax, PHYS(boot_pml4) + 256 * 8
	mov $PHYS(boot_pdpt_high), %eax
	or $(PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pml4) + 511 * 8

	/* pdpt_low[0..3] -> pd[0..3]; pdpt_high[510] -> pd[0] */
	mov $PHYS(boot_pd), %eax
	or $(PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pdpt_high) + 510 * 8
	xor %ecx, %ecx
1:	mov %eax, PHYS(boot_pdpt_low)(, %ecx, 8)
	add $4096, %eax
	inc %ecx
	cmp $4, %ecx
	jne 1b

	/* pd[0..2047]: 2 MiB pages covering 0..4 GiB */
	xor %ecx, %ecx
2:	mov %ecx, %eax
	shl $21, %eax
	or $(PTE_P | PTE_W | PTE_PS), %eax
	mov %eax, PHYS(boot_pd)(, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jne 2b
	ret

/* No 64-bit CPU: say so on COM1 and stop. */
no_long_mode:
	mov $boot_msg_no_lm, %esi
3:	lodsb
	test %al, %al
	jz 5f
	mov %al, %bl
	mov $0x3fd, %dx
4:	in %dx, %al
	test $0x20, %al
	jz 4b
	mov $0x3f8, %dx
	mov %bl, %al
	out %al, %dx
	jmp 3b
5:	hlt
	jmp 5b

	.code64
boot_entry64:
	/* The GDT above is only identity-mapped: switch to a high copy. */
	movabs $boot_gdt64_pointer, %rax
	lgdt (%rax)
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %ax, %ax
	mov %ax, %fs
	mov %ax, %gs
	movabs $boot_stack_top, %rsp
	xor %ebp, %ebp
	mov %edi, %edi                  /* zero-extend both arguments */
	mov %esi, %esi
	movabs $kmain, %rax
	call *%rax
6:	cli
	hlt
	jmp 6b

	.section .boot.data, "a"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x10: data */
boot_gdt_end:
boot_gdt_pointer:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
boot_msg_no_lm:
	.asciz "Tessera: this CPU lacks 64-bit long mode or the NX bit (check the firmware's XD setting); cannot boot.\r\n"

	/* The same descriptors in the high kernel image, used until cpu_setup. */
	.section .rodata
	.balign 8
boot_gdt64:
	.quad 0
	.quad 0x00af9a000000ffff
	.quad 0x00cf92000000ffff
boot_gdt64_end:
boot_gdt64_pointer:
	.short boot_gdt64_end - boot_gdt64 - 1
	.quad boot_gdt64

	.section .bss
	.balign 4096
boot_page_tables:
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096 * 4
	/*
	 * The boot CPU's stack, with an unmapped guard page below it (mmu.c
	 * leaves it out) so an overflow faults instead of overwriting .bss.
	 */
	.balign 4096
	.global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack_bottom:
	.skip KERNEL_STACK_SIZE
boot_stack_top:
