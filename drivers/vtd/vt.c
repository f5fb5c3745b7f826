// SPDX-License-Identifier: MIT
/*
 * The terminal's screen operations: what a printable character, a line
 * feed or an erase does to the grid of cells (vt.h describes the whole
 * emulator; vt_parse.c decides which of these a byte sequence means).
 *
 * Coordinates are 0-based here; the cursor is always inside the screen,
 * and every operation clamps its counts, so no sequence of bytes can make
 * one reach outside the cell arrays. Erased cells take the current
 * background colour, as xterm does ("background colour erase"), which is
 * how `clear` after a colour change paints the whole screen.
 */
#include "vt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int vt_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static vt_cell_t vt_blank(const vt_t *vt)
{
	return (vt_cell_t){ .ch = ' ', .fg = vt->pen.fg, .bg = vt->pen.bg };
}

static vt_cell_t *vt_row(vt_t *vt, int y)
{
	return &vt->screen[(size_t)y * (size_t)vt->cols];
}

/* Blanks cells [x0, x1) of row y. */
static void vt_blank_span(vt_t *vt, int y, int x0, int x1)
{
	vt_cell_t b = vt_blank(vt), *row = vt_row(vt, y);

	for (int x = x0; x < x1; x++)
		row[x] = b;
}

static void vt_blank_rows(vt_t *vt, int y0, int y1)
{
	for (int y = y0; y < y1; y++)
		vt_blank_span(vt, y, 0, vt->cols);
}

static void vt_fill_blank(vt_t *vt, vt_cell_t *cells)
{
	vt_cell_t b = { .ch = ' ', .fg = VT_DEFAULT_FG, .bg = VT_DEFAULT_BG };

	for (size_t i = 0; i < (size_t)vt->cols * (size_t)vt->rows; i++)
		cells[i] = b;
}

void vt_reset(vt_t *vt)
{
	vt->screen = vt->main;
	vt->on_alt = false;
	vt->pen = (vt_cell_t){ .ch = ' ', .fg = VT_DEFAULT_FG, .bg = VT_DEFAULT_BG };
	vt_fill_blank(vt, vt->main);
	vt_fill_blank(vt, vt->alt);
	for (int x = 0; x < vt->cols; x++)
		vt->tabs[x] = x % 8 == 0 && x;
	vt->x = vt->y = 0;
	vt->wrap_pending = false;
	vt->last_ch = 0;
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vt->autowrap = vt->cursor_visible = true;
	vt->origin = vt->insert = vt->app_keypad = false;
	__atomic_store_n(&vt->app_cursor, 0, __ATOMIC_RELAXED);
	vt->charset[0] = vt->charset[1] = 'B';
	vt->gl = 0;
	vt->state = VT_GROUND;
	vt->utf8_left = 0;
	vt_save_cursor(vt);
	vt->saved_alt = vt->saved;
	vt->scrolled = vt->rows;        /* everything changed */
}

int vt_init(vt_t *vt, int cols, int rows)
{
	memset(vt, 0, sizeof(*vt));
	if (cols < 2 || rows < 2 || cols > VT_COLS_MAX || rows > VT_ROWS_MAX)
		return -EINVAL;
	size_t n = (size_t)cols * (size_t)rows;
	vt->main = calloc(n, sizeof(vt_cell_t));
	vt->alt = calloc(n, sizeof(vt_cell_t));
	vt->tabs = calloc((size_t)cols, 1);
	if (!vt->main || !vt->alt || !vt->tabs) {
		vt_free(vt);
		return -ENOMEM;
	}
	vt->cols = cols;
	vt->rows = rows;
	vt_reset(vt);
	return 0;
}

void vt_free(vt_t *vt)
{
	free(vt->main);
	free(vt->alt);
	free(vt->tabs);
	vt->main = vt->alt = vt->screen = NULL;
	vt->tabs = NULL;
}

int vt_scroll_take(vt_t *vt)
{
	int n = vt->scrolled;

	vt->scrolled = 0;
	return n;
}

size_t vt_reply_take(vt_t *vt, char *out, size_t max)
{
	size_t n = vt->reply_len < max ? vt->reply_len : max;

	memcpy(out, vt->reply, n);
	memmove(vt->reply, vt->reply + n, vt->reply_len - n);
	vt->reply_len -= n;
	return n;
}

void vt_reply(vt_t *vt, const char *s)
{
	size_t n = strlen(s);

	if (n <= sizeof(vt->reply) - vt->reply_len) {    /* else the program asked too often */
		memcpy(vt->reply + vt->reply_len, s, n);
		vt->reply_len += n;
	}
}

