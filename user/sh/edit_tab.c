// SPDX-License-Identifier: MIT
/*
 * Tab: completing the word before the cursor, in the line.
 *
 * complete.h finds the word and its candidates; this file decides what
 * the line gets. One candidate: its untyped rest, quoted for where the
 * cursor is, then '/' for a directory or (closing an open quote first) a
 * space. Several: their longest common prefix, if that adds anything;
 * when it does not and the previous key was Tab too, the candidates are
 * listed in columns under the line (sorted down the columns, as ls does)
 * and the prompt and line are drawn again below the list. No candidate,
 * or nothing to add on a first Tab: the terminal bell.
 */
#include "complete.h"
#include "edit_core.h"

#include <stdlib.h>
#include <string.h>

static void tab_bell(edit_core_t *c)
{
	edit_buf_puts(&c->out, "\a");
}

/* Inserts name[from, to) quoted as the word's open quote requires. */
static void tab_insert(edit_core_t *c, const complete_word_t *w, const char *name,
		       size_t from, size_t to)
{
	edit_buf_t text = { 0 };

	complete_quote(&text, name + from, to - from, w->quote);
	edit_core_insert(c, text.data, text.len);
	edit_buf_free(&text);
}

static void tab_unique(edit_core_t *c, const complete_word_t *w, const complete_list_t *l)
{
	const complete_item_t *it = &l->items[0];
	char end[3] = { 0 };

	tab_insert(c, w, it->name, l->typed, strlen(it->name));
	if (it->dir) {
		end[0] = '/';
	} else {
		char *p = end;
		if (w->quote)
			*p++ = w->quote;
		if (c->pos == c->line.len || c->line.data[c->pos] != ' ')
			*p++ = ' ';
	}
	edit_core_insert(c, end, strlen(end));
}

/* Shows name safely (control characters as ^X); returns its width. */
static int tab_show(edit_buf_t *out, const complete_item_t *it)
{
	size_t n = strlen(it->name), step;
	int w = 0;

	for (size_t i = 0; i < n; i += step)
		w += edit_glyph(it->name + i, n - i, &step, out);
	if (it->dir) {
		edit_buf_puts(out, "/");
		w++;
	}
	return w;
}

static void tab_list(edit_core_t *c, const complete_list_t *l)
{
	int widest = 0;
	for (size_t i = 0; i < l->count; i++) {
		int w = edit_text_width(l->items[i].name, strlen(l->items[i].name)) + l->items[i].dir;
		if (w > widest)
			widest = w;
	}
	size_t colw = (size_t)widest + 2;
	size_t cols = ((size_t)c->width + 2) / colw;
	if (cols < 1)
		cols = 1;
	size_t rows = (l->count + cols - 1) / cols;

	size_t pos = c->pos;
	edit_render_finish(c, "");
	for (size_t r = 0; r < rows; r++) {
		for (size_t k = 0; k < cols; k++) {
			size_t i = k * rows + r;
			if (i >= l->count)
				break;
			int w = tab_show(&c->out, &l->items[i]);
			if (k + 1 < cols && i + rows < l->count)
				for (size_t pad = (size_t)w; pad < colw; pad++)
					edit_buf_puts(&c->out, " ");
		}
		edit_buf_puts(&c->out, "\r\n");
	}
	c->pos = pos;
	edit_render_start(c);
}

void edit_tab(edit_core_t *c)
{
	complete_word_t w;
	complete_list_t l;

	if (!complete_word_find(c->line.data ? c->line.data : "", c->pos, &w)) {
		tab_bell(c);
		return;
	}
	if (!complete_candidates(&w, c->words, getenv("PATH"), &l)) {
		complete_word_free(&w);
		tab_bell(c);
		return;
	}
	size_t common = complete_common(&l);
	if (l.count == 1)
		tab_unique(c, &w, &l);
	else if (l.count > 1 && common > l.typed)
		tab_insert(c, &w, l.items[0].name, l.typed, common);
	else if (l.count > 1 && c->last_tab)
		tab_list(c, &l);
	else
		tab_bell(c);
	complete_list_free(&l);
	complete_word_free(&w);
}
