// SPDX-License-Identifier: MIT
/*
 * sys/mman.h: anonymous private and shared mappings (across fork),
 * mprotect, munmap, the argument checks of msync/madvise/mlock, and named
 * shared memory through shm_open.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

TEST(anonymous_memory_is_zeroed_and_writable)
{
	size_t size = 3 * 4096;
	unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK_EQ((uintptr_t)p % 4096, 0);
	for (size_t i = 0; i < size; i++)
		CHECK_EQ(p[i], 0);
	memset(p, 0x5a, size);
	CHECK_EQ(p[size - 1], 0x5a);
	CHECK_EQ(munmap(p, size), 0);
}

TEST(private_memory_is_copied_and_shared_memory_is_shared_across_fork)
{
	int *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(priv != MAP_FAILED && shared != MAP_FAILED);
	*priv = 1;
	*shared = 1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		*priv = 2;
		*shared = 2;
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(*priv, 1);
	CHECK_EQ(*shared, 2);
	munmap(priv, 4096);
	munmap(shared, 4096);
}

static void write_read_only(void *arg)
{
	signal(SIGSEGV, SIG_DFL);       /* not a sanitizer's handler: die of it */
	*(volatile int *)arg = 1;
}

TEST(mprotect_takes_write_access_away)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	*p = 7;
	CHECK_EQ(mprotect(p, 4096, PROT_READ), 0);
	CHECK_EQ(*p, 7);
	int status = utest_in_child(write_read_only, p);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	CHECK_EQ(mprotect(p, 4096, PROT_READ | PROT_WRITE), 0);
	*p = 8;
	CHECK_EQ(*p, 8);
	munmap(p, 4096);
}

TEST(bad_arguments_are_einval)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK_ERRNO(munmap(p + 1, 4096), EINVAL);
	CHECK_ERRNO(msync(p + 1, 4096, MS_SYNC), EINVAL);
	CHECK_ERRNO(msync(p, 4096, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_EQ(msync(p, 4096, MS_SYNC), 0);
	CHECK_EQ(mlock(p, 4096), 0);
	CHECK_EQ(munlock(p, 4096), 0);
	CHECK_EQ(posix_madvise(p, 4096, POSIX_MADV_WILLNEED), 0);
	CHECK_EQ(madvise(p, 4096, MADV_NORMAL), 0);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	munmap(p, 8192);
}

TEST(shm_open_names_shared_memory)
{
	char name[64];

	snprintf(name, sizeof(name), "/libc-mman-%d", (int)getpid());
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(ftruncate(fd, 4096), 0);
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	*p = 1234;
	int fd2 = shm_open(name, O_RDWR, 0);
	CHECK(fd2 >= 0);
	int *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
	CHECK(q != MAP_FAILED);
	CHECK_EQ(*q, 1234);
	*q = 99;
	CHECK_EQ(*p, 99);
	CHECK_ERRNO(shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	munmap(p, 4096);
	munmap(q, 4096);
	close(fd);
	close(fd2);
	CHECK_EQ(shm_unlink(name), 0);
	CHECK_ERRNO(shm_open(name, O_RDWR, 0), ENOENT);
}
