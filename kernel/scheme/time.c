// SPDX-License-Identifier: MIT
/*
 * time: — clocks and timers. Open `time:monotonic` or `time:realtime`
 * (or the clock's number, CLOCK_*). Reading gives the clock's time as an
 * abi_timespec_t. Writing an abi_timespec_t arms the file as a timer
 * with that absolute deadline; a read then waits until the deadline
 * (EAGAIN with O_NONBLOCK), and the file is readable for event: queues
 * from the moment the deadline passes until the time is read, so a
 * timer is how an event loop waits with a timeout.
 *
 * Armed timers sit in one list sorted by deadline; CPU 0's timer tick
 * fires the due ones (time_tick), so an event queue hears of a deadline
 * within a tick; a blocked read sleeps until the deadline itself.
 * Realtime is monotonic plus the offset read from the RTC at boot
 * (kernel/core/realtime.c); a realtime deadline is kept as the monotonic
 * one it becomes.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/event.h>
#include <abi/proc.h>
#include <clock.h>
#include <mm.h>
#include <proc.h>
#include <sched.h>
#include <string.h>

typedef struct time_timer {
	int clock;
	uint64_t deadline_ns;           /* 0: not armed (time_lock) */
	volatile bool fired;            /* deadline passed, time not read yet */
	waitq_t waiters;
	struct time_timer *next;        /* time_armed (time_lock) */
} time_timer_t;

static spinlock_t time_lock = SPINLOCK_INIT;
static time_timer_t *time_armed;        /* by deadline; guarded by time_lock */

static void time_unlink_locked(time_timer_t *t)
{
	for (time_timer_t **pp = &time_armed; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	t->next = NULL;
}

static void time_fire(time_timer_t *t)
{
	t->fired = true;
	waitq_wake(&t->waiters, -1);
}

void time_tick(void)
{
	uint64_t now = clock_ns();
	time_timer_t *due = NULL;

	if (!__atomic_load_n(&time_armed, __ATOMIC_ACQUIRE))
		return;
	uint64_t flags = spin_lock_irqsave(&time_lock);
	while (time_armed && time_armed->deadline_ns <= now) {
		time_timer_t *t = time_armed;
		time_armed = t->next;
		t->next = NULL;
		t->deadline_ns = 0;
		time_fire(t);
		due = t;
	}
	spin_unlock_irqrestore(&time_lock, flags);
	if (due)
		event_notify();
}

static int time_open(scheme_t *s, const char *path, file_t *f)
{
	int clock;

	(void)s;
	if (strcmp(path, "monotonic") == 0 || strcmp(path, "1") == 0)
		clock = CLOCK_MONOTONIC;
	else if (strcmp(path, "realtime") == 0 || strcmp(path, "0") == 0)
		clock = CLOCK_REALTIME;
	else
		return -ENOENT;
	time_timer_t *t = kzalloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->clock = clock;
	t->waiters = (waitq_t)WAITQ_INIT;
	f->handle = t;
	return 0;
}

static void time_close(file_t *f)
{
	time_timer_t *t = f->handle;
	uint64_t flags = spin_lock_irqsave(&time_lock);

	time_unlink_locked(t);
	spin_unlock_irqrestore(&time_lock, flags);
	kfree(t);
}

static bool time_wait_over(void *arg)
{
	time_timer_t *t = arg;

	return !t->deadline_ns || t->fired || signal_pending_unblocked();
}

static long time_read(file_t *f, uptr_t buf, size_t len)
{
	time_timer_t *t = f->handle;
	abi_timespec_t ts;

	if (len < sizeof(ts))
		return -EINVAL;
	uint64_t deadline = __atomic_load_n(&t->deadline_ns, __ATOMIC_ACQUIRE);
	if (deadline && !t->fired && clock_ns() < deadline) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		waitq_wait(&t->waiters, time_wait_over, t, deadline);
		if (!t->fired && clock_ns() < deadline)
			return -EINTR;
	}
	/* The time is read: the timer is spent (even if the tick has not
	 * fired it yet). */
	uint64_t flags = spin_lock_irqsave(&time_lock);
	time_unlink_locked(t);
	t->deadline_ns = 0;
	t->fired = false;
	spin_unlock_irqrestore(&time_lock, flags);
	uint64_t now = t->clock == CLOCK_REALTIME ? clock_realtime_ns() : clock_ns();
	ts.sec = (int64_t)(now / 1000000000);
	ts.nsec = (int64_t)(now % 1000000000);
	return copy_to_user(buf, &ts, sizeof(ts)) ?: (long)sizeof(ts);
}

static long time_write(file_t *f, uptr_t buf, size_t len)
{
	time_timer_t *t = f->handle;
	abi_timespec_t ts;

	if (len != sizeof(ts))
		return -EINVAL;
	if (copy_from_user(&ts, buf, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000 || ts.sec > 18000000000ll)  /* ns fit in 64 bits */
		return -EINVAL;
	uint64_t deadline = (uint64_t)ts.sec * 1000000000 + (uint64_t)ts.nsec;
	if (t->clock == CLOCK_REALTIME)         /* as a monotonic deadline */
		deadline = deadline > clock_realtime_offset_ns()
				   ? deadline - clock_realtime_offset_ns() : 1;
	uint64_t flags = spin_lock_irqsave(&time_lock);
	time_unlink_locked(t);
	t->fired = false;
	t->deadline_ns = deadline ? deadline : 1;
	time_timer_t **pp = &time_armed;
	while (*pp && (*pp)->deadline_ns <= t->deadline_ns)
		pp = &(*pp)->next;
	t->next = *pp;
	*pp = t;
	spin_unlock_irqrestore(&time_lock, flags);
	if (deadline <= clock_ns())
		time_tick();
	return (long)sizeof(ts);
}

static unsigned time_poll(file_t *f)
{
	time_timer_t *t = f->handle;

	return (t->fired ? EVENT_READ : 0) | EVENT_WRITE;
}

static int time_fstat(file_t *f, abi_stat_t *st)
{
	(void)f;
	st->mode = ABI_S_IFCHR | 0666;
	return 0;
}

static const scheme_ops_t time_ops = {
	.open = time_open,
	.close = time_close,
	.read = time_read,
	.write = time_write,
	.poll = time_poll,
	.fstat = time_fstat,
};

void scheme_time_init(void)
{
	scheme_register("time", &time_ops, NULL);
}
