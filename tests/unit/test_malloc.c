// SPDX-License-Identifier: MIT
/*
 * libc's malloc (libc/src/malloc.c) on the host. unit.mk compiles that
 * file with its entry points renamed to tm_* (so it does not replace the
 * host's malloc, which ASan owns) and links it here. The tests run random
 * workloads and check what the allocator promises: 16-byte alignment (or
 * the requested one), usable sizes, contents that survive until free and
 * realloc, no two live blocks overlapping, memory coming back after
 * frees, and several threads allocating and freeing each other's blocks
 * at once. Double frees and foreign pointers must abort.
 */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void *tm_malloc(size_t n);
void tm_free(void *p);
void *tm_calloc(size_t n, size_t size);
void *tm_realloc(void *p, size_t n);
void *tm_reallocarray(void *p, size_t n, size_t size);
int tm_posix_memalign(void **out, size_t align, size_t n);
void *tm_aligned_alloc(size_t align, size_t n);
void *tm_memalign(size_t align, size_t n);
void *tm_valloc(size_t n);
size_t tm_malloc_usable_size(void *p);
void __libc_malloc_atfork(int phase);
void __libc_malloc_thread_exit(void);

/* xorshift64*: reproducible randomness per thread. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* Sizes across every class, with some large ones. */
static size_t rng_size(uint64_t *s)
{
	uint64_t r = rng_next(s);

	switch (r % 8) {
	case 0: return r >> 40 & 15;
	case 1: case 2: case 3: return (r >> 32) % 256;
	case 4: case 5: return (r >> 32) % 4096;
	case 6: return (r >> 32) % 40000;
	default: return (r >> 32) % 300000;
	}
}

typedef struct slot {
	unsigned char *p;
	size_t n;
	unsigned char tag;
} slot_t;

static void slot_fill(slot_t *s)
{
	memset(s->p, s->tag, s->n);
}

static bool slot_intact(const slot_t *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->p[i] != s->tag)
			return false;
	return true;
}

/*
 * One random workload over `count` slots: allocate, free, realloc and
 * check. Returns an error description or NULL.
 */
static const char *workload(uint64_t seed, unsigned count, unsigned steps)
{
	slot_t *slots = calloc(count, sizeof(*slots));
	const char *err = NULL;

	for (unsigned i = 0; i < steps && !err; i++) {
		slot_t *s = &slots[rng_next(&seed) % count];
		unsigned op = (unsigned)(rng_next(&seed) % 4);

		if (s->p && !slot_intact(s)) {
			err = "contents changed while allocated";
		} else if (!s->p || op == 0) {
			tm_free(s->p);
			s->n = rng_size(&seed);
			s->p = op == 1 ? tm_calloc(1, s->n) : tm_malloc(s->n);
			if (!s->p)
				err = "allocation failed";
			else if ((uintptr_t)s->p & 15)
				err = "block not 16-byte aligned";
			else if (tm_malloc_usable_size(s->p) < s->n)
				err = "usable size below the request";
			else if (op == 1 && s->n && (s->p[0] || s->p[s->n - 1]))
				err = "calloc memory not zero";
			s->tag = (unsigned char)rng_next(&seed);
			if (!err)
				slot_fill(s);
		} else if (op == 1) {
			size_t n = rng_size(&seed), keep = n < s->n ? n : s->n;
			unsigned char *q = tm_realloc(s->p, n);
			if (!q) {
				err = "realloc failed";
				break;
			}
			s->p = q;
			s->n = keep;
			if (!slot_intact(s))
				err = "realloc lost contents";
			s->n = n;
			slot_fill(s);
		} else if (op == 2) {
			tm_free(s->p);
			s->p = NULL;
			s->n = 0;
		}
	}
	for (unsigned i = 0; i < count; i++) {
		if (!err && slots[i].p && !slot_intact(&slots[i]))
			err = "contents changed before the final free";
		tm_free(slots[i].p);
	}
	free(slots);
	return err;
}

TEST(random_workload_keeps_contents_and_alignment)
{
	const char *err = workload(0x1234567, 500, 100000);

	if (err)
		fprintf(stderr, "workload: %s\n", err);
	CHECK(err == NULL);
}

