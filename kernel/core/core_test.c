// SPDX-License-Identifier: MIT
/*
 * Self-tests of the kernel's own services: the clock, the log ring and
 * the symbol table behind backtraces.
 */
#include <clock.h>
#include <ktest.h>
#include <log.h>
#include <panic.h>
#include <string.h>

KTEST(clock_advances_and_delays_at_least_as_asked)
{
	uint64_t t0 = clock_ns();

	clock_delay_ns(5000000);
	uint64_t t1 = clock_ns();
	KCHECK(clock_tsc_hz() > 0);
	KCHECK(t1 >= t0 + 5000000);
	KCHECK(clock_ns() >= t1);
	return true;
}

KTEST(log_ring_holds_the_latest_lines)
{
	char buf[256];

	klog("ktest: marker 7f3a");
	size_t n = klog_read_ring(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	KCHECK(n > 0);
	KCHECK(strlen(buf) == n);
	bool found = false;
	for (size_t i = 0; i + 4 <= n && !found; i++)
		found = memcmp(buf + i, "7f3a", 4) == 0;
	KCHECK(found);
	return true;
}

KTEST(symbol_table_names_kernel_functions)
{
	uint64_t off;

	KCHECK(strcmp(ksym_name((uint64_t)klog_v, &off), "klog_v") == 0);
	KCHECK(off == 0);
	KCHECK(strcmp(ksym_name((uint64_t)klog_v + 3, &off), "klog_v") == 0);
	KCHECK(off == 3);
	KCHECK(strcmp(ksym_name(0x1000, &off), "?") == 0);
	return true;
}
