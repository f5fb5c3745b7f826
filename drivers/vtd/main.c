// SPDX-License-Identifier: MIT
/*
 * vtd: the framebuffer console with the PS/2 keyboard, as the terminal
 * `pty:tty1` (`pty:master/tty1` is its master end at the pty daemon).
 *
 * It maps the framebuffer the kernel describes in `sys:framebuffer`
 * (from then on the kernel's own text console stops drawing there) and
 * runs two threads. The main thread reads what programs wrote to the
 * terminal from the master, feeds it to the emulator (vt.c) and draws
 * the changes (render.c); answers to queries such as DSR go back to the
 * master as input. The keyboard thread waits on `irq:1`, reads the
 * controller (ps2.c), decodes scan codes (kbd.c) and writes the bytes to
 * the master, where the pty daemon's line discipline takes them. The
 * emulator belongs to the main thread; the keyboard reads only its
 * application-cursor flag.
 *
 * It must survive its neighbours: keys typed before it started are read
 * from the controller first; when the master fails (the pty daemon died)
 * it keeps the screen and makes the terminal again, in place (dup2 onto
 * the same descriptor, so the keyboard thread never sees a stale one);
 * and when vtd itself is killed, a new instance maps the screen, claims
 * irq:1 and makes the terminal afresh (retrying while the old instance's
 * resources are being released).
 */
#include "../console/console_pty.h"
#include "fbinfo.h"
#include "kbd.h"
#include "ps2.h"
#include "render.h"
#include "vt.h"

#include <libscheme/libscheme.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define VTD_OUT_CHUNK 16384
#define VTD_FBINFO_MAX 1024

typedef struct vtd {
	const char *name;               /* the terminal: pty:NAME */
	console_pty_t pty;              /* the terminal */
	int irq;                        /* irq:1, or -1 without a keyboard */
	vt_t vt;                        /* the main thread's */
	render_t render;
	kbd_t kbd;                      /* the keyboard thread's */
	port_io_t io;
} vtd_t;

/* --- the framebuffer ------------------------------------------------------------ */

static int vtd_fbinfo_read(const char *path, fbinfo_t *fb)
{
	char text[VTD_FBINFO_MAX];
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, text + len, sizeof(text) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	return fbinfo_parse(text, len, fb);
}

/*
 * Maps the framebuffer, write-combining where memory: offers it, else
 * write-back, else uncached (always offered, slowest). The descriptor
 * stays open for the driver's life: while it is open the kernel's text
 * console leaves the screen alone, and when vtd dies the kernel takes
 * the screen back and shows its log.
 */
static int vtd_fb_map(const fbinfo_t *info, render_fb_t *out)
{
	static const char *const caching[] = { "/wc", "/wb", "" };
	uint64_t base, len, offset;
	char url[96];
	int fd = -1;

	fbinfo_phys_range(info, &base, &len, &offset);
	for (size_t i = 0; fd < 0 && i < sizeof(caching) / sizeof(caching[0]); i++) {
		snprintf(url, sizeof(url), "memory:phys/0x%llx/0x%llx%s", (unsigned long long)base,
			 (unsigned long long)len, caching[i]);
		fd = open(url, O_RDWR | O_CLOEXEC);
	}
	if (fd < 0)
		return -errno;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		int err = -errno;
		close(fd);
		return err;
	}
	*out = (render_fb_t){ .base = (uint8_t *)p + offset, .width = info->width,
			      .height = info->height, .pitch = info->pitch, .bpp = info->bpp,
			      .red_pos = info->red_pos, .red_size = info->red_size,
			      .green_pos = info->green_pos, .green_size = info->green_size,
			      .blue_pos = info->blue_pos, .blue_size = info->blue_size };
	return 0;
}

static int vtd_screen_setup(vtd_t *d, const char *fbinfo_path)
{
	fbinfo_t info;
	render_fb_t fb;
	int cols, rows, err = vtd_fbinfo_read(fbinfo_path, &info);

	if (err) {
		console_log("%s: %s%s", fbinfo_path, strerror(-err),
			err == -ENOENT ? ": no framebuffer, nothing to do" : "");
		return err;
	}
	err = vtd_fb_map(&info, &fb);
	if (err) {
		console_log("cannot map the framebuffer at 0x%llx: %s", (unsigned long long)info.address,
			strerror(-err));
		return err;
	}
	render_size(&fb, &cols, &rows);
	if (cols > VT_COLS_MAX)
		cols = VT_COLS_MAX;
	if (rows > VT_ROWS_MAX)
		rows = VT_ROWS_MAX;
	err = vt_init(&d->vt, cols, rows);
	if (!err)
		err = render_init(&d->render, &fb, cols, rows);
	if (err) {
		console_log("%ux%u framebuffer: %s", info.width, info.height, strerror(-err));
		return err;
	}
	d->pty.ws = (struct winsize){ .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols,
				  .ws_xpixel = (unsigned short)info.width,
				  .ws_ypixel = (unsigned short)info.height };
	char banner[128];
	snprintf(banner, sizeof(banner), "Tessera %s: framebuffer console, %dx%d\r\n", d->name,
		 cols, rows);
	vt_write(&d->vt, banner, strlen(banner));
	render_update(&d->render, &d->vt);
	return 0;
}

/* --- the keyboard --------------------------------------------------------------------- */

static uint8_t vtd_inb(void *ctx, uint16_t port)
{
	(void)ctx;
	return inb(port);
}

