// SPDX-License-Identifier: MIT
/*
 * fork() with pthread_atfork handlers, and _Fork() without them.
 *
 * Only the calling thread goes on in the child, so any lock another
 * thread held at the fork would stay held there forever. fork therefore
 * takes libc's locks first and hands them over: the program's prepare
 * handlers (newest first, as POSIX orders them; they may still use
 * malloc and stdio), then stdio's and malloc's hooks, then libc's own
 * thread tables. After the fork, parent and child undo that in the
 * opposite order — libc's hooks first, then the parent or child handlers
 * oldest first.
 *
 * malloc's hook (__libc_malloc_atfork) and stdio's (__stdio_atfork)
 * are weak: a program that lacks one links fine and just skips it. Each
 * takes the phase: 0 prepare, 1 parent, 2 child.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <tessera/syscall.h>
#include <unistd.h>

enum { FORK_PREPARE, FORK_PARENT, FORK_CHILD };

void __libc_malloc_atfork(int phase) __attribute__((weak));
void __stdio_atfork(int phase) __attribute__((weak));
void __pthread_tsd_atfork(int phase) __attribute__((weak));

typedef struct atfork {
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
	struct atfork *prev, *next;
} atfork_t;

/* atfork_lock guards the list; fork holds it across the whole fork. */
static pthread_mutex_t atfork_lock = PTHREAD_MUTEX_INITIALIZER;
static atfork_t *atfork_first, *atfork_last;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	atfork_t *a = malloc(sizeof(*a));

	if (!a)
		return ENOMEM;
	a->prepare = prepare;
	a->parent = parent;
	a->child = child;
	a->next = NULL;
	pthread_mutex_lock(&atfork_lock);
	a->prev = atfork_last;
	if (atfork_last)
		atfork_last->next = a;
	else
		atfork_first = a;
	atfork_last = a;
	pthread_mutex_unlock(&atfork_lock);
	return 0;
}

static void fork_libc_hooks(int phase)
{
	if (__stdio_atfork)
		__stdio_atfork(phase);
	if (__libc_malloc_atfork)
		__libc_malloc_atfork(phase);
	if (__pthread_tsd_atfork)
		__pthread_tsd_atfork(phase);
}

static void fork_prepare(void)
{
	pthread_mutex_lock(&atfork_lock);
	for (atfork_t *a = atfork_last; a; a = a->prev)
		if (a->prepare)
			a->prepare();
	fork_libc_hooks(FORK_PREPARE);
}

static void fork_after(int phase)
{
	fork_libc_hooks(phase);
	for (atfork_t *a = atfork_first; a; a = a->next) {
		void (*fn)(void) = phase == FORK_CHILD ? a->child : a->parent;
		if (fn)
			fn();
	}
	if (phase == FORK_CHILD)
		atfork_lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	else
		pthread_mutex_unlock(&atfork_lock);
}

pid_t _Fork(void)
{
	long pid = sys_fork();

	if (pid == 0)
		__pthread_fork_child();
	return (pid_t)__syscall_ret(pid);
}

pid_t fork(void)
{
	long pid;

	fork_prepare();
	pid = sys_fork();
	if (pid == 0)
		__pthread_fork_child();
	fork_after(pid == 0 ? FORK_CHILD : FORK_PARENT);
	return (pid_t)__syscall_ret(pid);
}
