// SPDX-License-Identifier: MIT
/*
 * The only code that touches user memory. SMAP forbids kernel access to
 * user pages except between stac and clac, which bracket these loops.
 * A fault on a user address inside them is first offered to the page
 * fault handler (demand paging, copy-on-write); if the address is bad,
 * the handler resumes at the fixup, which returns -EFAULT (see
 * usercopy_fixup in trap.c). Callers validate ranges first (uaccess.c).
 */
#define EFAULT 14

	.text
	.global arch_user_copy, arch_user_strncpy
	.global usercopy_fault_insn1, usercopy_fault_insn2, usercopy_fixup

/* long arch_user_copy(void *dst, const void *src, size_t n): 0 or -EFAULT */
arch_user_copy:
	stac
	mov %rdx, %rcx
usercopy_fault_insn1:
	rep movsb
	clac
	xor %eax, %eax
	ret

/* long arch_user_strncpy(char *dst, const char *src, size_t max):
 * the length copied up to a NUL (excluded), max if none, or -EFAULT. */
arch_user_strncpy:
	stac
	xor %eax, %eax
1:	cmp %rdx, %rax
	je 2f
usercopy_fault_insn2:
	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	test %cl, %cl
	jz 2f
	inc %rax
	jmp 1b
2:	clac
	ret

usercopy_fixup:
	clac
	mov $-EFAULT, %rax
	ret
