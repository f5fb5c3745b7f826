// SPDX-License-Identifier: MIT
/*
 * The smaller thread calls: signal masks and signals, scheduling
 * parameters, names, concurrency and CPU-time clocks.
 *
 * Signal masks are per thread in the kernel, so pthread_sigmask is
 * sigprocmask with POSIX's error-number convention. There is no
 * thread-directed kill, so pthread_kill does what can be done honestly:
 * signal 0 checks the thread; a signal whose disposition is the default
 * or ignore has the same effect whichever thread receives it (it ends,
 * stops or continues the process, or nothing), so it goes to the process;
 * so does one the caller sends itself (like raise, any thread that does
 * not block it may run the handler). A handled signal aimed at another
 * thread fails with ENOTSUP rather than run its handler in the wrong one.
 *
 * Priorities: a thread's sched_priority is its Tessera priority (0..31)
 * under every policy, and getschedparam reports SCHED_OTHER.
 */
#include "pthread_impl.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <tessera/syscall.h>
#include <unistd.h>

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict oldset)
{
	long r;

	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return EINVAL;
	r = sys_sigprocmask(how, (long)set, (long)oldset);
	return sys_is_error(r) ? (int)-r : 0;
}

static bool thread_ended(const struct pthread *t)
{
	return __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == PTHREAD_STATE_EXITED;
}

int pthread_kill(pthread_t thread, int sig)
{
	struct pthread *t = pthread_of(thread);
	struct sigaction act;

	if (sig < 0 || sig >= NSIG)
		return EINVAL;
	if (!t || thread_ended(t))
		return ESRCH;
	if (sig == 0)
		return 0;
	if (t != pthread_current()) {
		if (sigaction(sig, NULL, &act) < 0)
			return errno;
		if (act.sa_handler == SIG_IGN)
			return 0;
		if (act.sa_handler != SIG_DFL)
			return ENOTSUP;
	}
	long r = sys_kill(getpid(), sig);
	return sys_is_error(r) ? (int)-r : 0;
}

static int thread_tid(struct pthread *t)
{
	return t == pthread_current() ? 0 : t->tcb.tid;
}

static bool policy_ok(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR;
}

int pthread_getschedparam(pthread_t thread, int *restrict policy,
			  struct sched_param *restrict param)
{
	long prio = sys_getpriority(thread_tid(pthread_of(thread)));

	if (sys_is_error(prio))
		return ESRCH;
	*policy = SCHED_OTHER;
	param->sched_priority = (int)prio;
	return 0;
}

int pthread_setschedprio(pthread_t thread, int priority)
{
	long r;

	if (priority < PRIORITY_MIN || priority > PRIORITY_MAX)
		return EINVAL;
	r = sys_setpriority(thread_tid(pthread_of(thread)), priority);
	return sys_is_error(r) ? (int)-r : 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param)
{
	if (!policy_ok(policy))
		return EINVAL;
	return pthread_setschedprio(thread, param->sched_priority);
}

int pthread_setname_np(pthread_t thread, const char *name)
{
	struct pthread *t = pthread_of(thread);
	size_t len = strlen(name);

	if (len >= sizeof(t->name))
		return ERANGE;
	memcpy(t->name, name, len + 1);
	return 0;
}

int pthread_getname_np(pthread_t thread, char *name, size_t size)
{
	struct pthread *t = pthread_of(thread);
	size_t len = strnlen(t->name, sizeof(t->name) - 1);

	if (size <= len)
		return ERANGE;
	memcpy(name, t->name, len);
	name[len] = '\0';
	return 0;
}

static int pthread_affinity(pthread_t thread, size_t size, const cpu_set_t *set,
			    cpu_set_t *get)
{
	int tid = __atomic_load_n(&pthread_of(thread)->tcb.tid, __ATOMIC_RELAXED);
	int saved = errno;
	int rc = set ? sched_setaffinity(tid, size, set) : sched_getaffinity(tid, size, get);

	rc = rc < 0 ? errno : 0;
	errno = saved;
	return rc;
}

int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set)
{
	return pthread_affinity(thread, size, set, NULL);
}

int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set)
{
	return pthread_affinity(thread, size, NULL, set);
}

static int concurrency;

int pthread_getconcurrency(void)
{
	return concurrency;
}

int pthread_setconcurrency(int level)
{
	if (level < 0)
		return EINVAL;
	concurrency = level;    /* a hint; every thread is a kernel thread */
	return 0;
}

/* Only the caller's CPU-time clock has a clock id. */
int pthread_getcpuclockid(pthread_t thread, clockid_t *clock)
{
	if (pthread_of(thread) != pthread_current())
		return ENOTSUP;
	*clock = CLOCK_THREAD_CPUTIME_ID;
	return 0;
}
