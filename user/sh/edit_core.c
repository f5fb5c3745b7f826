// SPDX-License-Identifier: MIT
/*
 * The editing core: one key at a time applied to the line.
 *
 * Each key changes the line, the cursor or the history position and then
 * asks the renderer for the cheapest correct update: a cursor move for
 * motion, the character itself for typing at the end, a full redraw for
 * everything else. Enter, ^C and ^D on an empty line end the line and say
 * so in the return value; edit.c (or a test) then takes the line.
 *
 * History browsing (Up/Down, ^P/^N) shows entries in place of the line;
 * the line that was being edited is kept aside and comes back when Down
 * goes past the newest entry. Changes made to a shown entry last until the
 * next Up/Down — the history itself is never changed here.
 *
 * Words: ^W kills back to a blank (the shell's notion of a word); Alt-b,
 * Alt-f and Alt-d use letters and digits (and any non-ASCII byte), like
 * readline. Killed text is kept for ^Y within the line.
 */
#include "edit_core.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void edit_core_init(edit_core_t *c, const char *prompt, int width, edit_hist_t *hist,
		    const char *const *words)
{
	memset(c, 0, sizeof *c);
	c->prompt = prompt ? prompt : "";
	c->width = width > 0 ? width : 80;
	c->hist = hist;
	c->hist_index = hist ? hist->count : 0;
	c->words = words;
	edit_keys_init(&c->keys);
	edit_buf_set(&c->line, "", 0);
}

void edit_core_start(edit_core_t *c)
{
	edit_render_start(c);
}

static int core_width_at(const edit_core_t *c, size_t at)
{
	size_t step;
	return edit_glyph(c->line.data + at, c->line.len - at, &step, NULL);
}

/* The glyph after `at`, with any zero-width marks that follow it. */
size_t edit_core_next(const edit_core_t *c, size_t at)
{
	size_t step;

	if (at >= c->line.len)
		return c->line.len;
	edit_glyph(c->line.data + at, c->line.len - at, &step, NULL);
	at += step;
	while (at < c->line.len && core_width_at(c, at) == 0) {
		edit_glyph(c->line.data + at, c->line.len - at, &step, NULL);
		at += step;
	}
	return at;
}

/* Start of the single glyph that ends at `at`. */
static size_t core_glyph_before(const edit_core_t *c, size_t at)
{
	const unsigned char *s = (const unsigned char *)c->line.data;
	size_t step;

	for (size_t k = 1; k <= 4 && k <= at; k++) {
		if ((s[at - k] & 0xc0) == 0x80)
			continue;
		edit_glyph(c->line.data + at - k, c->line.len - (at - k), &step, NULL);
		if (step == k)
			return at - k;
		break;
	}
	return at - 1;
}

size_t edit_core_prev(const edit_core_t *c, size_t at)
{
	if (at == 0)
		return 0;
	do
		at = core_glyph_before(c, at);
	while (at > 0 && core_width_at(c, at) == 0);
	return at;
}

void edit_core_insert(edit_core_t *c, const char *text, size_t n)
{
	size_t at = c->pos;

	if (n == 0 || !edit_buf_insert(&c->line, at, text, n))
		return;
	c->pos += n;
	if (!edit_render_append(c, at))
		edit_render_refresh(c);
}

/* Removes [from, to) into the kill buffer (when kill) and redraws. */
static void core_cut(edit_core_t *c, size_t from, size_t to, bool kill)
{
	if (from >= to)
		return;
	if (kill)
		edit_buf_set(&c->kill, c->line.data + from, to - from);
	edit_buf_erase(&c->line, from, to - from);
	c->pos = from;
	edit_render_refresh(c);
}

static bool core_is_word(unsigned char b)
{
	return b >= 0x80 || isalnum(b);
}

static bool core_is_blank(unsigned char b)
{
	return b == ' ' || b == '\t';
}

static size_t core_word_left(const edit_core_t *c)
{
	const unsigned char *s = (const unsigned char *)c->line.data;
	size_t at = c->pos;

	while (at > 0 && !core_is_word(s[at - 1]))
		at--;
	while (at > 0 && core_is_word(s[at - 1]))
		at--;
	return at;
}

static size_t core_word_right(const edit_core_t *c)
{
	const unsigned char *s = (const unsigned char *)c->line.data;
	size_t at = c->pos;

	while (at < c->line.len && !core_is_word(s[at]))
		at++;
	while (at < c->line.len && core_is_word(s[at]))
		at++;
	return at;
}

static size_t core_blank_word_left(const edit_core_t *c)
{
	const unsigned char *s = (const unsigned char *)c->line.data;
	size_t at = c->pos;

	while (at > 0 && core_is_blank(s[at - 1]))
		at--;
	while (at > 0 && !core_is_blank(s[at - 1]))
		at--;
	return at;
}

