// SPDX-License-Identifier: MIT
/*
 * Non-local jumps (C17 <setjmp.h>, POSIX sigsetjmp/siglongjmp).
 *
 * A jmp_buf holds what the x86_64 psABI says a function must preserve:
 * rbx, rbp, r12-r15, the stack pointer, plus the return address, and the
 * control bits of MXCSR and the x87 control word. sigjmp_buf is the same
 * type with room for the signal mask: sigsetjmp(env, nonzero) records the
 * mask and siglongjmp restores it. setjmp/longjmp leave the mask alone
 * (as _setjmp/_longjmp do, and as glibc does), which is what makes them
 * cheap. The code is libc/src/setjmp/setjmp.S; the offsets below are
 * checked there.
 */
#pragma once

typedef struct __jmp_buf_tag {
	unsigned long __regs[8];        /* rbx rbp r12 r13 r14 r15 rsp rip */
	unsigned long __fpu;            /* MXCSR (low 32 bits), x87 CW (high) */
	unsigned long __mask_saved;     /* sigsetjmp's savemask != 0 */
	unsigned long __mask;           /* the signal mask when saved */
} jmp_buf[1];

typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void _longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#define setjmp setjmp
