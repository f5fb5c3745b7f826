// SPDX-License-Identifier: MIT
/*
 * The renderer (render.h). Each update first applies the full-screen
 * scrolls the terminal counted (vt_scroll_take): the pixel rows move up
 * with one memmove and the shadow copy of the cells moves with them, the
 * rows that opened up marked as unknown. Then every cell is compared
 * with its shadow and the ones that differ are drawn. The comparison
 * makes the result right whatever happened in between — partial-region
 * scrolls, the alternate screen, resets — the scroll step only saves
 * drawing.
 *
 * A cell's look: bold brightens the eight basic colours (as the Linux
 * console does), reverse swaps foreground and background, and the
 * cursor is drawn as a reversed cell (VT_ATTR_CURSOR in the shadow).
 */
#include "render.h"

#include "font.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define RENDER_UNKNOWN 0xffffffffu      /* a shadow cell whose pixels are unknown */
#define RENDER_UNDERLINE_ROW 13

static const uint32_t render_vga[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
	0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

uint32_t render_palette_rgb(unsigned i)
{
	static const uint8_t level[6] = { 0, 95, 135, 175, 215, 255 };

	if (i < 16)
		return render_vga[i];
	if (i < 232) {
		i -= 16;
		return (uint32_t)level[i / 36] << 16 | (uint32_t)level[i / 6 % 6] << 8 | level[i % 6];
	}
	uint32_t g = 8 + 10 * (i - 232);
	return g << 16 | g << 8 | g;
}

/* 0xRRGGBB in the framebuffer's layout (channels cut to their sizes). */
static uint32_t render_pixel(const render_fb_t *fb, uint32_t rgb)
{
	uint32_t r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	return (r >> (8 - fb->red_size)) << fb->red_pos |
	       (g >> (8 - fb->green_size)) << fb->green_pos |
	       (b >> (8 - fb->blue_size)) << fb->blue_pos;
}

void render_size(const render_fb_t *fb, int *cols, int *rows)
{
	*cols = (int)(fb->width / FONT_W);
	*rows = (int)(fb->height / FONT_H);
}

static bool render_fb_valid(const render_fb_t *fb)
{
	const uint8_t sizes[3] = { fb->red_size, fb->green_size, fb->blue_size };
	const uint8_t pos[3] = { fb->red_pos, fb->green_pos, fb->blue_pos };

	if (!fb->base || (fb->bpp != 24 && fb->bpp != 32) || !fb->width || !fb->height ||
	    fb->pitch < fb->width * (fb->bpp / 8))
		return false;
	for (int i = 0; i < 3; i++)
		if (sizes[i] < 1 || sizes[i] > 8 || pos[i] + sizes[i] > fb->bpp)
			return false;
	return true;
}

static void render_clear(render_t *r, uint32_t pixel)
{
	for (uint32_t y = 0; y < r->fb.height; y++) {
		uint8_t *line = r->fb.base + (size_t)y * r->fb.pitch;
		for (uint32_t x = 0; x < r->fb.width; x++) {
			if (r->fb.bpp == 32) {
				((uint32_t *)line)[x] = pixel;
			} else {
				line[3 * x] = (uint8_t)pixel;
				line[3 * x + 1] = (uint8_t)(pixel >> 8);
				line[3 * x + 2] = (uint8_t)(pixel >> 16);
			}
		}
	}
}

static void render_invalidate(render_t *r, int first_row, int count)
{
	for (size_t i = (size_t)first_row * (size_t)r->cols;
	     i < (size_t)(first_row + count) * (size_t)r->cols; i++)
		r->shadow[i].ch = RENDER_UNKNOWN;
}

int render_init(render_t *r, const render_fb_t *fb, int cols, int rows)
{
	int max_cols, max_rows;

	memset(r, 0, sizeof(*r));
	if (!render_fb_valid(fb))
		return -EINVAL;
	render_size(fb, &max_cols, &max_rows);
	if (cols < 1 || rows < 1 || cols > max_cols || rows > max_rows)
		return -EINVAL;
	r->shadow = calloc((size_t)cols * (size_t)rows, sizeof(vt_cell_t));
	if (!r->shadow)
		return -ENOMEM;
	r->fb = *fb;
	r->cols = cols;
	r->rows = rows;
	for (unsigned i = 0; i < 256; i++)
		r->palette[i] = render_pixel(fb, render_palette_rgb(i));
	render_clear(r, r->palette[VT_DEFAULT_BG]);
	render_invalidate(r, 0, rows);
	return 0;
}

void render_free(render_t *r)
{
	free(r->shadow);
	r->shadow = NULL;
}

static void render_put(uint8_t *p, uint32_t bpp, uint32_t pixel)
{
	if (bpp == 32) {
		*(uint32_t *)p = pixel;
	} else {
		p[0] = (uint8_t)pixel;
		p[1] = (uint8_t)(pixel >> 8);
		p[2] = (uint8_t)(pixel >> 16);
	}
}

static void render_cell(render_t *r, int x, int y, const vt_cell_t *c)
{
	unsigned fg = c->fg, bg = c->bg;
	uint32_t bytes = r->fb.bpp / 8;

	if ((c->attr & VT_ATTR_BOLD) && fg < 8)
		fg += 8;
	if (!(c->attr & VT_ATTR_REVERSE) != !(c->attr & VT_ATTR_CURSOR)) {
		unsigned t = fg;
		fg = bg;
		bg = t;
	}
	const uint8_t *glyph = font_glyph(c->ch);
	uint8_t *line = r->fb.base + (size_t)y * FONT_H * r->fb.pitch + (size_t)x * FONT_W * bytes;
	for (int row = 0; row < FONT_H; row++, line += r->fb.pitch) {
		unsigned bits = glyph[row];
		if (row == RENDER_UNDERLINE_ROW && (c->attr & VT_ATTR_UNDERLINE))
			bits = 0xff;
		for (int col = 0; col < FONT_W; col++)
			render_put(line + (size_t)col * bytes, r->fb.bpp,
				   r->palette[(bits & (0x80u >> col)) ? fg : bg]);
	}
}

/* Moves the pixels and the shadow up by n text rows (0 < n < rows). */
static void render_scroll(render_t *r, int n)
{
	size_t row_bytes = (size_t)r->fb.pitch * FONT_H;

	memmove(r->fb.base, r->fb.base + row_bytes * (size_t)n, row_bytes * (size_t)(r->rows - n));
	memmove(r->shadow, r->shadow + (size_t)n * (size_t)r->cols,
		(size_t)(r->rows - n) * (size_t)r->cols * sizeof(vt_cell_t));
	render_invalidate(r, r->rows - n, n);
}

void render_update(render_t *r, vt_t *vt)
{
	int n = vt_scroll_take(vt);
	int cols = vt->cols < r->cols ? vt->cols : r->cols;
	int rows = vt->rows < r->rows ? vt->rows : r->rows;

	if (n >= r->rows)
		render_invalidate(r, 0, r->rows);
	else if (n > 0)
		render_scroll(r, n);
	for (int y = 0; y < rows; y++) {
		for (int x = 0; x < cols; x++) {
			vt_cell_t c = *vt_cell(vt, x, y);
			vt_cell_t *s = &r->shadow[(size_t)y * (size_t)r->cols + (size_t)x];
			if (vt->cursor_visible && x == vt->x && y == vt->y)
				c.attr |= VT_ATTR_CURSOR;
			if (memcmp(&c, s, sizeof(c)) != 0) {
				render_cell(r, x, y, &c);
				*s = c;
			}
		}
	}
}