static void vtd_outb(void *ctx, uint16_t port, uint8_t v)
{
	(void)ctx;
	outb(v, port);
}

/* Decodes scan codes and sends what they type to the terminal. */
static void vtd_keys(vtd_t *d, const uint8_t *codes, size_t n)
{
	char out[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned leds = kbd_leds(&d->kbd);
		len += kbd_feed(&d->kbd, codes[i], vt_app_cursor(&d->vt), out + len);
		if (kbd_leds(&d->kbd) != leds)
			ps2_set_leds(&d->io, kbd_leds(&d->kbd));
		if (len > sizeof(out) - KBD_OUT_MAX || i + 1 == n) {
			console_write_all(d->pty.master, out, len);     /* a dead terminal drops keys */
			len = 0;
		}
	}
}

/*
 * Acknowledging before reading the controller matters: a key that
 * arrives after the read raises the line again, so it is never left
 * waiting behind a masked interrupt.
 */
static void *vtd_keyboard(void *arg)
{
	vtd_t *d = arg;
	uint8_t codes[64];
	uint64_t count;

	for (;;) {
		size_t n = ps2_read(&d->io, codes, sizeof(codes));
		vtd_keys(d, codes, n);
		if (n == sizeof(codes))
			continue;
		if (read(d->irq, &count, sizeof(count)) < 0) {
			if (errno == EINTR)
				continue;
			console_log("irq:1: %s; no keyboard from now on", strerror(errno));
			return NULL;
		}
		if (write(d->irq, &count, sizeof(count)) < 0)
			console_log("irq:1 acknowledge: %s", strerror(errno));
	}
}

static int vtd_open_irq(const char *url)
{
	for (int tries = 0;; tries++) {
		int fd = open(url, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != EBUSY || tries == 50)
			return fd < 0 ? -errno : fd;
		console_sleep_ms(100);              /* an old instance is still letting go */
	}
}

/* Takes the keyboard; 0, or -errno when there is none to take (vtd goes on without). */
static int vtd_keyboard_setup(vtd_t *d)
{
	uint8_t early[64];
	size_t n;

	d->io = (port_io_t){ vtd_inb, vtd_outb, NULL };
	kbd_init(&d->kbd);
	if (ioperm(PS2_DATA, 1, 1) < 0 || ioperm(PS2_STATUS, 1, 1) < 0)
		return -errno;
	d->irq = vtd_open_irq("irq:1");
	if (d->irq < 0)
		return d->irq;
	int r = ps2_init(&d->io, early, sizeof(early), &n);
	if (r < 0)
		return r;
	if (r & PS2_INIT_CHANGED)
		console_log("PS/2 controller: keyboard interrupt and translation turned on");
	ps2_set_leds(&d->io, kbd_leds(&d->kbd));
	vtd_keys(d, early, n);
	return 0;
}

/* --- the screen ---------------------------------------------------------------------- */

static void vtd_output_loop(vtd_t *d)
{
	static char buf[VTD_OUT_CHUNK];
	char reply[VT_REPLY_MAX];

	for (;;) {
		ssize_t n = read(d->pty.master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			console_pty_lost(&d->pty, n < 0 ? errno : 0);
			continue;
		}
		vt_write(&d->vt, buf, (size_t)n);
		render_update(&d->render, &d->vt);
		size_t len = vt_reply_take(&d->vt, reply, sizeof(reply));
		if (len)
			console_write_all(d->pty.master, reply, len);
	}
}

static void vtd_usage(FILE *f)
{
	fprintf(f, "usage: vtd [-n NAME] [-f FBINFO] [-K]\n"
		   "  The framebuffer console and PS/2 keyboard as the terminal pty:NAME.\n"
		   "  -n NAME    terminal name (default tty1: master pty:master/tty1)\n"
		   "  -f FBINFO  framebuffer description (default sys:framebuffer)\n"
		   "  -K         no keyboard: leave the PS/2 controller and irq:1 alone\n");
}

int main(int argc, char **argv)
{
	static vtd_t d = { .name = "tty1", .irq = -1 };
	const char *fbinfo_path = "sys:framebuffer";
	bool keyboard = true;
	int opt;

	console_name = "vtd";
	/* A terminal that went away must not kill the driver: EIO/EPIPE are handled. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		vtd_usage(stdout);
		return 0;
	}
	while ((opt = getopt(argc, argv, "n:f:K")) != -1) {
		if (opt == 'n')
			d.name = optarg;
		else if (opt == 'f')
			fbinfo_path = optarg;
		else if (opt == 'K')
			keyboard = false;
		else {
			vtd_usage(stderr);
			return 2;
		}
	}
	snprintf(d.pty.master_path, sizeof(d.pty.master_path), "pty:master/%s", d.name);
	int err = vtd_screen_setup(&d, fbinfo_path);
	if (err)
		return err == -ENOENT ? 0 : 1;  /* a machine without a screen is not a failure */
	d.pty.master = console_pty_attach(&d.pty);
	if (d.pty.master < 0)
		return 1;
	err = keyboard ? vtd_keyboard_setup(&d) : 0;
	if (err)
		console_log("no keyboard: %s", strerror(-err));
	pthread_t kbd_thread;
	if (keyboard && !err && pthread_create(&kbd_thread, NULL, vtd_keyboard, &d) != 0)
		console_log("cannot start the keyboard thread");
	console_log("%s: %dx%d", d.pty.master_path, d.vt.cols, d.vt.rows);
	scheme_ready();
	vtd_output_loop(&d);
	return 0;
}