bool vt_app_cursor(const vt_t *vt)
{
	return __atomic_load_n(&vt->app_cursor, __ATOMIC_RELAXED) != 0;
}

/* --- scrolling ----------------------------------------------------------- */

/* Moves rows [top, bottom] up by n, blanking the n rows that open at the bottom. */
static void vt_region_up(vt_t *vt, int top, int bottom, int n)
{
	int height = bottom - top + 1;

	n = vt_clamp(n, 0, height);
	if (!n)
		return;
	memmove(vt_row(vt, top), vt_row(vt, top + n),
		(size_t)(height - n) * (size_t)vt->cols * sizeof(vt_cell_t));
	vt_blank_rows(vt, bottom - n + 1, bottom + 1);
	if (top == 0 && bottom == vt->rows - 1)
		vt->scrolled = vt_clamp(vt->scrolled + n, 0, vt->rows);
}

static void vt_region_down(vt_t *vt, int top, int bottom, int n)
{
	int height = bottom - top + 1;

	n = vt_clamp(n, 0, height);
	if (!n)
		return;
	memmove(vt_row(vt, top + n), vt_row(vt, top),
		(size_t)(height - n) * (size_t)vt->cols * sizeof(vt_cell_t));
	vt_blank_rows(vt, top, top + n);
}

void vt_scroll_up(vt_t *vt, int n)
{
	vt_region_up(vt, vt->top, vt->bottom, n);
}

void vt_scroll_down(vt_t *vt, int n)
{
	vt_region_down(vt, vt->top, vt->bottom, n);
}

void vt_index(vt_t *vt)
{
	vt->wrap_pending = false;
	if (vt->y == vt->bottom)
		vt_region_up(vt, vt->top, vt->bottom, 1);
	else if (vt->y < vt->rows - 1)
		vt->y++;
}

void vt_reverse_index(vt_t *vt)
{
	vt->wrap_pending = false;
	if (vt->y == vt->top)
		vt_region_down(vt, vt->top, vt->bottom, 1);
	else if (vt->y > 0)
		vt->y--;
}

/* --- characters ---------------------------------------------------------- */

void vt_put(vt_t *vt, uint32_t ch)
{
	if (vt->wrap_pending && vt->autowrap) {
		vt->x = 0;
		vt_index(vt);
	}
	vt->wrap_pending = false;
	if (vt->insert)
		vt_insert_chars(vt, 1);
	vt_cell_t *c = &vt_row(vt, vt->y)[vt->x];
	*c = vt->pen;
	c->ch = ch;
	vt->last_ch = ch;
	if (vt->x < vt->cols - 1)
		vt->x++;
	else
		vt->wrap_pending = vt->autowrap;
}

void vt_backspace(vt_t *vt)
{
	vt->wrap_pending = false;
	if (vt->x > 0)
		vt->x--;
}

void vt_carriage_return(vt_t *vt)
{
	vt->wrap_pending = false;
	vt->x = 0;
}

void vt_tab(vt_t *vt, int n)
{
	vt->wrap_pending = false;
	for (; n > 0 && vt->x < vt->cols - 1; n--)
		while (++vt->x < vt->cols - 1 && !vt->tabs[vt->x])
			;
	for (; n < 0 && vt->x > 0; n++)
		while (--vt->x > 0 && !vt->tabs[vt->x])
			;
}

void vt_tab_set(vt_t *vt)
{
	vt->tabs[vt->x] = 1;
}

void vt_tab_clear(vt_t *vt, int how)
{
	if (how == 0)
		vt->tabs[vt->x] = 0;
	else if (how == 3)
		memset(vt->tabs, 0, (size_t)vt->cols);
}

/* --- cursor -------------------------------------------------------------- */

void vt_move_to(vt_t *vt, int x, int y)
{
	int top = vt->origin ? vt->top : 0, bottom = vt->origin ? vt->bottom : vt->rows - 1;

	vt->wrap_pending = false;
	vt->x = vt_clamp(x, 0, vt->cols - 1);
	vt->y = vt_clamp(y + top, top, bottom);
}

/*
 * Up and down stop at the scroll margins when the cursor starts inside
 * them (VT100 CUU/CUD), else at the screen's edge.
 */
void vt_move_by(vt_t *vt, int dx, int dy)
{
	int top = vt->y >= vt->top ? vt->top : 0;
	int bottom = vt->y <= vt->bottom ? vt->bottom : vt->rows - 1;

	vt->wrap_pending = false;
	vt->x = vt_clamp(vt->x + dx, 0, vt->cols - 1);
	vt->y = vt_clamp(vt->y + dy, top, bottom);
}

