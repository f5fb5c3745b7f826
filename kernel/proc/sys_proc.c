// SPDX-License-Identifier: MIT
/*
 * Process, thread, signal, time and information system calls: argument
 * checks here, the work in the process, scheduler and signal code.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/percpu.h>
#include <clock.h>
#include <futex.h>
#include <mm.h>
#include <proc.h>
#include <smp.h>
#include <string.h>
#include <uaccess.h>

#define SIG_BIT(sig) (1ull << ((sig) - 1))

long sys_exit(const syscall_args_t *a)
{
	proc_exit(ABI_WSTATUS_EXITED((int)a->a[0]));
}

long sys_exit_thread(const syscall_args_t *a)
{
	(void)a;
	uthread_exit();
}

long sys_fork(const syscall_args_t *a)
{
	return proc_fork(a->frame);
}

long sys_clone(const syscall_args_t *a)
{
	uint64_t flags = a->a[0];

	if (flags & ~(uint64_t)(CLONE_SETTLS | CLONE_CHILD_CLEARTID))
		return -EINVAL;
	if (a->a[1] >= USER_TOP || ((flags & CLONE_SETTLS) && a->a[2] >= USER_TOP) ||
	    ((flags & CLONE_CHILD_CLEARTID) && (a->a[3] >= USER_TOP || (a->a[3] & 3))))
		return -EINVAL;
	return proc_clone_thread(a->frame, flags, a->a[1], a->a[2],
				 (flags & CLONE_CHILD_CLEARTID) ? a->a[3] : 0);
}

long sys_exec(const syscall_args_t *a)
{
	return sys_exec_impl(a->a[0], a->a[1], a->a[2], a->a[3], a->a[4], a->frame);
}

long sys_waitpid(const syscall_args_t *a)
{
	return proc_waitpid((int)a->a[0], a->a[1], (int)a->a[2]);
}

long sys_kill(const syscall_args_t *a)
{
	return signal_send_pid((int)a->a[0], (int)a->a[1]);
}

long sys_getpid(const syscall_args_t *a)
{
	(void)a;
	return proc_current()->pid;
}

long sys_getppid(const syscall_args_t *a)
{
	(void)a;
	process_t *p = proc_current();
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	int ppid = p->parent ? p->parent->pid : 0;

	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return ppid;
}

long sys_gettid(const syscall_args_t *a)
{
	(void)a;
	return thread_current()->tid;
}

long sys_yield(const syscall_args_t *a)
{
	(void)a;
	sched_yield();
	return 0;
}

long sys_getcpu(const syscall_args_t *a)
{
	(void)a;
	return cpu_current_id();
}

/* setpriority(tid, priority): tid 0 is the caller; only its own process. */
static thread_t *sys_find_own_thread(int tid)
{
	thread_t *me = thread_current();

	if (tid == 0 || tid == me->tid)
		return me;
	for (thread_t *t = me->proc->threads; t; t = t->proc_next)
		if (t->tid == tid)
			return t;
	return NULL;
}

long sys_setpriority(const syscall_args_t *a)
{
	int prio = (int)a->a[1];
	process_t *p = proc_current();

	if (prio < PRIORITY_MIN || prio > PRIORITY_MAX)
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	thread_t *t = sys_find_own_thread((int)a->a[0]);
	if (t) {
		t->base_priority = prio;
		sched_set_priority(t, prio);
	}
	spin_unlock_irqrestore(&p->lock, flags);
	if (t == thread_current())
		sched_yield();
	return t ? 0 : -ESRCH;
}

long sys_getpriority(const syscall_args_t *a)
{
	process_t *p = proc_current();
	uint64_t flags = spin_lock_irqsave(&p->lock);
	thread_t *t = sys_find_own_thread((int)a->a[0]);
	int prio = t ? t->priority : -ESRCH;

	spin_unlock_irqrestore(&p->lock, flags);
	return prio;
}

