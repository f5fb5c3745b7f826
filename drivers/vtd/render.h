// SPDX-License-Identifier: MIT
/*
 * Drawing the terminal's cells into a linear framebuffer (32 or 24 bits
 * per pixel, any channel layout) with the 8x16 font. The renderer keeps
 * a copy of the cells as drawn and redraws only cells that differ, so a
 * keystroke repaints one or two cells; whole-screen scrolls move the
 * pixels up instead of redrawing every line. It works on any memory, so
 * the host tests render into a buffer and read pixels back.
 */
#pragma once

#include "vt.h"

#include <stdint.h>

typedef struct render_fb {
	uint8_t *base;
	uint32_t width, height;         /* pixels */
	uint32_t pitch;                 /* bytes from one pixel row to the next */
	uint32_t bpp;                   /* 24 or 32 */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
} render_fb_t;

typedef struct render {
	render_fb_t fb;
	int cols, rows;
	uint32_t palette[256];          /* in the framebuffer's pixel format */
	vt_cell_t *shadow;              /* cols * rows: what the pixels show */
} render_t;

/* The text size a framebuffer holds (whole 8x16 cells). */
void render_size(const render_fb_t *fb, int *cols, int *rows);
/*
 * Paints the framebuffer black and prepares to draw a cols x rows
 * terminal (at most what render_size says). 0, -EINVAL or -ENOMEM.
 */
int render_init(render_t *r, const render_fb_t *fb, int cols, int rows);
void render_free(render_t *r);
/* Brings the pixels up to date with the terminal's cells and cursor. */
void render_update(render_t *r, vt_t *vt);

/* Palette entry i as 0xRRGGBB: VGA's 16 colours, then xterm's cube and greys. */
uint32_t render_palette_rgb(unsigned i);
