// SPDX-License-Identifier: MIT
/*
 * Stopping the kernel with a report. panic() and trap reports print on
 * every console: what happened, the registers when there is a trap frame,
 * and a backtrace symbolized from the kernel's own symbol table; then the
 * other CPUs are stopped and, in test mode, QEMU exits with a failure.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);

__attribute__((noreturn))
void panic_trap(struct trap_frame *frame);

/*
 * Prints "  #n  0xADDR  function+0xoff" lines walking frame pointers from
 * rbp. rip_is_return: rip is a return address (name the call's function).
 */
void backtrace_print(uint64_t rip, uint64_t rbp, bool rip_is_return);

/* The symbol for addr ("?" when unknown) and the offset into it. */
const char *ksym_name(uint64_t addr, uint64_t *offset);

#define ASSERT(cond)                                                        \
	do {                                                                \
		if (!(cond))                                                \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, \
			      __LINE__);                                    \
	} while (0)

/* Claims the panic report for this CPU; false if another report is on. */
bool panic_begin(void);
