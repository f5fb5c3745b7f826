// SPDX-License-Identifier: MIT
/*
 * The 16550 (uart.h). Switching the FIFOs on or off (FCR bit 0 changing)
 * empties them, on real chips and in QEMU, so uart_init never writes FCR:
 * with the FIFOs on it uses them, with them off it works a byte at a
 * time. That costs nothing that matters here — QEMU holds the bytes that
 * do not fit (a pasted script waits in QEMU, not in the FIFO), and
 * output is polled either way — and no byte typed before the driver
 * started can be thrown away by a reset of the receiver.
 */
#include "uart.h"

#include <errno.h>

static uint8_t uart_in(const uart_t *u, uint16_t reg)
{
	return port_in(&u->io, (uint16_t)(u->base + reg));
}

static void uart_out(const uart_t *u, uint16_t reg, uint8_t v)
{
	port_out(&u->io, (uint16_t)(u->base + reg), v);
}

size_t uart_rx(uart_t *u, uint8_t *buf, size_t max)
{
	size_t n = 0;

	/* Bounded even if the chip keeps saying "data ready" and sends breaks. */
	for (size_t reads = 0; n < max && reads < 2 * max; reads++) {
		uint8_t lsr = uart_in(u, UART_LSR);
		if (!(lsr & UART_LSR_DATA))
			break;
		uint8_t b = uart_in(u, UART_DATA);
		if (!(lsr & UART_LSR_BREAK))
			buf[n++] = b;
	}
	return n;
}

int uart_init(uart_t *u, uint8_t *early, size_t max, size_t *nearly)
{
	*nearly = 0;
	if (uart_in(u, UART_LSR) == 0xff)
		return -ENODEV;
	uart_out(u, UART_IER, 0);
	*nearly = uart_rx(u, early, max);
	u->fifo = (uart_in(u, UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO;
	uart_out(u, UART_MCR, (uint8_t)(uart_in(u, UART_MCR) | UART_MCR_DTR_RTS | UART_MCR_OUT2));
	uart_out(u, UART_IER, UART_IER_RX);
	return 0;
}

size_t uart_tx(uart_t *u, const uint8_t *buf, size_t len)
{
	size_t burst = u->fifo ? UART_TX_BURST : 1;

	if (!(uart_in(u, UART_LSR) & UART_LSR_THR_EMPTY))
		return 0;
	if (len > burst)
		len = burst;
	for (size_t i = 0; i < len; i++)
		uart_out(u, UART_DATA, buf[i]);
	return len;
}
