// SPDX-License-Identifier: MIT
/*
 * Tests for drivers/seriald: the 16550 programming against a simulated
 * UART that behaves as QEMU's does where it matters (switching the FIFOs
 * on or off empties them; THRE stays clear while a burst is going out),
 * and the command-line options.
 */
#include "unit.h"

#include <drivers/seriald/options.h>
#include <drivers/seriald/uart.h>

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#define BASE 0x3f8

typedef struct {
	uint8_t rx[64];                 /* bytes received, not yet read */
	bool rx_break[64];
	int rx_head, rx_tail;
	bool fifo_on, absent, tx_busy;
	uint8_t ier, mcr;
	uint8_t tx[256];                /* bytes transmitted */
	int ntx;
	int fcr_writes;
} fake_uart_t;

static void fake_receive(fake_uart_t *f, const char *s, bool brk)
{
	for (; *s; s++) {
		f->rx_break[f->rx_tail % 64] = brk;
		f->rx[f->rx_tail++ % 64] = (uint8_t)*s;
	}
}

static uint8_t fake_in(void *ctx, uint16_t port)
{
	fake_uart_t *f = ctx;
	bool data = f->rx_head != f->rx_tail;

	if (f->absent)
		return 0xff;
	switch (port - BASE) {
	case UART_DATA:
		return data ? f->rx[f->rx_head++ % 64] : 0;
	case UART_IER:
		return f->ier;
	case UART_IIR:
		return (uint8_t)((f->fifo_on ? 0xc0 : 0) | 0x01);
	case UART_MCR:
		return f->mcr;
	case UART_LSR:
		return (uint8_t)((data ? UART_LSR_DATA : 0) |
				 (data && f->rx_break[f->rx_head % 64] ? UART_LSR_BREAK : 0) |
				 (f->tx_busy ? 0 : UART_LSR_THR_EMPTY));
	default:
		return 0;
	}
}

static void fake_out(void *ctx, uint16_t port, uint8_t v)
{
	fake_uart_t *f = ctx;

	switch (port - BASE) {
	case UART_DATA:
		if (f->ntx < (int)sizeof(f->tx))
			f->tx[f->ntx++] = v;
		break;
	case UART_IER:
		f->ier = v;
		break;
	case UART_FCR:
		f->fcr_writes++;
		if ((bool)(v & 1) != f->fifo_on)
			f->rx_head = f->rx_tail;        /* switching the FIFOs empties them */
		f->fifo_on = v & 1;
		break;
	case UART_MCR:
		f->mcr = v;
		break;
	}
}

static uart_t fake_uart(fake_uart_t *f)
{
	return (uart_t){ .io = { fake_in, fake_out, f }, .base = BASE };
}

TEST(uart_init_hands_back_bytes_that_were_waiting)
{
	fake_uart_t f = { .fifo_on = true };
	uart_t u = fake_uart(&f);
	uint8_t early[16];
	size_t n;

	fake_receive(&f, "ls\r", false);
	CHECK_EQ(uart_init(&u, early, sizeof(early), &n), 0);
	CHECK_EQ(n, 3);
	CHECK_EQ(memcmp(early, "ls\r", 3), 0);
	CHECK_EQ(f.ier, UART_IER_RX);
	CHECK_EQ(f.mcr & (UART_MCR_OUT2 | UART_MCR_DTR_RTS), UART_MCR_OUT2 | UART_MCR_DTR_RTS);
	CHECK(u.fifo);
}

TEST(uart_init_leaves_fifos_that_are_on_alone)
{
	fake_uart_t f = { .fifo_on = true, .mcr = 0x0b };
	uart_t u = fake_uart(&f);
	uint8_t early[4];
	size_t n;

	CHECK_EQ(uart_init(&u, early, sizeof(early), &n), 0);
	CHECK_EQ(f.fcr_writes, 0);
	CHECK_EQ(f.mcr, 0x0b);
}

TEST(uart_init_leaves_fifos_that_are_off_off_and_keeps_the_byte)
{
	fake_uart_t f = { 0 };
	uart_t u = fake_uart(&f);
	uint8_t early[16];
	size_t n;

	fake_receive(&f, "x", false);
	CHECK_EQ(uart_init(&u, early, sizeof(early), &n), 0);
	CHECK_EQ(n, 1);
	CHECK_EQ(early[0], 'x');
	CHECK_EQ(f.fcr_writes, 0);              /* switching FIFOs on would clear them */
	CHECK(!u.fifo);
	CHECK_EQ(f.ier, UART_IER_RX);
}

