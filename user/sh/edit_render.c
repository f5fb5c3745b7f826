// SPDX-License-Identifier: MIT
/*
 * Drawing the prompt and the line on a terminal `width` columns wide.
 *
 * The layout is computed, never read back from the terminal: walking the
 * prompt and then the line glyph by glyph gives each one a (row, col)
 * counted from the prompt's first row. A glyph that does not fit in what
 * is left of a row starts the next one, as terminals wrap. After the last
 * column is written a terminal either waits to wrap until the next
 * character (xterm, the Linux console) or wraps at once; writing " \r"
 * there leaves both on column 0 of the next row, so the layout knows
 * where the cursor is either way.
 *
 * A full redraw goes up to the prompt's first row (the editor remembers
 * which row the cursor is on), clears to the end of the screen, writes
 * prompt and line, and moves the cursor back to its place with relative
 * moves only. Cursor motion and typing at the end of the line (the common
 * case, and all of it when a script is piped into the console) do not
 * redraw: they send a cursor move or the character itself.
 *
 * Widths: ASCII 1, control characters 2 (shown ^X), bytes that are not
 * UTF-8 and C1 controls 1 (shown '?'), combining marks 0, East Asian wide
 * characters and emoji 2 — a small table here rather than wcwidth, which
 * depends on a locale the shell need not have set. In the prompt, escape
 * sequences (colours, window titles) take no room and '\n' starts a row.
 */
#include "edit_core.h"

#include <string.h>

typedef struct render_pos {
	int row, col;
} render_pos_t;

typedef struct render_range {
	uint32_t lo, hi;
} render_range_t;

static const render_range_t render_zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x0610, 0x061a },
	{ 0x064b, 0x065f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f },
	{ 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
};

static const render_range_t render_wide[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe30, 0xfe4f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static bool render_in(const render_range_t *r, size_t n, uint32_t cp)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

static int render_cp_width(uint32_t cp)
{
	if (render_in(render_zero, sizeof render_zero / sizeof *render_zero, cp))
		return 0;
	if (render_in(render_wide, sizeof render_wide / sizeof *render_wide, cp))
		return 2;
	return 1;
}

/* Length of the well-formed UTF-8 character at s (lead byte >= 0x80), or 0. */
static size_t render_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v, min;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, v = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, v = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, v = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int edit_glyph(const char *str, size_t n, size_t *bytes, edit_buf_t *show)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;

	*bytes = 1;
	if (s[0] < 0x20 || s[0] == 0x7f) {
		char caret[2] = { '^', (char)(s[0] ^ 0x40) };
		if (show)
			edit_buf_put(show, caret, 2);
		return 2;
	}
	if (s[0] < 0x80) {
		if (show)
			edit_buf_put(show, s, 1);
		return 1;
	}
	size_t len = render_utf8(s, n, &cp);
	if (len == 0 || cp < 0xa0) {
		/* Not UTF-8, or a C1 control a terminal might obey: show '?'. */
		*bytes = len ? len : 1;
		if (show)
			edit_buf_puts(show, "?");
		return 1;
	}
	*bytes = len;
	if (show)
		edit_buf_put(show, s, len);
	return render_cp_width(cp);
}

int edit_text_width(const char *s, size_t n)
{
	int w = 0;
	size_t step;

	for (size_t i = 0; i < n; i += step)
		w += edit_glyph(s + i, n - i, &step, NULL);
	return w;
}

/* Places a glyph w columns wide: on the next row if it does not fit. */
static void render_advance(render_pos_t *p, int w, int width)
{
	if (w > 0 && p->col + w > width) {
		p->row++;
		p->col = 0;
	}
	p->col += w;
}

/* Bytes of the escape sequence at s (s[0] is ESC): CSI, OSC or ESC x. */
static size_t render_escape_len(const char *s)
{
	size_t i = 1;

	if (s[i] == '[') {
		for (i++; s[i] && !(s[i] >= 0x40 && s[i] <= 0x7e); i++)
			;
		return s[i] ? i + 1 : i;
	}
	if (s[i] == ']') {
		for (i++; s[i] && s[i] != '\a' && !(s[i] == 0x1b && s[i + 1] == '\\'); i++)
			;
		if (s[i] == '\a')
			return i + 1;
		return s[i] ? i + 2 : i;
	}
	return s[i] ? 2 : 1;
}

