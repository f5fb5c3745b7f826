// SPDX-License-Identifier: MIT
/*
 * The allocator through its public interface: alignment, usable sizes,
 * contents across realloc (small and large, growing and shrinking),
 * zeroed calloc memory, overflow checks (ENOMEM), aligned allocation and
 * its EINVAL cases, memory handed back and reused, threads allocating
 * and freeing each other's blocks, allocation in a child forked while
 * other threads allocate, and a double free ending the program.
 * The random stress lives in the host test tests/unit/test_malloc.c.
 */
#include "utest.h"

#ifdef __GLIBC__
#include <malloc.h>     /* memalign, malloc_usable_size; Tessera has them in stdlib.h */
#endif
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Under ASan (the host run), impossible sizes must return NULL, not abort. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Sizes the compiler cannot see, so it does not warn about the impossible ones. */
static volatile size_t huge = SIZE_MAX - 4096, half = SIZE_MAX / 2, sixteenth = SIZE_MAX / 16;

static bool filled(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

TEST(blocks_of_every_size_are_aligned_and_usable)
{
	for (size_t n = 0; n < 70000; n = n < 300 ? n + 1 : n * 5 / 4) {
		unsigned char *p = malloc(n);
		CHECK(p != NULL);
		CHECK(((uintptr_t)p & 15) == 0);
		CHECK(malloc_usable_size(p) >= n);
		memset(p, 0x5a, n);
		CHECK(filled(p, n, 0x5a));
		free(p);
	}
	free(NULL);
}

TEST(live_blocks_do_not_overlap)
{
	enum { N = 500 };
	static unsigned char *p[N];

	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i * 37 % 2000) + 1;
		p[i] = malloc(n);
		CHECK(p[i] != NULL);
		memset(p[i], i & 0xff, n);
	}
	for (int i = 0; i < N; i++) {
		CHECK(filled(p[i], (size_t)(i * 37 % 2000) + 1, (unsigned char)i));
		free(p[i]);
	}
}

TEST(calloc_zeroes_and_checks_for_overflow)
{
	for (size_t n = 1; n < 200000; n *= 3) {
		unsigned char *p = malloc(n);
		memset(p, 0xff, n);
		free(p);
		unsigned char *q = calloc(n, 1);         /* may reuse p's memory */
		CHECK(q != NULL);
		CHECK(filled(q, n, 0));
		free(q);
	}
	errno = 0;
	CHECK(calloc(sixteenth, 32) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(malloc(huge) == NULL);
	CHECK_EQ(errno, ENOMEM);
	void *z = calloc(0, 10);
	free(z);
}

TEST(realloc_keeps_contents_while_growing_and_shrinking)
{
	static const size_t sizes[] = { 1, 17, 100, 4000, 40000, 300000, 2000000,
					70000, 5000, 24, 3 };
	unsigned char *p = NULL;
	size_t have = 0;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		p = realloc(p, sizes[k]);
		CHECK(p != NULL);
		size_t keep = have < sizes[k] ? have : sizes[k];
		for (size_t i = 0; i < keep; i++)
			CHECK_EQ(p[i], (unsigned char)(i % 251));
		for (size_t i = keep; i < sizes[k]; i++)
			p[i] = (unsigned char)(i % 251);
		have = sizes[k];
	}
	free(p);
}

