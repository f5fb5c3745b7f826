// SPDX-License-Identifier: MIT
/*
 * The system call layer itself: identity calls agree with each other,
 * unknown numbers fail with ENOSYS, every kind of bad user pointer fails
 * with EFAULT instead of faulting the kernel, bad descriptors with EBADF,
 * and the information calls return sane values. Raw sys_* calls are used
 * where the -errno result itself is the point.
 */
#include "utest.h"

#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>

/* Addresses no user pointer may reach. */
#define KERNEL_ADDR        0xffff800000000000L     /* the direct map */
#define NONCANONICAL_ADDR  0x0000800000000000L     /* just above user space */
#define KERNEL_IMAGE_ADDR  (long)0xffffffff80000000UL

static const long bad_pointers[] = { 0, KERNEL_ADDR, NONCANONICAL_ADDR, KERNEL_IMAGE_ADDR };
#define BAD_POINTERS (sizeof(bad_pointers) / sizeof(bad_pointers[0]))

TEST(getpid_is_positive_and_stable)
{
	pid_t pid = getpid();

	CHECK(pid > 0);
	CHECK_EQ(getpid(), pid);
	CHECK(getppid() > 0);
	CHECK(getppid() != pid);
}

TEST(gettid_of_single_thread_is_pid)
{
	CHECK_EQ(gettid(), getpid());
}

