// SPDX-License-Identifier: MIT
/*
 * Per-CPU descriptor tables. Every CPU owns a GDT (the TSS descriptor
 * differs) and a TSS whose IST stacks catch double faults, NMIs and
 * machine checks on known-good stacks, whatever state the normal stack is
 * in. The IST stacks come from the frame allocator through the direct map.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/context.h>
#include <arch/percpu.h>
#include <log.h>
#include <mm.h>
#include <panic.h>
#include <string.h>

cpu_t cpu_table[MAX_CPUS];
uint32_t cpu_count = 1;
bool percpu_ready;

static void gdt_fill(cpu_t *c)
{
	uint64_t tss = (uint64_t)&c->tss;
	uint64_t limit = sizeof(tss_t) + IO_BITMAP_BYTES;      /* bitmap + end byte */

	c->gdt[0] = 0;
	c->gdt[1] = 0x00af9a000000ffff;   /* kernel code, 64-bit */
	c->gdt[2] = 0x00cf92000000ffff;   /* kernel data */
	c->gdt[3] = 0x00cffa000000ffff;   /* user code, 32-bit (unused) */
	c->gdt[4] = 0x00cff2000000ffff;   /* user data */
	c->gdt[5] = 0x00affa000000ffff;   /* user code, 64-bit */
	/* 64-bit available TSS: a 16-byte descriptor. */
	c->gdt[6] = (limit & 0xffff) | ((tss & 0xffffff) << 16) |
		    (0x89ul << 40) | (((limit >> 16) & 0xf) << 48) |
		    (((tss >> 24) & 0xff) << 56);
	c->gdt[7] = tss >> 32;
}

static void gdt_load(cpu_t *c)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} ptr = { sizeof(c->gdt) - 1, (uint64_t)c->gdt };

	__asm__ volatile(
		"lgdt %0\n\t"
		"mov %1, %%ds\n\t"
		"mov %1, %%es\n\t"
		"mov %1, %%ss\n\t"
		"pushq %2\n\t"
		"lea 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(ptr), "r"((uint64_t)SEL_KERNEL_DATA), "i"(SEL_KERNEL_CODE),
		    "r"((uint64_t)SEL_TSS)
		: "rax", "memory");
}

static void tss_fill(cpu_t *c)
{
	memset(&c->tss, 0, sizeof(c->tss));
	c->tss.iomap_base = sizeof(tss_t);      /* every port denied until ioperm */
	memset(c->io_bitmap, 0xff, sizeof(c->io_bitmap));
	c->io_bitmap_id = 0;
	c->tss.rsp[0] = c->stack_top;
	for (int i = 0; i < IST_COUNT; i++) {
		if (!c->ist_top[i]) {
			void *stack = page_alloc_zeroed(IST_STACK_SIZE / PAGE_SIZE);
			if (!stack)
				panic("cpu %u: no memory for IST stacks", c->id);
			c->ist_top[i] = (uintptr_t)stack + IST_STACK_SIZE;
		}
		c->tss.ist[i] = c->ist_top[i];
	}
}

/* Read by traps.S: clac on entry only where the instruction exists. */
bool cpu_has_smap;

/* SSE for user threads; SMEP and SMAP where the CPU has them. */
static void cpu_enable_features(void)
{
	uint32_t r[4];

	cpuid(7, 0, r);
	if (r[1] & (1u << 7))
		write_cr4(read_cr4() | (1ul << 20));    /* SMEP */
	if (r[1] & (1u << 20)) {
		write_cr4(read_cr4() | (1ul << 21));    /* SMAP */
		cpu_has_smap = true;
	}
	arch_fpu_boot_init();
	if (cpu_current_id() == 0)
		klog("cpu: SMEP %s, SMAP %s, NX on", (r[1] & (1u << 7)) ? "on" : "absent",
		     cpu_has_smap ? "on" : "absent");
}

extern char syscall_entry[];

/* syscall/sysret: selectors in STAR, entry in LSTAR; IF, DF, TF, AC cleared. */
static void cpu_enable_syscall(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1);
	wrmsr(MSR_STAR, ((uint64_t)(SEL_USER_CODE32 | 3) << 48) |
			((uint64_t)SEL_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, RFLAGS_IF | (1ul << 10) | (1ul << 8) | (1ul << 18));
}

void cpu_setup(cpu_t *c)
{
	c->self = c;
	tss_fill(c);
	gdt_fill(c);
	gdt_load(c);
	/* %gs was reloaded as a null selector: set the base after that. */
	__asm__ volatile("mov %0, %%gs" : : "r"(0) );
	wrmsr(MSR_GS_BASE, (uint64_t)c);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	idt_load();
	cpu_enable_features();
	cpu_enable_syscall();
}
