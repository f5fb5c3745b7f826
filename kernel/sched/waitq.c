// SPDX-License-Identifier: MIT
/*
 * Wait queues: FIFO lists of blocked threads. A waiter marks itself
 * BLOCKED while still holding the queue lock, so a waker — who must take
 * the same lock to find it — can never run between the waiter's decision
 * to sleep and its state change; sched_wake then does the rest.
 */
#include <sched.h>

#include <abi/errno.h>
#include <proc.h>
#include <stddef.h>

static void waitq_append_locked(waitq_t *wq, thread_t *t)
{
	t->wait_next = NULL;
	t->waiting_on = wq;
	if (wq->tail)
		wq->tail->wait_next = t;
	else
		wq->head = t;
	wq->tail = t;
}

static bool waitq_unlink_locked(waitq_t *wq, thread_t *t)
{
	thread_t *prev = NULL;

	for (thread_t *w = wq->head; w; prev = w, w = w->wait_next) {
		if (w != t)
			continue;
		if (prev)
			prev->wait_next = w->wait_next;
		else
			wq->head = w->wait_next;
		if (wq->tail == w)
			wq->tail = prev;
		w->wait_next = NULL;
		w->waiting_on = NULL;
		return true;
	}
	return false;
}

/*
 * A signal can arrive between the caller's last check and the sleep; the
 * sender only wakes threads it sees BLOCKED. So the state is stored with a
 * full barrier and the pending signals are looked at once more after it:
 * either the sender sees BLOCKED, or we see its signal. Whatever woke us,
 * we leave the queue before returning (a signal wakes without unlinking).
 */
int waitq_wait(waitq_t *wq, bool (*cond)(void *), void *arg, uint64_t deadline_ns)
{
	thread_t *t = thread_current();
	uint64_t flags = spin_lock_irqsave(&wq->lock);
	bool woken = true;

	t->interrupted = false;
	if (cond && cond(arg)) {
		spin_unlock_irqrestore(&wq->lock, flags);
		return 0;
	}
	waitq_append_locked(wq, t);
	__atomic_store_n(&t->state, THREAD_BLOCKED, __ATOMIC_SEQ_CST);
	spin_unlock_irqrestore(&wq->lock, flags);
	if (signal_pending_unblocked()) {
		__atomic_store_n(&t->state, THREAD_RUNNABLE, __ATOMIC_SEQ_CST);
		t->interrupted = true;
	} else {
		woken = sched_block(deadline_ns);
	}
	waitq_remove(wq, t);
	return woken ? 0 : -ETIMEDOUT;
}

/*
 * Like waitq_wait without a deadline, but a pending signal does not end
 * the wait: only a wake-up with cond true does (a stopped process's
 * threads wait so; signals sent meanwhile stay pending for later).
 */
void waitq_wait_signals_held(waitq_t *wq, bool (*cond)(void *), void *arg)
{
	thread_t *t = thread_current();

	for (;;) {
		uint64_t flags = spin_lock_irqsave(&wq->lock);
		if (cond(arg)) {
			spin_unlock_irqrestore(&wq->lock, flags);
			return;
		}
		waitq_append_locked(wq, t);
		__atomic_store_n(&t->state, THREAD_BLOCKED, __ATOMIC_SEQ_CST);
		spin_unlock_irqrestore(&wq->lock, flags);
		sched_block(0);
		waitq_remove(wq, t);
		t->interrupted = false;
	}
}

int waitq_wake(waitq_t *wq, int n)
{
	uint64_t flags = spin_lock_irqsave(&wq->lock);
	int woken = 0;

	while (wq->head && (n < 0 || woken < n)) {
		thread_t *t = wq->head;
		waitq_unlink_locked(wq, t);
		sched_wake(t);
		woken++;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}

bool waitq_wake_handoff(waitq_t *wq)
{
	uint64_t flags = spin_lock_irqsave(&wq->lock);
	thread_t *t = wq->head;

	if (t) {
		waitq_unlink_locked(wq, t);
		sched_wake_handoff(t);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return t != NULL;
}

void waitq_remove(waitq_t *wq, thread_t *t)
{
	uint64_t flags = spin_lock_irqsave(&wq->lock);

	if (t->waiting_on == wq)
		waitq_unlink_locked(wq, t);
	spin_unlock_irqrestore(&wq->lock, flags);
}
