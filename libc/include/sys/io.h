// SPDX-License-Identifier: MIT
/*
 * Port I/O for drivers: ioperm asks the kernel for ports (root only);
 * inb/outb and friends then work on them directly. Same names as glibc.
 */
#pragma once

#include <stdint.h>

int ioperm(unsigned long from, unsigned long num, int turn_on);

static inline void outb(unsigned char value, unsigned short port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
	unsigned char v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
