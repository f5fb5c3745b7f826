// SPDX-License-Identifier: MIT
/*
 * Process, thread, time and memory ABI: the structures and flags passed to
 * the system calls in abi/syscall.h. Values follow Linux where a POSIX
 * program or libc would otherwise need translating.
 */
#pragma once

#include <stdint.h>

/* waitpid options and status encoding (as in POSIX's W* macros on Linux) */
#define WNOHANG 1
#define ABI_WUNTRACED  2        /* also report children that stopped */
#define ABI_WCONTINUED 8        /* also report children that continued */
#define ABI_WSTATUS_EXITED(code)   (((code) & 0xff) << 8)
#define ABI_WSTATUS_SIGNALED(sig)  ((sig) & 0x7f)
#define ABI_WSTATUS_STOPPED(sig)   (0x7f | (((sig) & 0xff) << 8))
#define ABI_WSTATUS_CONTINUED      0xffff

/*
 * clone(flags, child_stack, tls, child_tid): a new thread in this process,
 * starting with the caller's registers on child_stack, 0 in rax.
 */
#define CLONE_SETTLS         0x00080000u  /* the new thread's FS base is tls */
#define CLONE_CHILD_CLEARTID 0x00200000u  /* at its exit, *child_tid = 0 and a
					     futex wake on child_tid */

/* futex(addr, op, value, timeout) */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

/* mmap */
#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20

/* clocks */
#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1

typedef struct abi_timespec {
	int64_t sec;
	int64_t nsec;
} abi_timespec_t;

/*
 * setpriority(tid, priority) / getpriority(tid), tid 0 = the caller:
 * 0 (lowest) .. 31 (highest); 16 by default.
 */
#define PRIORITY_MIN     0
#define PRIORITY_DEFAULT 16
#define PRIORITY_MAX     31

#define ABI_MAX_CPUS 64

/* sysinfo(&info) */
typedef struct abi_sysinfo {
	uint64_t page_size;
	uint64_t total_pages;
	uint64_t free_pages;
	uint64_t uptime_ns;
	uint32_t cpus_online;
	uint32_t processes;
	uint64_t cpu_busy_ns[ABI_MAX_CPUS];   /* time each CPU ran threads, not idle */
} abi_sysinfo_t;

/* threadinfo(tid, &info): tid 0 is the caller. */
typedef struct abi_threadinfo {
	int32_t tid;
	int32_t pid;
	int32_t cpu;                    /* last CPU it ran on */
	int32_t priority;
	uint64_t runtime_ns;            /* CPU time used */
	uint64_t switches;              /* times it was switched in */
} abi_threadinfo_t;

/*
 * Driver privileges (the `privileges` system call). init starts with all
 * of them and grants each service what /etc/init.conf says; everyone
 * else, root included, gets EPERM. Inherited by fork and exec; a process
 * can only drop them.
 */
#define ABI_PRIV_IO   0x1u              /* ioperm: I/O ports */
#define ABI_PRIV_IRQ  0x2u              /* irq: interrupts, MSI vectors */
#define ABI_PRIV_PHYS 0x4u              /* memory:phys, memory:dma, sys:acpi */
#define ABI_PRIV_ALL  0x7u

/* auxiliary vector keys placed after envp by exec (SysV ABI values) */
#define AT_NULL   0
#define AT_PHDR   3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_ENTRY  9
#define AT_UID    11
#define AT_GID    13
#define AT_RANDOM 25
#define AT_EXECFN 31
/* Tessera's own: its value is TESSERA_ABI_VERSION. libc's start-up looks
 * for it, so a Tessera program run on another kernel (a configure script
 * testing whether it can run what it builds) stops at once, cleanly. */
#define AT_TESSERA 0x7e55
#define TESSERA_ABI_VERSION 1
