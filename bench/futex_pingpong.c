// SPDX-License-Identifier: MIT
/*
 * futex_pingpong: two threads of one process hand a turn back and forth
 * through a futex, in ns per round trip, on one CPU (bench_one_cpu: the
 * second thread inherits the pin). The
 * turn is a 32-bit word: the main thread makes it odd (the partner's
 * turn) and wakes the partner, the partner makes it even and wakes the
 * main thread; whoever is waiting sleeps in futex_wait while the word
 * still holds the value it last saw. On one CPU each round trip is then
 * two futex waits, two wakes and two switches between threads of the same
 * address space — the thread counterpart of yield_pingpong and
 * pipe_pingpong, without a page-table switch.
 *
 * Every hand-over calls wake, whether the partner sleeps or not: the
 * benchmark measures the plain futex protocol, the same on both systems.
 * The futex calls differ by system (bench_futex_wait/_wake below): Linux
 * has only the raw system call (private futexes, as glibc uses within a
 * process), Tessera wraps it in <tessera/sys.h>.
 */
#define BENCH_NAME "futex_pingpong"
#include "bench.h"

#include <pthread.h>

#ifdef __tessera__
#include <tessera/sys.h>
#else
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

typedef struct futex_pingpong {
	volatile int turn; /* odd: the partner's turn; even: the main thread's */
	uint64_t n;        /* round trips in this run */
} futex_pingpong_t;

/* Sleeps while *addr == expected (or returns at once); errors but EAGAIN/EINTR fail. */
static void bench_futex_wait(volatile int *addr, int expected)
{
#ifdef __tessera__
	int r = tessera_futex_wait(addr, expected, NULL);
#else
	long r = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
#endif
	if (r < 0 && errno != EAGAIN && errno != EINTR)
		bench_fail("futex wait");
}

static void bench_futex_wake(volatile int *addr)
{
#ifdef __tessera__
	int r = tessera_futex_wake(addr, 1);
#else
	long r = syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
#endif
	if (r < 0)
		bench_fail("futex wake");
}

/* Turn number t as the word holds it (it wraps; only equality matters). */
static int futex_turn(uint64_t t)
{
	return (int)(uint32_t)t;
}

/* Waits until the word holds `want`, sleeping on whatever it holds now. */
static void futex_wait_for(volatile int *turn, int want)
{
	for (;;) {
		int seen = __atomic_load_n(turn, __ATOMIC_ACQUIRE);

		if (seen == want)
			return;
		bench_futex_wait(turn, seen);
	}
}

static void futex_hand_over(volatile int *turn, int value)
{
	__atomic_store_n(turn, value, __ATOMIC_RELEASE);
	bench_futex_wake(turn);
}

static void *futex_partner(void *arg)
{
	futex_pingpong_t *pp = arg;

	for (uint64_t i = 0; i < pp->n; i++) {
		futex_wait_for(&pp->turn, futex_turn(2 * i + 1));
		futex_hand_over(&pp->turn, futex_turn(2 * i + 2));
	}
	return NULL;
}

static uint64_t futex_run(uint64_t n)
{
	futex_pingpong_t pp = { .turn = 0, .n = n };
	pthread_t partner;
	uint64_t start, elapsed;
	int err = pthread_create(&partner, NULL, futex_partner, &pp);

	if (err) {
		errno = err;
		bench_fail("pthread_create");
	}
	start = bench_now_ns();
	for (uint64_t i = 0; i < n; i++) {
		futex_hand_over(&pp.turn, futex_turn(2 * i + 1));
		futex_wait_for(&pp.turn, futex_turn(2 * i + 2));
	}
	elapsed = bench_now_ns() - start;
	err = pthread_join(partner, NULL);
	if (err) {
		errno = err;
		bench_fail("pthread_join");
	}
	return elapsed;
}

int main(void)
{
	bench_run("ns", 1, futex_run);
	return 0;
}
