// SPDX-License-Identifier: MIT
/* TEMPORARY: replaced by the real signal code in this same change. */
#include <proc.h>
#include <panic.h>

void signal_deliver(trap_frame_t *frame)
{
	(void)frame;
}

void signal_raise_fault(trap_frame_t *frame, int sig)
{
	(void)sig;
	panic_trap(frame);
}
