// SPDX-License-Identifier: MIT
/*
 * POSIX threads, the rest of test_pthread.c: thread-specific data and its
 * destructors, deferred cancellation (cond_wait, join and testcancel as
 * cancellation points, cleanup handlers, disabling), pthread_atfork's
 * ordering, per-thread signal masks, pthread_kill's checks, scheduling
 * parameters and thread names.
 */
#include "utest.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_THREADS 4

/* ---- thread-specific data ------------------------------------------------------ */

static pthread_key_t key;
static int destructor_calls;
static void *destructor_saw;

static void count_destructor(void *value)
{
	__atomic_add_fetch(&destructor_calls, 1, __ATOMIC_SEQ_CST);
	destructor_saw = value;
}

static void *use_key(void *arg)
{
	if (pthread_getspecific(key) != NULL)
		return (void *)1;               /* a new thread starts at NULL */
	if (pthread_setspecific(key, arg) != 0)
		return (void *)2;
	if (pthread_getspecific(key) != arg)
		return (void *)3;
	return NULL;
}

TEST(keys_are_per_thread_and_destructors_run_at_exit)
{
	pthread_t t;
	void *r;
	int mine = 0, theirs = 0;

	destructor_calls = 0;
	CHECK_EQ(pthread_key_create(&key, count_destructor), 0);
	CHECK(pthread_getspecific(key) == NULL);
	CHECK_EQ(pthread_setspecific(key, &mine), 0);
	CHECK_EQ(pthread_create(&t, NULL, use_key, &theirs), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK(r == NULL);
	CHECK_EQ(destructor_calls, 1);
	CHECK(destructor_saw == &theirs);
	CHECK(pthread_getspecific(key) == &mine);       /* ours untouched */
	CHECK_EQ(pthread_key_delete(key), 0);
}

static void *leave_null_value(void *arg)
{
	(void)arg;
	pthread_setspecific(key, NULL);
	return NULL;
}

TEST(destructor_skips_null_values)
{
	pthread_t t;

	destructor_calls = 0;
	CHECK_EQ(pthread_key_create(&key, count_destructor), 0);
	CHECK_EQ(pthread_create(&t, NULL, leave_null_value, NULL), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(destructor_calls, 0);
	CHECK_EQ(pthread_key_delete(key), 0);
}

static int resets_left;

static void resetting_destructor(void *value)
{
	__atomic_add_fetch(&destructor_calls, 1, __ATOMIC_SEQ_CST);
	if (resets_left-- > 0)
		pthread_setspecific(key, value);        /* asks for another pass */
}

static void *set_key(void *arg)
{
	pthread_setspecific(key, arg);
	return NULL;
}

TEST(destructors_repeat_while_values_are_set_again)
{
	pthread_t t;
	int v;

	destructor_calls = 0;
	resets_left = 1;
	CHECK_EQ(pthread_key_create(&key, resetting_destructor), 0);
	CHECK_EQ(pthread_create(&t, NULL, set_key, &v), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(destructor_calls, 2);

	destructor_calls = 0;
	resets_left = 1000;                     /* never gives up: bounded passes */
	CHECK_EQ(pthread_create(&t, NULL, set_key, &v), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK(destructor_calls >= 1);
	CHECK(destructor_calls <= PTHREAD_DESTRUCTOR_ITERATIONS);
	CHECK_EQ(pthread_key_delete(key), 0);
}

TEST(deleted_key_forgets_values_and_refuses_set)
{
	pthread_key_t k2;
	int v;

	CHECK_EQ(pthread_key_create(&key, NULL), 0);
	CHECK_EQ(pthread_setspecific(key, &v), 0);
	CHECK_EQ(pthread_key_delete(key), 0);
	CHECK_EQ(pthread_key_create(&k2, NULL), 0);
	CHECK(pthread_getspecific(k2) == NULL);
	CHECK_EQ(pthread_key_delete(k2), 0);
}

TEST(many_keys_can_exist_at_once)
{
	pthread_key_t keys[64];
	uintptr_t i;

	for (i = 0; i < 64; i++)
		CHECK_EQ(pthread_key_create(&keys[i], NULL), 0);
	for (i = 0; i < 64; i++)
		CHECK_EQ(pthread_setspecific(keys[i], (void *)(i + 1)), 0);
	for (i = 0; i < 64; i++)
		CHECK(pthread_getspecific(keys[i]) == (void *)(i + 1));
	for (i = 0; i < 64; i++)
		CHECK_EQ(pthread_key_delete(keys[i]), 0);
}

/* ---- cancellation ------------------------------------------------------------------ */

static pthread_mutex_t cancel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cancel_cond = PTHREAD_COND_INITIALIZER;
static int cancel_waiting, cleanup_ran, cleanup_held_lock;

static void unlock_cleanup(void *arg)
{
	/* The mutex is held again when a cancelled cond_wait runs handlers. */
	cleanup_held_lock = pthread_mutex_trylock(arg) == EBUSY;
	cleanup_ran++;
	pthread_mutex_unlock(arg);
}

static void *wait_forever_on_cond(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cancel_lock);
	pthread_cleanup_push(unlock_cleanup, &cancel_lock);
	__atomic_store_n(&cancel_waiting, 1, __ATOMIC_RELEASE);
	for (;;)
		pthread_cond_wait(&cancel_cond, &cancel_lock);
	pthread_cleanup_pop(1);
	return NULL;
}

TEST(cancel_ends_a_thread_blocked_in_cond_wait)
{
	pthread_t t;
	void *r;

	cancel_waiting = cleanup_ran = cleanup_held_lock = 0;
	CHECK_EQ(pthread_create(&t, NULL, wait_forever_on_cond, NULL), 0);
	CHECK(utest_wait_for(&cancel_waiting, 1, 10000));
	utest_sleep_ms(20);
	CHECK_EQ(pthread_cancel(t), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK(r == PTHREAD_CANCELED);
	CHECK_EQ(cleanup_ran, 1);
	CHECK_EQ(cleanup_held_lock, 1);
	CHECK_EQ(pthread_mutex_trylock(&cancel_lock), 0);       /* released */
	pthread_mutex_unlock(&cancel_lock);
}

static int spin_started;

static void note_cleanup(void *arg)
{
	*(int *)arg += 1;
}

static void *spin_with_testcancel(void *arg)
{
	pthread_cleanup_push(note_cleanup, arg);
	pthread_cleanup_push(note_cleanup, arg);
	__atomic_store_n(&spin_started, 1, __ATOMIC_RELEASE);
	for (;;) {
		pthread_testcancel();
		sched_yield();
	}
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

TEST(testcancel_acts_and_runs_every_cleanup_handler)
{
	pthread_t t;
	int handlers = 0;
	void *r;

	spin_started = 0;
	CHECK_EQ(pthread_create(&t, NULL, spin_with_testcancel, &handlers), 0);
	CHECK(utest_wait_for(&spin_started, 1, 10000));
	CHECK_EQ(pthread_cancel(t), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK(r == PTHREAD_CANCELED);
	CHECK_EQ(handlers, 2);
}

static int disabled_phase;

static void *cancel_while_disabled(void *arg)
{
	int old;

	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	if (old != PTHREAD_CANCEL_ENABLE)
		return (void *)1;
	__atomic_store_n(&disabled_phase, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&disabled_phase, __ATOMIC_ACQUIRE) != 2)
		sched_yield();
	pthread_testcancel();                   /* ignored: disabled */
	__atomic_store_n(&disabled_phase, 3, __ATOMIC_RELEASE);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();                   /* acts now */
	return (void *)2;
}

TEST(cancel_waits_while_disabled)
{
	pthread_t t;
	void *r;

	disabled_phase = 0;
	CHECK_EQ(pthread_create(&t, NULL, cancel_while_disabled, NULL), 0);
	CHECK(utest_wait_for(&disabled_phase, 1, 10000));
	CHECK_EQ(pthread_cancel(t), 0);
	__atomic_store_n(&disabled_phase, 2, __ATOMIC_RELEASE);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK(r == PTHREAD_CANCELED);
	CHECK_EQ(disabled_phase, 3);
	CHECK_EQ(pthread_setcancelstate(12345, NULL), EINVAL);
	CHECK_EQ(pthread_setcanceltype(12345, NULL), EINVAL);
}

static pthread_t join_target;
static int joiner_blocked;

static void *wait_for_gate(void *arg)
{
	pthread_mutex_lock(&cancel_lock);
	while (!*(volatile int *)arg)
		pthread_cond_wait(&cancel_cond, &cancel_lock);
	pthread_mutex_unlock(&cancel_lock);
	return NULL;
}

static void *join_target_thread(void *arg)
{
	(void)arg;
	__atomic_store_n(&joiner_blocked, 1, __ATOMIC_RELEASE);
	pthread_join(join_target, NULL);
	return (void *)1;
}

TEST(cancel_ends_a_thread_blocked_in_join)
{
	static int gate;
	pthread_t joiner;
	void *r;

	gate = joiner_blocked = 0;
	CHECK_EQ(pthread_create(&join_target, NULL, wait_for_gate, &gate), 0);
	CHECK_EQ(pthread_create(&joiner, NULL, join_target_thread, NULL), 0);
	CHECK(utest_wait_for(&joiner_blocked, 1, 10000));
	utest_sleep_ms(20);
	CHECK_EQ(pthread_cancel(joiner), 0);
	CHECK_EQ(pthread_join(joiner, &r), 0);
	CHECK(r == PTHREAD_CANCELED);
	pthread_mutex_lock(&cancel_lock);
	gate = 1;
	pthread_cond_broadcast(&cancel_cond);
	pthread_mutex_unlock(&cancel_lock);
	CHECK_EQ(pthread_join(join_target, NULL), 0);   /* still joinable */
}

/* Cancelled at once, before or while it waits: every one ends cancelled. */
static void *wait_on_cond_briefly(void *arg)
{
	pthread_mutex_lock(&cancel_lock);
	pthread_cleanup_push(unlock_cleanup, &cancel_lock);
	while (!*(volatile int *)arg)
		pthread_cond_wait(&cancel_cond, &cancel_lock);
	pthread_cleanup_pop(1);
	return NULL;
}

TEST(cancel_racing_the_start_of_a_wait_is_never_lost)
{
	static int never;
	void *r;

	cleanup_ran = 0;
	for (int i = 0; i < 100; i++) {
		pthread_t t;
		CHECK_EQ(pthread_create(&t, NULL, wait_on_cond_briefly, &never), 0);
		if (i % 2)
			sched_yield();
		CHECK_EQ(pthread_cancel(t), 0);
		CHECK_EQ(pthread_join(t, &r), 0);
		CHECK(r == PTHREAD_CANCELED);
	}
	CHECK_EQ(cleanup_ran, 100);
}

TEST(cleanup_pop_runs_the_handler_only_when_asked)
{
	int count = 0;

	pthread_cleanup_push(note_cleanup, &count);
	pthread_cleanup_push(note_cleanup, &count);
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(1);
	CHECK_EQ(count, 1);
}

/* ---- fork handlers ------------------------------------------------------------------- */

static char fork_log[32];
static int fork_log_len;

static void log_char(char c)
{
	if (fork_log_len < (int)sizeof(fork_log) - 1)
		fork_log[fork_log_len++] = c;
}

static void prepare_a(void) { log_char('A'); }
static void prepare_b(void) { log_char('B'); }
static void parent_a(void) { log_char('a'); }
static void parent_b(void) { log_char('b'); }
static void child_a(void) { log_char('x'); }
static void child_b(void) { log_char('y'); }

TEST(atfork_handlers_run_in_posix_order)
{
	char *child_log = utest_shared(sizeof(fork_log));
	pid_t pid;

	CHECK(child_log != NULL);
	fork_log_len = 0;
	memset(fork_log, 0, sizeof(fork_log));
	CHECK_EQ(pthread_atfork(prepare_a, parent_a, child_a), 0);
	CHECK_EQ(pthread_atfork(prepare_b, parent_b, child_b), 0);
	CHECK_EQ(pthread_atfork(NULL, NULL, NULL), 0);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		memcpy(child_log, fork_log, sizeof(fork_log));
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	/* prepare newest first; parent and child oldest first */
	CHECK_STR(fork_log, "BAab");
	CHECK_STR(child_log, "BAxy");
}

static void *return_one(void *arg)
{
	(void)arg;
	return (void *)1;
}

static void *fork_from_thread(void *arg)
{
	(void)arg;
	pid_t pid = fork();

	if (pid == 0) {
		/* The child has only this thread; threads still work there. */
		pthread_t t;
		void *r = NULL;
		if (pthread_create(&t, NULL, return_one, NULL) != 0 ||
		    pthread_join(t, &r) != 0 || r != (void *)1)
			_exit(2);
		_exit(0);
	}
	return (void *)(intptr_t)utest_wait(pid);
}

TEST(fork_from_a_thread_gives_a_working_child)
{
	pthread_t t;
	void *status;

	fork_log_len = 0;
	CHECK_EQ(pthread_create(&t, NULL, fork_from_thread, NULL), 0);
	CHECK_EQ(pthread_join(t, &status), 0);
	CHECK_EQ((intptr_t)status, 0);
}

/* ---- signals --------------------------------------------------------------------------- */

static void *report_mask(void *arg)
{
	sigset_t now;

	(void)arg;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	return (void *)(intptr_t)(sigismember(&now, SIGUSR1) == 1);
}

TEST(sigmask_is_per_thread_and_inherited)
{
	sigset_t set, old, now;
	pthread_t t;
	void *r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &set, &old), 0);
	CHECK_EQ(pthread_sigmask(SIG_SETMASK, NULL, &now), 0);
	CHECK_EQ(sigismember(&now, SIGUSR1), 1);
	CHECK_EQ(pthread_create(&t, NULL, report_mask, NULL), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((intptr_t)r, 1);               /* the creator's mask */
	CHECK_EQ(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
	CHECK_EQ(pthread_sigmask(12345, &set, NULL), EINVAL);
}

static volatile sig_atomic_t usr1_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

TEST(pthread_kill_checks_and_signals_the_caller)
{
	struct sigaction act = { .sa_handler = on_usr1 }, old;

	CHECK_EQ(pthread_kill(pthread_self(), 0), 0);
	CHECK_EQ(pthread_kill(pthread_self(), -1), EINVAL);
	CHECK_EQ(pthread_kill(pthread_self(), 100000), EINVAL);
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &act, &old), 0);
	usr1_count = 0;
	CHECK_EQ(pthread_kill(pthread_self(), SIGUSR1), 0);
	for (int i = 0; i < 1000 && usr1_count == 0; i++)
		utest_sleep_ms(1);
	CHECK_EQ(usr1_count, 1);
	CHECK_EQ(sigaction(SIGUSR1, &old, NULL), 0);
}

/* ---- scheduling and names ---------------------------------------------------------------- */

TEST(sched_priority_ranges_and_params)
{
	struct sched_param param;
	int policy, min, max;

	CHECK_EQ(sched_yield(), 0);
	min = sched_get_priority_min(SCHED_OTHER);
	max = sched_get_priority_max(SCHED_OTHER);
	CHECK(min >= 0 && max >= min);
	CHECK_ERRNO(sched_get_priority_max(12345), EINVAL);
	CHECK_EQ(pthread_getschedparam(pthread_self(), &policy, &param), 0);
	CHECK_EQ(policy, SCHED_OTHER);
	CHECK(param.sched_priority >= sched_get_priority_min(policy));
	CHECK(param.sched_priority <= sched_get_priority_max(policy));
	CHECK_EQ(pthread_setschedparam(pthread_self(), policy, &param), 0);
	CHECK_EQ(pthread_setschedparam(pthread_self(), 12345, &param), EINVAL);
	CHECK_EQ(sched_getparam(0, &param), 0);
	CHECK_EQ(sched_getscheduler(0), SCHED_OTHER);
}

TEST(thread_names_round_trip)
{
	char name[32];

	CHECK_EQ(pthread_setname_np(pthread_self(), "worker-1"), 0);
	CHECK_EQ(pthread_getname_np(pthread_self(), name, sizeof(name)), 0);
	CHECK_STR(name, "worker-1");
	CHECK_EQ(pthread_setname_np(pthread_self(), "a-name-much-too-long"), ERANGE);
	CHECK_EQ(pthread_getname_np(pthread_self(), name, 4), ERANGE);
}
