// SPDX-License-Identifier: MIT
/*
 * The line editor's pure core: bytes in, bytes out.
 *
 * Nothing here reads, writes or touches the terminal mode. The key decoder
 * (edit_keys.c) turns input bytes into keys; the core (edit_core.c) applies
 * a key to the line, the cursor and the history browse position, and
 * appends what the terminal must be sent to `out`; the renderer
 * (edit_render.c) lays prompt and line out on a terminal `width` columns
 * wide, with soft wrapping, and produces the escape sequences that redraw
 * it; edit_tab.c does Tab with complete.h. edit.c is the only part that
 * talks to a terminal: it feeds read bytes in and writes `out` out. The
 * unit tests drive the core directly and check `out` against a terminal
 * model.
 *
 * The line is a byte string, normally UTF-8; the cursor is a byte offset
 * that always sits on a glyph boundary. Control characters show as ^X,
 * bytes that are not UTF-8 as '?'.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EDIT_HISTORY_MAX 500

/* A growable byte string, kept NUL-terminated once it has storage. */
typedef struct edit_buf {
	char *data;
	size_t len, cap;
} edit_buf_t;

/* The mutators return false when memory ran out (the buffer is unchanged). */
bool edit_buf_insert(edit_buf_t *b, size_t at, const void *p, size_t n);
bool edit_buf_put(edit_buf_t *b, const void *p, size_t n);
bool edit_buf_puts(edit_buf_t *b, const char *s);
bool edit_buf_set(edit_buf_t *b, const char *s, size_t n);
void edit_buf_erase(edit_buf_t *b, size_t at, size_t n);
void edit_buf_free(edit_buf_t *b);
/* "ESC [ n X": a cursor movement or other CSI with one number. */
void edit_buf_csi(edit_buf_t *b, int n, char final);

/* --- keys (edit_keys.c) ---------------------------------------------- */

typedef enum edit_key_kind {
	EDIT_KEY_NONE,          /* byte consumed, no key yet (or a swallowed one) */
	EDIT_KEY_INSERT,        /* text[0..len): one UTF-8 character or one stray byte */
	EDIT_KEY_ENTER,
	EDIT_KEY_INTERRUPT,     /* ^C */
	EDIT_KEY_EOF_OR_DELETE, /* ^D */
	EDIT_KEY_LEFT,
	EDIT_KEY_RIGHT,
	EDIT_KEY_WORD_LEFT,     /* Alt-b, Ctrl-Left */
	EDIT_KEY_WORD_RIGHT,    /* Alt-f, Ctrl-Right */
	EDIT_KEY_HOME,
	EDIT_KEY_END,
	EDIT_KEY_UP,
	EDIT_KEY_DOWN,
	EDIT_KEY_BACKSPACE,
	EDIT_KEY_DELETE,
	EDIT_KEY_KILL_END,      /* ^K */
	EDIT_KEY_KILL_START,    /* ^U */
	EDIT_KEY_KILL_WORD,     /* ^W: the blank-separated word before the cursor */
	EDIT_KEY_KILL_WORD_FWD, /* Alt-d */
	EDIT_KEY_YANK,          /* ^Y */
	EDIT_KEY_CLEAR,         /* ^L */
	EDIT_KEY_TAB,
} edit_key_kind_t;

typedef struct edit_key {
	edit_key_kind_t kind;
	int len;
	unsigned char text[4];
} edit_key_t;

/* Decoder state between bytes: inside an escape sequence or a UTF-8 character. */
typedef struct edit_keys {
	int state;
	int nparam;             /* parameter bytes seen in a CSI sequence */
	char param[16];         /* the first of them, NUL-terminated */
	int need;               /* UTF-8 continuation bytes still expected */
	int len;
	unsigned char utf[4];
} edit_keys_t;

void edit_keys_init(edit_keys_t *k);
edit_key_t edit_keys_feed(edit_keys_t *k, unsigned char byte);

/* --- history (edit_hist.c) ------------------------------------------- */

