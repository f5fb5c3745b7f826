// SPDX-License-Identifier: MIT
/*
 * The kernel's memory:, time: and irq: schemes, and port access:
 * named shared memory between processes (growing under a mapping,
 * unlink), device memory refused to users and for RAM, time: clocks and
 * timers (blocking reads, event: readiness as a timeout), and a real
 * interrupt — the PIT programmed through granted ports — read through
 * irq: and acknowledged.
 */
#include "utest.h"

#include <abi/event.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

TEST(memory_named_objects_are_shared_between_processes)
{
	int fd = open("memory:kschemes_a", O_RDWR | O_CREAT | O_EXCL);
	struct stat st;

	CHECK(fd >= 0);
	CHECK_ERRNO(open("memory:kschemes_a", O_RDWR | O_CREAT | O_EXCL), EEXIST);
	CHECK_EQ(ftruncate(fd, 10000), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 10000);
	char *p = mmap(NULL, 12288, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	pid_t pid = utest_fork();
	if (pid == 0) {
		int cfd = open("memory:kschemes_a", O_RDWR);
		CHILD_CHECK(cfd >= 0);
		char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 8192);
		CHILD_CHECK(q != MAP_FAILED);
		strcpy(q, "written by the child");
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_STR(p + 8192, "written by the child");
	/* Growing keeps the mapping valid and shared. */
	CHECK_EQ(ftruncate(fd, 40000), 0);
	char *r = mmap(NULL, 40960, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(r != MAP_FAILED);
	CHECK_STR(r + 8192, "written by the child");
	p[0] = 'x';
	CHECK_EQ(r[0], 'x');
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 40960) == MAP_FAILED && errno == ENXIO);
	CHECK_EQ(unlink("memory:kschemes_a"), 0);
	CHECK_ERRNO(open("memory:kschemes_a", O_RDWR), ENOENT);
	CHECK_STR(r + 8192, "written by the child");    /* still mapped */
	munmap(p, 12288);
	munmap(r, 40960);
	close(fd);
	CHECK_ERRNO(unlink("memory:kschemes_a"), ENOENT);
}

