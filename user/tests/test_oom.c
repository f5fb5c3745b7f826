// SPDX-License-Identifier: MIT
/*
 * Running out of memory: a process that keeps touching new memory is
 * stopped (its mmap fails with ENOMEM, or the kernel kills it when a page
 * cannot be had), while the kernel and everyone else go on. It runs on
 * small machines only (the system test userspace_bios_128m boots one).
 */
#include "utest.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

#define CHUNK (8ul << 20)
#define HOG_MMAP_FAILED 42

/* Touches chunk after chunk until something gives. */
static void hog(void)
{
	for (;;) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(errno == ENOMEM ? HOG_MMAP_FAILED : 1);
		for (size_t off = 0; off < CHUNK; off += 4096)
			p[off] = 1;
	}
}

/* Filling a big machine's memory under emulation takes too long. */
#define OOM_TEST_MAX_PAGES (192ul << 8)        /* 192 MiB */

TEST(memory_hog_is_stopped_and_the_system_goes_on)
{
	abi_sysinfo_t before, after;
	int status;

	CHECK(tessera_sysinfo(&before) == 0);
	if (before.total_pages > OOM_TEST_MAX_PAGES)
		SKIP("more than 192 MiB of memory (the oom system test boots with 128M)");
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		hog();
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
	      (WIFEXITED(status) && WEXITSTATUS(status) == HOG_MMAP_FAILED));
	/* Everything the hog had is back, and new processes still run. */
	CHECK(tessera_sysinfo(&after) == 0);
	CHECK(after.free_pages + 64 >= before.free_pages);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(7);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}