void vt_save_cursor(vt_t *vt)
{
	vt_saved_t *s = vt->on_alt ? &vt->saved_alt : &vt->saved;

	*s = (vt_saved_t){ .x = vt->x, .y = vt->y, .pen = vt->pen, .origin = vt->origin,
			   .charset = { vt->charset[0], vt->charset[1] }, .gl = vt->gl };
}

void vt_restore_cursor(vt_t *vt)
{
	const vt_saved_t *s = vt->on_alt ? &vt->saved_alt : &vt->saved;

	vt->x = vt_clamp(s->x, 0, vt->cols - 1);
	vt->y = vt_clamp(s->y, 0, vt->rows - 1);
	vt->pen = s->pen;
	vt->origin = s->origin;
	vt->charset[0] = s->charset[0];
	vt->charset[1] = s->charset[1];
	vt->gl = s->gl;
	vt->wrap_pending = false;
}

void vt_set_region(vt_t *vt, int top, int bottom)
{
	if (top < 1)
		top = 1;
	if (bottom < 1 || bottom > vt->rows)
		bottom = vt->rows;
	if (top >= bottom)
		return;                 /* VT100 ignores an empty or inverted region */
	vt->top = top - 1;
	vt->bottom = bottom - 1;
	vt_move_to(vt, 0, 0);
}

void vt_set_alt_screen(vt_t *vt, bool on, bool clear)
{
	if (on == vt->on_alt)
		return;
	vt->on_alt = on;
	vt->screen = on ? vt->alt : vt->main;
	if (clear)
		vt_blank_rows(vt, 0, vt->rows);
	vt->scrolled = vt->rows;        /* every cell may differ */
}

/* --- erasing, inserting, deleting ------------------------------------------ */

void vt_erase_display(vt_t *vt, int how)
{
	vt->wrap_pending = false;
	if (how == 0) {
		vt_blank_span(vt, vt->y, vt->x, vt->cols);
		vt_blank_rows(vt, vt->y + 1, vt->rows);
	} else if (how == 1) {
		vt_blank_rows(vt, 0, vt->y);
		vt_blank_span(vt, vt->y, 0, vt->x + 1);
	} else if (how == 2 || how == 3) {
		vt_blank_rows(vt, 0, vt->rows);
	}
}

void vt_erase_line(vt_t *vt, int how)
{
	vt->wrap_pending = false;
	if (how == 0)
		vt_blank_span(vt, vt->y, vt->x, vt->cols);
	else if (how == 1)
		vt_blank_span(vt, vt->y, 0, vt->x + 1);
	else if (how == 2)
		vt_blank_span(vt, vt->y, 0, vt->cols);
}

void vt_erase_chars(vt_t *vt, int n)
{
	vt->wrap_pending = false;
	vt_blank_span(vt, vt->y, vt->x, vt_clamp(vt->x + n, vt->x, vt->cols));
}

void vt_insert_chars(vt_t *vt, int n)
{
	vt_cell_t *row = vt_row(vt, vt->y);

	n = vt_clamp(n, 0, vt->cols - vt->x);
	memmove(&row[vt->x + n], &row[vt->x], (size_t)(vt->cols - vt->x - n) * sizeof(vt_cell_t));
	vt_blank_span(vt, vt->y, vt->x, vt->x + n);
}

void vt_delete_chars(vt_t *vt, int n)
{
	vt_cell_t *row = vt_row(vt, vt->y);

	vt->wrap_pending = false;
	n = vt_clamp(n, 0, vt->cols - vt->x);
	memmove(&row[vt->x], &row[vt->x + n], (size_t)(vt->cols - vt->x - n) * sizeof(vt_cell_t));
	vt_blank_span(vt, vt->y, vt->cols - n, vt->cols);
}

/* IL and DL work inside the scroll region, from the cursor's row down. */
void vt_insert_lines(vt_t *vt, int n)
{
	if (vt->y < vt->top || vt->y > vt->bottom)
		return;
	vt_region_down(vt, vt->y, vt->bottom, n);
	vt->x = 0;
	vt->wrap_pending = false;
}

void vt_delete_lines(vt_t *vt, int n)
{
	if (vt->y < vt->top || vt->y > vt->bottom)
		return;
	vt_region_up(vt, vt->y, vt->bottom, n);
	vt->x = 0;
	vt->wrap_pending = false;
}
