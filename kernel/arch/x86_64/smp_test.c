// SPDX-License-Identifier: MIT
/*
 * Self-tests of the CPUs: every CPU the firmware lists came online, and
 * each one keeps taking timer interrupts and waking from hlt in its idle
 * loop. Waits are bounded by the clock, generously, for slow emulators.
 */
#include <arch/percpu.h>
#include <clock.h>
#include <ktest.h>
#include <platform.h>
#include <sched.h>
#include <smp.h>

#define TICKS_WANTED 5
#define WAIT_LIMIT_NS 10000000000ull

KTEST(every_listed_cpu_is_online)
{
	uint32_t enabled = 0;

	for (uint32_t i = 0; i < platform.madt.cpu_count; i++)
		enabled += platform.madt.cpus[i].enabled;
	KCHECK(cpu_count == (enabled < MAX_CPUS ? enabled : MAX_CPUS));
	KCHECK(smp_online_count() == cpu_count);
	for (uint32_t i = 0; i < cpu_count; i++)
		KCHECK(cpu_table[i].online);
	return true;
}

static bool all_cpus_advanced(const uint64_t *ticks0, const uint64_t *idle0)
{
	for (uint32_t i = 0; i < cpu_count; i++) {
		if (cpu_table[i].timer_ticks < ticks0[i] + TICKS_WANTED)
			return false;
		/* The CPU running this test is busy, not idling. */
		if (i != cpu_current_id() && cpu_table[i].idle_wakeups < idle0[i] + TICKS_WANTED)
			return false;
	}
	return true;
}

KTEST(every_cpu_takes_timer_interrupts_and_idles)
{
	uint64_t ticks0[MAX_CPUS], idle0[MAX_CPUS];
	uint64_t deadline = clock_ns() + WAIT_LIMIT_NS;

	for (uint32_t i = 0; i < cpu_count; i++) {
		ticks0[i] = cpu_table[i].timer_ticks;
		idle0[i] = cpu_table[i].idle_wakeups;
	}
	while (!all_cpus_advanced(ticks0, idle0) && clock_ns() < deadline)
		sched_sleep_until(clock_ns() + 10000000);
	for (uint32_t i = 0; i < cpu_count; i++)
		klog("ktest: cpu %u: %lu timer ticks, %lu idle wakeups", i,
		     cpu_table[i].timer_ticks - ticks0[i],
		     cpu_table[i].idle_wakeups - idle0[i]);
	KCHECK(all_cpus_advanced(ticks0, idle0));
	return true;
}

KTEST(each_cpu_has_its_own_gdt_tss_and_stacks)
{
	for (uint32_t i = 0; i < cpu_count; i++) {
		KCHECK(cpu_table[i].self == &cpu_table[i]);
		KCHECK(cpu_table[i].tss.ist[0] != 0);
		KCHECK(cpu_table[i].stack_top != 0);
		for (uint32_t j = 0; j < i; j++) {
			KCHECK(cpu_table[i].tss.ist[0] != cpu_table[j].tss.ist[0]);
			KCHECK(cpu_table[i].stack_top != cpu_table[j].stack_top);
			KCHECK(cpu_table[i].apic_id != cpu_table[j].apic_id);
		}
	}
	KCHECK(cpu_current() == &cpu_table[0]);
	return true;
}