TEST(live_blocks_never_overlap)
{
	enum { N = 3000 };
	static unsigned char *p[N];
	static size_t n[N];
	uint64_t seed = 99;

	for (int i = 0; i < N; i++) {
		n[i] = rng_size(&seed) % 3000 + 1;
		p[i] = tm_malloc(n[i]);
		CHECK(p[i] != NULL);
		memset(p[i], (unsigned char)i, n[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < n[i]; j++)
			CHECK_EQ(p[i][j], (unsigned char)i);
	for (int i = 0; i < N; i++)
		tm_free(p[i]);
}

TEST(realloc_preserves_prefix_across_small_and_large)
{
	unsigned char *p = tm_malloc(10);
	size_t sizes[] = { 100, 5000, 40000, 200000, 1000000, 70000, 33000, 20, 1 };
	size_t have = 10;

	CHECK(p != NULL);
	for (size_t i = 0; i < have; i++)
		p[i] = (unsigned char)(i * 7);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		p = tm_realloc(p, sizes[k]);
		CHECK(p != NULL);
		size_t keep = have < sizes[k] ? have : sizes[k];
		for (size_t i = 0; i < keep; i++)
			CHECK_EQ(p[i], (unsigned char)(i * 7));
		for (size_t i = keep; i < sizes[k]; i++)
			p[i] = (unsigned char)(i * 7);
		have = sizes[k];
	}
	tm_free(p);
}

TEST(realloc_null_is_malloc_and_large_grows_in_place_when_possible)
{
	char *p = tm_realloc(NULL, 100000);

	CHECK(p != NULL);
	memset(p, 'x', 100000);
	char *q = tm_realloc(p, 100001);         /* same pages: must stay */
	CHECK(q == p);
	CHECK(q[99999] == 'x');
	q = tm_realloc(q, 50000);                 /* shrink: stays, tail unmapped */
	CHECK(q == p);
	CHECK(tm_malloc_usable_size(q) >= 50000);
	tm_free(q);
}

TEST(calloc_and_reallocarray_overflow_fail_with_enomem)
{
	errno = 0;
	CHECK(tm_calloc(SIZE_MAX / 2, 3) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(tm_reallocarray(NULL, SIZE_MAX / 4, 8) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(tm_malloc(SIZE_MAX - 10) == NULL);
	CHECK_EQ(errno, ENOMEM);
	void *p = tm_reallocarray(NULL, 10, 10);
	CHECK(p != NULL);
	CHECK(tm_malloc_usable_size(p) >= 100);
	tm_free(p);
}

TEST(aligned_allocations_honour_alignment)
{
	for (size_t align = 8; align <= 65536; align *= 2) {
		for (size_t n = 1; n < 100000; n = n * 3 + 1) {
			void *p = NULL;
			CHECK_EQ(tm_posix_memalign(&p, align, n), 0);
			CHECK(((uintptr_t)p & (align - 1)) == 0);
			CHECK(tm_malloc_usable_size(p) >= n);
			memset(p, 0xab, n);
			void *q = tm_aligned_alloc(align, n);
			CHECK(q && ((uintptr_t)q & (align - 1)) == 0);
			void *r = tm_memalign(align, n);
			CHECK(r && ((uintptr_t)r & (align - 1)) == 0);
			tm_free(p);
			tm_free(q);
			tm_free(r);
		}
	}
	void *v = tm_valloc(10);
	CHECK(v && ((uintptr_t)v & 4095) == 0);
	tm_free(v);
}

TEST(bad_alignments_are_rejected)
{
	void *p = (void *)1;

	CHECK_EQ(tm_posix_memalign(&p, 0, 10), EINVAL);
	CHECK_EQ(tm_posix_memalign(&p, 4, 10), EINVAL);
	CHECK_EQ(tm_posix_memalign(&p, 24, 10), EINVAL);
	CHECK(p == (void *)1);
	errno = 0;
	CHECK(tm_aligned_alloc(3, 10) == NULL);
	CHECK_EQ(errno, EINVAL);
}

static long resident_pages(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, resident = 0;

	if (f) {
		if (fscanf(f, "%ld %ld", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident;
}

TEST(memory_is_returned_to_the_kernel)
{
	enum { N = 4096 };
	static void *p[N];
	long before = resident_pages();

	/* 128 MiB in 32 KiB blocks, every page touched, then all freed. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < N; i++) {
			p[i] = tm_malloc(32768);
			CHECK(p[i] != NULL);
			memset(p[i], 1, 32768);
		}
		for (int i = 0; i < N; i++)
			tm_free(p[i]);
	}
	long after = resident_pages();
	CHECK(before > 0);
	CHECK((after - before) * 4096L < 16L * 1024 * 1024);
}

static int dies_with_abort(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", 1);
		dup2(devnull, 2);
		fn();
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void double_free_small(void)
{
	void *p = tm_malloc(40);
	tm_free(p);
	tm_free(p);
}

static void foreign_pointer(void)
{
	static uint64_t fake[8];
	tm_free(&fake[4]);
}

static void misaligned_pointer(void)
{
	char *p = tm_malloc(64);
	tm_free(p + 8);
}

TEST(double_free_and_bad_pointers_abort)
{
	CHECK(dies_with_abort(double_free_small));
	CHECK(dies_with_abort(foreign_pointer));
	CHECK(dies_with_abort(misaligned_pointer));
}

/* --- threads ------------------------------------------------------------- */

enum { THREADS = 8, HANDOFF = 64 };

typedef struct handoff {
	pthread_mutex_t lock;
	unsigned char *box[HANDOFF];
	size_t size[HANDOFF];
} handoff_t;

static handoff_t handoff = { .lock = PTHREAD_MUTEX_INITIALIZER };
static const char *thread_errors[THREADS];

/* Each thread runs a workload and also frees blocks other threads made. */
static void *thread_main(void *arg)
{
	uintptr_t id = (uintptr_t)arg;
	uint64_t seed = 0x9e3779b97f4a7c15ull * (id + 1);

	for (int round = 0; round < 10 && !thread_errors[id]; round++) {
		thread_errors[id] = workload(seed + (uint64_t)round, 64, 3000);
		for (int k = 0; k < 50; k++) {
			size_t n = rng_size(&seed) % 5000 + 1;
			unsigned char *p = tm_malloc(n), *old;
			size_t old_n;
			memset(p, (int)(n & 0xff), n);
			unsigned slot = (unsigned)(rng_next(&seed) % HANDOFF);
			pthread_mutex_lock(&handoff.lock);
			old = handoff.box[slot];
			old_n = handoff.size[slot];
			handoff.box[slot] = p;
			handoff.size[slot] = n;
			pthread_mutex_unlock(&handoff.lock);
			if (old) {
				for (size_t i = 0; i < old_n; i++)
					if (old[i] != (unsigned char)(old_n & 0xff))
						thread_errors[id] = "handed-off block changed";
				tm_free(old);
			}
		}
	}
	__libc_malloc_thread_exit();
	return NULL;
}

TEST(threads_allocate_and_free_each_others_blocks)
{
	pthread_t t[THREADS];

	for (uintptr_t i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, thread_main, (void *)i), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++) {
		if (thread_errors[i])
			fprintf(stderr, "thread %d: %s\n", i, thread_errors[i]);
		CHECK(thread_errors[i] == NULL);
	}
	for (int i = 0; i < HANDOFF; i++)
		tm_free(handoff.box[i]);
}

static void *fork_hammer(void *arg)
{
	volatile int *stop = arg;

	while (!*stop) {
		void *p = tm_malloc(100);
		tm_free(p);
	}
	return NULL;
}

TEST(fork_hooks_leave_the_child_a_working_allocator)
{
	static volatile int stop;
	pthread_t t;

	CHECK_EQ(pthread_create(&t, NULL, fork_hammer, (void *)&stop), 0);
	for (int i = 0; i < 20; i++) {
		__libc_malloc_atfork(0);
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			__libc_malloc_atfork(2);
			const char *err = workload((uint64_t)i + 5, 32, 2000);
			_exit(err ? 1 : 0);
		}
		__libc_malloc_atfork(1);
		int status;
		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	stop = 1;
	pthread_join(t, NULL);
}
