// SPDX-License-Identifier: MIT
/*
 * Unnamed semaphores: counting, trywait, blocking until a post, timed
 * waits (timeout, bad deadline), exact hand-over of units between many
 * threads, the value limit, and EINTR when a handler interrupts a wait.
 */
#include "utest.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define N_THREADS 4

static struct timespec deadline_in_ms(long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_nsec -= 1000000000L;
		ts.tv_sec++;
	}
	return ts;
}

TEST(value_counts_posts_and_waits)
{
	sem_t s;
	int v;

	CHECK_EQ(sem_init(&s, 0, 2), 0);
	CHECK_EQ(sem_getvalue(&s, &v), 0);
	CHECK_EQ(v, 2);
	CHECK_EQ(sem_wait(&s), 0);
	CHECK_EQ(sem_trywait(&s), 0);
	CHECK_ERRNO(sem_trywait(&s), EAGAIN);
	CHECK_EQ(sem_post(&s), 0);
	CHECK_EQ(sem_getvalue(&s, &v), 0);
	CHECK_EQ(v, 1);
	CHECK_EQ(sem_destroy(&s), 0);
}

TEST(init_rejects_values_over_the_maximum)
{
	sem_t s;

	CHECK_ERRNO(sem_init(&s, 0, (unsigned)SEM_VALUE_MAX + 1), EINVAL);
}

TEST(post_at_the_maximum_is_eoverflow)
{
	sem_t s;

	CHECK_EQ(sem_init(&s, 0, SEM_VALUE_MAX), 0);
	CHECK_ERRNO(sem_post(&s), EOVERFLOW);
	CHECK_EQ(sem_destroy(&s), 0);
}

static void *post_later(void *arg)
{
	utest_sleep_ms(50);
	sem_post(arg);
	return NULL;
}

TEST(wait_blocks_until_a_post)
{
	pthread_t t;
	sem_t s;
	uint64_t start = utest_now_ns();

	CHECK_EQ(sem_init(&s, 0, 0), 0);
	CHECK_EQ(pthread_create(&t, NULL, post_later, &s), 0);
	CHECK_EQ(sem_wait(&s), 0);
	CHECK(utest_now_ns() - start >= 40 * 1000000ULL);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(sem_destroy(&s), 0);
}

TEST(timedwait_times_out_and_checks_the_deadline)
{
	struct timespec ts = deadline_in_ms(80);
	uint64_t start = utest_now_ns();
	sem_t s;

	CHECK_EQ(sem_init(&s, 0, 0), 0);
	CHECK_ERRNO(sem_timedwait(&s, &ts), ETIMEDOUT);
	CHECK(utest_now_ns() - start >= 70 * 1000000ULL);
	ts.tv_nsec = 1000000000L;
	CHECK_ERRNO(sem_timedwait(&s, &ts), EINVAL);
	ts = deadline_in_ms(1000);
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, post_later, &s), 0);
	CHECK_EQ(sem_timedwait(&s, &ts), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(sem_destroy(&s), 0);
}

#define UNITS 20000

static sem_t items;
static long taken;

static void *take_units(void *arg)
{
	long n = (long)(intptr_t)arg;

	for (long i = 0; i < n; i++) {
		sem_wait(&items);
		__atomic_add_fetch(&taken, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void *give_units(void *arg)
{
	long n = (long)(intptr_t)arg;

	for (long i = 0; i < n; i++) {
		sem_post(&items);
		if (i % 256 == 0)
			sched_yield();
	}
	return NULL;
}

TEST(every_post_lets_exactly_one_wait_through)
{
	pthread_t takers[N_THREADS], givers[2];
	int v;

	taken = 0;
	CHECK_EQ(sem_init(&items, 0, 0), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_create(&takers[i], NULL, take_units,
					(void *)(intptr_t)(UNITS / N_THREADS)), 0);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&givers[i], NULL, give_units, (void *)(intptr_t)(UNITS / 2)),
			 0);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(givers[i], NULL), 0);
	for (int i = 0; i < N_THREADS; i++)
		CHECK_EQ(pthread_join(takers[i], NULL), 0);
	CHECK_EQ(taken, UNITS);
	CHECK_EQ(sem_getvalue(&items, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(sem_destroy(&items), 0);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void *signal_process_later(void *arg)
{
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);  /* so the waiter gets it */
	utest_sleep_ms(50);
	kill(getpid(), SIGUSR1);
	return NULL;
}

TEST(wait_is_interrupted_by_a_signal_handler)
{
	struct sigaction act = { .sa_handler = on_usr1 }, old;
	pthread_t t;
	sem_t s;

	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &act, &old), 0);
	CHECK_EQ(sem_init(&s, 0, 0), 0);
	CHECK_EQ(pthread_create(&t, NULL, signal_process_later, NULL), 0);
	CHECK_ERRNO(sem_wait(&s), EINTR);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR1, &old, NULL), 0);
	CHECK_EQ(sem_destroy(&s), 0);
}

typedef struct completion {
	sem_t done;
	int value;
} completion_t;

static void *complete(void *arg)
{
	completion_t *c = arg;

	c->value = 42;
	sem_post(&c->done);             /* the waiter may free c right away */
	return NULL;
}

TEST(semaphore_may_be_freed_as_soon_as_wait_returns)
{
	for (int i = 0; i < 200; i++) {
		completion_t *c = malloc(sizeof(*c));
		pthread_t t;

		CHECK(c != NULL);
		CHECK_EQ(sem_init(&c->done, 0, 0), 0);
		CHECK_EQ(pthread_create(&t, NULL, complete, c), 0);
		CHECK_EQ(sem_wait(&c->done), 0);
		CHECK_EQ(c->value, 42);
		CHECK_EQ(sem_destroy(&c->done), 0);
		memset(c, 0xa5, sizeof(*c));
		free(c);
		CHECK_EQ(pthread_join(t, NULL), 0);
	}
}
