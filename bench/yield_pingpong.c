// SPDX-License-Identifier: MIT
/*
 * yield_pingpong: a switch between two processes on one CPU, in ns per
 * round trip. Parent and child share a MAP_SHARED anonymous page holding a
 * turn counter: the parent hands the turn over by making it odd, the child
 * hands it back by making it even, and whoever is waiting calls
 * sched_yield until the turn is its own. On one CPU each round trip is
 * then two yields and two switches between address spaces. The child is
 * forked and ready before the clock starts.
 *
 * Both stay on one CPU, pinned (bench_one_cpu). A waiter that has
 * yielded many times in a row checks that its partner still exists, so a
 * crash ends the benchmark instead of hanging it.
 */
#define BENCH_NAME "yield_pingpong"
#include "bench.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define PINGPONG_CHECK_EVERY 4096

typedef struct pingpong {
	uint64_t turn;  /* odd: the child's turn; even: the parent's */
	uint64_t ready; /* the child has started */
} pingpong_t;

static uint64_t pingpong_load(uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void pingpong_store(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* The child's side; it never returns. */
__attribute__((noreturn)) static void pingpong_child(pingpong_t *pp, uint64_t n, pid_t parent)
{
	uint64_t spins = 0;

	pingpong_store(&pp->ready, 1);
	for (uint64_t i = 0; i < n; i++) {
		while (pingpong_load(&pp->turn) != 2 * i + 1) {
			sched_yield();
			if (++spins % PINGPONG_CHECK_EVERY == 0 && getppid() != parent)
				_exit(2);
		}
		pingpong_store(&pp->turn, 2 * i + 2);
	}
	_exit(0);
}

/* Yields until *p == want; fails if the child has gone meanwhile. */
static void pingpong_wait(uint64_t *p, uint64_t want, pid_t child)
{
	uint64_t spins = 0;
	int status;

	while (pingpong_load(p) != want) {
		sched_yield();
		if (++spins % PINGPONG_CHECK_EVERY == 0 &&
		    waitpid(child, &status, WNOHANG) == child) {
			errno = ECHILD;
			bench_fail("the child ended early");
		}
	}
}

static uint64_t pingpong_run(uint64_t n)
{
	pid_t parent = getpid(), child;
	uint64_t start, elapsed;
	pingpong_t *pp;
	int status;

	pp = mmap(NULL, sizeof(*pp), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (pp == MAP_FAILED)
		bench_fail("mmap");
	pp->turn = 0;
	pp->ready = 0;
	child = fork();
	if (child < 0)
		bench_fail("fork");
	if (child == 0)
		pingpong_child(pp, n, parent);
	pingpong_wait(&pp->ready, 1, child);
	start = bench_now_ns();
	for (uint64_t i = 0; i < n; i++) {
		pingpong_store(&pp->turn, 2 * i + 1);
		pingpong_wait(&pp->turn, 2 * i + 2, child);
	}
	elapsed = bench_now_ns() - start;
	if (waitpid(child, &status, 0) != child)
		bench_fail("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = ECHILD;
		bench_fail("the child did not exit 0");
	}
	if (munmap(pp, sizeof(*pp)) < 0)
		bench_fail("munmap");
	return elapsed;
}

int main(void)
{
	bench_run("ns", 1, pingpong_run);
	return 0;
}
