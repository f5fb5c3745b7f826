// SPDX-License-Identifier: MIT
/*
 * The self-test runner: every KTEST in link order, one line each, and the
 * summary line the harness reads. Tests run on the BSP with interrupts
 * enabled, after every subsystem is up.
 */
#include <ktest.h>

extern const ktest_t __ktests_start[], __ktests_end[];

bool selftest_run(void)
{
	unsigned passed = 0, failed = 0;

	klog("selftest: running %u kernel tests",
	     (unsigned)(__ktests_end - __ktests_start));
	for (const ktest_t *t = __ktests_start; t < __ktests_end; t++) {
		bool ok = t->fn();
		klog("ktest: %s %s", ok ? "ok  " : "FAIL", t->name);
		if (ok)
			passed++;
		else
			failed++;
	}
	klog("selftest: %u passed, %u failed", passed, failed);
	return failed == 0;
}
