// SPDX-License-Identifier: MIT
/*
 * What the line editor's tests share: a small terminal model, and a
 * driver that feeds keys to the editing core and its output to the model.
 *
 * The model interprets what the editor sends — characters (UTF-8; U+0300-U+036F
 * combine, CJK ideographs are two columns), CR, LF, BS, BEL, and the CSI
 * sequences A B C D H J K with one number — on a screen `width` columns
 * wide, and wraps in either of the two ways terminals do: xterm-like
 * (after the last column the cursor waits there until the next character)
 * or eagerly (the cursor moves to the next row at once). Tests compare
 * term_screen() with the text they expect and the cursor with where it
 * should be: if the editor's idea of the layout is wrong, one of them
 * differs. The driver keeps everything the core sent in `log` too.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "user/sh/edit_core.h"

/* Keys as a terminal sends them. */
#define K_UP     "\x1b[A"
#define K_DOWN   "\x1b[B"
#define K_RIGHT  "\x1b[C"
#define K_LEFT   "\x1b[D"
#define K_HOME   "\x1b[H"
#define K_END    "\x1b[F"
#define K_DELETE "\x1b[3~"
#define K_BS     "\177"
#define C_A "\001"
#define C_B "\002"
#define C_C "\003"
#define C_D "\004"
#define C_E "\005"
#define C_F "\006"
#define C_H "\010"
#define C_K "\013"
#define C_L "\014"
#define C_N "\016"
#define C_P "\020"
#define C_U "\025"
#define C_W "\027"
#define C_Y "\031"

#define TERM_ROWS 48
#define TERM_COLS 160

typedef struct term {
	int width;
	bool eager;             /* wraps as soon as the last column is written */
	int row, col;
	bool pending;           /* xterm's wrap-pending state */
	int bells;
	int esc_len;
	char esc[32];           /* an escape sequence being received */
	int utf_need, utf_len;
	char utf[5];
	char cell[TERM_ROWS][TERM_COLS][8]; /* "" is blank, "\x01" the right half of a wide glyph */
	char screen[TERM_ROWS * (TERM_COLS * 4 + 1) + 1];
} term_t;

static inline void term_init(term_t *t, int width, bool eager)
{
	memset(t, 0, sizeof *t);
	t->width = width;
	t->eager = eager;
}

static inline void term_down(term_t *t)
{
	if (t->row + 1 < TERM_ROWS) {
		t->row++;
		return;
	}
	memmove(t->cell[0], t->cell[1], sizeof t->cell - sizeof t->cell[0]);
	memset(t->cell[TERM_ROWS - 1], 0, sizeof t->cell[0]);
}

static inline int term_cp_width(uint32_t cp)
{
	if (cp >= 0x300 && cp <= 0x36f)
		return 0;
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 2;
	return 1;
}

static inline void term_put(term_t *t, const char *bytes, int w)
{
	if (w == 0) {
		int c = t->col > 0 && !t->pending ? t->col - 1 : t->col;
		char *cell = t->cell[t->row][c];
		size_t have = strlen(cell), add = strlen(bytes);
		if (have + add < sizeof t->cell[0][0]) {
			memcpy(cell + have, bytes, add);
			cell[have + add] = '\0';
		}
		return;
	}
	if (t->pending) {
		t->pending = false;
		t->col = 0;
		term_down(t);
	}
	if (t->col + w > t->width) {
		t->col = 0;
		term_down(t);
	}
	snprintf(t->cell[t->row][t->col], 8, "%s", bytes);
	if (w == 2)
		snprintf(t->cell[t->row][t->col + 1], 8, "\x01");
	t->col += w;
	if (t->col >= t->width) {
		if (t->eager) {
			t->col = 0;
			term_down(t);
		} else {
			t->col = t->width - 1;
			t->pending = true;
		}
	}
}

static inline void term_clear_cells(term_t *t, int row, int from)
{
	for (int c = from; c < TERM_COLS; c++)
		t->cell[row][c][0] = '\0';
}

static inline void term_csi(term_t *t)
{
	char final = t->esc[t->esc_len - 1];
	int n = atoi(t->esc + 2);
	int move = n > 0 ? n : 1;

	t->pending = false;
	switch (final) {
	case 'A': t->row = t->row - move < 0 ? 0 : t->row - move; break;
	case 'B': t->row = t->row + move >= TERM_ROWS ? TERM_ROWS - 1 : t->row + move; break;
	case 'C': t->col = t->col + move >= t->width ? t->width - 1 : t->col + move; break;
	case 'D': t->col = t->col - move < 0 ? 0 : t->col - move; break;
	case 'H': t->row = t->col = 0; break;
	case 'K': term_clear_cells(t, t->row, t->col); break;
	case 'J':
		if (n == 2) {
			memset(t->cell, 0, sizeof t->cell);
			break;
		}
		term_clear_cells(t, t->row, t->col);
		for (int r = t->row + 1; r < TERM_ROWS; r++)
			term_clear_cells(t, r, 0);
		break;
	}
}