/* Lays the prompt out from p; appends what to send to show unless NULL. */
static void render_prompt(const edit_core_t *c, render_pos_t *p, edit_buf_t *show)
{
	const char *s = c->prompt;
	size_t n = strlen(s), step;

	for (size_t i = 0; i < n; i += step) {
		unsigned char b = (unsigned char)s[i];
		step = 1;
		if (b == 0x1b)
			step = render_escape_len(s + i);
		if (b == '\n') {
			p->row++;
			p->col = 0;
			if (show)
				edit_buf_puts(show, "\r\n");
		} else if (b < 0x20 || b == 0x7f) {
			if (show) /* escapes, bells: sent as they are, no room taken */
				edit_buf_put(show, s + i, step);
		} else {
			render_advance(p, edit_glyph(s + i, n - i, &step, show), c->width);
		}
	}
}

/* Lays line[from, to) out from p, appending what to send to show unless NULL. */
static void render_text(const edit_core_t *c, size_t from, size_t to, render_pos_t *p,
			edit_buf_t *show)
{
	size_t step;

	for (size_t i = from; i < to; i += step)
		render_advance(p, edit_glyph(c->line.data + i, c->line.len - i, &step, show),
			       c->width);
}

/* Where the glyph at byte offset `at` is drawn: where the cursor shows for `at`. */
static render_pos_t render_cursor(const edit_core_t *c, size_t at)
{
	render_pos_t p = { 0, 0 };
	int next = 1;
	size_t step;

	render_prompt(c, &p, NULL);
	render_text(c, 0, at, &p, NULL);
	if (at < c->line.len) {
		next = edit_glyph(c->line.data + at, c->line.len - at, &step, NULL);
		if (next < 1)
			next = 1;
	}
	if (p.col + next > c->width) {
		p.row++;
		p.col = 0;
	}
	return p;
}

/* From the end of what was just drawn at `end`, to the cursor. */
static void render_place(edit_core_t *c, render_pos_t end)
{
	if (end.col >= c->width) {
		edit_buf_puts(&c->out, " \r");
		end.row++;
		end.col = 0;
	}
	c->cur_row = end.row;
	c->cur_col = end.col;
	edit_render_move(c, c->pos);
}

void edit_render_start(edit_core_t *c)
{
	render_pos_t p = { 0, 0 };

	c->cur_row = c->cur_col = 0;
	render_prompt(c, &p, &c->out);
	render_text(c, 0, c->line.len, &p, &c->out);
	render_place(c, p);
}

void edit_render_refresh(edit_core_t *c)
{
	if (c->cur_row > 0)
		edit_buf_csi(&c->out, c->cur_row, 'A');
	edit_buf_puts(&c->out, "\r\x1b[J");
	edit_render_start(c);
}

void edit_render_move(edit_core_t *c, size_t to)
{
	render_pos_t cur = render_cursor(c, to);

	c->pos = to;
	if (cur.row == c->cur_row && cur.col == c->cur_col)
		return;
	if (cur.row < c->cur_row)
		edit_buf_csi(&c->out, c->cur_row - cur.row, 'A');
	else if (cur.row > c->cur_row)
		edit_buf_csi(&c->out, cur.row - c->cur_row, 'B');
	edit_buf_puts(&c->out, "\r");
	if (cur.col > 0)
		edit_buf_csi(&c->out, cur.col, 'C');
	c->cur_row = cur.row;
	c->cur_col = cur.col;
}

bool edit_render_append(edit_core_t *c, size_t at)
{
	render_pos_t p = { 0, 0 };
	size_t step;

	if (c->pos != c->line.len)
		return false;
	render_prompt(c, &p, NULL);
	render_text(c, 0, at, &p, NULL);
	if (p.col >= c->width) { /* a full row: " \r" left the cursor below it */
		p.row++;
		p.col = 0;
	}
	int w = edit_text_width(c->line.data + at, c->line.len - at);
	/* Only if the terminal's cursor is there and the text fits in the row. */
	if (p.row != c->cur_row || p.col != c->cur_col || p.col + w > c->width)
		return false;
	for (size_t i = at; i < c->line.len; i += step)
		edit_glyph(c->line.data + i, c->line.len - i, &step, &c->out);
	p.col += w;
	if (p.col == c->width) {
		edit_buf_puts(&c->out, " \r");
		p.row++;
		p.col = 0;
	}
	c->cur_row = p.row;
	c->cur_col = p.col;
	return true;
}

void edit_render_finish(edit_core_t *c, const char *mark)
{
	render_pos_t end = { 0, 0 };

	edit_render_move(c, c->line.len);
	render_prompt(c, &end, NULL);
	render_text(c, 0, c->line.len, &end, NULL);
	edit_buf_puts(&c->out, mark);
	/* A line that fills its last row exactly already left the cursor on a fresh row. */
	if (*mark || end.col < c->width)
		edit_buf_puts(&c->out, "\r\n");
}