/* Up (dir -1) or Down (dir +1) through the history. */
static void core_history(edit_core_t *c, int dir)
{
	edit_hist_t *h = c->hist;

	if (!h)
		return;
	int to = c->hist_index + dir;
	if (to < 0 || to > h->count)
		return;
	if (c->hist_index == h->count) {
		free(c->hist_saved);
		c->hist_saved = strdup(c->line.data ? c->line.data : "");
		if (!c->hist_saved)
			return;
	}
	const char *s = to == h->count ? c->hist_saved : h->lines[to];
	if (!edit_buf_set(&c->line, s, strlen(s)))
		return;
	c->hist_index = to;
	c->pos = c->line.len;
	if (to == h->count) {
		free(c->hist_saved);
		c->hist_saved = NULL;
	}
	edit_render_refresh(c);
}

/* Keys that end the line, or ^D: returns EDIT_CORE_MORE if the line goes on. */
static int core_key_end(edit_core_t *c, edit_key_kind_t kind)
{
	switch (kind) {
	case EDIT_KEY_ENTER:
		edit_render_finish(c, "");
		return EDIT_CORE_LINE;
	case EDIT_KEY_INTERRUPT:
		edit_render_finish(c, "^C");
		return EDIT_CORE_INTERRUPT;
	default: /* ^D */
		if (c->line.len == 0) {
			edit_render_finish(c, "");
			return EDIT_CORE_EOF;
		}
		core_cut(c, c->pos, edit_core_next(c, c->pos), false);
		return EDIT_CORE_MORE;
	}
}

static void core_key_edit(edit_core_t *c, const edit_key_t *key)
{
	switch (key->kind) {
	case EDIT_KEY_INSERT:
		edit_core_insert(c, (const char *)key->text, (size_t)key->len);
		break;
	case EDIT_KEY_LEFT:       edit_render_move(c, edit_core_prev(c, c->pos)); break;
	case EDIT_KEY_RIGHT:      edit_render_move(c, edit_core_next(c, c->pos)); break;
	case EDIT_KEY_WORD_LEFT:  edit_render_move(c, core_word_left(c)); break;
	case EDIT_KEY_WORD_RIGHT: edit_render_move(c, core_word_right(c)); break;
	case EDIT_KEY_HOME:       edit_render_move(c, 0); break;
	case EDIT_KEY_END:        edit_render_move(c, c->line.len); break;
	case EDIT_KEY_UP:         core_history(c, -1); break;
	case EDIT_KEY_DOWN:       core_history(c, +1); break;
	case EDIT_KEY_BACKSPACE:
		core_cut(c, edit_core_prev(c, c->pos), c->pos, false);
		break;
	case EDIT_KEY_DELETE:
		core_cut(c, c->pos, edit_core_next(c, c->pos), false);
		break;
	case EDIT_KEY_KILL_END:      core_cut(c, c->pos, c->line.len, true); break;
	case EDIT_KEY_KILL_START:    core_cut(c, 0, c->pos, true); break;
	case EDIT_KEY_KILL_WORD:     core_cut(c, core_blank_word_left(c), c->pos, true); break;
	case EDIT_KEY_KILL_WORD_FWD: core_cut(c, c->pos, core_word_right(c), true); break;
	case EDIT_KEY_YANK:
		if (c->kill.len)
			edit_core_insert(c, c->kill.data, c->kill.len);
		break;
	case EDIT_KEY_CLEAR:
		edit_buf_puts(&c->out, "\x1b[H\x1b[2J");
		edit_render_start(c);
		break;
	default:
		break;
	}
}

int edit_core_key(edit_core_t *c, const edit_key_t *key)
{
	switch (key->kind) {
	case EDIT_KEY_NONE:
		return EDIT_CORE_MORE;
	case EDIT_KEY_ENTER:
	case EDIT_KEY_INTERRUPT:
	case EDIT_KEY_EOF_OR_DELETE:
		c->last_tab = false;
		return core_key_end(c, key->kind);
	case EDIT_KEY_TAB:
		edit_tab(c); /* reads last_tab: a second Tab lists */
		c->last_tab = true;
		return EDIT_CORE_MORE;
	default:
		c->last_tab = false;
		core_key_edit(c, key);
		return EDIT_CORE_MORE;
	}
}

int edit_core_feed(edit_core_t *c, unsigned char byte)
{
	edit_key_t key = edit_keys_feed(&c->keys, byte);
	return edit_core_key(c, &key);
}

void edit_core_resize(edit_core_t *c, int width)
{
	c->width = width > 0 ? width : 80;
	edit_render_refresh(c);
}

char *edit_core_take(edit_core_t *c)
{
	return strdup(c->line.data ? c->line.data : "");
}

void edit_core_free(edit_core_t *c)
{
	edit_buf_free(&c->line);
	edit_buf_free(&c->kill);
	edit_buf_free(&c->out);
	free(c->hist_saved);
	c->hist_saved = NULL;
}
