// SPDX-License-Identifier: MIT
/*
 * The terminal emulator of the framebuffer console: bytes a program wrote
 * go in (vt_write), a grid of character cells and a cursor come out. It
 * is pure logic — no drawing, no system calls — so the host tests feed it
 * bytes and look at the cells.
 *
 * It speaks the part of VT100/xterm that shells, line editors, `clear`
 * and full-screen programs such as `top` use: UTF-8 text, the C0
 * controls (CR LF BS TAB BEL ...), ESC and CSI sequences for cursor
 * movement, erasing, inserting and deleting, scroll regions, SGR colours
 * (16, 256 and direct colours mapped to the 256-colour palette), saved
 * cursors, the alternate screen and the modes xterm programs switch
 * (DECCKM, DECAWM, DECTCEM, DECOM, IRM). OSC/DCS strings are read and
 * ignored. The cursor has xterm's "pending wrap" state: a character in
 * the last column leaves the cursor there, and only the next printable
 * character wraps, which is what line editors count on.
 *
 * vt.c holds the screen operations, vt_parse.c the byte parser that
 * calls them. The renderer (render.c) reads the cells, the cursor and
 * vt_scroll_take(); the driver hands answers to queries (DSR, DA) from
 * vt_reply_take() back to the program as input. One thread uses a vt_t
 * at a time, except the mode flags the keyboard reads (vt_t.app_cursor,
 * written with atomic stores).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cell attributes (vt_cell_t.attr). */
#define VT_ATTR_BOLD      0x01u
#define VT_ATTR_UNDERLINE 0x02u
#define VT_ATTR_REVERSE   0x04u
#define VT_ATTR_CURSOR    0x80u /* used by the renderer only: the cursor is here */

/* Palette indexes (0-15 the ANSI colours, 16-255 xterm's cube and greys). */
#define VT_DEFAULT_FG 7
#define VT_DEFAULT_BG 0

#define VT_PARAMS_MAX 16
#define VT_REPLY_MAX  64
#define VT_COLS_MAX   1024
#define VT_ROWS_MAX   512

typedef struct vt_cell {
	uint32_t ch;            /* Unicode code point; ' ' when blank */
	uint8_t fg, bg;         /* palette indexes */
	uint8_t attr;           /* VT_ATTR_* */
	uint8_t pad;            /* always 0, so cells compare with memcmp */
} vt_cell_t;

_Static_assert(sizeof(vt_cell_t) == 8, "vt_cell_t is compared as bytes");

/* Cursor state that DECSC/DECRC (ESC 7 / ESC 8, CSI s / u) save. */
typedef struct vt_saved {
	int x, y;
	vt_cell_t pen;
	bool origin;
	uint8_t charset[2];
	uint8_t gl;
} vt_saved_t;

typedef enum vt_state {
	VT_GROUND, VT_ESC, VT_ESC_INTER, VT_CSI, VT_STRING, VT_STRING_ESC,
} vt_state_t;

typedef struct vt {
	int cols, rows;
	vt_cell_t *screen;      /* the cells shown: main or alt */
	vt_cell_t *main, *alt;  /* cols * rows each */
	bool on_alt;
	uint8_t *tabs;          /* 1 where a tab stop is, per column */

	/* The cursor and what new characters look like. */
	int x, y;
	bool wrap_pending;      /* a character went into the last column */
	vt_cell_t pen;          /* fg, bg, attr for new characters and erasing */
	uint32_t last_ch;       /* for REP (CSI b) */
	vt_saved_t saved, saved_alt;

	/* Scroll region, inclusive rows. */
	int top, bottom;

	/* Modes. */
	bool autowrap, origin, insert, cursor_visible, app_keypad;
	int app_cursor;         /* DECCKM: the keyboard reads it (atomic) */
	uint8_t charset[2];     /* G0, G1: 'B' ASCII or '0' DEC graphics */
	uint8_t gl;             /* which of them is in use (SI/SO) */

	/* Parser. */
	vt_state_t state;
	int params[VT_PARAMS_MAX];
	int nparams;
	bool param_started;
	char private_mark;      /* '?', '>', '=' or '<' after CSI, else 0 */
	char inter;             /* an intermediate byte (0x20-0x2f), else 0 */
	uint32_t utf8_cp;       /* code point being decoded */
	int utf8_left;          /* continuation bytes still expected */
	uint32_t utf8_min;      /* smallest valid code point of this length */

	/* For the renderer and the driver. */
	int scrolled;           /* full-screen scrolls since vt_scroll_take */
	unsigned bells;         /* BEL count */
	char reply[VT_REPLY_MAX];
	size_t reply_len;
} vt_t;

/* A blank screen of cols x rows (at most VT_COLS_MAX x VT_ROWS_MAX); 0 or -ENOMEM/-EINVAL. */
int vt_init(vt_t *vt, int cols, int rows);
void vt_free(vt_t *vt);
/* Back to the power-on state (RIS), keeping the size. */
void vt_reset(vt_t *vt);

/* Interprets bytes a program wrote. */
void vt_write(vt_t *vt, const void *buf, size_t len);

/* The cell at column x, row y of the screen shown. */
static inline const vt_cell_t *vt_cell(const vt_t *vt, int x, int y)
{
	return &vt->screen[(size_t)y * (size_t)vt->cols + (size_t)x];
}

/* Full-screen scrolls since the last call (the renderer moves pixels for them). */
int vt_scroll_take(vt_t *vt);
/* Moves the pending answers (to DSR, DA) into out; how many bytes. */
size_t vt_reply_take(vt_t *vt, char *out, size_t max);
/* Whether the keyboard should send application cursor keys (ESC O A). */
bool vt_app_cursor(const vt_t *vt);

/* --- vt.c: the screen operations the parser calls ---------------------- */

void vt_put(vt_t *vt, uint32_t ch);
void vt_index(vt_t *vt);                /* LF: down, scrolling at the bottom margin */
void vt_reverse_index(vt_t *vt);        /* RI: up, scrolling at the top margin */
void vt_backspace(vt_t *vt);
void vt_tab(vt_t *vt, int n);           /* n > 0 forward, n < 0 back */
void vt_carriage_return(vt_t *vt);
void vt_move_to(vt_t *vt, int x, int y);        /* absolute, origin mode applied */
void vt_move_by(vt_t *vt, int dx, int dy);      /* relative, stops at margins */
void vt_erase_display(vt_t *vt, int how);       /* ED 0, 1, 2 (3 as 2) */
void vt_erase_line(vt_t *vt, int how);          /* EL 0, 1, 2 */
void vt_erase_chars(vt_t *vt, int n);           /* ECH */
void vt_insert_chars(vt_t *vt, int n);          /* ICH */
void vt_delete_chars(vt_t *vt, int n);          /* DCH */
void vt_insert_lines(vt_t *vt, int n);          /* IL */
void vt_delete_lines(vt_t *vt, int n);          /* DL */
void vt_scroll_up(vt_t *vt, int n);             /* SU: the region moves up */
void vt_scroll_down(vt_t *vt, int n);           /* SD */
void vt_set_region(vt_t *vt, int top, int bottom);      /* DECSTBM, 1-based, 0 = default */
void vt_save_cursor(vt_t *vt);
void vt_restore_cursor(vt_t *vt);
void vt_set_alt_screen(vt_t *vt, bool on, bool clear);
void vt_tab_set(vt_t *vt);                      /* HTS */
void vt_tab_clear(vt_t *vt, int how);           /* TBC 0: here, 3: all */
void vt_reply(vt_t *vt, const char *s);
