// SPDX-License-Identifier: MIT
/*
 * Threads over clone(CLONE_SETTLS | CLONE_CHILD_CLEARTID).
 *
 * One anonymous mapping holds a thread: a PROT_NONE guard page, the
 * stack, then the TLS block and TCB (__tls_setup). The TCB doubles as the
 * handle, tessera_thread_t. The new thread starts in __tessera_clone's
 * child half (thread_start.S) on the new stack, which pops the TCB
 * pointer and calls __tessera_thread_main.
 *
 * Ending: `running` is set to 1 before the clone and is the clone's
 * child_tid word, so the kernel zeroes it and futex-wakes it once the
 * thread has ended and can no longer touch its stack. A joiner that sees
 * 0 may therefore unmap the whole region at once. (Using the tid itself
 * as the word would race: the thread may end before clone has returned
 * its tid to the creator.)
 *
 * The main thread's TCB is set up by __thread_init_main in a static area
 * (or an mmap when the TLS segment is large); it is never unmapped, and
 * cannot be joined since the kernel clears no word for it.
 */
#include "libc.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <tessera/syscall.h>

/* thread_start.S hardcodes it. */
_Static_assert(SYS_clone == 2, "thread_start.S");

long __tessera_clone(unsigned long flags, void *stack, void *tls, volatile int *child_tid);

static unsigned char main_tls_area[2048] __attribute__((aligned(64)));

static uint64_t thread_stack_guard(void)
{
	int found;
	const unsigned char *random = (const unsigned char *)__libc_auxval(AT_RANDOM, &found);
	uint64_t guard = 0;

	if (found && random)
		memcpy(&guard, random, sizeof(guard));
	/* A zero low byte stops string functions from leaking it. */
	return guard & ~(uint64_t)0xff;
}

void __thread_init_main(void)
{
	void *area = main_tls_area;
	size_t size = sizeof(main_tls_area);
	struct tessera_thread *t;

	__tls_init();
	if (__tls_area_size() > size) {
		size = __tls_area_size();
		long p = sys_mmap(0, (long)size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (sys_is_error(p))
			__libc_fatal("no memory for the main thread's TLS");
		area = (void *)p;
	}
	t = __tls_setup(area, size);
	t->running = 1;
	t->tid = (int)sys_gettid();
	t->stack_guard = thread_stack_guard();
	if (sys_is_error(sys_set_tls((long)t)))
		__libc_fatal("set_tls failed");
}

tessera_thread_t *tessera_thread_self(void)
{
	tessera_thread_t *t;

	__asm__("mov %%fs:0, %0" : "=r"(t));
	return t;
}

int tessera_thread_tid(const tessera_thread_t *t)
{
	return t->tid;
}

__attribute__((noreturn, used)) void __tessera_thread_main(tessera_thread_t *t)
{
	__atomic_store_n(&t->tid, (int)sys_gettid(), __ATOMIC_RELAXED);
	tessera_thread_exit(t->fn(t->arg));
}

void tessera_thread_exit(void *result)
{
	tessera_thread_self()->result = result;
	for (;;)
		sys_exit_thread(0);
}

static size_t page_round(size_t n)
{
	return (n + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
}

tessera_thread_t *tessera_thread_create(tessera_thread_fn_t fn, void *arg,
					size_t stack_size)
{
	size_t tls_size = page_round(__tls_area_size());
	size_t total;
	char *base, *stack_top;
	tessera_thread_t *t;
	long tid;

	if (!fn) {
		errno = EINVAL;
		return NULL;
	}
	if (stack_size == 0)
		stack_size = TESSERA_THREAD_STACK_DEFAULT;
	if (stack_size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	stack_size = page_round(stack_size);
	total = PAGE_SIZE + stack_size + tls_size;

	base = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	if (mprotect(base, PAGE_SIZE, PROT_NONE) < 0)
		goto fail;

	stack_top = base + PAGE_SIZE + stack_size;
	t = __tls_setup(stack_top, tls_size);
	t->fn = fn;
	t->arg = arg;
	t->running = 1;
	t->map_base = base;
	t->map_size = total;
	t->stack_guard = tessera_thread_self()->stack_guard;

	/* The child pops t; its rsp is then stack_top, 16-byte aligned. */
	((tessera_thread_t **)stack_top)[-1] = t;
	tid = __tessera_clone(CLONE_SETTLS | CLONE_CHILD_CLEARTID, stack_top - sizeof(t), t,
			      &t->running);
	if (sys_is_error(tid)) {
		errno = (int)-tid;
		goto fail;
	}
	__atomic_store_n(&t->tid, (int)tid, __ATOMIC_RELAXED);
	return t;

fail:;
	int saved = errno;
	munmap(base, total);
	errno = saved;
	return NULL;
}

int tessera_thread_join(tessera_thread_t *t, void **result)
{
	int running;

	if (t == tessera_thread_self()) {
		errno = EDEADLK;
		return -1;
	}
	if (!t || !t->map_base) {
		errno = EINVAL;         /* no thread, or the main thread */
		return -1;
	}
	while ((running = __atomic_load_n(&t->running, __ATOMIC_ACQUIRE)) != 0)
		sys_futex((long)&t->running, FUTEX_WAIT, running, 0);
	if (result)
		*result = t->result;
	munmap(t->map_base, t->map_size);
	return 0;
}
