// SPDX-License-Identifier: MIT
/*
 * kmain: the boot CPU's path from the assembly entry to an idle system.
 * Order matters and is the order of dependencies: the serial log first (so
 * everything after can report), the boot information (copied before the
 * frame allocator may reuse its memory), frames, page tables, heap, the
 * CPU's own tables, the framebuffer log, ACPI, the clock, the interrupt
 * controllers, and finally the other CPUs.
 */
#include <abi/proc.h>
#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/mmu.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <boot.h>
#include <clock.h>
#include <console.h>
#include <crashtest.h>
#include <initfs_boot.h>
#include <ktest.h>
#include <lib/cmdline.h>
#include <log.h>
#include <machine.h>
#include <mm.h>
#include <panic.h>
#include <platform.h>
#include <proc.h>
#include <scheme.h>
#include <sched.h>
#include <smp.h>
#include <version.h>

extern char boot_stack_bottom[], boot_stack_top[];

static void kmain_report_boot(void)
{
	klog("Tessera %s booting (x86_64, %s via %s)", TESSERA_VERSION,
	     boot_info.efi_boot ? "UEFI" : "BIOS",
	     boot_info.loader_name ? boot_info.loader_name : "unknown loader");
	klog("boot: command line \"%s\"", kernel_cmdline);
	for (size_t i = 0; i < boot_info.mmap_count; i++)
		klog("mmap: 0x%012lx-0x%012lx type %u", boot_info.mmap[i].base,
		     boot_info.mmap[i].base + boot_info.mmap[i].length - 1,
		     boot_info.mmap[i].type);
}

static void kmain_bsp_cpu(void)
{
	cpu_t *bsp = &cpu_table[0];

	bsp->stack_bottom = (uintptr_t)boot_stack_bottom;
	bsp->stack_top = (uintptr_t)boot_stack_top;
	cpu_setup(bsp);
	percpu_ready = true;
	sched_init_cpu();
	machine_init();
}

static void kmain_interrupts(void)
{
	pic_disable();
	lapic_init(platform.madt.lapic_addr);
	lapic_init_cpu();
	cpu_table[0].apic_id = lapic_id();
	ioapic_init();
	lapic_timer_calibrate();
	lapic_timer_start();
	cpu_table[0].online = true;
	irq_enable();
}

static void kmain_late(void *arg)
{
	(void)arg;
	crashtest_run(kernel_cmdline);
	if (cmdline_has(kernel_cmdline, "selftest"))
		machine_finish(selftest_run());
	scheme_debug_init();
	scheme_pipe_init();
	scheme_event_init();
	scheme_sys_init();
	scheme_initfs_init();
	scheme_proc_init();
	scheme_memory_init();
	scheme_time_init();
	scheme_irq_init();
	if (initfs_boot_init()) {
		klog("kernel: boot complete; starting init");
		proc_start_init();
	} else {
		klog("kernel: boot complete; no initfs, so no init program: idling");
	}
}

void kmain(uint32_t magic, uint64_t mbi_phys)
{
	clock_mark_boot();
	serial_init();
	idt_init();
	idt_load();
	trap_init();
	boot_info_load(magic, mbi_phys);
	machine_test_mode = cmdline_has(kernel_cmdline, "test") ||
			    cmdline_has(kernel_cmdline, "selftest");
	kmain_report_boot();

	pmm_init(&boot_info);
	vmm_init(&boot_info);
	heap_init();
	kmain_bsp_cpu();
	tlb_init();
	if (boot_info.has_framebuffer && !fbcon_init(&boot_info.fb))
		klog("fbcon: unsupported framebuffer (%u bpp); serial only",
		     boot_info.fb.bpp);

	acpi_init(&boot_info);
	clock_init();
	clock_realtime_init();
	kmain_interrupts();
	smp_init();
	klog("mm: %lu of %lu pages free", pmm_free_pages(), pmm_total_pages());

	/* The rest runs as a thread: this context becomes CPU 0's idle thread. */
	if (!kthread_create("kmain", kmain_late, NULL, PRIORITY_DEFAULT))
		panic("kmain: cannot create the first kernel thread");
	cpu_idle_loop();
}
