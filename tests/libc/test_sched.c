// SPDX-License-Identifier: MIT
/*
 * <sched.h>'s CPU affinity, the GNU interface both libcs have: the
 * cpu_set_t macros (fixed-size and the _S forms on CPU_ALLOC'd sets), and
 * sched_getaffinity/sched_setaffinity/pthread_*affinity_np on the calling
 * thread — the mask holds the CPU it runs on, pinning keeps it there, an
 * empty mask or a too-small buffer is EINVAL. The machine may have any
 * number of CPUs: only the CPUs the mask allows are used.
 */
#include "utest.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TEST(cpu_set_macros)
{
	cpu_set_t a, b, c;

	CPU_ZERO(&a);
	CHECK_EQ(CPU_COUNT(&a), 0);
	CPU_SET(0, &a);
	CPU_SET(5, &a);
	CPU_SET(63, &a);
	CPU_SET(64, &a);
	CPU_SET(CPU_SETSIZE - 1, &a);
	CHECK_EQ(CPU_COUNT(&a), 5);
	CHECK(CPU_ISSET(5, &a) && CPU_ISSET(64, &a) && CPU_ISSET(CPU_SETSIZE - 1, &a));
	CHECK(!CPU_ISSET(4, &a) && !CPU_ISSET(65, &a));
	CPU_CLR(5, &a);
	CHECK(!CPU_ISSET(5, &a));
	CHECK_EQ(CPU_COUNT(&a), 4);

	CPU_ZERO(&b);
	CPU_SET(0, &b);
	CPU_SET(7, &b);
	CPU_AND(&c, &a, &b);
	CHECK_EQ(CPU_COUNT(&c), 1);
	CHECK(CPU_ISSET(0, &c));
	CPU_OR(&c, &a, &b);
	CHECK_EQ(CPU_COUNT(&c), 5);
	CPU_XOR(&c, &a, &b);
	CHECK_EQ(CPU_COUNT(&c), 4);
	CHECK(!CPU_ISSET(0, &c) && CPU_ISSET(7, &c));
	CHECK(!CPU_EQUAL(&a, &b));
	memcpy(&c, &a, sizeof(c));
	CHECK(CPU_EQUAL(&a, &c));
}

TEST(cpu_alloc_and_sized_macros)
{
	size_t size = CPU_ALLOC_SIZE(100);
	cpu_set_t *set = CPU_ALLOC(100);

	CHECK(set != NULL);
	CHECK_EQ(size, 2 * sizeof(unsigned long));
	CHECK_EQ(CPU_ALLOC_SIZE(1), sizeof(unsigned long));
	CPU_ZERO_S(size, set);
	CPU_SET_S(99, size, set);
	CPU_SET_S(3, size, set);
	CPU_SET_S(4000, size, set);             /* beyond the set: ignored */
	CHECK_EQ(CPU_COUNT_S(size, set), 2);
	CHECK(CPU_ISSET_S(99, size, set));
	CHECK(!CPU_ISSET_S(4000, size, set));
	CPU_CLR_S(99, size, set);
	CHECK_EQ(CPU_COUNT_S(size, set), 1);
	CPU_FREE(set);
}

TEST(affinity_holds_the_current_cpu)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	CHECK(cpu >= 0);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK(CPU_COUNT(&set) >= 1);
	CHECK(CPU_ISSET(cpu, &set));
	CHECK(CPU_COUNT(&set) <= sysconf(_SC_NPROCESSORS_ONLN));
}

/* The n-th allowed CPU, counting from 0; -1 if there are fewer. */
static int allowed_cpu(const cpu_set_t *set, int n)
{
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, set) && n-- == 0)
			return cpu;
	return -1;
}

TEST(pinning_moves_and_keeps_the_thread)
{
	cpu_set_t all, one, now;

	CHECK_EQ(sched_getaffinity(0, sizeof(all), &all), 0);
	for (int i = CPU_COUNT(&all) - 1; i >= 0; i--) {
		int cpu = allowed_cpu(&all, i);

		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		CHECK_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
		CHECK_EQ(sched_getcpu(), cpu);
		for (int j = 0; j < 3; j++) {
			sched_yield();
			usleep(1000);
			CHECK_EQ(sched_getcpu(), cpu);
		}
		CHECK_EQ(sched_getaffinity(0, sizeof(now), &now), 0);
		CHECK(CPU_EQUAL(&now, &one));
	}
	CHECK_EQ(sched_setaffinity(0, sizeof(all), &all), 0);
	CHECK_EQ(sched_getaffinity(0, sizeof(now), &now), 0);
	CHECK(CPU_EQUAL(&now, &all));
}

TEST(affinity_errors)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	errno = 0;
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sched_getaffinity(0, 4, &set), -1);
	CHECK_EQ(errno, EINVAL);
}

static void *thread_mask(void *arg)
{
	cpu_set_t *set = arg;

	return (void *)(long)sched_getaffinity(0, sizeof(*set), set);
}

TEST(pthread_affinity_and_inheritance)
{
	cpu_set_t all, one, got;
	pthread_t t;
	void *rc;

	CHECK_EQ(sched_getaffinity(0, sizeof(all), &all), 0);
	CHECK_EQ(pthread_getaffinity_np(pthread_self(), sizeof(got), &got), 0);
	CHECK(CPU_EQUAL(&got, &all));
	CPU_ZERO(&one);
	CPU_SET(allowed_cpu(&all, CPU_COUNT(&all) - 1), &one);
	CHECK_EQ(pthread_setaffinity_np(pthread_self(), sizeof(one), &one), 0);
	CHECK_EQ(pthread_create(&t, NULL, thread_mask, &got), 0);
	CHECK_EQ(pthread_join(t, &rc), 0);
	CHECK_EQ((long)rc, 0);
	CHECK(CPU_EQUAL(&got, &one));           /* the new thread inherited it */
	CPU_ZERO(&got);
	CHECK_EQ(pthread_setaffinity_np(pthread_self(), sizeof(got), &got), EINVAL);
	CHECK_EQ(pthread_setaffinity_np(pthread_self(), sizeof(all), &all), 0);
}
