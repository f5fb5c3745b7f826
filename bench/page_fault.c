// SPDX-License-Identifier: MIT
/*
 * page_fault: the cost of demand paging, in ns per page. Each round maps
 * PAGE_FAULT_PAGES anonymous private pages (4 MiB), writes one byte to
 * each page, so each write takes a fault that allocates and zeroes a
 * frame and maps it, and unmaps the region again. Only the writes are
 * timed; mmap and munmap (which frees the frames) are not.
 *
 * A write, not a read: a read fault may map a shared zero page (Linux
 * does) and skip the allocation. On Linux the region is also kept out of
 * transparent huge pages where the header offers MADV_NOHUGEPAGE, or one
 * fault would fill 512 pages.
 */
#define BENCH_NAME "page_fault"
#include "bench.h"

#include <sys/mman.h>

#define PAGE_FAULT_PAGES 1024

static size_t page_fault_page;

static uint64_t page_fault_run(uint64_t n)
{
	uint64_t total = 0;

	while (n) {
		size_t pages = n < PAGE_FAULT_PAGES ? (size_t)n : PAGE_FAULT_PAGES;
		size_t len = pages * page_fault_page;
		volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t start;

		if (p == MAP_FAILED)
			bench_fail("mmap");
#ifdef MADV_NOHUGEPAGE
		if (madvise((void *)p, len, MADV_NOHUGEPAGE) < 0)
			bench_fail("madvise");
#endif
		start = bench_now_ns();
		for (size_t i = 0; i < pages; i++)
			p[i * page_fault_page] = 1;
		total += bench_now_ns() - start;
		if (munmap((void *)p, len) < 0)
			bench_fail("munmap");
		n -= pages;
	}
	return total;
}

int main(void)
{
	page_fault_page = bench_page_size();
	bench_run("ns", 1, page_fault_run);
	return 0;
}
