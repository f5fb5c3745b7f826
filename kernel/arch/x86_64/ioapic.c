// SPDX-License-Identifier: MIT
/*
 * The legacy 8259 PICs are remapped away from the exception vectors and
 * masked for good; device interrupts come through the I/O APICs, whose
 * redirection entries start masked and are routed when a driver asks.
 */
#include <arch/lapic.h>

#include <arch/cpu.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <log.h>
#include <mm.h>
#include <platform.h>

#define IOAPIC_REGSEL 0x00
#define IOAPIC_WINDOW 0x10
#define IOAPIC_REG_VERSION 0x01
#define IOAPIC_REDIR(n) (0x10 + 2 * (n))

static uint32_t ioapic_read(volatile uint32_t *base, uint32_t reg)
{
	base[IOAPIC_REGSEL / 4] = reg;
	return base[IOAPIC_WINDOW / 4];
}

static void ioapic_write(volatile uint32_t *base, uint32_t reg, uint32_t v)
{
	base[IOAPIC_REGSEL / 4] = reg;
	base[IOAPIC_WINDOW / 4] = v;
}

void pic_disable(void)
{
	/* ICW1-4: cascade, vectors 0x20/0x28, then mask every line. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void ioapic_init(void)
{
	for (uint32_t i = 0; i < platform.madt.ioapic_count; i++) {
		volatile uint32_t *base = vmm_map_phys(platform.madt.ioapics[i].addr,
						      PAGE_SIZE, VM_WRITE | VM_NOCACHE);
		uint32_t entries = ((ioapic_read(base, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;

		for (uint32_t n = 0; n < entries; n++) {
			ioapic_write(base, IOAPIC_REDIR(n), 1u << 16);   /* masked */
			ioapic_write(base, IOAPIC_REDIR(n) + 1, 0);
		}
		klog("ioapic: id %u at %#lx, GSIs %u-%u, all masked",
		     platform.madt.ioapics[i].id, platform.madt.ioapics[i].addr,
		     platform.madt.ioapics[i].gsi_base,
		     platform.madt.ioapics[i].gsi_base + entries - 1);
	}
}

/* The I/O APIC serving gsi and its mapped registers; NULL if none. */
static volatile uint32_t *ioapic_for(uint32_t gsi, uint32_t *index)
{
	for (uint32_t i = 0; i < platform.madt.ioapic_count; i++) {
		volatile uint32_t *base = vmm_map_phys(platform.madt.ioapics[i].addr, PAGE_SIZE,
						       VM_WRITE | VM_NOCACHE);
		uint32_t first = platform.madt.ioapics[i].gsi_base;
		uint32_t entries = ((ioapic_read(base, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
		if (gsi >= first && gsi < first + entries) {
			*index = gsi - first;
			return base;
		}
	}
	return NULL;
}

/*
 * An ISA IRQ's global system interrupt, polarity and trigger: identity,
 * edge, active high unless the MADT overrides it. Lines past the ISA
 * range are PCI's: level-triggered, active low.
 */
int ioapic_resolve(uint32_t irq, uint32_t *gsi, bool *level, bool *active_low)
{
	*gsi = irq;
	*level = *active_low = irq >= 16;
	for (uint32_t i = 0; irq < 16 && i < platform.madt.iso_count; i++) {
		if (platform.madt.isos[i].bus_irq != irq)
			continue;
		uint16_t fl = platform.madt.isos[i].flags;
		*gsi = platform.madt.isos[i].gsi;
		if ((fl & 3) == 3)
			*active_low = true;
		if (((fl >> 2) & 3) == 3)
			*level = true;
	}
	uint32_t index;
	return ioapic_for(*gsi, &index) ? 0 : -1;
}

void ioapic_route(uint32_t gsi, uint8_t vector, bool level, bool active_low, bool masked)
{
	uint32_t index;
	volatile uint32_t *base = ioapic_for(gsi, &index);

	if (!base)
		return;
	uint32_t lo = vector | (active_low ? 1u << 13 : 0) | (level ? 1u << 15 : 0) |
		      (masked ? 1u << 16 : 0);
	ioapic_write(base, IOAPIC_REDIR(index) + 1, cpu_table[0].apic_id << 24);
	ioapic_write(base, IOAPIC_REDIR(index), lo);
}

void ioapic_set_masked(uint32_t gsi, bool masked)
{
	uint32_t index;
	volatile uint32_t *base = ioapic_for(gsi, &index);

	if (!base)
		return;
	uint32_t lo = ioapic_read(base, IOAPIC_REDIR(index));
	ioapic_write(base, IOAPIC_REDIR(index), masked ? lo | (1u << 16) : lo & ~(1u << 16));
}
