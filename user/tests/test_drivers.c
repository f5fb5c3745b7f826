// SPDX-License-Identifier: MIT
/*
 * Driver privileges and the kernel resources behind them: ports (ioperm),
 * interrupts (irq:, irq:msi), device and DMA memory (memory:phys,
 * memory:dma) and the ACPI tables (sys:acpi). init runs the test programs
 * with every privilege; each check that they are refused runs in a child
 * that dropped them — as root, since being root is not what grants them.
 * An MSI vector is made to fire by a self-IPI through the local APIC (no
 * device needed), which checks the delivery path and the message fpath
 * names. A privileged process killed by a signal is reported in the
 * kernel log as a crashed driver, by the name init would give it.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <tessera/sys.h>
#include <unistd.h>

static bool fd_path(int fd, char *buf, size_t size)
{
	return tessera_fpath(fd, buf, size) > 0;
}

TEST(privileges_are_held_by_tests_and_only_drop)
{
	CHECK_EQ(tessera_privileges(ABI_PRIV_ALL, NULL), ABI_PRIV_ALL);
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_privileges(ABI_PRIV_IRQ | ABI_PRIV_PHYS, NULL) ==
			    (int)(ABI_PRIV_IRQ | ABI_PRIV_PHYS));
		CHILD_CHECK(tessera_privileges(ABI_PRIV_ALL, NULL) ==
			    (int)(ABI_PRIV_IRQ | ABI_PRIV_PHYS));     /* not regained */
		CHILD_CHECK(tessera_privileges(ABI_PRIV_IRQ, NULL) == (int)ABI_PRIV_IRQ);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(tessera_privileges(ABI_PRIV_ALL, NULL), ABI_PRIV_ALL);   /* the parent's stay */
}