static inline void term_control(term_t *t, char ch)
{
	switch (ch) {
	case '\r': t->col = 0; t->pending = false; break;
	case '\n': term_down(t); t->pending = false; break;
	case '\b': if (t->col > 0) t->col--; t->pending = false; break;
	case '\a': t->bells++; break;
	case 0x1b: t->esc_len = 1; t->esc[0] = ch; break;
	}
}

static inline void term_byte(term_t *t, unsigned char b)
{
	if (t->esc_len > 0) {
		if (t->esc_len < (int)sizeof t->esc - 1)
			t->esc[t->esc_len++] = (char)b;
		t->esc[t->esc_len] = '\0';
		if (t->esc[1] == ']') {
			/* OSC (a window title): ends with BEL or ESC \ */
			if (b == '\a' || (b == '\\' && t->esc[t->esc_len - 2] == 0x1b))
				t->esc_len = 0;
		} else if (t->esc_len == 2 && b != '[') {
			t->esc_len = 0; /* ESC x: ignored */
		} else if (t->esc_len > 2 && b >= 0x40 && b <= 0x7e) {
			term_csi(t);
			t->esc_len = 0;
		}
		return;
	}
	if (t->utf_need > 0 && (b & 0xc0) == 0x80) {
		t->utf[t->utf_len++] = (char)b;
		if (--t->utf_need == 0) {
			t->utf[t->utf_len] = '\0';
			const unsigned char *u = (const unsigned char *)t->utf;
			uint32_t cp = t->utf_len == 2 ? (u[0] & 0x1fu) << 6 | (u[1] & 0x3f)
				    : t->utf_len == 3 ? (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3f)
				    : (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 | (u[2] & 0x3fu) << 6 | (u[3] & 0x3f);
			term_put(t, t->utf, term_cp_width(cp));
		}
		return;
	}
	t->utf_need = 0;
	if (b < 0x20 || b == 0x7f) {
		term_control(t, (char)b);
	} else if (b < 0x80) {
		char s[2] = { (char)b, 0 };
		term_put(t, s, 1);
	} else {
		t->utf_need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
		t->utf_len = 1;
		t->utf[0] = (char)b;
	}
}

static inline void term_feed(term_t *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		term_byte(t, (unsigned char)s[i]);
}

/* The screen's rows, trailing blanks and blank rows at the bottom dropped, joined by '\n'. */
static inline const char *term_screen(term_t *t)
{
	char *p = t->screen, *end = t->screen;

	for (int r = 0; r < TERM_ROWS; r++) {
		if (r > 0)
			*p++ = '\n';
		char *row = p;
		for (int c = 0; c < t->width; c++) {
			const char *s = t->cell[r][c];
			if (s[0] == '\x01')
				continue;
			p += sprintf(p, "%s", s[0] ? s : " ");
		}
		while (p > row && p[-1] == ' ')
			p--;
		if (p > row)
			end = p;
	}
	*end = '\0';
	return t->screen;
}

/* --- the driver ---------------------------------------------------------- */

typedef struct drive {
	edit_core_t c;
	edit_hist_t h;
	term_t t;
	edit_buf_t log;         /* everything the core sent */
	int result;
} drive_t;

static inline void drive_flush(drive_t *d)
{
	term_feed(&d->t, d->c.out.data, d->c.out.len);
	edit_buf_put(&d->log, d->c.out.data ? d->c.out.data : "", d->c.out.len);
	d->c.out.len = 0;
}

static inline drive_t *drive_new_opts(const char *prompt, int width, bool eager,
				      const char *const *hist)
{
	drive_t *d = calloc(1, sizeof *d);
	term_init(&d->t, width, eager);
	for (int i = 0; hist && hist[i]; i++)
		edit_hist_add(&d->h, hist[i]);
	edit_core_init(&d->c, prompt, width, &d->h, NULL);
	edit_core_start(&d->c);
	drive_flush(d);
	return d;
}

static inline drive_t *drive_new(const char *prompt, int width)
{
	return drive_new_opts(prompt, width, false, NULL);
}

static inline int drive_keys(drive_t *d, const char *keys)
{
	d->result = EDIT_CORE_MORE;
	for (const char *p = keys; *p; p++) {
		d->result = edit_core_feed(&d->c, (unsigned char)*p);
		drive_flush(d);
	}
	return d->result;
}

static inline void drive_free(drive_t *d)
{
	edit_core_free(&d->c);
	edit_hist_free(&d->h);
	edit_buf_free(&d->log);
	free(d);
}

static inline const char *drive_line(drive_t *d)
{
	return d->c.line.data;
}

#define CHECK_CURSOR(d, want_row, want_col)                       \
	do {                                                      \
		CHECK(!(d)->t.pending);                           \
		CHECK_EQ((d)->t.row, (want_row));                 \
		CHECK_EQ((d)->t.col, (want_col));                 \
	} while (0)
