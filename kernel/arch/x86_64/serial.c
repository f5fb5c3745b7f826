// SPDX-License-Identifier: MIT
/*
 * The 16550 UART on COM1, the kernel's first console: polled output (the
 * log must work before interrupts, and from a panic), 115200 8N1.
 */
#include <arch/cpu.h>
#include <console.h>

#define COM1 0x3f8

enum {
	UART_DATA = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3,
	UART_MCR = 4, UART_LSR = 5,
};

#define LSR_THR_EMPTY 0x20

static bool serial_present;

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);      /* divisor latch */
	outb(COM1 + UART_DATA, 1);        /* 115200 baud */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);      /* 8N1 */
	/* FCR is left alone: switching the FIFOs on empties them (in QEMU
	 * too), which would drop the byte typed-ahead input already put in
	 * the receiver before we got here; seriald reads it. */
	outb(COM1 + UART_MCR, 0x0b);
	/* A missing UART reads back 0xff. */
	serial_present = inb(COM1 + UART_LSR) != 0xff;
}

static void serial_putc(char c)
{
	for (int spins = 0; spins < 100000; spins++)
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}
