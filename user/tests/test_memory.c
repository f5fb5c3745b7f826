// SPDX-License-Identifier: MIT
/*
 * Address spaces: anonymous mappings are zero-filled and paged in on
 * demand, unmapped and protected memory faults (checked in children,
 * through WTERMSIG), MAP_SHARED memory stays shared across fork, bad
 * arguments fail cleanly, the stack grows but not without limit, and no
 * frame leaks across a thousand fork+exec+exit cycles (sysinfo's
 * free_pages comes back).
 */
#include "helper.h"
#include "utest.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

#define PAGE 4096UL
#define MiB  (1024UL * 1024)
#define TiB  (1024UL * 1024 * MiB)

/* Frames the kernel may legitimately keep (slab growth, page tables...). */
#define FRAME_SLACK 64

static uint64_t free_pages(void)
{
	abi_sysinfo_t info;

	return tessera_sysinfo(&info) == 0 ? info.free_pages : 0;
}

static void *map_anon(size_t size, int prot, int flags)
{
	return mmap(NULL, size, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* The child ends by signal `sig`, or the test fails. */
#define CHECK_KILLED_BY(status, sig)                   \
	do {                                           \
		int st_ = (status);                    \
		CHECK(st_ != -1);                      \
		CHECK_EQ(WIFSIGNALED(st_), 1);         \
		CHECK_EQ(WTERMSIG(st_), (sig));        \
	} while (0)

TEST(anonymous_memory_is_zero_and_writable)
{
	size_t size = 4 * MiB;
	unsigned char *p = map_anon(size, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	CHECK(p != MAP_FAILED);
	CHECK_EQ((uintptr_t)p % PAGE, 0);
	for (size_t i = 0; i < size; i += 512)
		CHECK_EQ(p[i], 0);
	for (size_t i = 0; i < size; i += PAGE)
		p[i] = (unsigned char)(i / PAGE);
	for (size_t i = 0; i < size; i += PAGE)
		CHECK_EQ(p[i], (unsigned char)(i / PAGE));
	CHECK_EQ(munmap(p, size), 0);
}

TEST(anonymous_memory_is_demand_paged)
{
	size_t size = 16 * MiB, pages = size / PAGE;
	uint64_t before = free_pages(), mapped, touched, after;
	volatile char *p = map_anon(size, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	CHECK(p != MAP_FAILED);
	mapped = free_pages();
	/* Mapping alone takes (almost) no frames. */
	CHECK(mapped >= before || before - mapped < pages / 8);
	for (size_t i = 0; i < size; i += PAGE)
		p[i] = 1;
	touched = free_pages();
	/* Touching every page does. */
	CHECK(mapped > touched && mapped - touched >= pages * 3 / 4);
	CHECK_EQ(munmap((void *)p, size), 0);
	after = free_pages();
	CHECK(after + FRAME_SLACK >= before);
}

static void touch_after_munmap(void *arg)
{
	(void)arg;
	volatile char *p = map_anon(PAGE * 4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	CHILD_CHECK(p != MAP_FAILED);
	p[PAGE] = 1;
	CHILD_CHECK(munmap((void *)p, PAGE * 4) == 0);
	p[PAGE] = 2;            /* must fault */
	_exit(0);
}

TEST(access_after_munmap_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(touch_after_munmap, NULL), SIGSEGV);
}

static void unmap_middle_then_touch(void *arg)
{
	(void)arg;
	volatile char *p = map_anon(PAGE * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	CHILD_CHECK(p != MAP_FAILED);
	CHILD_CHECK(munmap((void *)(p + PAGE), PAGE) == 0);
	p[0] = 1;               /* the ends stay mapped */
	p[2 * PAGE] = 1;
	p[PAGE] = 1;            /* the hole faults */
	_exit(0);
}

TEST(munmap_of_middle_page_leaves_a_hole)
{
	CHECK_KILLED_BY(utest_in_child(unmap_middle_then_touch, NULL), SIGSEGV);
}

static void write_after_mprotect(void *arg)
{
	(void)arg;
	volatile char *p = map_anon(PAGE * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	CHILD_CHECK(p != MAP_FAILED);
	p[0] = 42;
	CHILD_CHECK(mprotect((void *)p, PAGE * 2, PROT_READ) == 0);
	CHILD_CHECK(p[0] == 42);        /* still readable */
	p[0] = 43;                      /* must fault */
	_exit(0);
}

TEST(write_to_read_only_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(write_after_mprotect, NULL), SIGSEGV);
}

static void read_prot_none(void *arg)
{
	(void)arg;
	volatile char *p = map_anon(PAGE, PROT_NONE, MAP_PRIVATE);
	CHILD_CHECK(p != MAP_FAILED);
	(void)p[0];                     /* must fault */
	_exit(0);
}

TEST(read_of_prot_none_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(read_prot_none, NULL), SIGSEGV);
}

static void execute_data(void *arg)
{
	(void)arg;
	unsigned char *p = map_anon(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	CHILD_CHECK(p != MAP_FAILED);
	p[0] = 0xc3;                    /* ret */
	((void (*)(void))p)();          /* must fault: not executable */
	_exit(0);
}

TEST(executing_non_exec_memory_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(execute_data, NULL), SIGSEGV);
}

TEST(mprotect_back_to_writable)
{
	char *p = map_anon(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	CHECK(p != MAP_FAILED);
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0);
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	p[0] = 7;
	CHECK_EQ(p[0], 7);
	CHECK_EQ(munmap(p, PAGE), 0);
}

TEST(prot_none_keeps_the_contents_for_later)
{
	char *p = map_anon(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	CHECK(p != MAP_FAILED);
	p[0] = 42;
	CHECK_EQ(mprotect(p, PAGE, PROT_NONE), 0);
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	CHECK_EQ(p[0], 42);
	CHECK_EQ(munmap(p, PAGE), 0);
}

TEST(shared_anonymous_memory_survives_fork)
{
	volatile int *shared = map_anon(PAGE * 2, PROT_READ | PROT_WRITE, MAP_SHARED);
	pid_t pid;

	CHECK(shared != MAP_FAILED);
	shared[0] = 1;
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHILD_CHECK(shared[0] == 1);
		shared[1] = 1234;                       /* parent must see it */
		shared[PAGE / sizeof(int)] = 5678;      /* second page too */
		CHILD_CHECK(utest_wait_for(&shared[2], 99, 60000));   /* and we its */
		_exit(0);
	}
	CHECK(utest_wait_for(&shared[1], 1234, 60000));
	shared[2] = 99;
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(shared[PAGE / sizeof(int)], 5678);
	CHECK_EQ(munmap((void *)shared, PAGE * 2), 0);
}

TEST(private_memory_is_not_shared_after_fork)
{
	volatile int *priv = map_anon(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	pid_t pid;

	CHECK(priv != MAP_FAILED);
	priv[0] = 1;
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		priv[0] = 2;
		_exit(priv[0]);
	}
	CHECK_EQ(WEXITSTATUS(utest_wait(pid)), 2);
	CHECK_EQ(priv[0], 1);
	CHECK_EQ(munmap((void *)priv, PAGE), 0);
}

TEST(mmap_fixed_places_exactly)
{
	void *want = (void *)0x0000100000000000UL;      /* 16 TiB */
	char *p = mmap(want, PAGE * 2, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(p == want);
	p[0] = 1;
	p[PAGE] = 2;
	CHECK_EQ(p[0] + p[PAGE], 3);
	CHECK_EQ(munmap(p, PAGE * 2), 0);
}

TEST(mmap_bad_arguments_fail_einval)
{
	/* Neither MAP_SHARED nor MAP_PRIVATE. */
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	/* Zero length. */
	CHECK(map_anon(0, PROT_READ, MAP_PRIVATE) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	/* MAP_FIXED at an address that is not page aligned. */
	CHECK(mmap((void *)0x100000001000UL + 1, PAGE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	/* MAP_FIXED over the kernel half. */
	CHECK(mmap((void *)0xffff800000000000UL, PAGE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED);
	CHECK(errno == EINVAL || errno == ENOMEM);
}

TEST(munmap_and_mprotect_bad_arguments_fail_einval)
{
	char *p = map_anon(PAGE * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	CHECK(p != MAP_FAILED);
	CHECK_ERRNO(munmap(p + 1, PAGE), EINVAL);
	CHECK_ERRNO(munmap(p, 0), EINVAL);
	CHECK_ERRNO(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
	CHECK_ERRNO(munmap((void *)0xffff800000000000UL, PAGE), EINVAL);
	CHECK_EQ(munmap(p, PAGE * 2), 0);
}

TEST(huge_mmap_fails_enomem)
{
	/* More than memory, and more than the whole user address space. */
	CHECK(map_anon(TiB, PROT_READ | PROT_WRITE, MAP_PRIVATE) == MAP_FAILED);
	CHECK_EQ(errno, ENOMEM);
	CHECK(map_anon(200 * TiB, PROT_READ | PROT_WRITE, MAP_PRIVATE) == MAP_FAILED);
	CHECK_EQ(errno, ENOMEM);
	/* The process is fine afterwards. */
	void *p = map_anon(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(munmap(p, PAGE), 0);
}

/* Each level keeps 4 KiB live on the stack; 256 levels = 1 MiB. */
static unsigned recurse(unsigned depth)
{
	volatile unsigned char frame[4096];

	for (size_t i = 0; i < sizeof(frame); i += 256)
		frame[i] = (unsigned char)depth;
	if (depth == 0)
		return frame[0];
	unsigned below = recurse(depth - 1);
	return below + frame[sizeof(frame) - 256];
}

static void grow_stack(void *arg)
{
	(void)arg;
	unsigned sum = recurse(256);
	/* sum of depth (mod 256 per byte) for depth = 1..256, plus 0 */
	unsigned want = 0;
	for (unsigned d = 1; d <= 256; d++)
		want += (unsigned char)d;
	_exit(sum == want ? 0 : 1);
}

TEST(stack_grows_to_a_megabyte)
{
	CHECK_EQ(utest_in_child(grow_stack, NULL), 0);
}

static void touch_far_below_stack(void *arg)
{
	(void)arg;
	volatile char here;
	volatile char *far = (volatile char *)((uintptr_t)&here - 512 * MiB);
	*far = 1;               /* not stack growth: must fault */
	_exit(0);
}

TEST(far_below_the_stack_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(touch_far_below_stack, NULL), SIGSEGV);
}

static void read_null(void *arg)
{
	(void)arg;
	volatile int *volatile p = NULL;
	(void)*p;               /* page 0 is never mapped: must fault */
	_exit(0);
}

TEST(null_dereference_raises_sigsegv)
{
	CHECK_KILLED_BY(utest_in_child(read_null, NULL), SIGSEGV);
}

static void write_to_text(void *arg)
{
	(void)arg;
	volatile unsigned char *code = (volatile unsigned char *)(uintptr_t)write_to_text;
	*code = 0x90;           /* text is read-only: must fault */
	_exit(0);
}

TEST(program_text_is_read_only)
{
	CHECK_KILLED_BY(utest_in_child(write_to_text, NULL), SIGSEGV);
}

/*
 * After a warm-up, a thousand fork+exec+exit+wait cycles must give back
 * every frame they took.
 */
TEST(no_frames_leak_over_1000_fork_exec_cycles)
{
	char *argv[] = { "helper_true", NULL };
	char *envp[] = { NULL };
	abi_sysinfo_t before, after;

	for (int i = 0; i < 1010; i++) {
		if (i == 10)
			CHECK_EQ(tessera_sysinfo(&before), 0);
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			execve(HELPER_TRUE, argv, envp);
			_exit(127);
		}
		CHECK_EQ(utest_wait(pid), 0);
	}
	CHECK_EQ(tessera_sysinfo(&after), 0);
	if (after.free_pages + FRAME_SLACK < before.free_pages)
		printf("    lost %lu frames\n",
		       (unsigned long)(before.free_pages - after.free_pages));
	CHECK(after.free_pages + FRAME_SLACK >= before.free_pages);
	CHECK_EQ(after.processes, before.processes);
}