typedef struct edit_hist {
	char **lines;           /* oldest first */
	int count;
} edit_hist_t;

/* Skips empty lines and a repeat of the newest entry; drops the oldest past EDIT_HISTORY_MAX. */
void edit_hist_add(edit_hist_t *h, const char *line);
void edit_hist_free(edit_hist_t *h);

/* --- the core (edit_core.c) ------------------------------------------ */

enum {
	EDIT_CORE_MORE,         /* keep feeding */
	EDIT_CORE_LINE,         /* Enter: edit_core_take gives the line */
	EDIT_CORE_EOF,          /* ^D on an empty line */
	EDIT_CORE_INTERRUPT,    /* ^C: the line was abandoned */
};

typedef struct edit_core {
	edit_buf_t line;
	size_t pos;             /* cursor, a byte offset into line */
	const char *prompt;
	int width;              /* terminal columns, >= 1 */
	int cur_row, cur_col;   /* where the terminal's cursor is, from the prompt's start */
	edit_keys_t keys;
	edit_hist_t *hist;      /* may be NULL */
	int hist_index;         /* entry shown; hist->count for the line being edited */
	char *hist_saved;       /* the line being edited, while an entry is shown */
	const char *const *words; /* command words for Tab, may be NULL */
	edit_buf_t kill;        /* the last killed text, for ^Y */
	bool last_tab;          /* the previous key was Tab: a second one lists */
	edit_buf_t out;         /* bytes for the terminal, emptied by the caller */
} edit_core_t;

void edit_core_init(edit_core_t *c, const char *prompt, int width, edit_hist_t *hist,
		    const char *const *words);
/* Draws the prompt (and the line, if any) from the terminal's current position. */
void edit_core_start(edit_core_t *c);
int edit_core_feed(edit_core_t *c, unsigned char byte);
int edit_core_key(edit_core_t *c, const edit_key_t *key);
/* The terminal now has `width` columns: redraw. */
void edit_core_resize(edit_core_t *c, int width);
/* The line as a malloc'd string (NULL if out of memory). */
char *edit_core_take(edit_core_t *c);
void edit_core_free(edit_core_t *c);

/* Helpers the core shares with edit_tab.c. */
size_t edit_core_next(const edit_core_t *c, size_t at);
size_t edit_core_prev(const edit_core_t *c, size_t at);
void edit_core_insert(edit_core_t *c, const char *text, size_t n);

/* --- display (edit_render.c) ----------------------------------------- */

/*
 * The glyph at s[0..n): sets *bytes to its length in s and returns its
 * width in columns (0 for combining marks, 2 for wide characters and ^X,
 * 1 for others); when show is not NULL, appends what the terminal is sent
 * for it (the character, "^X", or "?" for a byte that is not UTF-8).
 */
int edit_glyph(const char *s, size_t n, size_t *bytes, edit_buf_t *show);
/* Width of a whole string shown the same way. */
int edit_text_width(const char *s, size_t n);

/* Full redraw: back to the prompt's first row, clear below, draw, place the cursor. */
void edit_render_refresh(edit_core_t *c);
/* First draw of prompt and line, from where the terminal cursor is. */
void edit_render_start(edit_core_t *c);
/* Moves the terminal cursor to byte offset `to` and makes it the cursor. */
void edit_render_move(edit_core_t *c, size_t to);
/*
 * Text was just inserted at `at` and the cursor is after it at the end of
 * the line: sends it, if that needs no redraw (it fits on the row), and
 * returns true; else false.
 */
bool edit_render_append(edit_core_t *c, size_t at);
/* Leaves the line: cursor after its end, then on a fresh row. */
void edit_render_finish(edit_core_t *c, const char *mark);

/* --- the terminal side (edit.c) ------------------------------------- */

/* The fallback when raw mode cannot be set: prompt, then bytes up to '\n'. */
char *edit_read_plain(int in_fd, int out_fd, const char *prompt);

/* --- Tab (edit_tab.c) ------------------------------------------------ */

void edit_tab(edit_core_t *c);
