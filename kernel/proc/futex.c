// SPDX-License-Identifier: MIT
/*
 * Futex buckets: waiters hash by address into a few wait queues, and a
 * waker walks its bucket for waiters on the same (space, address). The
 * user word is re-read under the bucket lock before sleeping, so a
 * FUTEX_WAKE after the change cannot be missed — the wake-up must take
 * the same lock, and finds the waiter already queued.
 */
#include <futex.h>

#include <abi/errno.h>
#include <proc.h>
#include <sched.h>
#include <uaccess.h>

#define FUTEX_BUCKETS 64

static waitq_t futex_buckets[FUTEX_BUCKETS];

static waitq_t *futex_bucket(uint64_t addr)
{
	return &futex_buckets[(addr >> 2) % FUTEX_BUCKETS];
}

typedef struct futex_check {
	uint64_t addr;
	uint32_t expected;
	int result;
} futex_check_t;

/* Under the bucket lock: true means "do not sleep". */
static bool futex_value_changed(void *arg)
{
	futex_check_t *c = arg;
	uint32_t now;

	if (copy_from_user(&now, uptr(c->addr), sizeof(now))) {
		c->result = -EFAULT;
		return true;
	}
	if (now != c->expected) {
		c->result = -EAGAIN;
		return true;
	}
	if (signal_pending_unblocked()) {
		c->result = -EINTR;
		return true;
	}
	thread_t *t = thread_current();
	t->futex_addr = c->addr;
	t->futex_space = t->proc->as;
	return false;
}

int futex_wait(uint64_t addr, uint32_t expected, uint64_t deadline_ns)
{
	futex_check_t check = { addr, expected, 0 };
	thread_t *t = thread_current();

	uint32_t now;

	if (addr & 3)
		return -EINVAL;
	/* Fault the word in now: it is read again under the bucket lock. */
	if (copy_from_user(&now, uptr(addr), sizeof(now)))
		return -EFAULT;
	int r = waitq_wait(futex_bucket(addr), futex_value_changed, &check, deadline_ns);
	t->futex_addr = 0;
	if (check.result)
		return check.result;
	if (r == 0 && t->interrupted)
		return -EINTR;
	return r;
}

int futex_wake(process_t *p, uint64_t addr, int n)
{
	waitq_t *wq = futex_bucket(addr);
	uint64_t flags = spin_lock_irqsave(&wq->lock);
	thread_t **pp = &wq->head, *prev = NULL;
	int woken = 0;

	while (*pp && woken < n) {
		thread_t *t = *pp;
		if (t->futex_addr != addr || t->futex_space != p->as) {
			prev = t;
			pp = &t->wait_next;
			continue;
		}
		*pp = t->wait_next;
		if (wq->tail == t)
			wq->tail = prev;
		t->wait_next = NULL;
		t->waiting_on = NULL;
		t->futex_addr = 0;
		sched_wake(t);
		woken++;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}