TEST(child_sees_parent_as_ppid)
{
	pid_t parent = getpid();
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		CHILD_CHECK(getppid() == parent);
		CHILD_CHECK(getpid() != parent);
		CHILD_CHECK(gettid() == getpid());
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(unknown_syscall_numbers_fail_enosys)
{
	/* The last two are getpid with high bits set: harmless if truncated. */
	static const long numbers[] = { 33, 39, 100, 127, 128, 1000, 0x7fffffff, -1,
					(1L << 32) | SYS_getpid,
					(long)(0x8000000000000000UL | SYS_getpid) };

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		CHECK_EQ(__syscall6(numbers[i], 1, 2, 3, 4, 5, 6), -ENOSYS);
}

TEST(write_to_stdout_works)
{
	static const char msg[] = "test_syscall_basics: hello from write()\n";

	fflush(stdout);
	CHECK_EQ(write(1, msg, sizeof(msg) - 1), (long)(sizeof(msg) - 1));
	CHECK_EQ(write(1, msg, 0), 0);
}

TEST(write_bad_pointer_fails_efault)
{
	for (size_t i = 0; i < BAD_POINTERS; i++)
		CHECK_EQ(sys_write(1, bad_pointers[i], 8), -EFAULT);
	/* A range that starts in user space and runs past its end. */
	CHECK_EQ(sys_write(1, NONCANONICAL_ADDR - 4, 8), -EFAULT);
	/* A length that wraps the address space. */
	static char buf[8];
	CHECK_EQ(sys_write(1, (long)buf, -1L), -EFAULT);
}

TEST(write_via_libc_sets_errno)
{
	CHECK_ERRNO(write(1, NULL, 4), EFAULT);
	CHECK_ERRNO(write(1, (const void *)KERNEL_ADDR, 4), EFAULT);
}

TEST(clock_gettime_bad_pointer_fails_efault)
{
	for (size_t i = 0; i < BAD_POINTERS; i++) {
		CHECK_EQ(sys_clock_gettime(CLOCK_MONOTONIC, bad_pointers[i]), -EFAULT);
		CHECK_EQ(sys_clock_gettime(CLOCK_REALTIME, bad_pointers[i]), -EFAULT);
	}
	CHECK_ERRNO(clock_gettime(CLOCK_MONOTONIC, NULL), EFAULT);
}

TEST(clock_gettime_bad_clock_fails_einval)
{
	struct timespec ts;

	CHECK_ERRNO(clock_gettime(99, &ts), EINVAL);
	CHECK_ERRNO(clock_gettime(-1, &ts), EINVAL);
}

TEST(clock_monotonic_never_goes_back)
{
	struct timespec a, b;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	for (int i = 0; i < 1000; i++) {
		CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
		CHECK(b.tv_nsec >= 0 && b.tv_nsec < 1000000000);
		CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
		a = b;
	}
}

TEST(nanosleep_bad_pointer_fails_efault)
{
	struct timespec rem;

	for (size_t i = 0; i < BAD_POINTERS; i++)
		CHECK_EQ(sys_nanosleep(bad_pointers[i], 0), -EFAULT);
	CHECK_ERRNO(nanosleep(NULL, &rem), EFAULT);
}

TEST(nanosleep_bad_time_fails_einval)
{
	struct timespec bad_ns = { .tv_sec = 0, .tv_nsec = 1000000000 };
	struct timespec negative = { .tv_sec = -1, .tv_nsec = 0 };
	struct timespec negative_ns = { .tv_sec = 0, .tv_nsec = -1 };

	CHECK_ERRNO(nanosleep(&bad_ns, NULL), EINVAL);
	CHECK_ERRNO(nanosleep(&negative, NULL), EINVAL);
	CHECK_ERRNO(nanosleep(&negative_ns, NULL), EINVAL);
}

TEST(bad_descriptors_fail_ebadf)
{
	char buf[4];

	CHECK_ERRNO(write(99, "x", 1), EBADF);
	CHECK_ERRNO(write(-1, "x", 1), EBADF);
	CHECK_ERRNO(write(0x7fffffff, "x", 1), EBADF);
	CHECK_ERRNO(read(99, buf, sizeof(buf)), EBADF);
	CHECK_ERRNO(read(-1, buf, sizeof(buf)), EBADF);
	CHECK_ERRNO(close(99), EBADF);
	CHECK_ERRNO(close(-1), EBADF);
}

TEST(sysinfo_is_sane)
{
	abi_sysinfo_t info;

	memset(&info, 0xff, sizeof(info));
	CHECK_EQ(tessera_sysinfo(&info), 0);
	CHECK_EQ(info.page_size, 4096);
	CHECK(info.total_pages > 0);
	CHECK(info.free_pages > 0 && info.free_pages <= info.total_pages);
	CHECK(info.cpus_online >= 1 && info.cpus_online <= ABI_MAX_CPUS);
	CHECK(info.processes >= 2);     /* init and this test at least */
	CHECK(info.uptime_ns > 0);
}

TEST(sysinfo_bad_pointer_fails_efault)
{
	for (size_t i = 0; i < BAD_POINTERS; i++)
		CHECK_EQ(sys_sysinfo(bad_pointers[i]), -EFAULT);
}

TEST(threadinfo_describes_caller)
{
	abi_threadinfo_t self, by_tid;

	CHECK_EQ(tessera_threadinfo(0, &self), 0);
	CHECK_EQ(self.tid, gettid());
	CHECK_EQ(self.pid, getpid());
	CHECK(self.priority >= PRIORITY_MIN && self.priority <= PRIORITY_MAX);
	CHECK_EQ(tessera_threadinfo(gettid(), &by_tid), 0);
	CHECK_EQ(by_tid.tid, self.tid);
}

TEST(threadinfo_errors)
{
	abi_threadinfo_t info;

	CHECK_ERRNO(tessera_threadinfo(0x7ffffff0, &info), ESRCH);
	CHECK_ERRNO(tessera_threadinfo(-5, &info), ESRCH);
	CHECK_EQ(sys_threadinfo(0, 0), -EFAULT);
	CHECK_EQ(sys_threadinfo(0, KERNEL_ADDR), -EFAULT);
}

TEST(getcpu_is_an_online_cpu)
{
	abi_sysinfo_t info;
	int cpu = tessera_getcpu();

	CHECK_EQ(tessera_sysinfo(&info), 0);
	CHECK(cpu >= 0 && (unsigned)cpu < info.cpus_online);
	CHECK_EQ(sched_getcpu() >= 0, 1);
}

TEST(yield_returns_zero)
{
	for (int i = 0; i < 100; i++)
		CHECK_EQ(sys_yield(), 0);
}

TEST(uid_and_gid_are_stable)
{
	CHECK_EQ(getuid(), getuid());
	CHECK_EQ(getgid(), getgid());
}