TEST(uart_init_reports_a_missing_uart)
{
	fake_uart_t f = { .absent = true };
	uart_t u = fake_uart(&f);
	uint8_t early[4];
	size_t n;

	CHECK_EQ(uart_init(&u, early, sizeof(early), &n), -ENODEV);
	CHECK_EQ(n, 0);
}

TEST(uart_rx_reads_up_to_max_and_drops_breaks)
{
	fake_uart_t f = { .fifo_on = true };
	uart_t u = fake_uart(&f);
	uint8_t buf[4];

	fake_receive(&f, "ab", false);
	f.rx_break[f.rx_tail % 64] = true;
	f.rx[f.rx_tail++ % 64] = 0;             /* a break arrives as a NUL */
	fake_receive(&f, "cdefg", false);
	CHECK_EQ(uart_rx(&u, buf, sizeof(buf)), 4);
	CHECK_EQ(memcmp(buf, "abcd", 4), 0);
	CHECK_EQ(uart_rx(&u, buf, sizeof(buf)), 3);
	CHECK_EQ(memcmp(buf, "efg", 3), 0);
	CHECK_EQ(uart_rx(&u, buf, sizeof(buf)), 0);
}

TEST(uart_tx_waits_for_an_empty_transmitter_and_sends_bursts)
{
	fake_uart_t f = { .fifo_on = true };
	uart_t u = fake_uart(&f);
	const uint8_t *text = (const uint8_t *)"0123456789abcdefghij";

	u.fifo = true;
	f.tx_busy = true;
	CHECK_EQ(uart_tx(&u, text, 20), 0);
	CHECK_EQ(f.ntx, 0);
	f.tx_busy = false;
	CHECK_EQ(uart_tx(&u, text, 20), UART_TX_BURST);
	CHECK_EQ(uart_tx(&u, text + UART_TX_BURST, 20 - UART_TX_BURST), 5);
	CHECK_EQ(f.ntx, 20);
	CHECK_EQ(memcmp(f.tx, text, 20), 0);
	u.fifo = false;
	CHECK_EQ(uart_tx(&u, text, 20), 1);     /* a 16450: one byte at a time */
}

/* --- options ---------------------------------------------------------------------- */

static int parse(seriald_options_t *o, char *err, const char *const *args)
{
	char *argv[16] = { "seriald" };
	int argc = 1;

	for (; *args; args++)
		argv[argc++] = (char *)*args;
	return seriald_options_parse(argc, argv, o, err, 128);
}

#define PARSE(o, err, ...) parse(o, err, (const char *const[]){ __VA_ARGS__, NULL })

TEST(options_default_to_com1_as_console_80x24)
{
	seriald_options_t o;
	char err[128];
	char *argv[] = { "seriald" };

	CHECK_EQ(seriald_options_parse(1, argv, &o, err, sizeof(err)), 0);
	CHECK_STR(o.name, "console");
	CHECK_EQ(o.port, 0x3f8);
	CHECK_EQ(o.irq, 4);
	CHECK_EQ(o.cols, 80);
	CHECK_EQ(o.rows, 24);
}

TEST(options_set_port_irq_name_and_size)
{
	seriald_options_t o;
	char err[128];

	CHECK_EQ(PARSE(&o, err, "-p", "0x2f8", "-i", "3", "-n", "ttyS1", "-s", "132x43"), 0);
	CHECK_EQ(o.port, 0x2f8);
	CHECK_EQ(o.irq, 3);
	CHECK_STR(o.name, "ttyS1");
	CHECK_EQ(o.cols, 132);
	CHECK_EQ(o.rows, 43);
	CHECK_EQ(PARSE(&o, err, "-p", "1016"), 0);
	CHECK_EQ(o.port, 0x3f8);
}

TEST(options_reject_bad_values_with_a_message)
{
	seriald_options_t o;
	char err[128];

	CHECK_EQ(PARSE(&o, err, "-s", "80x"), -EINVAL);
	CHECK_STR(err, "bad value for -s: 80x");
	CHECK_EQ(PARSE(&o, err, "-s", "1x24"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-s", "80*24"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-p", "0x10000"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-i", "256"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-i", "4a"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-n", "a/b"), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-n", ""), -EINVAL);
	CHECK_EQ(PARSE(&o, err, "-x", "1"), -EINVAL);
	CHECK_STR(err, "unknown option or missing value: -x");
	CHECK_EQ(PARSE(&o, err, "-p"), -EINVAL);
	CHECK_STR(err, "unknown option or missing value: -p");
}
