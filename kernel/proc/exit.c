// SPDX-License-Identifier: MIT
/*
 * Ending threads and processes, and waiting for children.
 *
 * A process ends when its last thread does: the first thread to call
 * proc_exit records the status and asks the others to stop (they notice
 * on their way back to user mode, or are woken from their waits); each
 * thread leaves the address space before it goes, and the last one turns
 * the process into a zombie: memory released, children handed to init,
 * parent told. The zombie stays until the parent reaps it in waitpid.
 *
 * Lock order: proc_tree_lock, then a wait queue's lock, then run queues.
 * waitpid therefore never holds a wait queue lock while taking the tree
 * lock: it sleeps on a counter of child events instead.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/cpu.h>
#include <clock.h>
#include <futex.h>
#include <log.h>
#include <machine.h>
#include <mm.h>
#include <uaccess.h>

static void proc_reparent_children_locked(process_t *p)
{
	process_t *init = proc_find_locked(1);

	while (p->children) {
		process_t *c = p->children;
		p->children = c->sibling;
		c->parent = init;
		c->sibling = init->children;
		init->children = c;
	}
	init->child_events++;
	waitq_wake(&init->child_waiters, -1);
}

static void proc_become_zombie(process_t *p)
{
	uint64_t flags;

	if (p->pid == 1) {
		klog("kernel: init (pid 1) exited with status %#x; halting",
		     p->exit_code_pending);
		machine_finish(p->exit_code_pending == 0);
	}
	fd_close_all(p);
	as_put(p->as);
	p->as = NULL;
	flags = spin_lock_irqsave(&proc_tree_lock);
	if (p->children)
		proc_reparent_children_locked(p);
	p->exit_status = p->exit_code_pending;
	p->state = PROC_ZOMBIE;
	process_t *parent = p->parent;
	signal_send_process(parent, SIGCHLD);
	parent->child_events++;
	waitq_wake(&parent->child_waiters, -1);
	spin_unlock_irqrestore(&proc_tree_lock, flags);
}

static void uthread_clear_tid(thread_t *t)
{
	uint32_t zero = 0;

	if (!t->clear_tid_addr)
		return;
	if (!copy_to_user(uptr(t->clear_tid_addr), &zero, sizeof(zero)))
		futex_wake(t->proc, t->clear_tid_addr, 1 << 30);
}

void uthread_exit(void)
{
	thread_t *t = thread_current();
	process_t *p = t->proc;

	uthread_clear_tid(t);
	/* Off the address space before we stop counting: once the count
	 * drops, exec or the last thread may free it. */
	as_deactivate();
	int left = proc_remove_thread(p, t);
	t->proc = NULL;         /* the process may be freed before this thread */
	if (left == 0)
		proc_become_zombie(p);
	thread_exit();
}

/*
 * Only one thread of a process may end the others: the first to get here
 * (exit, exec or a fatal signal) wins and records the exit status; a
 * thread that finds another already at it ends itself at once, since
 * waiting for each other would deadlock.
 */
static bool proc_claim_exit(process_t *p, int wait_status)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);
	bool won = !p->exiting;

	if (won) {
		p->exiting = true;
		p->exit_code_pending = wait_status;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return won;
}

static void proc_stop_other_threads(process_t *p)
{
	thread_t *me = thread_current();
	uint64_t flags = spin_lock_irqsave(&p->lock);

	for (thread_t *t = p->threads; t; t = t->proc_next)
		if (t != me)
			signal_send_thread(t, SIGKILL);
	spin_unlock_irqrestore(&p->lock, flags);
	waitq_wake(&p->job_stop_waiters, -1);   /* parked stopped threads */
	while (__atomic_load_n(&p->thread_count, __ATOMIC_ACQUIRE) > 1)
		sched_sleep_until(clock_ns() + 1000000);
}

bool proc_kill_other_threads(void)
{
	process_t *p = proc_current();

	if (!proc_claim_exit(p, 0))
		return false;
	proc_stop_other_threads(p);
	return true;
}

/*
 * A driver (a process holding privileges) killed by a signal other than
 * the SIGTERM that asks it to stop has crashed: say so, by the name init
 * gave it, so the log shows what went before its restart.
 */
static void proc_report_driver_crash(const process_t *p, int wait_status)
{
	int sig = wait_status & 0x7f;

	if (!p->privileges || !sig || sig == 0x7f || sig == SIGTERM)
		return;
	klog("Driver '%s' crashed (%s[%d], signal %d)", p->label[0] ? p->label : p->name,
	     p->name, p->pid, sig);
}

void proc_exit(int wait_status)
{
	process_t *p = proc_current();

	if (proc_claim_exit(p, wait_status)) {
		proc_report_driver_crash(p, wait_status);
		proc_stop_other_threads(p);
	}
	uthread_exit();
}

static bool wait_matches(const process_t *parent, const process_t *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? parent->pgid : -pid);
}

/* A stop or continue report the options ask for: takes it, or 0. */
static int waitpid_take_report(process_t *c, int options)
{
	int r = c->job_report;

	if (!r || (r == ABI_WSTATUS_CONTINUED ? !(options & ABI_WCONTINUED)
						  : !(options & ABI_WUNTRACED)))
		return 0;
	c->job_report = 0;
	return r;
}

/*
 * One scan: reaps a zombie or takes a stop/continue report (its pid), 0
 * if a match lives, -ECHILD if none.
 */
static int waitpid_scan(process_t *self, int pid, int options, int *status)
{
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	int found = -ECHILD;

	for (process_t *c = self->children; c; c = c->sibling) {
		if (!wait_matches(self, c, pid))
			continue;
		if (c->state == PROC_ZOMBIE) {
			found = c->pid;
			*status = c->exit_status;
			proc_free_locked(c);
			break;
		}
		int report = waitpid_take_report(c, options);
		if (report) {
			found = c->pid;
			*status = report;
			break;
		}
		found = 0;
	}
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return found;
}

typedef struct wait_gen {
	process_t *p;
	uint64_t seen;
} wait_gen_t;

static bool wait_gen_changed(void *arg)
{
	wait_gen_t *g = arg;

	/* Signals are waitq_wait's to notice, and only deliverable ones: a
	 * blocked pending signal must not end every wait at once. */
	return __atomic_load_n(&g->p->child_events, __ATOMIC_ACQUIRE) != g->seen;
}

int proc_waitpid(int pid, uint64_t status_uaddr, int options)
{
	process_t *self = proc_current();
	int status = 0;
	bool interrupted = false;

	if (options & ~(WNOHANG | ABI_WUNTRACED | ABI_WCONTINUED))
		return -EINVAL;
	for (;;) {
		wait_gen_t gen = { self, __atomic_load_n(&self->child_events, __ATOMIC_ACQUIRE) };
		int r = waitpid_scan(self, pid, options, &status);
		if (r > 0) {
			if (status_uaddr && copy_to_user(uptr(status_uaddr), &status, sizeof(status)))
				return -EFAULT;
			return r;
		}
		if (r < 0 || (options & WNOHANG))
			return r;
		if (interrupted)
			return -EINTR;
		/* A child's SIGCHLD comes with its exit: scan once more after
		 * a signal, so the exit wins over EINTR. */
		if (waitq_wait(&self->child_waiters, wait_gen_changed, &gen, 0) == -EINTR ||
		    signal_pending_unblocked())
			interrupted = true;
	}
}
