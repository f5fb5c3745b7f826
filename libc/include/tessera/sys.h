// SPDX-License-Identifier: MIT
/*
 * Tessera's own system calls, wrapped like the POSIX ones: -1 and errno
 * on failure.
 *
 * Threads: tessera_thread_create maps one region per thread — a guard
 * page, the stack, then the thread's static TLS block and its control
 * block (the TCB, which %fs points at) — and starts the thread there with
 * clone(CLONE_SETTLS | CLONE_CHILD_CLEARTID). When the thread function
 * returns (or the thread calls tessera_thread_exit) the thread ends, and
 * the kernel clears a word in the TCB and futex-wakes it: that is what
 * tessera_thread_join waits for before it unmaps the region. These are
 * pthreads underneath (libc/src/thread.c): a tessera_thread_t * is a
 * pthread_t, and tessera_thread_exit is pthread_exit.
 *
 * Priorities are per thread, PRIORITY_MIN..PRIORITY_MAX (abi/proc.h);
 * tid 0 names the calling thread.
 */
#pragma once

#include <abi/proc.h>
#include <stddef.h>
#include <time.h>

int tessera_sysinfo(abi_sysinfo_t *info);
int tessera_threadinfo(int tid, abi_threadinfo_t *info);
int tessera_getcpu(void);
int tessera_setpriority(int tid, int priority);
/* Returns the priority (never negative), or -1 and errno. */
int tessera_getpriority(int tid);

/*
 * Futexes on a 32-bit word. wait sleeps while *addr == expected, at most
 * *timeout (relative; NULL: forever); it fails with EAGAIN when the value
 * differs, ETIMEDOUT or EINTR. wake returns how many it woke.
 */
int tessera_futex_wait(volatile int *addr, int expected, const struct timespec *timeout);
int tessera_futex_wake(volatile int *addr, int count);

typedef struct tessera_thread tessera_thread_t;
typedef void *(*tessera_thread_fn_t)(void *arg);

#define TESSERA_THREAD_STACK_DEFAULT (256 * 1024)

/* stack_size 0 means TESSERA_THREAD_STACK_DEFAULT. NULL and errno on failure. */
tessera_thread_t *tessera_thread_create(tessera_thread_fn_t fn, void *arg,
					size_t stack_size);
/*
 * Waits for t to end, stores its result, frees it. Once per thread; not
 * for the main thread (EINVAL) nor the caller itself (EDEADLK).
 */
int tessera_thread_join(tessera_thread_t *t, void **result);
/* Ends the calling thread only. */
__attribute__((noreturn)) void tessera_thread_exit(void *result);
tessera_thread_t *tessera_thread_self(void);
int tessera_thread_tid(const tessera_thread_t *t);

/* The URL descriptor fd was opened with; its length, or -1 (ERANGE: too small). */
long tessera_fpath(int fd, char *buf, size_t size);
/*
 * A new descriptor opened relative to fd by its scheme: "accept" on a
 * listening chan: or uds_stream: socket takes the next connection.
 */
int tessera_dupat(int fd, const char *path, int flags);
/* fd's readiness now (EVENT_READ | EVENT_WRITE, within wanted), or -1. */
int tessera_fevent(int fd, unsigned wanted);
/* abi_dirent_t records (abi/stat.h) of a directory; bytes filled, 0 at the end. */
long tessera_getdents(int fd, void *buf, size_t size);
/*
 * Driver privileges (ABI_PRIV_IO | ABI_PRIV_IRQ | ABI_PRIV_PHYS,
 * abi/proc.h): drops every one not in keep and, when label is not NULL,
 * names the process in the kernel's log (init names its services; only a
 * privileged process may). Returns the privileges held now; -1 and errno.
 * tessera_privileges(ABI_PRIV_ALL, NULL) only asks.
 */
int tessera_privileges(unsigned keep, const char *label);
/* Narrows this process's scheme namespace (and its future children's). */
int tessera_mkns(const char *const *names, size_t count);