TEST(memory_physical_ranges_are_for_root_and_not_ram)
{
	/* The local APIC's registers: device memory, for root. */
	int fd = open("memory:phys/0xfee00000/4096/uc", O_RDWR);
	CHECK(fd >= 0);
	volatile uint32_t *lapic = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(lapic != MAP_FAILED);
	CHECK(((lapic[0x30 / 4]) & 0xff) >= 0x10);      /* version: an integrated APIC */
	CHECK(lapic[0xf0 / 4] & 0x100);                 /* enabled by the kernel */
	munmap((void *)lapic, 4096);
	close(fd);
	CHECK_ERRNO(open("memory:phys/0x100000/4096", O_RDWR), EPERM);  /* RAM */
	CHECK_ERRNO(open("memory:phys/0x1001/4096", O_RDWR), EINVAL);
	CHECK_ERRNO(open("memory:phys/0x10000000000000000fee00000/4096", O_RDWR), EINVAL);
	CHECK_ERRNO(open("memory:phys/0xfee00000/4096/xx", O_RDWR), EINVAL);
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(setuid(1000) == 0);
		errno = 0;
		CHILD_CHECK(open("memory:phys/0xfee00000/4096", O_RDWR) == -1 && errno == EPERM);
		/* Named memory is for everyone. */
		int nfd = open("memory:kschemes_user", O_RDWR | O_CREAT);
		CHILD_CHECK(nfd >= 0 && unlink("memory:kschemes_user") == 0);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

static uint64_t ts_ns(const abi_timespec_t *t)
{
	return (uint64_t)t->sec * 1000000000ull + (uint64_t)t->nsec;
}

TEST(time_reads_clocks_and_waits_for_timers)
{
	abi_timespec_t now, later, deadline;
	int fd = open("time:monotonic", O_RDWR);

	CHECK(fd >= 0);
	CHECK_ERRNO(open("time:sundial", O_RDWR), ENOENT);
	CHECK_EQ(read(fd, &now, sizeof(now)), (long)sizeof(now));
	uint64_t target = ts_ns(&now) + 30000000;       /* 30 ms on */
	deadline.sec = (int64_t)(target / 1000000000);
	deadline.nsec = (int64_t)(target % 1000000000);
	CHECK_EQ(write(fd, &deadline, sizeof(deadline)), (long)sizeof(deadline));
	CHECK_EQ(read(fd, &later, sizeof(later)), (long)sizeof(later));
	CHECK(ts_ns(&later) >= target);
	/* Spent: the next read does not wait. */
	CHECK_EQ(read(fd, &later, sizeof(later)), (long)sizeof(later));
	abi_timespec_t bad = { 0, 1000000000 };
	CHECK_ERRNO(write(fd, &bad, sizeof(bad)), EINVAL);
	close(fd);
}

TEST(time_is_a_timeout_for_event_queues)
{
	abi_timespec_t now, deadline;
	abi_event_t ev;
	int t = open("time:monotonic", O_RDWR | O_NONBLOCK);
	int q = open("event:", O_RDWR);

	CHECK(t >= 0 && q >= 0);
	abi_event_t sub = { (uint64_t)t, EVENT_READ, 0, 77 };
	CHECK_EQ(write(q, &sub, sizeof(sub)), (long)sizeof(sub));
	CHECK_EQ(read(t, &now, sizeof(now)), (long)sizeof(now));
	uint64_t target = ts_ns(&now) + 20000000;
	deadline.sec = (int64_t)(target / 1000000000);
	deadline.nsec = (int64_t)(target % 1000000000);
	CHECK_EQ(write(t, &deadline, sizeof(deadline)), (long)sizeof(deadline));
	CHECK_ERRNO(read(t, &now, sizeof(now)), EAGAIN);   /* not yet */
	CHECK_EQ(read(q, &ev, sizeof(ev)), (long)sizeof(ev));      /* blocks until then */
	CHECK(ev.data == 77 && ev.flags == EVENT_READ);
	CHECK_EQ(read(t, &now, sizeof(now)), (long)sizeof(now));
	CHECK(ts_ns(&now) >= target);
	close(q);
	close(t);
}

/* PIT channel 0, mode 0 (one interrupt at terminal count), count ticks. */
static void pit_one_shot(unsigned count)
{
	outb(0x30, 0x43);
	outb((unsigned char)(count & 0xff), 0x40);
	outb((unsigned char)(count >> 8), 0x40);
}

TEST(irq_delivers_a_real_interrupt_and_waits_for_the_ack)
{
	uint64_t n1, n2, ack = 1;

	CHECK_EQ(ioperm(0x40, 4, 1), 0);
	pit_one_shot(0xffff);                   /* stop the BIOS's periodic mode */
	int fd = open("irq:0", O_RDWR);
	CHECK(fd >= 0);
	CHECK_ERRNO(open("irq:0", O_RDWR), EBUSY);
	CHECK_EQ(read(fd, &n1, sizeof(n1)), 8);         /* the one-shot fires */
	CHECK(n1 >= 1);
	CHECK_EQ(write(fd, &ack, sizeof(ack)), 8);
	/* Mode 0 fires once: nothing more until it is programmed again. */
	utest_sleep_ms(100);
	int fl = fcntl(fd, F_GETFL);
	CHECK_EQ(fcntl(fd, F_SETFL, fl | O_NONBLOCK), 0);
	CHECK_ERRNO(read(fd, &n2, sizeof(n2)), EAGAIN);
	CHECK_EQ(fcntl(fd, F_SETFL, fl), 0);
	pit_one_shot(1000);
	CHECK_EQ(read(fd, &n2, sizeof(n2)), 8);
	CHECK_EQ(n2, n1 + 1);
	CHECK_EQ(write(fd, &ack, sizeof(ack)), 8);
	close(fd);
	CHECK_EQ(ioperm(0x40, 4, 0), 0);
	CHECK_ERRNO(open("irq:99", O_RDWR), ENOENT);
	CHECK_ERRNO(open("irq:18446744073709551616", O_RDWR), ENOENT);     /* 2^64: not 0 */
	CHECK_ERRNO(open("irq:0z", O_RDWR), ENOENT);
}

TEST(ports_and_irqs_are_denied_without_privilege)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(setuid(1000) == 0);
		errno = 0;
		CHILD_CHECK(open("irq:0", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(ioperm(0x40, 4, 1) == -1 && errno == EPERM);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	/* A port never granted faults. */
	pid = utest_fork();
	if (pid == 0) {
		outb(0, 0x80);
		_exit(0);
	}
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}
