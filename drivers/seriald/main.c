// SPDX-License-Identifier: MIT
/*
 * seriald: the serial console (COM1: port 0x3f8, IRQ 4) as the terminal
 * `pty:console`. It creates the terminal at the pty daemon by opening
 * `pty:master/console`, then moves bytes both ways and nothing else —
 * echo, line editing and signals are the pty daemon's line discipline.
 *
 * Two threads. The input thread waits on `irq:4`, acknowledges it, then
 * reads every byte the UART holds and writes them to the master (that
 * is the keyboard side of the terminal). Acknowledging before reading
 * means a byte that arrives after the read raises a fresh interrupt
 * instead of waiting behind a masked line. The main thread reads what
 * programs wrote to the terminal (already OPOST-processed: "\r\n") from
 * the master and feeds it to the transmitter by polling, as the kernel
 * does for its own log lines on the same UART.
 *
 * Nothing typed is lost at start: the terminal is created first while
 * the UART (and QEMU behind it) holds the input, then the bytes already
 * in the receive FIFO go first. When the master fails (the pty daemon
 * died and was restarted) the terminal is made again on the same
 * descriptor; when seriald itself is restarted it claims irq:4 again,
 * waiting while the old instance lets go.
 */
#include "../console/console_pty.h"
#include "options.h"
#include "uart.h"

#include <libscheme/libscheme.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define SERIALD_CHUNK 4096

typedef struct seriald {
	seriald_options_t opt;
	console_pty_t pty;              /* the terminal */
	int irq;
	uart_t uart;
} seriald_t;

static uint8_t seriald_inb(void *ctx, uint16_t port)
{
	(void)ctx;
	return inb(port);
}

static void seriald_outb(void *ctx, uint16_t port, uint8_t v)
{
	(void)ctx;
	outb(v, port);
}

/* --- the two directions -------------------------------------------------------------- */

static void *seriald_input(void *arg)
{
	seriald_t *d = arg;
	uint8_t buf[256];
	uint64_t count;

	for (;;) {
		size_t n = uart_rx(&d->uart, buf, sizeof(buf));
		if (n)
			console_write_all(d->pty.master, buf, n);   /* a dead terminal drops input */
		if (n == sizeof(buf))
			continue;
		if (read(d->irq, &count, sizeof(count)) < 0) {
			if (errno == EINTR)
				continue;
			console_log("irq:%u: %s; no input from now on", d->opt.irq, strerror(errno));
			return NULL;
		}
		if (write(d->irq, &count, sizeof(count)) < 0)
			console_log("irq:%u acknowledge: %s", d->opt.irq, strerror(errno));
	}
}

static void seriald_transmit(seriald_t *d, const uint8_t *p, size_t len)
{
	unsigned idle = 0;

	while (len) {
		size_t n = uart_tx(&d->uart, p, len);
		p += n;
		len -= n;
		if (n) {
			idle = 0;
		} else if (++idle < 64) {
			sched_yield();
		} else {
			console_sleep_ms(1);    /* the other end is not taking bytes */
		}
	}
}

static void seriald_output_loop(seriald_t *d)
{
	static uint8_t buf[SERIALD_CHUNK];

	for (;;) {
		ssize_t n = read(d->pty.master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			console_pty_lost(&d->pty, n < 0 ? errno : 0);
			continue;
		}
		seriald_transmit(d, buf, (size_t)n);
	}
}

/* --- start --------------------------------------------------------------------------- */

static int seriald_open_irq(unsigned irq)
{
	char url[32];

	snprintf(url, sizeof(url), "irq:%u", irq);
	for (int tries = 0;; tries++) {
		int fd = open(url, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != EBUSY || tries == 50)
			return fd < 0 ? -errno : fd;
		console_sleep_ms(100);          /* an old instance is still letting go */
	}
}

static int seriald_uart_setup(seriald_t *d)
{
	uint8_t early[64];
	size_t n;

	if (ioperm(d->opt.port, 8, 1) < 0) {
		console_log("ioperm 0x%x: %s", d->opt.port, strerror(errno));
		return -1;
	}
	d->irq = seriald_open_irq(d->opt.irq);
	if (d->irq < 0) {
		console_log("irq:%u: %s", d->opt.irq, strerror(-d->irq));
		return -1;
	}
	d->uart = (uart_t){ .io = { seriald_inb, seriald_outb, NULL }, .base = d->opt.port };
	int err = uart_init(&d->uart, early, sizeof(early), &n);
	if (err) {
		console_log("no UART at 0x%x: %s", d->opt.port, strerror(-err));
		return -1;
	}
	console_write_all(d->pty.master, early, n);
	return 0;
}

int main(int argc, char **argv)
{
	static seriald_t d;
	char err[128];
	pthread_t input;

	console_name = "seriald";
	/* A terminal that went away must not kill the driver: EIO/EPIPE are handled. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("usage: seriald [-n NAME] [-p PORT] [-i IRQ] [-s COLSxROWS]\n"
		       "  The 16550 UART at PORT (default 0x3f8) with interrupt IRQ (default 4)\n"
		       "  as the terminal pty:NAME (default console) of size COLSxROWS (80x24).\n");
		return 0;
	}
	if (seriald_options_parse(argc, argv, &d.opt, err, sizeof(err))) {
		console_log("%s", err);
		return 2;
	}
	snprintf(d.pty.master_path, sizeof(d.pty.master_path), "pty:master/%s", d.opt.name);
	d.pty.ws = (struct winsize){ .ws_row = (unsigned short)d.opt.rows,
				 .ws_col = (unsigned short)d.opt.cols };
	d.pty.master = console_pty_attach(&d.pty);
	if (d.pty.master < 0 || seriald_uart_setup(&d))
		return 1;
	if (pthread_create(&input, NULL, seriald_input, &d) != 0) {
		console_log("cannot start the input thread");
		return 1;
	}
	console_log("%s on 0x%x, irq %u, %ux%u", d.pty.master_path, d.opt.port, d.opt.irq,
		    d.opt.cols, d.opt.rows);
	scheme_ready();
	seriald_output_loop(&d);
	return 0;
}