/* Stores t's mask in *have and sets `want` if set (t's process locked). */
static long affinity_apply(thread_t *t, bool set, uint64_t want, uint64_t *have)
{
	*have = t->affinity & sched_online_cpus();
	return set ? sched_set_affinity(t, want) : 0;
}

/* The thread `tid` of another process, which must be its first thread
 * (tid == pid), as a pid names one on Linux. Anyone may read its mask;
 * setting it takes the same user, or root. */
static long affinity_other(int tid, bool set, uint64_t want, uint64_t *have)
{
	process_t *self = proc_current();
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	process_t *p = proc_find_locked(tid);
	long err = -ESRCH;

	if (p && p->state != PROC_ZOMBIE) {
		err = !set || self->uid == 0 || self->uid == p->uid ? -ESRCH : -EPERM;
		spin_lock(&p->lock);
		for (thread_t *t = p->threads; t && err == -ESRCH; t = t->proc_next)
			if (t->tid == tid)
				err = affinity_apply(t, set, want, have);
		spin_unlock(&p->lock);
	}
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return err;
}

/*
 * affinity(tid, set, get): the CPUs a thread may run on, as a 64-bit mask
 * (bit n: CPU n). tid 0 is the caller; any thread of the caller's process
 * can be named, and the first thread of another process by its pid (to
 * set, the same user or root). When get is not NULL the current mask, limited to the
 * online CPUs, is stored there; when set is not NULL the mask it points
 * to becomes the thread's (EINVAL if it names no online CPU). The caller
 * itself moves before it returns to user mode; another thread on its
 * next way there.
 */
long sys_affinity(const syscall_args_t *a)
{
	process_t *p = proc_current();
	bool set = a->a[1] != 0;
	uint64_t want = 0, have = 0;
	long err;

	if (set && copy_from_user(&want, uptr(a->a[1]), sizeof(want)))
		return -EFAULT;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	thread_t *t = sys_find_own_thread((int)a->a[0]);
	err = t ? affinity_apply(t, set, want, &have) : -ESRCH;
	spin_unlock_irqrestore(&p->lock, flags);
	if (!t && (int)a->a[0] > 0)
		err = affinity_other((int)a->a[0], set, want, &have);
	if (!err && a->a[2] && copy_to_user(uptr(a->a[2]), &have, sizeof(have)))
		err = -EFAULT;
	return err;
}

