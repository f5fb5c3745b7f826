// SPDX-License-Identifier: MIT
/*
 * shm_bandwidth: 1 MiB handed from one process to another through named
 * shared memory, in MB/s. The parent fills the 1 MiB area and hands the
 * turn over; the child reads it all (summing, so the reads happen) and
 * hands it back, on one CPU (bench_one_cpu), with the turn in a second
 * shared page as in yield_pingpong. Tessera's memory is an `shm:` object
 * of the IPC daemon; Linux's a file in /dev/shm. Both are mapped
 * MAP_SHARED by the two processes.
 */
#define BENCH_NAME "shm_bandwidth"
#include "bench.h"

#include <fcntl.h>
#include <sys/mman.h>

#ifdef __tessera__
#define SHM_PATH "shm:bench_shm"
#else
#define SHM_PATH "/dev/shm/bench_shm"
#endif

#define SHM_BYTES (1u << 20)

typedef struct shm_turn {
	uint64_t turn;  /* odd: the reader's turn */
} shm_turn_t;

static unsigned char *area;
static shm_turn_t *turn;

static void shm_wait_turn(uint64_t want)
{
	while (__atomic_load_n(&turn->turn, __ATOMIC_ACQUIRE) != want)
		sched_yield();
}

__attribute__((noreturn)) static void shm_reader(uint64_t n)
{
	uint64_t sum = 0;

	for (uint64_t i = 0; i < n; i++) {
		shm_wait_turn(2 * i + 1);
		for (size_t j = 0; j < SHM_BYTES; j += 8)
			sum += *(volatile uint64_t *)(area + j);
		__atomic_store_n(&turn->turn, 2 * i + 2, __ATOMIC_RELEASE);
	}
	_exit(sum == 0xdeadbeef ? 3 : 0);       /* uses sum; never 3 in practice */
}

static uint64_t shm_run(uint64_t n)
{
	turn->turn = 0;
	pid_t pid = fork();
	if (pid < 0)
		bench_fail("fork");
	if (pid == 0)
		shm_reader(n);
	uint64_t start = bench_now_ns();
	for (uint64_t i = 0; i < n; i++) {
		shm_wait_turn(2 * i);
		memset(area, (int)(i & 0xff), SHM_BYTES);
		__atomic_store_n(&turn->turn, 2 * i + 1, __ATOMIC_RELEASE);
	}
	shm_wait_turn(2 * n);
	uint64_t elapsed = bench_now_ns() - start;
	bench_reap(pid, "the reader failed");
	return elapsed;
}

int main(void)
{
	int fd = open(SHM_PATH, O_RDWR | O_CREAT, 0600);
	if (fd < 0)
		bench_fail("open " SHM_PATH);
	if (ftruncate(fd, SHM_BYTES) < 0)
		bench_fail("ftruncate");
	area = mmap(NULL, SHM_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	turn = mmap(NULL, sizeof(*turn), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	if (area == MAP_FAILED || turn == MAP_FAILED)
		bench_fail("mmap");
	unlink(SHM_PATH);
	memset(area, 1, SHM_BYTES);             /* pages present before timing */
	bench_run_bandwidth(SHM_BYTES, shm_run);
	return 0;
}
