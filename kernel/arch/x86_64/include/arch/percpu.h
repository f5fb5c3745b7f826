// SPDX-License-Identifier: MIT
/*
 * Per-CPU state. Each CPU's GS base points at its cpu_t, whose first field
 * points at itself, so `mov %gs:0` yields the current CPU in one load.
 * Only the owning CPU writes its cpu_t after bring-up, except where a
 * field says otherwise.
 */
#pragma once

#define MAX_CPUS 64
#define GDT_ENTRIES 8

/* Selectors, in the order sysret requires (user data just below user code). */
#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_CODE32 0x18
#define SEL_USER_DATA   0x20
#define SEL_USER_CODE   0x28
#define SEL_TSS         0x30

/* Interrupt stack table slots (1-based, as the IDT names them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE_CHECK 3
#define IST_COUNT        3

#define IO_BITMAP_BYTES  8192   /* one bit per I/O port */

#define CPU_OFFSET_KERNEL_STACK 8
#define CPU_OFFSET_USER_RSP     16

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

typedef struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} tss_t;
_Static_assert(sizeof(tss_t) == 104, "the TSS layout is fixed by the CPU");

struct thread;

typedef struct cpu {
	struct cpu *self;               /* %gs:0; must stay first */
	uint64_t kernel_stack_top;      /* %gs:8: the running thread's (syscall entry) */
	uint64_t user_rsp_scratch;      /* %gs:16: user rsp during syscall entry */
	struct thread *current;         /* %gs:24 */
	uint32_t id;                    /* 0 .. cpu_count-1; 0 is the BSP */
	struct address_space *loaded_as; /* user tables in CR3, or NULL */
	uint32_t apic_id;
	uintptr_t stack_top;            /* this CPU's boot/idle stack */
	uintptr_t stack_bottom;
	/* Written by this CPU, read by any (tests, statistics): */
	volatile uint64_t timer_ticks;
	volatile uint64_t idle_wakeups;
	volatile bool online;
	tss_t tss __attribute__((aligned(16)));
	/* The TSS's I/O permission bitmap, right after it (a set bit
	 * denies the port), and the final all-ones byte the CPU wants. */
	uint8_t io_bitmap[IO_BITMAP_BYTES + 1];
	uint64_t io_bitmap_id;          /* whose bitmap is loaded (0: none) */
	uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
	uintptr_t ist_top[IST_COUNT];
} cpu_t;

_Static_assert(__builtin_offsetof(cpu_t, io_bitmap) == __builtin_offsetof(cpu_t, tss) + 104,
	       "the I/O bitmap follows the TSS");
_Static_assert(__builtin_offsetof(cpu_t, kernel_stack_top) == CPU_OFFSET_KERNEL_STACK,
	       "syscall.S reads this offset");
_Static_assert(__builtin_offsetof(cpu_t, user_rsp_scratch) == CPU_OFFSET_USER_RSP,
	       "syscall.S reads this offset");

extern cpu_t cpu_table[MAX_CPUS];
extern uint32_t cpu_count;          /* CPUs described by the firmware */

static inline cpu_t *cpu_current(void)
{
	cpu_t *c;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(c));
	return c;
}

/* Loads this CPU's GDT, TSS and GS base; the IDT is shared. */
void cpu_setup(cpu_t *c);
void idt_load(void);
void idt_init(void);

/* Set once the BSP's GS base points at its cpu_t. */
extern bool percpu_ready;

static inline uint32_t cpu_current_id(void)
{
	return percpu_ready ? cpu_current()->id : 0;
}
#endif /* __ASSEMBLY__ */
