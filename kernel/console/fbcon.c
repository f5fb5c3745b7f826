// SPDX-License-Identifier: MIT
/*
 * The framebuffer text console: the built-in 8x16 font drawn into the
 * linear framebuffer GRUB set up (32 or 24 bits per pixel), a cursor that
 * wraps at the right edge, and scrolling by moving the pixel rows up. On
 * start it replays the log written so far, so the screen shows the whole
 * boot. Called only by the log, under its lock. A display driver that
 * maps the framebuffer (memory:phys) takes it over: the kernel stops
 * drawing until the driver lets go, then redraws its log.
 */
#include <console.h>

#include <log.h>
#include <mm.h>
#include <string.h>

#define GLYPH_W 8
#define GLYPH_H 16
#define FBCON_FG 0xc0c0c0
#define FBCON_BG 0x000000

extern const uint8_t font8x16_glyphs[96][16];

/* Guarded by the log lock (fbcon_write is only called by the log). */
static struct {
	uint32_t user_holders;          /* display drivers that took it */
	bool present;                   /* fbcon_init succeeded */
	uint8_t *base;
	uint32_t pitch, width, height, bytes_pp;
	uint32_t cols, rows, col, row;
	uint32_t fg, bg;
	bool active;
} fbcon;

bool fbcon_active(void)
{
	return fbcon.active;
}

static uint32_t fbcon_color(const boot_framebuffer_t *fb, uint32_t rgb)
{
	uint32_t r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	if (fb->type != 1)      /* not direct RGB: assume the usual order */
		return rgb;
	return (r >> (8 - fb->red_size)) << fb->red_pos |
	       (g >> (8 - fb->green_size)) << fb->green_pos |
	       (b >> (8 - fb->blue_size)) << fb->blue_pos;
}

static void fbcon_put_pixel(uint8_t *p, uint32_t color)
{
	if (fbcon.bytes_pp == 4) {
		*(volatile uint32_t *)p = color;
	} else {
		p[0] = (uint8_t)color;
		p[1] = (uint8_t)(color >> 8);
		p[2] = (uint8_t)(color >> 16);
	}
}

static void fbcon_draw_glyph(uint32_t col, uint32_t row, char c)
{
	unsigned idx = ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
			       ? (unsigned char)c - 0x20 : 0x7f - 0x20;
	const uint8_t *glyph = font8x16_glyphs[idx];
	uint8_t *line = fbcon.base + (size_t)row * GLYPH_H * fbcon.pitch +
			(size_t)col * GLYPH_W * fbcon.bytes_pp;

	for (int y = 0; y < GLYPH_H; y++, line += fbcon.pitch)
		for (int x = 0; x < GLYPH_W; x++)
			fbcon_put_pixel(line + x * fbcon.bytes_pp,
					(glyph[y] & (0x80 >> x)) ? fbcon.fg : fbcon.bg);
}

static void fbcon_clear_rows(uint32_t first, uint32_t count)
{
	for (uint32_t y = first * GLYPH_H; y < (first + count) * GLYPH_H; y++) {
		uint8_t *line = fbcon.base + (size_t)y * fbcon.pitch;
		for (uint32_t x = 0; x < fbcon.width; x++)
			fbcon_put_pixel(line + x * fbcon.bytes_pp, fbcon.bg);
	}
}

/*
 * At the bottom the screen jumps up by a third of its rows at once: moving
 * the whole framebuffer (megabytes, under the log lock) once per line
 * would make every line of output cost as much as a screenful.
 */
static void fbcon_newline(void)
{
	fbcon.col = 0;
	if (++fbcon.row < fbcon.rows)
		return;
	uint32_t jump = fbcon.rows / 3 ? fbcon.rows / 3 : 1;
	size_t row_bytes = (size_t)fbcon.pitch * GLYPH_H;
	memmove(fbcon.base, fbcon.base + row_bytes * jump, row_bytes * (fbcon.rows - jump));
	fbcon.row = fbcon.rows - jump;
	fbcon_clear_rows(fbcon.row, jump);
}

static void fbcon_putc(char c)
{
	switch (c) {
	case '\n':
		fbcon_newline();
		return;
	case '\r':
		fbcon.col = 0;
		return;
	case '\t':
		fbcon.col = (fbcon.col + 8) & ~7u;
		if (fbcon.col >= fbcon.cols)
			fbcon_newline();
		return;
	}
	if (fbcon.col >= fbcon.cols)
		fbcon_newline();
	fbcon_draw_glyph(fbcon.col++, fbcon.row, c);
}

static void fbcon_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fbcon_putc(s[i]);
}

void fbcon_write(const char *s, size_t n)
{
	if (fbcon.active)
		fbcon_put(s, n);
}

#define FBCON_REPLAY_MAX 16384

static void fbcon_replay_log(void)
{
	char *buf = kmalloc(FBCON_REPLAY_MAX);

	if (!buf)
		return;
	fbcon_put(buf, klog_read_ring(buf, FBCON_REPLAY_MAX));
	kfree(buf);
}

typedef struct fbcon_handover {
	bool to_user;
	const char *log;
	size_t log_len;
} fbcon_handover_t;

/* Under the log lock, so no line is drawn half before and half after. */
static void fbcon_hand_over_locked(void *arg)
{
	fbcon_handover_t *h = arg;

	if (!fbcon.present)
		return;
	if (h->to_user) {
		fbcon.user_holders++;
		fbcon.active = false;
		return;
	}
	if (fbcon.user_holders && --fbcon.user_holders == 0 && h->log) {
		fbcon.col = fbcon.row = 0;
		fbcon_clear_rows(0, fbcon.rows);
		fbcon_put(h->log, h->log_len);
		fbcon.active = true;
	}
}

void fbcon_hand_over(bool to_user)
{
	fbcon_handover_t h = { .to_user = to_user };
	char *buf = to_user ? NULL : kmalloc(FBCON_REPLAY_MAX);

	if (buf) {
		h.log = buf;
		h.log_len = klog_read_ring(buf, FBCON_REPLAY_MAX);
	}
	klog_locked_call(fbcon_hand_over_locked, &h);
	kfree(buf);
}

bool fbcon_init(const boot_framebuffer_t *fb)
{
	if ((fb->bpp != 32 && fb->bpp != 24) || fb->width < GLYPH_W || fb->height < GLYPH_H)
		return false;
	fbcon.base = vmm_map_phys(fb->addr, (size_t)fb->pitch * fb->height,
				  VM_WRITE | VM_WRITE_COMBINE);
	fbcon.pitch = fb->pitch;
	fbcon.width = fb->width;
	fbcon.height = fb->height;
	fbcon.bytes_pp = fb->bpp / 8;
	fbcon.cols = fb->width / GLYPH_W;
	fbcon.rows = fb->height / GLYPH_H;
	fbcon.fg = fbcon_color(fb, FBCON_FG);
	fbcon.bg = fbcon_color(fb, FBCON_BG);
	fbcon_clear_rows(0, fbcon.rows);
	fbcon_replay_log();
	fbcon.active = true;
	fbcon.present = true;
	klog("fbcon: %ux%u, %u bpp, %ux%u text", fb->width, fb->height, fb->bpp,
	     fbcon.cols, fbcon.rows);
	return true;
}
