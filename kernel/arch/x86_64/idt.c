// SPDX-License-Identifier: MIT
/*
 * One IDT for all CPUs: 256 interrupt gates pointing at the stubs in
 * traps.S (each 16 bytes apart). Double fault, NMI and machine check
 * switch to their IST stacks, so a kernel stack overflow still reports.
 */
#include <arch/percpu.h>
#include <arch/trap.h>

typedef struct __attribute__((packed)) idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} idt_gate_t;
_Static_assert(sizeof(idt_gate_t) == 16, "the gate layout is fixed by the CPU");

#define GATE_INTERRUPT 0x8e     /* present, DPL 0, 64-bit interrupt gate */
#define TRAP_STUB_SIZE 16

extern char trap_stubs_start[];
static idt_gate_t idt[256];

static void idt_set_gate(unsigned vector, uint8_t ist)
{
	uint64_t addr = (uint64_t)trap_stubs_start + vector * TRAP_STUB_SIZE;

	idt[vector] = (idt_gate_t){
		.offset_low = addr & 0xffff,
		.selector = SEL_KERNEL_CODE,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_high = addr >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		idt_set_gate(v, 0);
	idt_set_gate(2, IST_NMI);
	idt_set_gate(8, IST_DOUBLE_FAULT);
	idt_set_gate(18, IST_MACHINE_CHECK);
}

void idt_load(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} ptr = { sizeof(idt) - 1, (uint64_t)idt };

	__asm__ volatile("lidt %0" : : "m"(ptr));
}