TEST(without_privileges_root_gets_eperm)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_privileges(0, NULL) == 0);
		CHILD_CHECK(getuid() == 0);
		errno = 0;
		CHILD_CHECK(ioperm(0x40, 4, 1) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("irq:0", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("irq:msi", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("memory:phys/0xfee00000/4096", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("memory:dma/4096", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("sys:acpi/APIC", O_RDONLY) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(tessera_privileges(0, "impostor") == -1 && errno == EPERM);
		/* Exec keeps what is left: nothing. */
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(each_privilege_grants_only_its_own_resources)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_privileges(ABI_PRIV_IO, NULL) == (int)ABI_PRIV_IO);
		CHILD_CHECK(ioperm(0x40, 4, 1) == 0);
		errno = 0;
		CHILD_CHECK(open("irq:msi", O_RDWR) == -1 && errno == EPERM);
		errno = 0;
		CHILD_CHECK(open("memory:dma/4096", O_RDWR) == -1 && errno == EPERM);
		CHILD_CHECK(tessera_privileges(0, NULL) == 0);
		errno = 0;
		CHILD_CHECK(ioperm(0x40, 4, 1) == -1 && errno == EPERM);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(becoming_a_user_drops_privileges)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(setuid(1000) == 0);
		CHILD_CHECK(tessera_privileges(ABI_PRIV_ALL, NULL) == 0);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
}

TEST(dma_memory_is_contiguous_below_4g_and_named_by_fpath)
{
	char path[96];
	uint64_t phys = 0, len = 0, phys2 = 0;
	int fd = open("memory:dma/12288", O_RDWR);

	CHECK(fd >= 0);
	CHECK(fd_path(fd, path, sizeof(path)));
	CHECK_EQ(sscanf(path, "memory:dma/%" SCNx64 "/%" SCNu64, &phys, &len), 2);
	CHECK_EQ(len, 12288);
	CHECK_EQ(phys % 4096, 0);
	CHECK(phys != 0 && phys + len <= (4ull << 30));
	uint8_t *p = mmap(NULL, 12288, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	for (size_t i = 0; i < 12288; i++)
		CHECK_EQ(p[i], 0);                      /* zeroed */
	memset(p, 0x5a, 12288);
	/* The same physical pages seen through memory:phys are refused: RAM. */
	snprintf(path, sizeof(path), "memory:phys/%#" PRIx64 "/4096", phys);
	CHECK_ERRNO(open(path, O_RDWR), EPERM);
	int fd2 = open("memory:dma/4096", O_RDWR);
	CHECK(fd2 >= 0);
	CHECK(fd_path(fd2, path, sizeof(path)));
	CHECK_EQ(sscanf(path, "memory:dma/%" SCNx64, &phys2), 1);
	CHECK(phys2 + 4096 <= phys || phys2 >= phys + 12288);  /* no overlap */
	close(fd2);
	/* Closing keeps the mapping: the pages live while mapped. */
	close(fd);
	CHECK_EQ(p[12287], 0x5a);
	CHECK_EQ(munmap(p, 12288), 0);
	CHECK_ERRNO(open("memory:dma/0", O_RDWR), EINVAL);
	CHECK_ERRNO(open("memory:dma/100", O_RDWR), EINVAL);
	CHECK_ERRNO(open("memory:dma/x", O_RDWR), EINVAL);
	CHECK_ERRNO(open("memory:dma/1073741824", O_RDWR), EINVAL);
}

TEST(dma_memory_goes_back_after_its_quarantine)
{
	abi_sysinfo_t before, held, after;

	utest_sleep_ms(2100);                   /* earlier tests' buffers are due */
	close(open("memory:dma/4096", O_RDWR));
	CHECK_EQ(tessera_sysinfo(&before), 0);
	for (int i = 0; i < 64; i++) {
		int fd = open("memory:dma/262144", O_RDWR);
		CHECK(fd >= 0);
		void *p = mmap(NULL, 262144, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		CHECK(p != MAP_FAILED);
		close(fd);
		CHECK_EQ(munmap(p, 262144), 0);
	}
	/* Released, but held back: a dead driver's device may still write. */
	CHECK_EQ(tessera_sysinfo(&held), 0);
	CHECK(held.free_pages + 2048 < before.free_pages);
	utest_sleep_ms(2100);
	close(open("memory:dma/4096", O_RDWR));        /* reclaims what is due */
	CHECK_EQ(tessera_sysinfo(&after), 0);
	/* 16 MiB went through; all of it is back (some slack for the heap). */
	CHECK(after.free_pages + 256 >= before.free_pages);
}

static bool msi_open(int *fd, uint64_t *addr, uint32_t *data)
{
	char path[96];

	*fd = open("irq:msi", O_RDWR);
	return *fd >= 0 && fd_path(*fd, path, sizeof(path)) &&
	       sscanf(path, "irq:msi/%" SCNx64 "/%" SCNx32, addr, data) == 2;
}

TEST(msi_vectors_are_distinct_messages)
{
	int a, b;
	uint64_t aa, ba;
	uint32_t ad, bd;

	CHECK(msi_open(&a, &aa, &ad));
	CHECK(msi_open(&b, &ba, &bd));
	CHECK_EQ(aa & 0xfff00fff, 0xfee00000);
	CHECK(ad != bd);
	CHECK(ad >= 0x40 && ad < 0x80 && bd >= 0x40 && bd < 0x80);
	close(b);
	close(a);
}

TEST(msi_self_ipi_fires_the_descriptor)
{
	int fd;
	uint64_t addr, count = 0;
	uint32_t data;

	CHECK(msi_open(&fd, &addr, &data));
	/* Run on the CPU the message targets? Any CPU will do: the IPI goes
	 * to ourselves with the vector the message carries, through the
	 * local APIC's interrupt command register. */
	volatile uint32_t *apic = NULL;
	int afd = open("memory:phys/0xfee00000/4096", O_RDWR);
	CHECK(afd >= 0);
	apic = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, afd, 0);
	CHECK(apic != MAP_FAILED);
	CHECK_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	CHECK_ERRNO(read(fd, &count, sizeof(count)), EAGAIN);   /* not fired yet */
	apic[0x300 / 4] = (1u << 18) | (data & 0xff);          /* self, fixed, edge */
	CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
	CHECK_EQ(read(fd, &count, sizeof(count)), 8);
	CHECK_EQ(count, 1);
	CHECK_EQ(write(fd, &count, sizeof(count)), 8);          /* acknowledge */
	apic[0x300 / 4] = (1u << 18) | (data & 0xff);
	CHECK_EQ(read(fd, &count, sizeof(count)), 8);
	CHECK_EQ(count, 2);
	munmap((void *)apic, 4096);
	close(afd);
	close(fd);
}

TEST(acpi_tables_are_readable_raw)
{
	uint8_t buf[8192];
	int fd = open("sys:acpi/APIC", O_RDONLY);

	CHECK(fd >= 0);
	ssize_t n = read(fd, buf, sizeof(buf));
	close(fd);
	CHECK(n >= 44);
	CHECK(memcmp(buf, "APIC", 4) == 0);
	uint32_t len;
	memcpy(&len, buf + 4, 4);
	CHECK_EQ(len, n);
	uint8_t sum = 0;
	for (ssize_t i = 0; i < n; i++)
		sum = (uint8_t)(sum + buf[i]);
	CHECK_EQ(sum, 0);                               /* the table's checksum */
	fd = open("sys:acpi/MCFG", O_RDONLY);           /* q35 has PCIe ECAM */
	CHECK(fd >= 0);
	CHECK(read(fd, buf, sizeof(buf)) >= 44 + 16);
	CHECK(memcmp(buf, "MCFG", 4) == 0);
	close(fd);
	fd = open("sys:acpi/DSDT", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, 4) == 4 && memcmp(buf, "DSDT", 4) == 0);
	close(fd);
	CHECK_ERRNO(open("sys:acpi/NONE", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("sys:acpi/APICX", O_RDONLY), ENOENT);
}

TEST(a_driver_killed_by_a_signal_is_logged_as_crashed)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(tessera_privileges(ABI_PRIV_IRQ, "crashy-driver") == (int)ABI_PRIV_IRQ);
		*(volatile int *)0 = 1;                 /* a NULL dereference */
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), SIGSEGV);
	CHECK(utest_kernel_log_has("Driver 'crashy-driver' crashed"));
	/* An ordinary program that crashes is not a driver; nor is a
	 * driver stopped with SIGTERM. */
	pid = utest_fork();
	if (pid == 0) {
		tessera_privileges(0, NULL);
		*(volatile int *)0 = 1;
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), SIGSEGV);
	CHECK(!utest_kernel_log_has("Driver 'test_drivers' crashed"));
	pid = utest_fork();
	if (pid == 0) {
		tessera_privileges(ABI_PRIV_IRQ, "stopped-driver");
		raise(SIGTERM);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), SIGTERM);
	CHECK(!utest_kernel_log_has("Driver 'stopped-driver' crashed"));
}
