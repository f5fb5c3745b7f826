// SPDX-License-Identifier: MIT
/*
 * fork and clone. fork copies the process: a copy-on-write clone of the
 * address space, the signal dispositions, credentials, and one thread —
 * the caller's, returning 0 in the child. clone adds a thread to the
 * caller's process, starting on the given stack with the caller's
 * registers and 0 in rax.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <mm.h>
#include <string.h>

/* The caller's live FPU registers into t (they are not saved until a switch). */
static void fork_copy_fpu(thread_t *t)
{
	__asm__ volatile("fxsave64 %0" : "=m"(t->fpu_state));
}

int proc_fork(trap_frame_t *frame)
{
	thread_t *me = thread_current();
	process_t *parent = me->proc;
	process_t *child = proc_alloc(parent->name, 0);
	trap_frame_t child_frame = *frame;

	if (!child)
		return -ENOMEM;
	child->as = as_clone(parent->as);
	if (!child->as)
		goto fail;
	uint64_t flags = spin_lock_irqsave(&parent->lock);
	memcpy(child->sigactions, parent->sigactions, sizeof(child->sigactions));
	spin_unlock_irqrestore(&parent->lock, flags);
	child->uid = parent->uid;
	child->gid = parent->gid;
	child->ns_mask = parent->ns_mask;
	child->privileges = parent->privileges;
	memcpy(child->label, parent->label, sizeof(child->label));
	child->umask = parent->umask;
	flags = spin_lock_irqsave(&parent->lock);
	memcpy(child->cwd, parent->cwd, sizeof(child->cwd));
	spin_unlock_irqrestore(&parent->lock, flags);
	fd_table_copy(parent, child);
	child_frame.rax = 0;
	thread_t *t = uthread_create_with_tid(child, &child_frame, me->priority, child->pid);
	if (!t)
		goto fail;
	t->fs_base = me->fs_base;
	t->sigmask = me->sigmask;
	fork_copy_fpu(t);
	proc_add_thread(child, t);
	proc_attach(child, parent);
	sched_start(t);
	return child->pid;
fail:
	fd_close_all(child);
	if (child->as)
		as_put(child->as);
	tid_free(child->pid);
	kfree(child);
	return -ENOMEM;
}

int proc_clone_thread(trap_frame_t *frame, uint64_t flags, uint64_t stack, uint64_t tls,
		      uint64_t clear_tid)
{
	thread_t *me = thread_current();
	process_t *p = me->proc;
	trap_frame_t tf = *frame;

	tf.rax = 0;
	tf.rsp = stack;
	thread_t *t = uthread_create(p, &tf, me->priority);
	if (!t)
		return -ENOMEM;
	t->fs_base = (flags & CLONE_SETTLS) ? tls : me->fs_base;
	t->sigmask = me->sigmask;
	t->clear_tid_addr = clear_tid;
	fork_copy_fpu(t);
	proc_add_thread(p, t);
	sched_start(t);
	return t->tid;
}
