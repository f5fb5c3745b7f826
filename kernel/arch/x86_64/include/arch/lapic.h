// SPDX-License-Identifier: MIT
/*
 * The local APIC (xAPIC, memory-mapped) and the I/O APIC. Each CPU calls
 * lapic_init_cpu for itself; the timer is calibrated once, on the BSP,
 * against the TSC clock, and every CPU then runs it periodically at
 * TIMER_HZ on VEC_TIMER.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define TIMER_HZ 100

void lapic_init(uint64_t phys_base);     /* maps it; BSP, once */
void lapic_init_cpu(void);
uint32_t lapic_id(void);
bool lapic_is_x2apic(void);
void lapic_eoi(void);
void lapic_timer_calibrate(void);
void lapic_timer_start(void);
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint32_t page);
void lapic_send_ipi(uint32_t apic_id, uint32_t vector);
void lapic_send_nmi_all_others(void);

void ioapic_init(void);
/* An ISA IRQ (or, from 16, a GSI) as GSI, trigger and polarity; -1: none. */
int ioapic_resolve(uint32_t irq, uint32_t *gsi, bool *level, bool *active_low);
/* Routes gsi to vector on the boot CPU. */
void ioapic_route(uint32_t gsi, uint8_t vector, bool level, bool active_low, bool masked);
void ioapic_set_masked(uint32_t gsi, bool masked);
void pic_disable(void);
