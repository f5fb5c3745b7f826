// SPDX-License-Identifier: MIT
/*
 * Threads over clone(CLONE_SETTLS | CLONE_CHILD_CLEARTID): creating,
 * ending, joining and detaching them. Both pthreads and Tessera's own
 * tessera_thread_* calls (a thin layer kept for its tests) live here.
 *
 * One anonymous mapping holds a thread: a PROT_NONE guard, the stack,
 * then the TLS block and struct pthread (__tls_setup). With a caller's
 * stack (pthread_attr_setstack) the mapping holds only TLS and the
 * thread. The new thread starts in __tessera_clone's child half
 * (thread_start.S) on the new stack, which pops the thread pointer and
 * calls __tessera_thread_main.
 *
 * Ending: `running` is set to 1 before the clone and is the clone's
 * child_tid word, so the kernel zeroes it and futex-wakes it once the
 * thread has ended and can no longer touch its stack; only then is the
 * mapping freed. A thread cannot free its own stack while on it, so a
 * detached thread that ends puts itself on `reap_list`, and the next
 * pthread_create or pthread_detach frees those whose word is 0. The
 * joinable/detached/exited hand-shake is described in pthread_impl.h.
 *
 * The process: SYS_exit ends every thread, so exit() needs nothing from
 * here. A thread that ends (including main through pthread_exit) counts
 * itself out of __pthread_live, and the last one runs exit(0) — as
 * POSIX says, the process exits with status 0 after its last thread.
 *
 * The main thread's block comes from __thread_init_main, in a static area
 * (or an mmap when the TLS segment is large); it is never freed. It can
 * be joined once it has called pthread_exit; the kernel clears no word
 * for it, but nothing of it is freed either.
 */
#include "libc.h"
#include "pthread/pthread_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <tessera/syscall.h>

/* thread_start.S hardcodes it. */
_Static_assert(SYS_clone == 2, "thread_start.S");
_Static_assert(__builtin_offsetof(struct pthread, tcb) == 0, "the TCB comes first");

#define PTHREAD_STACK_DEFAULT (2 * 1024 * 1024)

long __tessera_clone(unsigned long flags, void *stack, void *tls, volatile int *child_tid);
/* malloc's per-thread cache goes back to the shared lists (weak: optional). */
void __libc_malloc_thread_exit(void) __attribute__((weak));

int __pthread_live = 1;
static struct pthread *reap_list;

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
	memcpy(((struct pthread *)t)->name, "main", 5);
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