TEST(reallocarray_checks_for_overflow)
{
	int *p = reallocarray(NULL, 10, sizeof(int));

	CHECK(p != NULL);
	p[9] = 7;
	errno = 0;
	CHECK(reallocarray(p, half, sizeof(int)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	CHECK_EQ(p[9], 7);                      /* still ours after the failure */
	p = reallocarray(p, 1000, sizeof(int));
	CHECK(p && p[9] == 7);
	free(p);
}

TEST(aligned_allocation_honours_the_alignment)
{
	for (size_t align = sizeof(void *); align <= 1 << 16; align *= 2) {
		void *p = NULL;
		CHECK_EQ(posix_memalign(&p, align, 100), 0);
		CHECK(((uintptr_t)p & (align - 1)) == 0);
		memset(p, 1, 100);
		void *q = aligned_alloc(align, align * 3);
		CHECK(q && ((uintptr_t)q & (align - 1)) == 0);
		memset(q, 2, align * 3);
		void *r = memalign(align, 5);
		CHECK(r && ((uintptr_t)r & (align - 1)) == 0);
		CHECK(malloc_usable_size(r) >= 5);
		free(p);
		free(q);
		free(r);
	}
}

TEST(posix_memalign_rejects_bad_alignments_with_einval)
{
	void *p = (void *)&p;

	CHECK_EQ(posix_memalign(&p, 0, 16), EINVAL);
	CHECK_EQ(posix_memalign(&p, 4, 16), EINVAL);    /* below sizeof(void *) */
	CHECK_EQ(posix_memalign(&p, 48, 16), EINVAL);   /* not a power of two */
	CHECK(p == (void *)&p);                          /* untouched */
	CHECK_EQ(posix_memalign(&p, 64, huge), ENOMEM);
}

TEST(freed_memory_is_reused)
{
	/* 64 rounds of 4 MiB: without reuse or unmapping this would need 256 MiB. */
	for (int round = 0; round < 64; round++) {
		void *big = malloc(4 << 20);
		CHECK(big != NULL);
		memset(big, round, 4 << 20);
		void *small[256];
		for (int i = 0; i < 256; i++) {
			small[i] = malloc(4000);
			CHECK(small[i] != NULL);
			memset(small[i], i, 4000);
		}
		for (int i = 0; i < 256; i++)
			free(small[i]);
		free(big);
	}
}

enum { THREADS = 4, SLOTS = 64 };

static unsigned char *shared_slot[SLOTS];
static size_t shared_size[SLOTS];
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;

static void *thread_churn(void *arg)
{
	uint32_t r = (uint32_t)(uintptr_t)arg * 2654435761u + 1;
	uintptr_t bad = 0;

	for (int i = 0; i < 3000 && !bad; i++) {
		r = r * 1103515245 + 12345;
		size_t n = (r >> 8) % (i % 10 == 0 ? 50000 : 600) + 1;
		unsigned char *p = malloc(n);
		if (!p)
			return (void *)1;
		memset(p, (int)(n & 0xff), n);
		unsigned s = (r >> 20) % SLOTS;
		pthread_mutex_lock(&shared_lock);
		unsigned char *old = shared_slot[s];
		size_t old_n = shared_size[s];
		shared_slot[s] = p;
		shared_size[s] = n;
		pthread_mutex_unlock(&shared_lock);
		if (old) {
			if (!filled(old, old_n, (unsigned char)(old_n & 0xff)))
				bad = 2;
			free(old);
		}
	}
	return (void *)bad;
}

TEST(threads_free_each_others_blocks)
{
	pthread_t t[THREADS];

	for (uintptr_t i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, thread_churn, (void *)i), 0);
	for (int i = 0; i < THREADS; i++) {
		void *r;
		CHECK_EQ(pthread_join(t[i], &r), 0);
		CHECK(r == NULL);
	}
	for (int i = 0; i < SLOTS; i++) {
		free(shared_slot[i]);
		shared_slot[i] = NULL;
	}
}

static volatile int churn_stop;

static void *thread_spin_alloc(void *arg)
{
	(void)arg;
	while (!churn_stop) {
		void *p = malloc(64);
		void *q = malloc(3000);
		free(p);
		free(q);
	}
	return NULL;
}

static void fork_child_allocates(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		char *p = malloc((size_t)i * 13 + 1);
		CHILD_CHECK(p != NULL);
		p[0] = 1;
		free(p);
	}
}

TEST(a_child_forked_during_allocation_can_allocate)
{
	pthread_t t;

#ifdef __SANITIZE_ADDRESS__
	SKIP("ASan's allocator is not fork-safe while other threads allocate");
#endif
	churn_stop = 0;
	CHECK_EQ(pthread_create(&t, NULL, thread_spin_alloc, NULL), 0);
	for (int i = 0; i < 10; i++) {
		int status = utest_in_child(fork_child_allocates, NULL);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	churn_stop = 1;
	CHECK_EQ(pthread_join(t, NULL), 0);
}

static void double_free(void *arg)
{
	(void)arg;
	close(2);                               /* the message is expected */
	char *volatile p = malloc(32);
	free(p);
	free(p);
}

TEST(a_double_free_ends_the_program)
{
	int status = utest_in_child(double_free, NULL);

	CHECK(!(WIFEXITED(status) && WEXITSTATUS(status) == 0));
}
