// SPDX-License-Identifier: MIT
/*
 * Deliberate kernel faults, for testing the panic report: the kernel
 * command line option `crashtest=KIND` runs one after boot. Each fault
 * sits a few calls deep, in functions kept out of line, so the backtrace
 * has frames to show.
 */
#include <crashtest.h>

#include <lib/cmdline.h>
#include <log.h>
#include <panic.h>
#include <string.h>

static volatile uint64_t crashtest_sink;

/*
 * Called after each fault so the faulting functions are not leaves: gcc
 * gives leaf functions no frame, and their caller would be missing from
 * the backtrace.
 */
__attribute__((noinline)) static void crashtest_after(void)
{
	crashtest_sink++;
}

__attribute__((noinline)) static void crashtest_page_fault(void)
{
	crashtest_sink = *(volatile uint64_t *)0xdead000;
	crashtest_after();
}

__attribute__((noinline)) static void crashtest_invalid_opcode(void)
{
	__asm__ volatile("ud2");
	crashtest_after();
}

__attribute__((noinline)) static void crashtest_divide_error(void)
{
	volatile uint64_t zero = 0;
	crashtest_sink = 100 / zero;
	crashtest_after();
}

/*
 * Recursion deep enough to run into the stack's guard page: the page fault
 * cannot push its frame there either, so the CPU raises a double fault,
 * which its IST stack catches.
 */
__attribute__((noinline)) static void crashtest_stack_overflow(uint64_t depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth < (1ul << 40))
		crashtest_stack_overflow(depth + 1);
	crashtest_sink += pad[0];
}

static void crashtest_stack_overflow_start(void)
{
	crashtest_stack_overflow(0);
}

__attribute__((noinline)) static void crashtest_panic(void)
{
	panic("crashtest: deliberate panic");
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashtest_kinds[] = {
	{ "pagefault", crashtest_page_fault },
	{ "ud", crashtest_invalid_opcode },
	{ "divide", crashtest_divide_error },
	{ "panic", crashtest_panic },
	{ "stackoverflow", crashtest_stack_overflow_start },
};

__attribute__((noinline)) static void crashtest_dispatch(const char *kind)
{
	for (size_t i = 0; i < sizeof(crashtest_kinds) / sizeof(crashtest_kinds[0]); i++) {
		if (strcmp(kind, crashtest_kinds[i].name) == 0) {
			klog("crashtest: triggering %s", kind);
			crashtest_kinds[i].fn();
			crashtest_after();
			return;
		}
	}
	klog("crashtest: unknown kind '%s' (pagefault, ud, divide, panic, stackoverflow)", kind);
}

void crashtest_run(const char *cmdline)
{
	char kind[32];

	if (cmdline_get(cmdline, "crashtest", kind, sizeof(kind)) == 0)
		crashtest_dispatch(kind);
}
