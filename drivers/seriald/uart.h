// SPDX-License-Identifier: MIT
/*
 * A 16550 UART as the serial console needs it: interrupts for received
 * bytes, polled transmission. The kernel has already set the line up
 * (115200 8N1; kernel/arch/x86_64/serial.c) and keeps writing its own
 * log lines to it by polling, so uart_init changes no more than it must:
 * it turns on the receive interrupt, leaves the FIFOs as they are, and
 * never clears the receiver — bytes that arrived before the driver
 * started are handed back, not lost.
 */
#pragma once

#include "portio.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register offsets from the base port. */
#define UART_DATA 0                     /* RBR (read) / THR (write) */
#define UART_IER  1
#define UART_IIR  2                     /* read; FCR when written */
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5

#define UART_IER_RX        0x01u        /* interrupt when received data is ready */
#define UART_IIR_FIFO      0xc0u        /* both bits set: the FIFOs are on */
#define UART_MCR_DTR_RTS   0x03u
#define UART_MCR_OUT2      0x08u        /* gates the interrupt line on PCs */
#define UART_LSR_DATA      0x01u
#define UART_LSR_BREAK     0x10u
#define UART_LSR_THR_EMPTY 0x20u

#define UART_TX_BURST 15                /* one less than the FIFO: room for a kernel byte */

typedef struct uart {
	port_io_t io;
	uint16_t base;
	bool fifo;                      /* 16-byte FIFOs (a 16550A), else one byte */
} uart_t;

/*
 * Takes over the UART at base: receive interrupts on. Bytes
 * already received go to early (up to max; *nearly says how many).
 * 0, or -ENODEV when nothing answers at base.
 */
int uart_init(uart_t *u, uint8_t *early, size_t max, size_t *nearly);

/* The bytes received now (up to max); breaks are dropped. How many. */
size_t uart_rx(uart_t *u, uint8_t *buf, size_t max);

/*
 * Puts up to len bytes into the transmitter if it is empty (a burst of
 * at most UART_TX_BURST, or one without FIFOs); how many: 0 while the
 * previous burst is still going out.
 */
size_t uart_tx(uart_t *u, const uint8_t *buf, size_t len);
