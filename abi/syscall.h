// SPDX-License-Identifier: MIT
/*
 * The system call list: the single source of truth for numbers, names and
 * argument counts. SYSCALL_LIST(X) expands X(number, name, nargs) once per
 * call; the kernel builds its dispatch table from it, libc its stubs, and
 * tracing its names. Numbers are Tessera's own and never reused.
 *
 * Calling convention (x86_64): `syscall` with the number in rax and the
 * arguments in rdi, rsi, rdx, r10, r8, r9; the result comes back in rax,
 * a negative errno value on failure. rcx and r11 are clobbered.
 */
#pragma once

#define SYSCALL_LIST(X)                      \
	/* processes and threads */          \
	X(0, exit, 1)                        \
	X(1, fork, 0)                        \
	X(2, clone, 4)                       \
	X(3, exec, 5)                        \
	X(4, waitpid, 3)                     \
	X(5, kill, 2)                        \
	X(6, getpid, 0)                      \
	X(7, getppid, 0)                     \
	X(8, gettid, 0)                      \
	X(9, yield, 0)                       \
	X(10, setpriority, 2)                \
	X(11, nanosleep, 2)                  \
	X(12, clock_gettime, 2)              \
	X(13, futex, 4)                      \
	X(14, sigaction, 3)                  \
	X(15, sigprocmask, 3)                \
	X(16, sigreturn, 0)                  \
	X(17, setpgid, 2)                    \
	X(18, setsid, 0)                     \
	X(19, getuid, 0)                     \
	X(20, getgid, 0)                     \
	X(21, setuid, 1)                     \
	X(22, setgid, 1)                     \
	X(23, mkns, 2)                       \
	X(24, exit_thread, 1)                \
	X(25, set_tls, 1)                    \
	X(26, getcpu, 0)                     \
	X(27, sysinfo, 1)                    \
	X(28, threadinfo, 2)                 \
	X(29, getpriority, 1)                \
	/* memory */                         \
	X(30, mmap, 6)                       \
	X(31, munmap, 2)                     \
	X(32, mprotect, 3)                   \
	/* resources */                      \
	X(40, open, 3)                       \
	X(41, close, 1)                      \
	X(42, read, 3)                       \
	X(43, write, 3)                      \
	X(44, lseek, 3)                      \
	X(45, dup, 1)                        \
	X(46, dup2, 2)                       \
	X(47, fcntl, 3)                      \
	X(48, fstat, 2)                      \
	X(49, fstatvfs, 2)                   \
	X(50, fpath, 3)                      \
	X(51, fsync, 1)                      \
	X(52, ftruncate, 2)                  \
	X(53, fchmod, 2)                     \
	X(54, fchown, 3)                     \
	X(55, futimens, 2)                   \
	X(56, getdents, 3)                   \
	X(57, unlink, 1)                     \
	X(58, rmdir, 1)                      \
	X(59, rename, 2)                     \
	X(60, pipe, 2)                       \
	X(61, fevent, 2)                     \
	X(62, dupat, 3)                      \
	X(63, ioperm, 3)                     \
	X(64, link, 2)                       \
	X(65, symlink, 2)                    \
	X(66, chdir, 1)                      \
	X(67, getcwd, 2)                     \
	X(68, umask, 1)                      \
	X(69, getpgid, 1)                    \
	X(70, getsid, 1)                     \
	X(71, sigpending, 1)                 \
	X(72, sigsuspend, 1)                 \
	X(73, privileges, 2)                 \
	X(74, affinity, 3)

enum syscall_number {
#define SYSCALL_ENUM(num, name, nargs) SYS_##name = num,
	SYSCALL_LIST(SYSCALL_ENUM)
#undef SYSCALL_ENUM
	SYS_COUNT_LIMIT = 128
};
