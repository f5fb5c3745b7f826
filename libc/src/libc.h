// SPDX-License-Identifier: MIT
/*
 * libc's private interfaces between its own files: the errno convention
 * for wrappers, the thread control block, TLS setup and the hooks exit()
 * runs. Nothing here is visible to programs.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <tessera/sys.h>

/*
 * The wrappers' tail: a raw result in -4095..-1 becomes errno and -1;
 * anything else comes back unchanged.
 */
long __syscall_ret(long ret);

/*
 * The thread control block; %fs holds its address. The first words follow
 * the x86_64 TLS ABI and glibc's tcbhead_t, so compilers' assumptions hold
 * (%fs:0 is the TCB's own address, %fs:0x28 the stack-protector canary).
 */
struct tessera_thread {
	struct tessera_thread *self;    /* %fs:0x00 */
	void *dtv;                      /* %fs:0x08, dynamic TLS: unused */
	struct tessera_thread *self2;   /* %fs:0x10 */
	uint64_t reserved[2];           /* %fs:0x18 */
	uint64_t stack_guard;           /* %fs:0x28 */
	uint64_t pointer_guard;         /* %fs:0x30 */

	tessera_thread_fn_t fn;
	void *arg;
	void *result;
	/* 1 until the kernel clears it at the thread's end (CLONE_CHILD_CLEARTID). */
	volatile int running;
	volatile int tid;
	void *map_base;                 /* NULL for the main thread */
	size_t map_size;
};

_Static_assert(__builtin_offsetof(struct tessera_thread, stack_guard) == 0x28,
	       "stack protector canary at %fs:0x28");

/* The auxiliary vector entry `type`; *found says whether there is one. No errno. */
unsigned long __libc_auxval(unsigned long type, int *found);

/* Static TLS (libc/src/tls.c). */
void __tls_init(void);                  /* finds PT_TLS; before any TLS use */
size_t __tls_area_size(void);           /* bytes for a TLS block + TCB */
struct tessera_thread *__tls_setup(void *area, size_t size);

/* The main thread: TLS, then FS (libc/src/thread.c). */
void __thread_init_main(void);

/* Flushes every stdio stream (exit). */
void __stdio_flush_all(void);

/* Writes a message to fd 2 and exits with 127: libc cannot go on. */
__attribute__((noreturn)) void __libc_fatal(const char *msg);
/*
 * path as a URL (path.c): itself if it names a scheme, else a canonical
 * "file:" URL in url (relative paths from the working directory, or from
 * dirfd's directory unless it is AT_FDCWD). NULL with errno on failure.
 */
const char *__libc_url(const char *path, char *url, size_t size);
const char *__libc_url_at(int dirfd, const char *path, char *url, size_t size);
/* Whether path is already a URL ("name:..." or ":name"). */
int __libc_path_has_scheme(const char *path);
/* The size of URL buffers on the stack. */
#define LIBC_URL_MAX 4096

/* The stdio fork hook (libc/src/stdio/file.c): 0 before fork, 1 in the parent, 2 in the child. */
void __stdio_atfork(int phase);
