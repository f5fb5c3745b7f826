// SPDX-License-Identifier: MIT
/*
 * Raw system calls.
 *
 * __syscall0..6 follow abi/syscall.h's convention: number in rax,
 * arguments in rdi, rsi, rdx, r10, r8, r9, result in rax; the `syscall`
 * instruction clobbers rcx and r11. For every entry of SYSCALL_LIST there
 * is a `long sys_NAME(long ...)` taking its argument count, generated from
 * the list itself, so a new system call needs no edit here. They return
 * what the kernel returns: a value, or -errno (-4095..-1) on failure, and
 * never touch errno. Pointers are passed as `long` by the caller.
 *
 * sys_clone returns to the child on the child's stack, so it cannot be
 * used from C; tessera_thread_create (<tessera/sys.h>) does it properly.
 */
#pragma once

#include <abi/syscall.h>

static inline long __syscall0(long n)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5,
			      long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* True when a raw result is an error (-4095..-1), as on Linux. */
static inline int sys_is_error(long ret)
{
	return (unsigned long)ret > -4096UL;
}

#define SYS_STUB_0(name) \
	static inline long sys_##name(void) { return __syscall0(SYS_##name); }
#define SYS_STUB_1(name)                                   \
	static inline long sys_##name(long a1)             \
	{ return __syscall1(SYS_##name, a1); }
#define SYS_STUB_2(name)                                   \
	static inline long sys_##name(long a1, long a2)    \
	{ return __syscall2(SYS_##name, a1, a2); }
#define SYS_STUB_3(name)                                         \
	static inline long sys_##name(long a1, long a2, long a3) \
	{ return __syscall3(SYS_##name, a1, a2, a3); }
#define SYS_STUB_4(name)                                                  \
	static inline long sys_##name(long a1, long a2, long a3, long a4) \
	{ return __syscall4(SYS_##name, a1, a2, a3, a4); }
#define SYS_STUB_5(name)                                                           \
	static inline long sys_##name(long a1, long a2, long a3, long a4, long a5) \
	{ return __syscall5(SYS_##name, a1, a2, a3, a4, a5); }
#define SYS_STUB_6(name)                                                  \
	static inline long sys_##name(long a1, long a2, long a3, long a4, \
				      long a5, long a6)                   \
	{ return __syscall6(SYS_##name, a1, a2, a3, a4, a5, a6); }

#define SYS_STUB(num, name, nargs) SYS_STUB_##nargs(name)
SYSCALL_LIST(SYS_STUB)
#undef SYS_STUB
