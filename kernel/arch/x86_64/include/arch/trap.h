// SPDX-License-Identifier: MIT
/*
 * The saved state of an interrupted context, as traps.S lays it out:
 * general registers (pushed by the stub), vector and error code, then the
 * CPU's own interrupt frame.
 */
#pragma once

#include <stdint.h>

typedef struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
} trap_frame_t;
_Static_assert(sizeof(trap_frame_t) == 22 * 8, "traps.S pushes exactly this");
_Static_assert(__builtin_offsetof(trap_frame_t, rbp) == 8 * 8, "traps.S reloads rbp from here");

/* Vectors above the exceptions. */
#define VEC_IRQ_BASE     0x20   /* IOAPIC lines 0..23 land at 0x20.. */
#define VEC_MSI_BASE     0x40   /* irq:msi vectors 0x40..0x7f */
#define VEC_MSI_COUNT    64
#define VEC_TIMER        0xf0
#define VEC_IPI_HALT     0xf1
#define VEC_IPI_RESCHED  0xf2
#define VEC_IPI_TLB      0xf3
#define VEC_SPURIOUS     0xff

typedef void (*trap_handler_t)(trap_frame_t *frame);

void trap_init(void);
void trap_set_handler(unsigned vector, trap_handler_t handler);
void trap_dispatch(trap_frame_t *frame);
const char *trap_exception_name(unsigned vector);
void trap_return_to_user(trap_frame_t *frame);
