// SPDX-License-Identifier: MIT
/*
 * The architecture's part of a thread switch and of thread creation: FPU
 * state, FS base, the kernel stack for traps and syscalls, the address
 * space, and the initial stack layout the start stubs expect.
 */
#pragma once

#include <stdint.h>
#include <thread.h>

void switch_context(uint64_t *save_rsp, uint64_t new_rsp);
/* Loads next's per-thread CPU state; called just before switch_context. */
void arch_thread_switch(thread_t *prev, thread_t *next);
/* Builds the first switch frame of a new kernel or user thread. */
void arch_thread_init_kernel(thread_t *t);
void arch_thread_init_user(thread_t *t, const trap_frame_t *frame);
/* A clean FPU image (captured at boot) for new threads. */
void arch_fpu_init_state(uint8_t *state);
void arch_fpu_boot_init(void);          /* per CPU: enable SSE, capture the image */