static size_t page_round(size_t n)
{
	return (n + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
}

/* ---- freeing ended threads ------------------------------------------------ */

static void thread_free(struct pthread *t)
{
	while (__atomic_load_n(&t->tcb.running, __ATOMIC_ACQUIRE) != 0)
		sys_futex((long)&t->tcb.running, FUTEX_WAIT, 1, 0);
	munmap(t->tcb.map_base, t->tcb.map_size);
}

static void reap_push(struct pthread *t)
{
	struct pthread *head = __atomic_load_n(&reap_list, __ATOMIC_RELAXED);

	do
		t->reap_next = head;
	while (!__atomic_compare_exchange_n(&reap_list, &head, t, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED));
}

/* Frees the detached threads that have ended; the others go back. */
static void reap_ended(void)
{
	struct pthread *t = __atomic_exchange_n(&reap_list, NULL, __ATOMIC_ACQUIRE);

	while (t) {
		struct pthread *next = t->reap_next;

		if (__atomic_load_n(&t->tcb.running, __ATOMIC_ACQUIRE) == 0)
			munmap(t->tcb.map_base, t->tcb.map_size);
		else
			reap_push(t);
		t = next;
	}
}

/* ---- ending --------------------------------------------------------------- */

__attribute__((noreturn)) static void thread_finish(struct pthread *self)
{
	int expected = PTHREAD_STATE_JOINABLE;

	if (__atomic_compare_exchange_n(&self->state, &expected, PTHREAD_STATE_EXITED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		__atomic_fetch_add(&self->join_seq, 1, __ATOMIC_RELEASE);
		__pthread_futex_wake(&self->join_seq, INT_MAX);
	} else if (self->tcb.map_base) {
		reap_push(self);        /* detached: freed once the kernel is done */
	}
	for (;;)
		sys_exit_thread(0);
}

void pthread_exit(void *result)
{
	struct pthread *self = pthread_current();

	self->cancel_disabled = 1;      /* a handler is not to be cancelled again */
	while (self->cleanup) {
		struct __pthread_cleanup *c = self->cleanup;

		self->cleanup = c->__next;
		c->__fn(c->__arg);
	}
	if (__pthread_tsd_run_destructors)
		__pthread_tsd_run_destructors();
	if (__libc_malloc_thread_exit)
		__libc_malloc_thread_exit();    /* its cache back to everyone */
	self->tcb.result = result;
	if (__atomic_sub_fetch(&__pthread_live, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	thread_finish(self);
}

void tessera_thread_exit(void *result)
{
	pthread_exit(result);
}

__attribute__((noreturn, used)) void __tessera_thread_main(tessera_thread_t *t)
{
	__atomic_store_n(&t->tid, (int)sys_gettid(), __ATOMIC_RELAXED);
	pthread_exit(t->fn(t->arg));
}

/* ---- creating ------------------------------------------------------------- */

/* Maps the thread's memory and lays it out; ENOMEM or EINVAL on failure. */
static int thread_map(const pthread_attr_t *attr, struct pthread **out, char **stack_top)
{
	size_t tls_size = page_round(__tls_area_size());
	size_t guard = 0, stack = 0, total;
	char *base;

	if (!attr->__stackaddr) {
		stack = attr->__stacksize ? attr->__stacksize : PTHREAD_STACK_DEFAULT;
		guard = attr->__guardsize;
		if (stack > SIZE_MAX / 4 || guard > SIZE_MAX / 4)
			return ENOMEM;
		stack = page_round(stack);
		guard = page_round(guard);
	}
	total = guard + stack + tls_size;
	base = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return ENOMEM;
	if (guard && mprotect(base, guard, PROT_NONE) < 0) {
		munmap(base, total);
		return ENOMEM;
	}
	struct pthread *t = (struct pthread *)__tls_setup(base + guard + stack, tls_size);

	t->tcb.map_base = base;
	t->tcb.map_size = total;
	t->guard_size = guard;
	if (attr->__stackaddr) {
		t->user_stack = true;
		t->stack_base = attr->__stackaddr;
		t->stack_size = attr->__stacksize;
		*stack_top = (char *)(((uintptr_t)attr->__stackaddr + attr->__stacksize) & ~(uintptr_t)15);
	} else {
		t->stack_base = base + guard;
		t->stack_size = stack;
		*stack_top = base + guard + stack;
	}
	*out = t;
	return 0;
}

int __pthread_create(struct pthread **out, const pthread_attr_t *attr,
		     void *(*start)(void *), void *arg)
{
	pthread_attr_t defaults;
	struct pthread *t;
	char *stack_top;
	long tid;

	if (!attr) {
		pthread_attr_init(&defaults);
		attr = &defaults;
	}
	reap_ended();
	int err = thread_map(attr, &t, &stack_top);
	if (err)
		return err;
	t->tcb.fn = start;
	t->tcb.arg = arg;
	t->tcb.running = 1;
	t->tcb.stack_guard = tessera_thread_self()->stack_guard;
	t->state = attr->__detachstate == PTHREAD_CREATE_DETACHED ? PTHREAD_STATE_DETACHED
								  : PTHREAD_STATE_JOINABLE;
	*out = t;

	/* The child pops t; its rsp is then stack_top, 16-byte aligned. */
	((struct pthread **)stack_top)[-1] = t;
	__atomic_fetch_add(&__pthread_live, 1, __ATOMIC_RELAXED);
	tid = __tessera_clone(CLONE_SETTLS | CLONE_CHILD_CLEARTID, stack_top - sizeof(t), t,
			      &t->tcb.running);
	if (sys_is_error(tid)) {
		__atomic_fetch_sub(&__pthread_live, 1, __ATOMIC_RELAXED);
		munmap(t->tcb.map_base, t->tcb.map_size);
		return (int)-tid;
	}
	/*
	 * A detached thread may already have ended and been freed; it stores
	 * its own tid first thing anyway. A joinable one stays until joined.
	 */
	if (attr->__detachstate != PTHREAD_CREATE_DETACHED)
		__atomic_store_n(&t->tcb.tid, (int)tid, __ATOMIC_RELAXED);
	if (attr->__inheritsched == PTHREAD_EXPLICIT_SCHED)
		sys_setpriority(tid, attr->__priority);
	return 0;
}

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr,
		   void *(*start)(void *), void *restrict arg)
{
	struct pthread *t;
	int err = __pthread_create(&t, attr, start, arg);

	if (err)
		return err == EINVAL ? EINVAL : EAGAIN;
	*thread = (pthread_t)t;
	return 0;
}

/* ---- joining and detaching ------------------------------------------------ */

int __pthread_join(struct pthread *t, void **result, bool cancellable)
{
	if (!t)
		return ESRCH;
	if (t == pthread_current())
		return EDEADLK;
	for (;;) {
		int seq = __atomic_load_n(&t->join_seq, __ATOMIC_ACQUIRE);
		int state = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);

		if (state == PTHREAD_STATE_EXITED)
			break;
		if (state == PTHREAD_STATE_DETACHED)
			return EINVAL;
		if (!cancellable)
			__pthread_futex_wait(&t->join_seq, seq, CLOCK_MONOTONIC, NULL);
		else if (__pthread_futex_wait_cancellable(&t->join_seq, seq, CLOCK_MONOTONIC,
							  NULL) == PTHREAD_WAIT_CANCELED)
			pthread_exit(PTHREAD_CANCELED);
	}
	if (result)
		*result = t->tcb.result;
	if (t->tcb.map_base)
		thread_free(t);
	return 0;
}

int pthread_join(pthread_t thread, void **result)
{
	__pthread_cancel_point();
	return __pthread_join(pthread_of(thread), result, true);
}

int pthread_detach(pthread_t thread)
{
	struct pthread *t = pthread_of(thread);
	int expected = PTHREAD_STATE_JOINABLE;

	if (!t)
		return ESRCH;
	if (__atomic_compare_exchange_n(&t->state, &expected, PTHREAD_STATE_DETACHED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		reap_ended();
		return 0;
	}
	if (expected == PTHREAD_STATE_DETACHED)
		return EINVAL;
	return __pthread_join(t, NULL, false);  /* it has ended: free it now */
}

pthread_t pthread_self(void)
{
	return tessera_thread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

void __pthread_fork_child(void)
{
	struct pthread *self = pthread_current();

	/* Only the caller lives on in the child; the others' memory stays. */
	self->tcb.tid = (int)sys_gettid();
	__pthread_live = 1;
	reap_list = NULL;
}

/* ---- Tessera's own thread calls ------------------------------------------- */

tessera_thread_t *tessera_thread_create(tessera_thread_fn_t fn, void *arg,
					size_t stack_size)
{
	pthread_attr_t attr;
	struct pthread *t;

	if (!fn) {
		errno = EINVAL;
		return NULL;
	}
	pthread_attr_init(&attr);
	attr.__stacksize = stack_size ? stack_size : TESSERA_THREAD_STACK_DEFAULT;
	int err = __pthread_create(&t, &attr, fn, arg);
	if (err) {
		errno = err;
		return NULL;
	}
	return &t->tcb;
}

int tessera_thread_join(tessera_thread_t *t, void **result)
{
	int err;

	if (t == tessera_thread_self())
		err = EDEADLK;
	else if (!t || !t->map_base)
		err = EINVAL;           /* no thread, or the main thread */
	else
		err = __pthread_join(pthread_of(t), result, false);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}
