// SPDX-License-Identifier: MIT
/*
 * SMP start-up with INIT-SIPI-SIPI, one application processor at a time
 * (they share the trampoline's parameter block). The trampoline page and
 * the three page tables after it sit in low memory that pmm set aside;
 * their upper half is the kernel's, so the AP lands in smp_ap_entry with
 * the kernel mapped and then switches to the kernel's own CR3.
 */
#include <smp.h>

#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/layout.h>
#include <arch/percpu.h>
#include <clock.h>
#include <log.h>
#include <mm.h>
#include <panic.h>
#include <platform.h>
#include <sched.h>
#include <string.h>

#define AP_START_TIMEOUT_NS 5000000000ull      /* generous: TCG is slow */

extern char ap_trampoline_start[], ap_trampoline_end[], ap_tramp_gdtr_base[],
	ap_tramp_farptr[], ap_tramp_cr3[], ap_tramp_stack[], ap_tramp_entry[],
	ap_tramp_cpu[], ap_tramp_started[], ap_tramp_long_mode[], ap_tramp_gdt[];

static uint32_t smp_online = 1;

#define TRAMP_FIELD(base, sym, type) \
	((volatile type *)((base) + ((sym) - ap_trampoline_start)))

uint32_t smp_online_count(void)
{
	return __atomic_load_n(&smp_online, __ATOMIC_ACQUIRE);
}

static void smp_ap_entry(cpu_t *c)
{
	/* Tables first (the trampoline's GDT is only mapped in its own CR3). */
	cpu_setup(c);
	write_cr3(vmm_kernel_root());
	sched_init_cpu();
	lapic_init_cpu();
	lapic_timer_start();
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	__atomic_fetch_add(&smp_online, 1, __ATOMIC_ACQ_REL);
	cpu_idle_loop();
}

/* Copies the trampoline and builds its page tables at base. */
static uint8_t *smp_trampoline_prepare(uint64_t base)
{
	uint8_t *t = vmm_map_phys(base, 0x4000, VM_WRITE | VM_EXEC);
	uint64_t *pml4 = (uint64_t *)(t + 0x1000);
	uint64_t *pdpt = (uint64_t *)(t + 0x2000);
	uint64_t *pd = (uint64_t *)(t + 0x3000);
	const uint64_t *kernel_pml4 = phys_to_virt(vmm_kernel_root());

	memset(t, 0, 0x4000);
	memcpy(t, ap_trampoline_start, ap_trampoline_end - ap_trampoline_start);
	pml4[0] = (base + 0x2000) | 3;
	pdpt[0] = (base + 0x3000) | 3;
	pd[0] = 0 | 0x83;                       /* identity 2 MiB page */
	for (int i = 256; i < 512; i++)
		pml4[i] = kernel_pml4[i];
	*TRAMP_FIELD(t, ap_tramp_gdtr_base, uint32_t) =
		(uint32_t)(base + (ap_tramp_gdt - ap_trampoline_start));
	*TRAMP_FIELD(t, ap_tramp_farptr, uint32_t) =
		(uint32_t)(base + (ap_tramp_long_mode - ap_trampoline_start));
	*TRAMP_FIELD(t, ap_tramp_cr3, uint64_t) = base + 0x1000;
	*TRAMP_FIELD(t, ap_tramp_entry, uint64_t) = (uint64_t)smp_ap_entry;
	return t;
}

static bool smp_wait_flag(volatile bool *flag, uint64_t ns)
{
	uint64_t end = clock_ns() + ns;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		if (clock_ns() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static bool smp_start_ap(uint8_t *t, uint64_t base, cpu_t *c)
{
	void *stack = page_alloc_zeroed(KERNEL_STACK_SIZE / PAGE_SIZE);

	if (!stack)
		return false;
	c->stack_bottom = (uintptr_t)stack;
	c->stack_top = (uintptr_t)stack + KERNEL_STACK_SIZE;
	*TRAMP_FIELD(t, ap_tramp_stack, uint64_t) = c->stack_top;
	*TRAMP_FIELD(t, ap_tramp_cpu, uint64_t) = (uint64_t)c;
	*TRAMP_FIELD(t, ap_tramp_started, uint8_t) = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	lapic_send_init(c->apic_id);
	clock_delay_ns(10000000);
	lapic_send_startup(c->apic_id, (uint32_t)(base >> 12));
	clock_delay_ns(200000);
	if (!*TRAMP_FIELD(t, ap_tramp_started, uint8_t))
		lapic_send_startup(c->apic_id, (uint32_t)(base >> 12));
	return smp_wait_flag(&c->online, AP_START_TIMEOUT_NS);
}

/* Numbers the CPUs from the MADT, BSP first. */
static void smp_enumerate(void)
{
	uint32_t bsp_apic = lapic_id();
	uint32_t n = 1;

	cpu_table[0].apic_id = bsp_apic;
	for (uint32_t i = 0; i < platform.madt.cpu_count && n < MAX_CPUS; i++) {
		if (!platform.madt.cpus[i].enabled || platform.madt.cpus[i].apic_id == bsp_apic)
			continue;
		/* xAPIC IPIs carry 8-bit ids and 0xff is broadcast. */
		if (platform.madt.cpus[i].apic_id > 254 && !lapic_is_x2apic()) {
			klog("smp: CPU with APIC id %u needs x2APIC, not supported yet; skipped",
			     platform.madt.cpus[i].apic_id);
			continue;
		}
		cpu_table[n].id = n;
		cpu_table[n].apic_id = platform.madt.cpus[i].apic_id;
		n++;
	}
	cpu_count = n;
}

void smp_init(void)
{
	uint64_t base = pmm_trampoline_base();
	uint8_t *t;

	smp_enumerate();
	if (cpu_count > 1 && !base)
		klog("smp: no low memory for the start-up trampoline; using 1 CPU");
	if (cpu_count > 1 && base) {
		t = smp_trampoline_prepare(base);
		for (uint32_t i = 1; i < cpu_count; i++) {
			if (smp_start_ap(t, base, &cpu_table[i]))
				continue;
			klog("smp: CPU %u (APIC id %u) did not start", i, cpu_table[i].apic_id);
			/* If it got as far as the trampoline it may still be
			 * running it: reusing the parameter block for the next
			 * CPU could give both the same stack. Stop here. */
			if (*TRAMP_FIELD(t, ap_tramp_started, uint8_t)) {
				klog("smp: it is half-started; not starting more CPUs");
				break;
			}
		}
	}
	klog("smp: %u CPU%s online", smp_online_count(),
	     smp_online_count() == 1 ? "" : "s");
}