static int timespec_to_ns(uint64_t uaddr, uint64_t *ns)
{
	abi_timespec_t ts;

	if (copy_from_user(&ts, uptr(uaddr), sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return -EINVAL;
	if ((uint64_t)ts.sec > (UINT64_MAX / 2) / 1000000000)
		*ns = UINT64_MAX / 2;
	else
		*ns = (uint64_t)ts.sec * 1000000000 + (uint64_t)ts.nsec;
	return 0;
}

long sys_nanosleep(const syscall_args_t *a)
{
	uint64_t ns;
	int err = timespec_to_ns(a->a[0], &ns);

	if (err)
		return err;
	uint64_t deadline = clock_ns() + ns;
	thread_t *t = thread_current();
	while (clock_ns() < deadline) {
		if (signal_pending_unblocked()) {
			uint64_t left = deadline - clock_ns();
			abi_timespec_t rem = { (int64_t)(left / 1000000000), (int64_t)(left % 1000000000) };
			if (a->a[1] && copy_to_user(uptr(a->a[1]), &rem, sizeof(rem)))
				return -EFAULT;
			return -EINTR;
		}
		/* Full barrier: see waitq_wait for the race with a signal. */
		__atomic_store_n(&t->state, THREAD_BLOCKED, __ATOMIC_SEQ_CST);
		if (signal_pending_unblocked()) {       /* a signal raced with us */
			t->state = THREAD_RUNNABLE;
			continue;
		}
		sched_block(deadline);
	}
	return 0;
}

long sys_clock_gettime(const syscall_args_t *a)
{
	abi_timespec_t ts;

	if (a->a[0] != CLOCK_MONOTONIC && a->a[0] != CLOCK_REALTIME)
		return -EINVAL;
	uint64_t ns = a->a[0] == CLOCK_REALTIME ? clock_realtime_ns() : clock_ns();
	ts.sec = (int64_t)(ns / 1000000000);
	ts.nsec = (int64_t)(ns % 1000000000);
	return copy_to_user(uptr(a->a[1]), &ts, sizeof(ts));
}

long sys_futex(const syscall_args_t *a)
{
	uint64_t deadline = 0, ns;

	switch (a->a[1]) {
	case FUTEX_WAIT:
		if (a->a[3]) {
			int err = timespec_to_ns(a->a[3], &ns);
			if (err)
				return err;
			deadline = clock_ns() + (ns ? ns : 1);
		}
		return futex_wait(a->a[0], (uint32_t)a->a[2], deadline);
	case FUTEX_WAKE:
		if (a->a[0] & 3 || a->a[0] >= USER_TOP)
			return -EINVAL;
		return futex_wake(proc_current(), a->a[0], (int)a->a[2]);
	default:
		return -EINVAL;
	}
}

long sys_sigaction(const syscall_args_t *a)
{
	int sig = (int)a->a[0];
	process_t *p = proc_current();
	abi_sigaction_t new_act, old_act;

	if (sig < 1 || sig >= NSIG)
		return -EINVAL;
	if (a->a[1]) {
		if (copy_from_user(&new_act, uptr(a->a[1]), sizeof(new_act)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP || new_act.handler >= USER_TOP)
			return -EINVAL;
	}
	uint64_t flags = spin_lock_irqsave(&p->lock);
	old_act = p->sigactions[sig];
	if (a->a[1])
		p->sigactions[sig] = new_act;
	spin_unlock_irqrestore(&p->lock, flags);
	if (a->a[2] && copy_to_user(uptr(a->a[2]), &old_act, sizeof(old_act)))
		return -EFAULT;
	return 0;
}

long sys_sigprocmask(const syscall_args_t *a)
{
	thread_t *t = thread_current();
	abi_sigset_t set, old = t->sigmask;

	if (a->a[1]) {
		if (copy_from_user(&set, uptr(a->a[1]), sizeof(set)))
			return -EFAULT;
		switch (a->a[0]) {
		case SIG_BLOCK:
			t->sigmask |= set;
			break;
		case SIG_UNBLOCK:
			t->sigmask &= ~set;
			break;
		case SIG_SETMASK:
			t->sigmask = set;
			break;
		default:
			return -EINVAL;
		}
		t->sigmask &= ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP));
	}
	if (a->a[2] && copy_to_user(uptr(a->a[2]), &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* sigpending(set): the signals pending for the caller and blocked. */
long sys_sigpending(const syscall_args_t *a)
{
	thread_t *t = thread_current();
	abi_sigset_t set = (t->sigpending | t->proc->sigpending) & t->sigmask;

	return copy_to_user(uptr(a->a[0]), &set, sizeof(set)) ? -EFAULT : 0;
}

/*
 * sigsuspend(mask): waits with mask in place until a signal is delivered;
 * always -EINTR. The old mask comes back when the handler returns (the
 * signal frame saves it) or, if no handler ran, in signal_deliver.
 */
long sys_sigsuspend(const syscall_args_t *a)
{
	thread_t *t = thread_current();
	abi_sigset_t mask;

	if (copy_from_user(&mask, uptr(a->a[0]), sizeof(mask)))
		return -EFAULT;
	t->sigsuspend_saved = t->sigmask;
	t->sigsuspended = true;
	t->sigmask = mask & ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP));
	while (!signal_pending_unblocked()) {
		/* Full barrier: see waitq_wait for the race with a signal. */
		__atomic_store_n(&t->state, THREAD_BLOCKED, __ATOMIC_SEQ_CST);
		if (signal_pending_unblocked()) {
			t->state = THREAD_RUNNABLE;
			break;
		}
		sched_block(0);
	}
	return -EINTR;
}

/* getpgid(pid) and getsid(pid); pid 0 is the caller. */
static long sys_get_group(const syscall_args_t *a, bool session)
{
	process_t *p = proc_current();
	int pid = a->a[0] ? (int)a->a[0] : p->pid;
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	process_t *target = proc_find_locked(pid);
	long r = !target ? -ESRCH : session ? target->sid : target->pgid;

	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return r;
}

long sys_getpgid(const syscall_args_t *a)
{
	return sys_get_group(a, false);
}

long sys_getsid(const syscall_args_t *a)
{
	return sys_get_group(a, true);
}

long sys_sigreturn(const syscall_args_t *a)
{
	return signal_return(a->frame);
}

long sys_set_tls(const syscall_args_t *a)
{
	if (a->a[0] >= USER_TOP)
		return -EINVAL;
	thread_current()->fs_base = a->a[0];
	wrmsr(MSR_FS_BASE, a->a[0]);
	return 0;
}

/* Whether some process of session sid is in group pgid; tree lock held. */
static bool proc_group_in_session_locked(int pgid, int sid)
{
	for (int pid = 1; pid < PROC_PID_LIMIT; pid++) {
		process_t *q = proc_find_locked(pid);
		if (q && q->pgid == pgid && q->sid == sid && q->state != PROC_ZOMBIE)
			return true;
	}
	return false;
}

/* Whether any live process is in group pgid; tree lock held. */
static bool proc_group_exists_locked(int pgid)
{
	for (int pid = 1; pid < PROC_PID_LIMIT; pid++) {
		process_t *q = proc_find_locked(pid);
		if (q && q->pgid == pgid && q->state != PROC_ZOMBIE)
			return true;
	}
	return false;
}

long sys_setpgid(const syscall_args_t *a)
{
	process_t *p = proc_current();
	int pid = a->a[0] ? (int)a->a[0] : p->pid;
	int pgid = a->a[1] ? (int)a->a[1] : pid;
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	process_t *target = proc_find_locked(pid);
	int err = 0;

	if (pgid < 0)
		err = -EINVAL;
	else if (!target || (target != p && target->parent != p))
		err = -ESRCH;
	else if (target->sid == target->pid || target->sid != p->sid ||
		 (pgid != target->pid && !proc_group_in_session_locked(pgid, p->sid)))
		err = -EPERM;   /* POSIX: groups never cross sessions */
	else
		target->pgid = pgid;
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return err;
}

long sys_setsid(const syscall_args_t *a)
{
	(void)a;
	process_t *p = proc_current();
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	/* POSIX: not a group leader, and no group may already bear its id. */
	int err = p->pgid == p->pid || proc_group_exists_locked(p->pid) ? -EPERM : 0;

	if (!err)
		p->sid = p->pgid = p->pid;
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return err ? err : p->pid;
}

long sys_getuid(const syscall_args_t *a)
{
	(void)a;
	return proc_current()->uid;
}

long sys_getgid(const syscall_args_t *a)
{
	(void)a;
	return proc_current()->gid;
}

long sys_setuid(const syscall_args_t *a)
{
	process_t *p = proc_current();

	if (p->uid != 0 && a->a[0] != p->uid)
		return -EPERM;
	p->uid = (uint32_t)a->a[0];
	/* Becoming a user gives up driver privileges, as Linux clears
	 * capabilities when a process leaves uid 0. */
	if (p->uid != 0)
		__atomic_store_n(&p->privileges, 0, __ATOMIC_RELEASE);
	return 0;
}

long sys_setgid(const syscall_args_t *a)
{
	process_t *p = proc_current();

	if (p->uid != 0 && a->a[0] != p->gid)
		return -EPERM;
	p->gid = (uint32_t)a->a[0];
	return 0;
}

/* chdir(url): stores the caller's working directory (libc checks it). */
long sys_chdir(const syscall_args_t *a)
{
	process_t *p = proc_current();
	char cwd[PROC_CWD_MAX];
	long len = copy_string_from_user(cwd, uptr(a->a[0]), sizeof(cwd));

	if (len < 0)
		return len;
	if (!len || !memchr(cwd, ':', (size_t)len))
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	memcpy(p->cwd, cwd, (size_t)len + 1);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

/* getcwd(buf, size): the stored URL and its length, or -ERANGE. */
long sys_getcwd(const syscall_args_t *a)
{
	process_t *p = proc_current();
	char cwd[PROC_CWD_MAX];
	uint64_t flags = spin_lock_irqsave(&p->lock);

	memcpy(cwd, p->cwd, sizeof(cwd));
	spin_unlock_irqrestore(&p->lock, flags);
	size_t len = strlen(cwd);
	if (len + 1 > a->a[1])
		return -ERANGE;
	if (copy_to_user(uptr(a->a[0]), cwd, len + 1))
		return -EFAULT;
	return (long)len;
}

bool proc_privileged(uint32_t priv)
{
	return (__atomic_load_n(&proc_current()->privileges, __ATOMIC_ACQUIRE) & priv) == priv;
}

/*
 * privileges(keep, label): drops every privilege not in keep and, when
 * label is not NULL, names the process for the kernel's log (init gives
 * each service its name, kept across exec). Returns what it holds now;
 * privileges(ABI_PRIV_ALL, NULL) only asks. Naming is init's business:
 * only a process holding privileges may set a label, so an ordinary
 * program cannot pass itself off as a driver in the log.
 */
long sys_privileges(const syscall_args_t *a)
{
	process_t *p = proc_current();
	char label[PROC_NAME_MAX];
	long n = 0;

	if (a->a[1]) {
		n = copy_string_from_user(label, uptr(a->a[1]), sizeof(label));
		if (n < 0)
			return n;
		if (!p->privileges)
			return -EPERM;
	}
	uint64_t flags = spin_lock_irqsave(&p->lock);
	p->privileges &= (uint32_t)a->a[0];
	if (a->a[1])
		memcpy(p->label, label, (size_t)n + 1);
	uint32_t now = p->privileges;
	spin_unlock_irqrestore(&p->lock, flags);
	return now;
}

/* umask(mask): sets the file mode creation mask; the old one. */
long sys_umask(const syscall_args_t *a)
{
	process_t *p = proc_current();

	return __atomic_exchange_n(&p->umask, (uint32_t)a->a[0] & 0777, __ATOMIC_RELAXED);
}

long sys_sysinfo(const syscall_args_t *a)
{
	abi_sysinfo_t info = {
		.page_size = PAGE_SIZE,
		.total_pages = pmm_total_pages(),
		.free_pages = pmm_free_pages(),
		.uptime_ns = clock_ns(),
		.cpus_online = smp_online_count(),
		.processes = proc_count(),
	};

	for (unsigned i = 0; i < cpu_count && i < ABI_MAX_CPUS; i++)
		info.cpu_busy_ns[i] = sched_cpu_busy_ns(i);
	return copy_to_user(uptr(a->a[0]), &info, sizeof(info));
}

long sys_threadinfo(const syscall_args_t *a)
{
	process_t *p = proc_current();
	abi_threadinfo_t info;
	uint64_t flags = spin_lock_irqsave(&p->lock);
	thread_t *t = sys_find_own_thread((int)a->a[0]);

	if (t)
		info = (abi_threadinfo_t){
			.tid = t->tid, .pid = p->pid, .cpu = t->cpu,
			.priority = t->priority,
			.runtime_ns = t->runtime_ns +
				      (t->on_cpu ? clock_ns() - t->switched_in_at : 0),
			.switches = t->switches,
		};
	spin_unlock_irqrestore(&p->lock, flags);
	if (!t)
		return -ESRCH;
	return copy_to_user(uptr(a->a[1]), &info, sizeof(info));
}
