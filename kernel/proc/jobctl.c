// SPDX-License-Identifier: MIT
/*
 * Job control: stopping and continuing processes, and signals to process
 * groups.
 *
 * A stop signal (SIGSTOP, or SIGTSTP/SIGTTIN/SIGTTOU left at their
 * default) is acted on like any signal, by the thread that dequeues it on
 * its way to user mode: job_stop marks the process stopped, leaves a
 * report for the parent's waitpid(WUNTRACED) and parks. Every other
 * thread of the process parks too the next time it heads for user mode
 * (each return from a system call or interrupt passes
 * job_park_if_stopped), so a thread blocked in a call finishes that call
 * first, as on Linux. SIGCONT is acted on when sent, whatever its
 * disposition: it clears the stop, drops pending stop signals, wakes the
 * parked threads and reports "continued"; a stop signal sent drops a
 * pending SIGCONT. SIGKILL also ends a stop, so the process can die.
 *
 * Lock order: proc_tree_lock, then a process's lock, then wait queues.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>

#define SIG_BIT(sig) (1ull << ((sig) - 1))
#define STOP_SIGNALS (SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU))

/* Drops the pending signals in `mask` from p and all its threads; p->lock held. */
static void job_discard_locked(process_t *p, abi_sigset_t mask)
{
	__atomic_fetch_and(&p->sigpending, ~mask, __ATOMIC_ACQ_REL);
	for (thread_t *t = p->threads; t; t = t->proc_next)
		__atomic_fetch_and(&t->sigpending, ~mask, __ATOMIC_ACQ_REL);
}

/* Leaves a report for p's parent and tells it; proc_tree_lock held. */
static void job_report_locked(process_t *p, int status)
{
	process_t *parent = p->parent;

	p->job_report = status;
	if (!parent)
		return;
	parent->child_events++;
	waitq_wake(&parent->child_waiters, -1);
	if (!(parent->sigactions[SIGCHLD].flags & SA_NOCLDSTOP))
		signal_send_process(parent, SIGCHLD);
}

/* Ends a stop (SIGCONT, or SIGKILL); proc_tree_lock held. */
static void job_continue_locked(process_t *p, bool report)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);
	bool was_stopped = p->stopped;

	job_discard_locked(p, STOP_SIGNALS);
	p->stopped = false;
	p->job_cont_gen++;
	spin_unlock_irqrestore(&p->lock, flags);
	if (!was_stopped)
		return;
	waitq_wake(&p->job_stop_waiters, -1);
	if (report)
		job_report_locked(p, ABI_WSTATUS_CONTINUED);
}

void job_signal_locked(process_t *p, int sig)
{
	if (STOP_SIGNALS & SIG_BIT(sig)) {
		uint64_t flags = spin_lock_irqsave(&p->lock);
		job_discard_locked(p, SIG_BIT(SIGCONT));
		spin_unlock_irqrestore(&p->lock, flags);
	}
	/* Pending first, so a thread woken from a stop finds SIGKILL there. */
	signal_send_process(p, sig);
	if (sig == SIGCONT || sig == SIGKILL)
		job_continue_locked(p, sig == SIGCONT);
}

/* Whether the caller may signal p (POSIX: same user, or root; SIGCONT
 * within a session). */
static bool job_may_signal(const process_t *self, const process_t *p, int sig)
{
	return self->uid == 0 || self->uid == p->uid || (sig == SIGCONT && self->sid == p->sid);
}

int job_signal_group(int pgid, int sig)
{
	process_t *self = proc_current();
	int found = 0, allowed = 0;

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	for (int pid = 1; pid < PROC_PID_LIMIT; pid++) {
		process_t *p = proc_find_locked(pid);
		if (!p || p->state == PROC_ZOMBIE || p == self)
			continue;
		if (pgid == -1 ? pid == 1 : p->pgid != pgid)
			continue;
		found++;
		if (!job_may_signal(self, p, sig))
			continue;
		allowed++;
		if (sig)
			job_signal_locked(p, sig);
	}
	/* The caller last, so the others are reached even if it dies of it;
	 * -1 leaves the caller out, as Linux does. */
	if (self->pgid == pgid && pgid != -1) {
		found++;
		allowed++;
		if (sig)
			job_signal_locked(self, sig);
	}
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return !found ? -ESRCH : !allowed ? -EPERM : 0;
}

int signal_send_pid(int pid, int sig)
{
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid <= 0)
		return job_signal_group(pid == 0 ? proc_current()->pgid : pid == -1 ? -1 : -pid,
					sig);
	process_t *self = proc_current();
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	process_t *p = proc_find_locked(pid);
	int err = (!p || p->state == PROC_ZOMBIE) ? -ESRCH : 0;

	if (!err && self && !job_may_signal(self, p, sig))
		err = -EPERM;
	if (!err && sig)
		job_signal_locked(p, sig);
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return err;
}

static bool job_may_run(void *arg)
{
	process_t *p = arg;
	thread_t *t = thread_current();

	return !p->stopped || p->exiting || ((t->sigpending | p->sigpending) & SIG_BIT(SIGKILL));
}

void job_park_if_stopped(void)
{
	process_t *p = proc_current();

	if (p && p->stopped)
		waitq_wait_signals_held(&p->job_stop_waiters, job_may_run, p);
}

void job_stop(int sig, uint64_t cont_gen)
{
	process_t *p = proc_current();
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	uint64_t pflags = spin_lock_irqsave(&p->lock);
	bool stops = !p->stopped && !p->exiting && p->job_cont_gen == cont_gen;

	if (stops)
		p->stopped = true;
	spin_unlock_irqrestore(&p->lock, pflags);
	if (stops)
		job_report_locked(p, ABI_WSTATUS_STOPPED(sig));
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	job_park_if_stopped();
}
